/**
 * The collector replays outputs recorded on English and Japanese Windows (tests/collect/fixtures, in the
 * encodings the commands write to a pipe), writes OUT/<COMPUTERNAME>/, and the project's own inventory reader
 * reads that folder back into the facts the readiness model needs.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collect, CollectError, COLLECT_FILES, replayRunner, type CollectSummary, type CommandRunner } from '../../src/collect';
import { loadInventory, type InventoryItem } from '../../src/endpoint/inventory';
import { assessReadiness } from '../../src/endpoint/readiness';
import { run as cli } from '../cli/helpers';

const FIX = path.join(__dirname, 'fixtures');
const ACS_ROOT = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';
const NOW = new Date('2026-11-30T04:00:00Z');

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'acs-collect-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

async function run(recording: string, computerName: string, runner?: CommandRunner): Promise<{ out: string; s: CollectSummary }> {
  const out = path.join(tmp, 'share');
  const temp = path.join(tmp, 'temp');
  mkdirSync(temp, { recursive: true });
  const s = await collect({ outDir: out, computerName, runner: runner ?? replayRunner(path.join(FIX, recording)), tempDir: temp, now: () => NOW, collector: 'test' });
  return { out, s };
}

async function items(input: string): Promise<InventoryItem[]> {
  const all: InventoryItem[] = [];
  for await (const i of loadInventory([input])) all.push(i);
  return all;
}

async function onlyMachine(input: string) {
  const all = await items(input);
  expect(all).toHaveLength(1);
  const it = all[0]!;
  if (!it.ok) throw new Error(`not read: ${it.error}`);
  return it;
}

describe('collect: English Windows 10 21H2 (UTF-8 PowerShell, ASCII systeminfo / certutil / reg)', () => {
  it('writes the exports and the log, and the inventory reads version, UBR, KBs, root, auto update and online', async () => {
    const { out, s } = await run('en-win10-21h2', 'PC-EN-01');
    expect(s.machineDir).toBe(path.join(out, 'PC-EN-01'));
    expect(readdirSync(out)).toEqual(['PC-EN-01']); // no staging folder left behind
    expect(readdirSync(s.machineDir).sort()).toEqual(['acs-collect.txt', 'certutil-root.txt', 'hotfixes.csv', 'reg-authroot.txt', 'reg-ubr.txt', 'systeminfo.csv']);
    // the bytes are kept as Windows wrote them
    expect(readFileSync(path.join(s.machineDir, 'systeminfo.csv'))).toEqual(readFileSync(path.join(FIX, 'en-win10-21h2', 'systeminfo.stdout')));
    // "value not found" is kept under the AuthRoot name: it is the fact "policy not set"
    expect(readFileSync(path.join(s.machineDir, 'reg-authroot.txt'), 'utf8')).toMatch(/^ERROR: The system was unable to find/);
    expect(s.steps.find((x) => x.step === 'hotfixes-wmic')?.result).toBe('skipped');
    expect(s.online).toEqual({ online: true, why: expect.stringMatching(/authrootstl\.cab/) });

    const m = await onlyMachine(out);
    expect(m.profile).toMatchObject({
      name: 'PC-EN-01',
      os: { version: '10.0.19044', ubr: 2364, caption: 'Microsoft Windows 10 Pro', productType: 'workstation', architecture: 'x64' },
      rootAutoUpdate: true,
      online: true,
    });
    // the union of systeminfo's list and Get-HotFix's (KB5022282 is only in the PowerShell output)
    expect([...m.profile.hotfixes!].sort()).toEqual(['KB5003791', 'KB5012170', 'KB5021233', 'KB5022282']);
    expect(m.profile.rootStore!.map((e) => (typeof e === 'string' ? e : e.thumbprint))).not.toContain(ACS_ROOT);
    expect(m.profile.rootStore).toHaveLength(3);
    const r = assessReadiness(m.profile);
    expect(r.ready).toBe(true);
    expect(r.root.via).toBe('auto-update');
  });

  it('the log records each file, the probe evidence and the collector, as ASCII CRLF key=value lines', async () => {
    const { s } = await run('en-win10-21h2', 'PC-EN-01');
    const log = readFileSync(path.join(s.machineDir, 'acs-collect.txt'), 'utf8');
    expect(log.split('\r\n').slice(0, 4)).toEqual(['acs-gate collect log 1', 'computer=PC-EN-01', 'collector=test', 'started=2026-11-30T04:00:00.000Z']);
    expect(log).toContain('file=systeminfo.csv result=written exit=0\r\n');
    expect(log).toContain('file=reg-authroot.txt result=written exit=1\r\n');
    expect(log).toContain('probe.command=certutil -f -syncWithWU\r\nprobe.exit=0\r\nprobe.timeout=no\r\nprobe.authrootstl=yes\r\n');
    expect(log).not.toMatch(/[^\x09\x0a\x0d\x20-\x7e]/);
  });
});

describe('collect: Japanese Windows Server 2012 R2 (cp932 systeminfo / certutil / reg, UTF-16LE wmic)', () => {
  it('no PowerShell: wmic qfe instead; no UBR; auto update off by policy; the probe fails: online false', async () => {
    const { out, s } = await run('ja-2012r2', 'SV-OSAKA-01');
    expect(readdirSync(s.machineDir).sort()).toEqual(['acs-collect.txt', 'certutil-root.txt', 'reg-authroot.txt', 'systeminfo.csv', 'wmic-qfe.csv']);
    const bySource = Object.fromEntries(s.steps.map((x) => [x.step, x.result]));
    expect(bySource).toMatchObject({ 'hotfixes-powershell': 'missing', 'hotfixes-wmic': 'written', 'reg-ubr': 'not-set', systeminfo: 'written' });
    // Shift_JIS bytes are written unchanged (the importers decode them)
    const si = readFileSync(path.join(s.machineDir, 'systeminfo.csv'));
    expect(si).toEqual(readFileSync(path.join(FIX, 'ja-2012r2', 'systeminfo.stdout')));
    expect(si.includes(Buffer.from('ホスト名', 'utf8'))).toBe(false);
    expect(s.online.online).toBe(false);
    expect(s.online.why).toMatch(/0x80072ee7/);

    const m = await onlyMachine(out);
    expect(m.profile).toMatchObject({ name: 'SV-OSAKA-01', os: { version: '6.3.9600', productType: 'server' }, rootAutoUpdate: false, online: false });
    expect(m.profile.os.ubr).toBeUndefined();
    expect([...m.profile.hotfixes!].sort()).toEqual(['KB2919355', 'KB5006714', 'KB5041828']);
    expect(m.profile.rootStore!.map((e) => (typeof e === 'string' ? e : e.thumbprint))).toContain(ACS_ROOT);
    expect(m.notes?.join('\n')).toMatch(/online probe: false: certutil -syncWithWU failed with 0x80072ee7 \(network\)/);
    const r = assessReadiness(m.profile);
    expect(r.ready).toBe(true);
    expect(r.root.via).toBe('store');
  });
});

describe('collect: failures are recorded, the collection goes on', () => {
  it('systeminfo times out, PowerShell fails, wmic is missing, certutil is denied, the probe times out', async () => {
    const { out, s } = await run('en-failures', 'PC-EN-BROKEN');
    expect(readdirSync(s.machineDir).sort()).toEqual(['acs-collect.txt', 'reg-authroot.txt', 'reg-ubr.txt']);
    const log = readFileSync(path.join(s.machineDir, 'acs-collect.txt'), 'utf8');
    expect(log).toContain('file=systeminfo.csv result=timeout\r\n');
    expect(log).toContain('file=hotfixes.csv result=failed exit=1 detail=Get-HotFix : Access denied\r\n');
    expect(log).toMatch(/file=wmic-qfe\.csv result=missing detail=ENOENT/);
    expect(log).toContain('file=certutil-root.txt result=failed exit=-2147024891 detail=CertUtil: -store command FAILED: 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)\r\n');
    expect(log).toContain('rootdirurl=file://\\\\ctl-server\\CTL\r\n');
    expect(log).toContain('probe.timeout=yes\r\n');
    expect(s.online.online).toBe(false);

    const m = await onlyMachine(out);
    // the folder name is the computer name; the OS is unknown, so readiness is unknown (never "not ready")
    expect(m.profile).toMatchObject({ name: 'PC-EN-BROKEN', os: { ubr: 1288 }, rootAutoUpdate: true, online: false });
    expect(m.profile.os.version).toBeUndefined();
    expect(m.notes?.join('\n')).toMatch(/collection: systeminfo\.csv timeout/);
    expect(m.notes?.join('\n')).toMatch(/collection: certutil-root\.txt failed \(exit -2147024891\)/);
    expect(m.notes?.join('\n')).toMatch(/RootDirURL/);
    expect(assessReadiness(m.profile).ready).toBe('unknown');
  });

  it('an output the importers cannot read is recorded and not written (it would fail the whole machine)', async () => {
    const rec = path.join(tmp, 'rec');
    cpSync(path.join(FIX, 'en-win10-21h2'), rec, { recursive: true });
    writeFileSync(path.join(rec, 'systeminfo.stdout'), '"Host Name","OS Name","OS Version"\r\n"PC-EN-01","Microsoft Windows 10 Pro","ten"\r\n');
    writeFileSync(path.join(rec, 'certutil-root.stdout'), '');
    const { s } = await run('unused', 'PC-EN-01', replayRunner(rec));
    expect(s.steps.find((x) => x.step === 'systeminfo')).toMatchObject({ result: 'unreadable', detail: expect.stringMatching(/not major\.minor\.build/) });
    expect(s.steps.find((x) => x.step === 'certutil-root')?.result).toBe('empty');
    expect(readdirSync(s.machineDir)).not.toContain('systeminfo.csv');
    expect(readdirSync(s.machineDir)).not.toContain('certutil-root.txt');
    const m = await onlyMachine(s.machineDir);
    expect(m.profile.os.ubr).toBe(2364);
  });

  it('a collection replaces the previous one whole: a file of the old run does not survive', async () => {
    const out = path.join(tmp, 'share');
    mkdirSync(path.join(out, 'SV-OSAKA-01'), { recursive: true });
    writeFileSync(path.join(out, 'SV-OSAKA-01', 'hotfixes.csv'), 'stale');
    await run('ja-2012r2', 'SV-OSAKA-01');
    expect(readdirSync(out)).toEqual(['SV-OSAKA-01']);
    expect(readdirSync(path.join(out, 'SV-OSAKA-01'))).not.toContain('hotfixes.csv');
  });

  it('machines collected into one share are read as a fleet', async () => {
    await run('en-win10-21h2', 'PC-EN-01');
    await run('ja-2012r2', 'SV-OSAKA-01');
    const { out } = await run('en-failures', 'PC-EN-BROKEN');
    const all = await items(out);
    expect(all.map((i) => (i.ok ? i.profile.name : i.error)).sort()).toEqual(['PC-EN-01', 'PC-EN-BROKEN', 'SV-OSAKA-01']);
  });

  it('acs-gate fleet over the share reports every collected machine; PC-EN-01 (no ACS root) is ready only through its collected online fact', async () => {
    await run('en-win10-21h2', 'PC-EN-01');
    await run('ja-2012r2', 'SV-OSAKA-01');
    const { out } = await run('en-failures', 'PC-EN-BROKEN');
    const report = path.join(tmp, 'report');
    const r = await cli(['fleet', out, '--out', report, '--at', '2026-11-30T00:00:00Z']);
    expect(r.err).toBe('');
    expect([0, 1]).toContain(r.code); // the exit-code policy of fleet is not this test's concern
    const json = JSON.parse(readFileSync(path.join(report, 'report.json'), 'utf8')) as { machines: { name: string; ready: unknown }[]; importErrors: unknown[] };
    expect(json.importErrors).toEqual([]);
    const byName = Object.fromEntries(json.machines.map((m) => [m.name, m.ready]));
    expect(byName).toEqual({ 'PC-EN-01': true, 'SV-OSAKA-01': true, 'PC-EN-BROKEN': 'unknown' });
  });

  it('a computer name that is no folder name is refused before anything runs', async () => {
    let ran = 0;
    const runner: CommandRunner = async () => {
      ran++;
      return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), code: 0 };
    };
    for (const bad of ['..', '.hidden', 'a\\b', 'a/b', 'PC:1', '', 'x\ny']) {
      await expect(run('unused', bad, runner)).rejects.toBeInstanceOf(CollectError);
    }
    expect(ran).toBe(0);
  });

  it('every file it can write is in COLLECT_FILES', async () => {
    const { s } = await run('en-win10-21h2', 'PC-EN-01');
    const names = new Set(COLLECT_FILES.map((f) => f.name));
    for (const st of s.steps) expect(names.has(st.file)).toBe(true);
  });
});
