/**
 * Only regular files are read where a file is expected: FIFOs and devices are a one-line error, exit 2, at
 * once (a FIFO never blocks: the CLI runs in a child with a timeout). Inventory reading: JSON vs JSON Lines by
 * structure, UTF-8 kept despite a bad byte, flags validated strictly.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadInventory, type InventoryItem } from '../../src/endpoint/inventory';
import { INPUT_SIZE_CAPS, readRegularFile } from '../../src/cli/io';
import { run, tmpDir, TEST_ROOT } from '../cli/helpers';
import { transpileSources } from '../helpers/transpiled';

let BIN: string;
let JS: string;
const machine = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  os: { version: '10.0.19044', ubr: 1000 },
  hotfixes: [],
  rootStore: [],
  rootAutoUpdate: true,
  online: true,
  ...extra,
});

let dir: string;
let fifo: string;
let one: string;
beforeAll(() => {
  // children run the sources transpiled once (a child per case would otherwise compile them again)
  JS = transpileSources();
  BIN = path.join(JS, 'acs-gate.js');
  dir = tmpDir('acs-inputs-');
  fifo = path.join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  one = path.join(dir, 'one.json');
  fs.writeFileSync(one, JSON.stringify(machine('PC-1')));
});

afterAll(() => fs.rmSync(JS, { recursive: true, force: true }));

async function all(inputs: string[]): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  for await (const it of loadInventory(inputs)) out.push(it);
  return out;
}

describe('FIFOs and devices where a file is expected: one line, exit 2, at once', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['verify FIFO', () => ['verify', fifo], /pipe: a FIFO, not a regular file/],
    ['verify /dev/zero', () => ['verify', '/dev/zero'], /\/dev\/zero: a character device, not a regular file/],
    ['--trust /dev/zero', () => ['verify', one, '--trust', '/dev/zero'], /\/dev\/zero: a character device/],
    ['--acs-root FIFO', () => ['verify', one, '--acs-root', fifo], /pipe: a FIFO/],
    ['--state /dev/zero', () => ['simulate', 'msi', '--machine', one, '--state', '/dev/zero'], /\/dev\/zero: a character device, not a regular file \(--state needs a state file\)/],
    ['--state FIFO', () => ['simulate', 'msi', '--machine', one, '--state', fifo], /pipe: a FIFO, not a regular file \(--state needs a state file\)/],
    ['--file FIFO', () => ['simulate', 'msi', '--machine', one, '--file', fifo], /pipe: a FIFO, not a regular file \(--file needs an installer file\)/],
    ['--machine FIFO', () => ['simulate', 'msi', '--machine', fifo], /pipe: neither a file nor a directory/],
    ['inventory FIFO', () => ['readiness', fifo], /pipe: neither a file nor a directory/],
    ['fleet --file /dev/zero', () => ['fleet', one, '--file', '/dev/zero', '--out', path.join(dir, 'r')], /\/dev\/zero: a character device/],
  ];
  it.each(cases)('%s', (_label, argv, message) => {
    const t0 = Date.now();
    // a FIFO opened for reading blocks forever: the spawn's timeout (generous under load) tells it from a refusal
    const p = spawnSync(process.execPath, [BIN, ...argv()], { encoding: 'utf8', timeout: 120_000 });
    expect(p.signal).toBeNull(); // not killed by the timeout: nothing blocked
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(message);
    expect(p.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2); // the error (and a usage line for usage errors)
    expect(p.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - t0).toBeLessThan(120_000);
  }, 150_000);

  it('a state file grown over its cap is refused without reading it', async () => {
    const big = path.join(dir, 'big-state.json');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, INPUT_SIZE_CAPS.state + 1); // sparse: no disk used
    const r = await run(['simulate', 'msi', '--machine', one, '--state', big]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/big-state\.json: 64 MiB is over the 64 MiB limit for a state file|big-state\.json: .* is over the 64 MiB limit for a state file/);
  });

  it('readRegularFile reads a regular file and refuses a device', () => {
    expect(readRegularFile(TEST_ROOT, 'certificate').toString('latin1')).toContain('BEGIN CERTIFICATE');
    expect(() => readRegularFile('/dev/zero', 'crl', { flag: '--crl' })).toThrow('/dev/zero: a character device, not a regular file (--crl needs a CRL file)');
  });
});

describe('JSON or JSON Lines by structure, whatever the length of the first line', () => {
  it('a JSON Lines fleet whose first line is over 64 KiB reads every machine', async () => {
    const f = path.join(dir, 'long-first.jsonl');
    const long = machine('PC-LONG', { hotfixes: Array.from({ length: 12000 }, (_, i) => `KB${5000000 + i}`) });
    fs.writeFileSync(f, [long, machine('PC-2'), machine('PC-3')].map((m) => JSON.stringify(m)).join('\n') + '\n');
    expect(JSON.stringify(long).length).toBeGreaterThan(100 * 1024);
    const items = await all([f]);
    expect(items.map((i) => (i.ok ? i.profile.name : i.error))).toEqual(['PC-LONG', 'PC-2', 'PC-3']);
  });

  it('a pretty-printed object and an array are one document; a broken first line of JSON Lines is reported, the rest read', async () => {
    const pretty = path.join(dir, 'pretty.json');
    fs.writeFileSync(pretty, JSON.stringify(machine('PC-PRETTY'), null, 2));
    const broken = path.join(dir, 'broken.jsonl');
    fs.writeFileSync(broken, '{"name": "PC-BROKEN", "os": {\n' + JSON.stringify(machine('PC-AFTER')) + '\n');
    const items = await all([pretty, broken]);
    expect(items[0]).toMatchObject({ ok: true, profile: { name: 'PC-PRETTY' } });
    expect(items[1]).toMatchObject({ ok: false, source: broken, line: 1 });
    expect(items[2]).toMatchObject({ ok: true, profile: { name: 'PC-AFTER' } });
  });
});

describe('encodings decided per file: one bad byte does not re-decode UTF-8 text as Shift_JIS', () => {
  it('reads 経理 as 経理, reports the bad line, reads the others', async () => {
    const f = path.join(dir, 'mixed.jsonl');
    const lines = [
      Buffer.from(JSON.stringify(machine('経理-PC01')) + '\n'),
      Buffer.concat([Buffer.from('{"name":"bad'), Buffer.from([0xff, 0xfe]), Buffer.from('","os":{"version":"10.0.19044"}}\n')]),
      Buffer.from(JSON.stringify(machine('営業-PC02')) + '\n'),
    ];
    fs.writeFileSync(f, Buffer.concat(lines));
    const items = await all([f]);
    expect(items[0]).toMatchObject({ ok: true, profile: { name: '経理-PC01' } });
    expect(items[1]).toMatchObject({ ok: false, line: 2, error: expect.stringMatching(/invalid UTF-8/) });
    expect(items[2]).toMatchObject({ ok: true, profile: { name: '営業-PC02' } });
  });

  it('the same in a CSV fleet; a real Shift_JIS file is still Shift_JIS', async () => {
    const f = path.join(dir, 'mixed.csv');
    fs.writeFileSync(
      f,
      Buffer.concat([
        Buffer.from('name,os_version,caption\r\n経理-PC01,10.0.19044,Windows 10 経理\r\nbad'),
        Buffer.from([0x8c, 0x6f]),
        Buffer.from(',10.0.19044,x\r\n営業-PC02,10.0.19045,Windows 10 営業\r\n'),
      ]),
    );
    const items = await all([f]);
    expect(items.map((i) => (i.ok ? i.profile.name : `error line ${i.line}`))).toEqual(['経理-PC01', 'error line 3', '営業-PC02']);
    const sjis = path.join(dir, 'sjis.csv');
    // 経理 in Shift_JIS: 8C 6F 97 9D
    fs.writeFileSync(sjis, Buffer.concat([Buffer.from('name,os_version\r\n'), Buffer.from([0x8c, 0x6f, 0x97, 0x9d]), Buffer.from('-PC,10.0.19044\r\n')]));
    const s = await all([sjis]);
    expect(s[0]).toMatchObject({ ok: true, profile: { name: '経理-PC' } });
  });
});

describe('flags validated strictly (exit 2 naming the flag)', () => {
  it.each([
    [['--at', '2024-02-30'], '--at must be an ISO 8601 time like 2024-04-11 or 2024-04-11T09:00:00Z, got "2024-02-30" (2024-02 has 29 days)'],
    [['--at', '2023-02-29'], '--at must be an ISO 8601 time like 2024-04-11 or 2024-04-11T09:00:00Z, got "2023-02-29" (2023-02 has 28 days)'],
    [['--at', '2024-04-31T10:00:00Z'], '(2024-04 has 30 days)'],
    [['--at', '2024-04-11T24:00:00Z'], '(no such time of day)'],
    [['--at', '2024-13-01'], '(no such month)'],
    [['--at', '0000-01-01'], '(year out of 1601..9999)'],
  ])('simulate %j', async (flag, message) => {
    const r = await run(['simulate', 'msi', '--machine', one, ...flag]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toContain(message);
  });

  it('accepts a real leap day and a zone offset', async () => {
    const r = await run(['simulate', 'msi', '--machine', one, '--at', '2024-02-29T09:00:00+09:00', '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).popups.length).toBeGreaterThan(0);
  });

  it.each([
    [['agent-update', '--cycles', '100000000'], '--cycles must be from 1 to 1000, got 100000000'],
    [['agent-update', '--cycles', '1001'], '--cycles must be from 1 to 1000, got 1001'],
    [['agent-update', '--cycles', '99999999999999999999'], '--cycles must be a whole number from 1 to 1000'],
    [['agent-update', '--agent-build', '0'], '--agent-build must be from 1 to 999999, got 0'],
    [['msi', '--silent'], '--silent does not apply to msi (only packager-exe has a silent mode)'],
    [['msi', '--cycles', '3'], '--cycles does not apply to msi (update paths only: agent-update, saas-agent-update, sep-agent-update)'],
    [['autopcc', '--scope', 'patterns'], '--scope does not apply to autopcc'],
    [['msi', '--agent-build', '12011'], '--agent-build does not apply to msi'],
  ])('simulate %j', async (args, message) => {
    const r = await run(['simulate', args[0]!, '--machine', one, ...args.slice(1)]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toContain(message);
  });

  it('--cycles 1000 runs quickly (the bound keeps a run short)', async () => {
    const t0 = Date.now();
    const r = await run(['simulate', 'agent-update', '--machine', one, '--cycles', '1000', '--agent-build', '11092', '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).cycles).toHaveLength(1000);
    // the cap (1..1000 cycles) is what keeps it short; this bound only catches a run that went unbounded
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 90_000);

  it('a write error names the file and the operation (ENOSPC on /dev/full)', async () => {
    const r = await run(['simulate', 'agent-update', '--machine', one, '--agent-build', '12011', '--build', '12500', '--events-xml', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('acs-gate simulate: error: /dev/full: cannot write (ENOSPC: no space left on device)\n');
  });
});
