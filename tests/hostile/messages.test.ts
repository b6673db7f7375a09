/**
 * Issue 22 item 12: messages that say what happened. The line limit counts bytes and says bytes; a JSON
 * Lines file that starts with 64 KiB or more of blank space is read, not refused whole; `--out` naming a file
 * says so (not EEXIST); a read-only file system is named (not ENOENT); a symbolic link loop is named as a
 * loop (not "target does not exist").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadInventory, type InventoryItem, MAX_LINE_BYTES } from '../../src/endpoint/inventory';
import { ensureOutDir } from '../../src/report/out-dir';
import { tmpDir } from '../cli/helpers';
import { transpileSources } from '../helpers/transpiled';
import { crlf, encode, encodeCp437, systeminfoListText } from '../helpers/windows-exports';

let JS: string;
let BIN: string;
let dir: string;
const machine = (name: string) => ({ name, os: { version: '10.0.22631', ubr: 2861 }, hotfixes: ['KB5031455'] });

beforeAll(() => {
  JS = transpileSources();
  BIN = path.join(JS, 'acs-gate.js');
  dir = tmpDir('acs-messages-');
});
afterAll(() => {
  fs.rmSync(JS, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => {
  const p = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'C' } });
  return { code: p.status, out: p.stdout, err: p.stderr };
};
async function all(inputs: string[]): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  for await (const it of loadInventory(inputs)) out.push(it);
  return out;
}
const errorsOf = (items: InventoryItem[]) => items.flatMap((i) => (i.ok ? [] : [`${i.line ?? ''} ${i.error}`]));
const namesOf = (items: InventoryItem[]) => items.flatMap((i) => (i.ok ? [i.profile.name] : []));

describe('the line limit says bytes, and counts bytes, in every encoding', () => {
  it('UTF-8: a line of 600 000 "é" (1.2 MB) is named with its size in bytes', async () => {
    const f = path.join(dir, 'wide.jsonl');
    fs.writeFileSync(f, [JSON.stringify(machine('PC-1')), JSON.stringify({ name: 'é'.repeat(600_000) }), JSON.stringify(machine('PC-3'))].join('\n') + '\n');
    const items = await all([f]);
    expect(namesOf(items)).toEqual(['PC-1', 'PC-3']);
    const bytes = Buffer.byteLength(JSON.stringify({ name: 'é'.repeat(600_000) }));
    expect(errorsOf(items)).toEqual([`2 line of ${bytes} bytes is longer than the limit of ${MAX_LINE_BYTES} bytes (1 MiB): skipped`]);
  });

  it('UTF-16LE with BOM (as PowerShell writes): the same limit in bytes of the file', async () => {
    const f = path.join(dir, 'wide16.jsonl');
    const long = JSON.stringify({ name: 'x'.repeat(600_000) }); // 1.2 MB in UTF-16
    fs.writeFileSync(f, encode(crlf([JSON.stringify(machine('PC-1')), long, JSON.stringify(machine('PC-3'))].join('\n') + '\n'), 'utf16le-bom'));
    const items = await all([f]);
    expect(namesOf(items)).toEqual(['PC-1', 'PC-3']);
    expect(errorsOf(items)).toEqual([`2 line of ${2 * long.length} bytes is longer than the limit of ${MAX_LINE_BYTES} bytes (1 MiB): skipped`]);
  });
});

describe('a fleet file that starts with 64 KiB or more of blank space', () => {
  it.each([
    ['UTF-8, 70 KiB of blank lines', (t: string) => Buffer.from('\r\n'.repeat(35 * 1024) + t)],
    ['UTF-8, 200 KiB of spaces and tabs over a few lines', (t: string) => Buffer.from((' '.repeat(50 * 1024) + '\t\n').repeat(4) + t)],
    ['UTF-16LE with BOM, 100 KiB of blank lines', (t: string) => encode('\r\n'.repeat(25 * 1024) + crlf(t), 'utf16le-bom')],
  ])('%s: every machine is read (JSON Lines and CSV)', async (_label, make) => {
    const jl = path.join(dir, 'blank.jsonl');
    fs.writeFileSync(jl, make([machine('PC-A'), machine('PC-B')].map((m) => JSON.stringify(m)).join('\n') + '\n'));
    const items = await all([jl]);
    expect(errorsOf(items)).toEqual([]);
    expect(namesOf(items)).toEqual(['PC-A', 'PC-B']);
    const csv = path.join(dir, 'blank.csv');
    fs.writeFileSync(csv, make('name,os_version\nPC-C,10.0.22631.2861\nPC-D,10.0.19045.3803\n'));
    const c = await all([csv]);
    expect(errorsOf(c)).toEqual([]);
    expect(namesOf(c)).toEqual(['PC-C', 'PC-D']);
  });
});

describe('--out', () => {
  let fleet: string;
  beforeAll(() => {
    fleet = path.join(dir, 'fleet.jsonl');
    fs.writeFileSync(fleet, JSON.stringify(machine('PC-1')) + '\n');
  });

  it('naming a file says so, not EEXIST; a file in its path too', () => {
    const f = path.join(dir, 'report.txt');
    fs.writeFileSync(f, 'keep me');
    const r = cli(['fleet', fleet, '--out', f]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`acs-gate fleet: ${f}: names a file, not a folder: --out takes the folder report.json, report.csv and report.html are written into\n`);
    expect(fs.readFileSync(f, 'utf8')).toBe('keep me');
    const r2 = cli(['fleet', fleet, '--out', path.join(f, 'sub')]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/cannot create the report folder: a part of the path is a file, not a folder \(ENOTDIR\)|report\.txt is a file, not a folder/);
    expect(r.err + r2.err).not.toMatch(/EEXIST/);
  });

  it('on a read-only file system says so, not ENOENT (a read-only tmpfs; skipped where mount is not allowed)', () => {
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro], { stdio: 'ignore' });
    } catch {
      console.warn('mount not allowed here: the read-only case is checked through ensureOutDir on /proc/self (read-only) instead');
      expect(() => ensureOutDir('/proc/self/acs-report/x')).toThrow(/cannot create the report folder|read-only|not permitted|no such/);
      return;
    }
    try {
      const r = cli(['fleet', fleet, '--out', path.join(ro, 'reports', 'today')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/cannot create the report folder \(at .*reports\): read-only file system \(EROFS\)\n$/);
      expect(r.err).not.toMatch(/ENOENT/);
      expect(() => ensureOutDir(path.join(ro, 'x'))).toThrow(/read-only file system \(EROFS\)/);
    } finally {
      execFileSync('umount', [ro]);
    }
  });
});

describe('a symbolic link loop is named as a loop', () => {
  it('as an input, and inside a share', async () => {
    const loop = path.join(dir, 'loop');
    fs.mkdirSync(loop);
    fs.symlinkSync('b', path.join(loop, 'a'));
    fs.symlinkSync('a', path.join(loop, 'b'));
    const r = cli(['readiness', path.join(loop, 'a')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/loop\/a: cannot read: a loop of symbolic links \(ELOOP\)/);
    expect(r.err).not.toMatch(/does not exist/);

    const share = path.join(dir, 'share');
    for (const host of ['PC-01', 'PC-02']) {
      fs.mkdirSync(path.join(share, host), { recursive: true });
      fs.writeFileSync(path.join(share, host, 'info.txt'), encodeCp437(crlf(systeminfoListText({ locale: 'en', host, caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', hotfixes: ['KB5041580'] }))));
    }
    fs.symlinkSync('PC-LOOP', path.join(share, 'PC-LOOP'));
    fs.symlinkSync(path.join(loop, 'a'), path.join(share, 'PC-01', 'hotfix.txt'));
    const items = await all([share]);
    expect(namesOf(items)).toEqual(['PC-01', 'PC-02']);
    const skipped = items.flatMap((i) => (!i.ok ? [`${path.relative(share, i.source)}: ${i.error}`] : []));
    expect(skipped).toEqual(expect.arrayContaining(['PC-LOOP: skipped: a link that cannot be followed: a loop of symbolic links (ELOOP)']));
    expect(skipped.join('\n')).not.toMatch(/does not exist/);
  });
});
