/**
 * Input discovery on a share as administrators leave it (issue 18 item 1, issue 22 item 2): every machine once
 * with the verdict it gets alone, every stray file named, machines never merged, the report's own folder
 * never read, nothing readable is an error. The library side (loadInventory, fleetReport); the CLI side is
 * tests/cli/fleet-share.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadInventory, type InventoryItem } from '../../src/endpoint/inventory';
import { newInputFileStats } from '../../src/endpoint/discover';
import { assessReadiness } from '../../src/endpoint/readiness';
import { fleetReport } from '../../src/report/default-deps';
import { NoMachineError } from '../../src/report/no-machines';
import { crlf, encode, encodeCp437, ps51Json, systeminfoListText } from '../helpers/windows-exports';
import { tempFolderPerTest } from './helpers';
import { PC_BAD, PC_GOOD, SHARE_MACHINES, SHARE_SKIPPED, writeShare } from './share-fixture';

const temp = tempFolderPerTest('acs-discovery-');
const AT = new Date('2026-01-15T00:00:00Z');
type Machine = Extract<InventoryItem, { ok: true }>;

async function all(inputs: string[], options = {}): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  for await (const it of loadInventory(inputs, options)) out.push(it);
  return out;
}

/** the verdict of the machine named `name` when its own input is read alone */
async function verdictAlone(input: string, name: string): Promise<unknown> {
  // an empty machine folder read alone is an error (nothing readable given directly); in a share it is a machine with every fact unknown
  if (statSync(input).isDirectory() && readdirSync(input).length === 0) return 'unknown';
  const items = (await all([input])).filter((i): i is Machine => i.ok && i.profile.name === name);
  expect(items).toHaveLength(1);
  return assessReadiness(items[0]!.profile).ready;
}

const rel = (root: string, p: string): string => path.relative(root, p).split(path.sep).join('/');

describe('loadInventory on a real share', () => {
  it('yields every machine once with the verdict it gets alone, and names every file it skips', async () => {
    const root = path.join(temp.dir(), 'share');
    writeShare(root);
    const stats = newInputFileStats();
    const items = await all([root], { stats });
    const machines = items.filter((i): i is Machine => i.ok);
    expect(machines.map((m) => m.profile.name).sort()).toEqual(Object.keys(SHARE_MACHINES).sort());
    for (const m of machines) {
      const input = path.join(root, SHARE_MACHINES[m.profile.name]!);
      expect({ name: m.profile.name, from: rel(root, m.source.replace(/:\d+$/, '')) }).toEqual({ name: m.profile.name, from: expect.stringMatching(new RegExp(`^${SHARE_MACHINES[m.profile.name]!}`)) });
      expect({ name: m.profile.name, ready: assessReadiness(m.profile).ready }).toEqual({ name: m.profile.name, ready: await verdictAlone(input, m.profile.name) });
    }
    const byName = new Map(machines.map((m) => [m.profile.name, assessReadiness(m.profile)]));
    expect(byName.get('PC-BAD')!.ready).toBe(false);
    expect(byName.get('PC-GOOD')!.ready).toBe(true);
    // PC-BAD keeps its own facts: nothing of PC-GOOD's hotfixes
    expect(machines.find((m) => m.profile.name === 'PC-BAD')!.profile.hotfixes).toEqual([]);
    expect(byName.get('PC-EMPTY')!.ready).toBe('unknown');
    // nothing else: every other item is a skipped entry, each named with its reason
    const others = items.filter((i) => !i.ok);
    expect(others.every((i) => !i.ok && i.skipped)).toBe(true);
    const skipped = new Map(others.map((i) => [`${rel(root, i.source)}${!i.ok && i.line !== undefined ? `:${i.line}` : ''}`, !i.ok ? i.error : '']));
    expect([...skipped.keys()].sort()).toEqual(Object.keys(SHARE_SKIPPED).sort());
    for (const [k, re] of Object.entries(SHARE_SKIPPED)) expect({ k, reason: skipped.get(k) }).toEqual({ k, reason: expect.stringMatching(re) });
    // an .xlsx may hold machines (--fail-on unreadable counts it); Windows' folder metadata does not
    expect(others.filter((i) => !i.ok && i.unread).map((i) => rel(root, i.source)).sort()).toEqual(['inventory.xlsx', 'machine.json']);
    expect(stats).toEqual({ read: 11, skipped: 10, unreadable: 0 });
  });

  it('a folder of per-machine profile files is one machine per file, never their union', async () => {
    const dir = path.join(temp.dir(), 'profiles');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'PC-BAD.json'), encode(crlf(ps51Json(PC_BAD)), 'utf16le-bom'));
    writeFileSync(path.join(dir, 'PC-GOOD.json'), encode(crlf(ps51Json(PC_GOOD)), 'utf16le-bom'));
    for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, `pc-${i}.json`), JSON.stringify({ ...PC_BAD, name: `PC-${String(i).padStart(3, '0')}`, hotfixes: [`KB${5000000 + i}`] }));
    const machines = (await all([dir])).filter((i): i is Machine => i.ok);
    expect(machines).toHaveLength(202);
    const bad = machines.find((m) => m.profile.name === 'PC-BAD')!;
    expect(assessReadiness(bad.profile).ready).toBe(false);
    expect(bad.profile.rootStore).toHaveLength(1);
    expect(machines.find((m) => m.profile.name === 'PC-150')!.profile.hotfixes).toEqual(['KB5000150']);
  });

  it('one stray profile or {"online":true} at the root of a share of 8 machine folders never swallows the share', async () => {
    const root = path.join(temp.dir(), 'share8');
    for (let i = 1; i <= 8; i++) {
      mkdirSync(path.join(root, `PC-0${i}`), { recursive: true });
      writeFileSync(path.join(root, `PC-0${i}`, 'info.txt'), encodeCp437(crlf(systeminfoListText({ locale: 'en', host: `PC-0${i}`, caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', hotfixes: [] }))));
    }
    writeFileSync(path.join(root, 'online.json'), '{"online":true}');
    let items = await all([root]);
    expect(items.filter((i) => i.ok).map((i) => i.ok && i.profile.name)).toEqual(['PC-01', 'PC-02', 'PC-03', 'PC-04', 'PC-05', 'PC-06', 'PC-07', 'PC-08']);
    expect(items.filter((i) => !i.ok).map((i) => !i.ok && `${path.basename(i.source)} ${i.error}`)).toEqual([expect.stringMatching(/^online\.json skipped: a machine's export that names no machine/)]);
    // the machines keep the facts they have alone: online stays unknown
    expect(items.every((i) => !i.ok || i.profile.online === undefined)).toBe(true);
    writeFileSync(path.join(root, 'pc-stray.json'), JSON.stringify(PC_GOOD));
    items = await all([root]);
    expect(items.filter((i) => i.ok).map((i) => i.ok && i.profile.name)).toEqual(['PC-GOOD', 'PC-01', 'PC-02', 'PC-03', 'PC-04', 'PC-05', 'PC-06', 'PC-07', 'PC-08']);
  });

  it('exports of several machines loose in one folder (systeminfo > %COMPUTERNAME%.txt) are one machine each', async () => {
    const dir = path.join(temp.dir(), 'flat');
    mkdirSync(dir);
    for (const [host, ver] of [['PC-X', '10.0.19044'], ['PC-Y', '10.0.19045']] as const)
      writeFileSync(path.join(dir, `${host}.txt`), encodeCp437(crlf(systeminfoListText({ locale: 'en', host, caption: 'Microsoft Windows 10 Pro', version: ver, hotfixes: [] }))));
    const items = await all([dir]);
    expect(items.map((i) => (i.ok ? `${i.profile.name} ${i.profile.os.version}` : i.error))).toEqual(['PC-X 10.0.19044', 'PC-Y 10.0.19045']);
  });

  it('a machine folder: its sub-folders without input are listed file by file; one with another machine in it makes it a container', async () => {
    const sys = (host: string) => encodeCp437(crlf(systeminfoListText({ locale: 'en', host, caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', hotfixes: [] })));
    const pc = path.join(temp.dir(), 'PC-01');
    mkdirSync(path.join(pc, 'logs'), { recursive: true });
    writeFileSync(path.join(pc, 'info.txt'), sys('PC-01'));
    writeFileSync(path.join(pc, 'logs', 'collect.log'), 'ok\r\n');
    expect((await all([pc])).map((i) => (i.ok ? `machine ${i.profile.name}` : `${path.basename(i.source)} ${i.error}`))).toEqual([
      'collect.log skipped: not a Windows export this tool reads (in a sub-folder of the machine folder PC-01)',
      'machine PC-01',
    ]);
    mkdirSync(path.join(pc, 'PC-02'));
    writeFileSync(path.join(pc, 'PC-02', 'info.txt'), sys('PC-02'));
    expect((await all([pc])).filter((i) => i.ok).map((i) => i.ok && `${i.profile.name} <- ${path.relative(temp.dir(), i.source)}`)).toEqual(['PC-01 <- PC-01/info.txt', `PC-02 <- ${path.join('PC-01', 'PC-02')}`]);
  });

  it('a machine renamed between two dated collections is one machine: the newest complete set names it', async () => {
    const sys = (host: string) => encodeCp437(crlf(systeminfoListText({ locale: 'en', host, caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', hotfixes: [] })));
    const root = path.join(temp.dir(), 'share');
    mkdirSync(path.join(root, 'PC-07', '2026-10-01'), { recursive: true });
    mkdirSync(path.join(root, 'PC-07', '2026-11-01'), { recursive: true });
    writeFileSync(path.join(root, 'PC-07', '2026-10-01', 'info.txt'), sys('OLDNAME-07'));
    writeFileSync(path.join(root, 'PC-07', '2026-11-01', 'info.txt'), sys('PC-07'));
    expect((await all([root])).map((i) => (i.ok ? `machine ${i.profile.name}` : `${path.basename(i.source)} ${i.error}`))).toEqual([
      'machine PC-07',
      '2026-10-01 skipped: an older collection (2026-11-01 is used)',
    ]);
  });

  it('a directory given directly with nothing readable (empty, or only an .xlsx) is an error item naming it', async () => {
    const empty = path.join(temp.dir(), 'empty');
    mkdirSync(empty);
    expect((await all([empty])).map((i) => (i.ok ? 'machine' : i.error))).toEqual([expect.stringMatching(/^no recognised export in the directory \(0 files/)]);
    const xlsx = path.join(temp.dir(), 'xlsx');
    mkdirSync(xlsx);
    writeFileSync(path.join(xlsx, 'machines.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]));
    const items = await all([xlsx]);
    expect(items.map((i) => (i.ok ? 'machine' : `${i.skipped ? 'skipped' : 'error'}: ${i.error}`))).toEqual([
      expect.stringMatching(/^skipped: skipped: an Excel workbook: not read .*save the sheet as "CSV UTF-8"/),
      expect.stringMatching(/^error: no recognised export in the directory \(1 files/),
    ]);
    // inside a share, a folder with only an .xlsx is no machine (its file is named); an empty one is an unknown machine
    const share = path.join(temp.dir(), 'share');
    mkdirSync(path.join(share, 'docs'), { recursive: true });
    mkdirSync(path.join(share, 'PC-NEW'));
    writeFileSync(path.join(share, 'docs', 'machines.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]));
    expect((await all([share])).map((i) => (i.ok ? `machine ${i.profile.name}` : `skipped ${path.basename(i.source)}`))).toEqual(['machine PC-NEW', 'skipped machines.xlsx']);
  });
});

describe('fleetReport on a real share', () => {
  it('reports every machine once with its own verdict, lists every skipped file in report.json, and never reads its own output folder', async () => {
    const root = path.join(temp.dir(), 'share');
    writeShare(root);
    const outDir = path.join(root, 'acs-report');
    for (const run of [1, 2]) {
      const r = await fleetReport({ inventory: [root], outDir, at: AT, lang: 'en', paths: ['msi'] });
      const json = JSON.parse(readFileSync(r.outputs.json, 'utf8'));
      const rows = json.machines as { name: string; ready: unknown }[];
      expect({ run, names: rows.map((m) => m.name).sort() }).toEqual({ run, names: Object.keys(SHARE_MACHINES).sort() });
      for (const m of rows) expect({ name: m.name, ready: m.ready }).toEqual({ name: m.name, ready: await verdictAlone(path.join(root, SHARE_MACHINES[m.name]!), m.name) });
      const skipped = (json.skipped as { source: string; line?: number; reason: string }[]).map((s) => `${rel(root, s.source)}${s.line !== undefined ? `:${s.line}` : ''}`);
      expect({ run, skipped: skipped.sort() }).toEqual({ run, skipped: [...Object.keys(SHARE_SKIPPED), 'acs-report'].sort() });
      expect(json.skipped.find((s: { source: string }) => s.source === outDir).reason).toMatch(/output folder of this report/);
      // run 2: the files of the first run's output folder are counted as skipped too (report.json, .csv, .html and the root certificate file written next to them)
      expect(json.summary.inputFiles).toEqual({ read: 11, skipped: run === 1 ? 10 : 14, unreadable: 0 });
      expect(json.summary.skipped).toMatchObject({ count: 10, unread: 2 });
      expect(r.summary.totals).toMatchObject({ machines: 14, importErrors: 0 });
    }
  });

  it('throws NoMachineError when no machine could be read, and writes nothing', async () => {
    const empty = path.join(temp.dir(), 'empty');
    mkdirSync(empty);
    const outDir = path.join(temp.dir(), 'out');
    await expect(fleetReport({ inventory: [empty], outDir, at: AT })).rejects.toThrow(NoMachineError);
    const xlsx = path.join(temp.dir(), 'xlsx');
    mkdirSync(xlsx);
    writeFileSync(path.join(xlsx, 'machines.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]));
    const e = (await fleetReport({ inventory: [xlsx], outDir, at: AT }).catch((x: unknown) => x)) as NoMachineError;
    expect(e).toBeInstanceOf(NoMachineError);
    expect(e.message).toMatch(/^no machine could be read from .*xlsx \(0 files read, 1 skipped, 1 unreadable entries\)/);
    expect(e.skipped.map((s) => path.basename(s.source))).toEqual(['machines.xlsx']);
    expect(e.importErrors.map((x) => x.error)).toEqual([expect.stringMatching(/no recognised export in the directory/)]);
    expect(existsSync(outDir) ? readdirSync(outDir).filter((f) => !f.startsWith('.')) : []).toEqual([]);
  });

  it('refuses an output folder that is an input folder itself (a sub-folder of it is fine: skipped)', async () => {
    const root = path.join(temp.dir(), 'share');
    writeShare(root);
    await expect(fleetReport({ inventory: [root], outDir: root, at: AT })).rejects.toThrow(/is an input folder of the report/);
  });

  it("the README's library example: fleetReport({ inventory: ['inventory/'] }) over machine folders and a fleet.jsonl", async () => {
    const inv = path.join(temp.dir(), 'inventory');
    writeShare(inv);
    const r = await fleetReport({ inventory: [inv + path.sep], files: [path.join(__dirname, '..', '..', 'samples', 'installers', 'AutoPcc.exe')], outDir: path.join(temp.dir(), 'report'), at: AT, lang: 'en' });
    expect(r.summary.totals.machines).toBe(14);
  });
});
