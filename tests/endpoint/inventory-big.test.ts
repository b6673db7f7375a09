import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadInventory, type InventoryItem } from '../../src/endpoint/inventory';

const ROOT = path.join(__dirname, '..', '..');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'acs-big-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** write `mb` MiB produced by `chunk(i)` */
function bigFile(name: string, mb: number, chunk: (i: number) => Buffer, head = ''): string {
  const f = path.join(tmp, name);
  const fd = openSync(f, 'w');
  if (head) writeSync(fd, head);
  for (let i = 0; i < mb; i++) writeSync(fd, chunk(i));
  closeSync(fd);
  return f;
}
async function all(inputs: string[]): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  for await (const it of loadInventory(inputs)) out.push(it);
  return out;
}
const junk = (seed: number, newlines: boolean): Buffer => {
  const b = Buffer.alloc(1 << 20);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < b.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  if (!newlines) for (let i = 0; i < b.length; i++) if (b[i] === 0x0a) b[i] = 0x20;
  return b;
};

describe('a 200 MB file of junk is rejected with file (and line) in bounded time', () => {
  it('200 MB of binary junk without line breaks: one error item, not read into memory', async () => {
    const f = bigFile('junk.bin', 200, (i) => junk(i, false));
    const t0 = Date.now();
    const items = await all([f]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ok: false, source: f, error: expect.stringMatching(/too large/) });
  });
  it('200 MB that starts like JSON Lines then turns to junk: bad lines reported with numbers, file abandoned after 1000', async () => {
    const head = JSON.stringify({ name: 'first', os: { version: '10.0.22631' } }) + '\n';
    const f = bigFile('junk.jsonl', 200, (i) => junk(i, true), head);
    const t0 = Date.now();
    const items = await all([f]);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(items[0]).toMatchObject({ ok: true, profile: { name: 'first' } });
    const last = items[items.length - 1]!;
    expect(last).toMatchObject({ ok: false, source: f, error: expect.stringMatching(/more than 1000 bad lines/) });
    expect(items.length).toBe(1 + 1001);
    expect(items.slice(1).every((i) => !i.ok && typeof i.line === 'number')).toBe(true);
  });
  it('a 200 MB single line after a valid first line: reported once as too long, memory bounded', () => {
    const head = JSON.stringify({ name: 'first', os: { version: '10.0.22631' } }) + '\n{"name":"';
    const g = bigFile('longline.jsonl', 200, () => Buffer.alloc(1 << 20, 0x61), head);
    // Read it in a child whose V8 heap is capped at 64 MB: a reader that kept the 200 MB line (400 MB as a
    // JS string) would die of heap exhaustion there. RSS in this process would only measure GC timing.
    const script = `
      const { loadInventory } = require(${JSON.stringify(path.join(ROOT, 'src', 'endpoint', 'inventory.ts'))});
      (async () => {
        const out = [];
        for await (const it of loadInventory([${JSON.stringify(g)}])) out.push(it.ok ? { ok: true, name: it.profile.name } : { ok: false, line: it.line, error: it.error });
        process.stdout.write(JSON.stringify(out));
      })();`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', '-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
    });
    expect(r.stderr).not.toMatch(/heap out of memory/i);
    expect(r.status).toBe(0);
    const items = JSON.parse(r.stdout) as Array<{ ok: boolean; name?: string; line?: number; error?: string }>;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ ok: true, name: 'first' });
    expect(items[1]).toMatchObject({ ok: false, line: 2, error: expect.stringMatching(/longer than/) });
  }, 180_000);
});
