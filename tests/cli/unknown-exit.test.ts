/** Unknown stays unknown through the CLI, and the exit codes are the same table for every command. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT } from '../../src/cli/command';
import { AT, AUTOPCC, FLEET_JSONL, MACHINES, NOT_READY_W10, profileFile, READY_W11, run, SAMPLE_MSI, TEST_ROOT, tmpDir } from './helpers';

/** PC-UNKNOWN-01 of the sample fleet: Windows 10 21H2 without UBR, hotfixes or root facts. */
function unknownMachine(): string {
  const f = path.join(tmpDir(), 'unknown.jsonl');
  fs.writeFileSync(f, fs.readFileSync(FLEET_JSONL, 'utf8').split('\n')[0] + '\n');
  return f;
}

describe('simulate: decision unknown, exit 4', () => {
  it('prints UNKNOWN with the worst case apart, and exits 4', async () => {
    const r = await run(['simulate', 'packager-exe', '--machine', unknownMachine(), '--build', '12011', '--lang', 'en', '--at', AT]);
    expect(r.code).toBe(EXIT.UNKNOWN);
    expect(r.code).toBe(4);
    expect(r.out).toContain('Decision: UNKNOWN (a fact this depends on is missing) — worst case: BLOCKED');
    expect(r.out).toContain('== If the missing facts turn out unfavourable (worst case): BLOCKED ==');
    const worst = r.out.indexOf('== If the missing');
    expect(r.out.indexOf('1. M-BADIMAGE')).toBeGreaterThan(worst);
    expect(r.out).not.toMatch(/Decision: BLOCKED/);
  });

  it('--json: decision "unknown", no popups of its own, worstCase with the decision, popups and events', async () => {
    const r = await run(['simulate', 'msi', '--machine', unknownMachine(), '--build', '12011', '--json', '--at', AT]);
    expect(r.code).toBe(4);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ decision: 'unknown', uncertain: true, popups: [], events: [], downloads: 0 });
    expect(j.worstCase.decision).toBe('blocked');
    expect(j.worstCase.popups.map((p: { id: string }) => p.id)).toEqual(['M-NOACS']);
    expect(j.reasons.filter((x: { code: string }) => x.code === 'FACT_UNKNOWN').length).toBeGreaterThan(0);
  });

  it('an old agent on an unknown machine: exit 4, worst case unguarded', async () => {
    const r = await run(['simulate', 'agent-update', '--machine', unknownMachine(), '--agent-build', '11092', '--build', '12011', '--json', '--at', AT]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out).worstCase.decision).toBe('unguarded');
  });

  it('--assume-online --assume-root-auto-update turn the root facts known; the assumption is named; the OS stays unknown', async () => {
    const r = await run(['simulate', 'msi', '--machine', unknownMachine(), '--json', '--at', AT, '--assume-online', '--assume-root-auto-update']);
    const j = JSON.parse(r.out);
    expect(j.assumed).toEqual(['online', 'rootAutoUpdate']);
    const facts = j.reasons.filter((x: { code: string }) => x.code === 'FACT_UNKNOWN').map((x: { evidence?: { fact?: string } }) => x.evidence?.fact);
    expect(facts).not.toContain('online');
    expect(facts).not.toContain('rootAutoUpdate');
    const human = await run(['simulate', 'msi', '--machine', unknownMachine(), '--at', AT, '--assume-online', '--lang', 'en']);
    expect(human.out).toContain("  (assumed online (can fetch Windows Update's root certificate list))");
  });

  it('exit codes: 0 allowed, 1 blocked, 2 usage, 3 unguarded, 4 unknown', async () => {
    const ready = profileFile(READY_W11);
    const old = profileFile(NOT_READY_W10);
    expect((await run(['simulate', 'msi', '--machine', ready, '--at', AT])).code).toBe(0);
    expect((await run(['simulate', 'msi', '--machine', old, '--at', AT])).code).toBe(1);
    expect((await run(['simulate', 'msi', '--machine', old, '--at', AT, '--no-such-flag'])).code).toBe(2);
    expect((await run(['simulate', 'agent-update', '--machine', old, '--agent-build', '11092', '--at', AT])).code).toBe(3);
    expect((await run(['simulate', 'msi', '--machine', unknownMachine(), '--at', AT])).code).toBe(4);
  });
});

describe('simulate: the seed numbering and the path the endpoint sees', () => {
  it('A4 is packager-exe, a2 is autopcc, S2 is saas-web-installer', async () => {
    const old = profileFile(NOT_READY_W10);
    for (const [label, id] of [['A4', 'packager-exe'], ['a2', 'autopcc'], ['S2', 'saas-web-installer']]) {
      const r = await run(['simulate', label!, '--machine', old, '--json', '--at', AT]);
      expect(r.code).not.toBe(2);
      expect(JSON.parse(r.out).path).toBe(id);
    }
    expect((await run(['simulate', 'A7', '--machine', old])).code).toBe(2);
  });

  it('the Bad Image popup never shows the local path given to --file; --display-path sets it', async () => {
    const old = profileFile(NOT_READY_W10);
    const local = path.join(tmpDir(), 'AutoPcc.exe');
    fs.copyFileSync(AUTOPCC, local);
    const r = await run(['simulate', 'packager-exe', '--machine', old, '--file', local, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--json', '--at', AT, '--lang', 'en']);
    const j = JSON.parse(r.out);
    const bad = j.popups.find((p: { id: string }) => p.id === 'M-BADIMAGE');
    expect(bad.text).not.toContain(local);
    expect(bad.text.startsWith('C:\\Temp\\AutoPcc.exe ')).toBe(true);
    const set = JSON.parse(
      (await run(['simulate', 'autopcc', '--machine', old, '--file', local, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--json', '--at', AT, '--display-path', '\\\\srv\\ofcscan\\AutoPcc.exe'])).out,
    );
    expect(set.popups[0].text.startsWith('\\\\srv\\ofcscan\\AutoPcc.exe')).toBe(true);
    const msi = JSON.parse((await run(['simulate', 'msi', '--machine', old, '--file', SAMPLE_MSI, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--json', '--at', AT])).out);
    expect(JSON.stringify([msi.popups, msi.events])).not.toContain(SAMPLE_MSI);
  });

  it('shows event times in the local time with offset of --tz (TZ by default)', async () => {
    const old = profileFile(NOT_READY_W10);
    const args = ['simulate', 'saas-web-installer', '--machine', old, '--maintenance', '2023-03', '--at', '2026-01-15T00:00:00Z'];
    expect((await run([...args, '--lang', 'ja', '--tz', 'Asia/Tokyo'])).out).toMatch(/日付:\s+2026-01-15 09:00:00 JST \(\+09:00\)/);
    expect((await run([...args, '--lang', 'en'], { env: { LANG: 'C', TZ: 'Asia/Tokyo' } })).out).toMatch(/Date:\s+2026-01-15 09:00:00 JST \(\+09:00\)/);
    expect((await run([...args, '--lang', 'en', '--tz', 'Europe/Berlin'])).out).toMatch(/Date:\s+2026-01-15 01:00:00 \+01:00/);
    const bad = await run([...args, '--tz', 'Mars/Olympus']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--tz');
  });

  it('says under a popup box when its text or title is ours, not Trend Micro\'s', async () => {
    const old = profileFile(NOT_READY_W10);
    const remote = await run(['simulate', 'remote-install', '--machine', old, '--lang', 'en', '--at', AT]);
    expect(remote.out).toContain("(text: ours, not Trend Micro's or Microsoft's (the real wording is not published))");
    const ja = await run(['simulate', 'msi', '--machine', old, '--lang', 'ja', '--at', AT]);
    // the Japanese M-NOACS text is Trend Micro's (the seed): only its title is ours
    expect(ja.out).toContain('(タイトルは当ツールの文言で、トレンドマイクロや Microsoft のものではありません)');
    expect(ja.out).not.toContain('本文は当ツールの文言');
  });
});

describe('fleet: exit 0 once the report is written; --fail-on for pipelines', () => {
  const base = () => ['fleet', MACHINES, FLEET_JSONL, '--file', AUTOPCC, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--out', tmpDir(), '--at', AT];

  it('exits 0 on a mixed fleet, 1 with --fail-on naming a verdict seen', async () => {
    expect((await run(base())).code).toBe(0);
    for (const v of ['not-ready', 'unknown', 'blocked', 'not-ready,unknown']) {
      const r = await run([...base(), '--fail-on', v]);
      expect([v, r.code]).toEqual([v, 1]);
      expect(r.err).toContain(`--fail-on ${v}`);
      expect(r.out).toContain('Report written');
    }
    expect((await run([...base(), '--fail-on', 'unguarded'])).code).toBe(0);
    expect((await run([...base(), '--fail-on', 'unreadable'])).code).toBe(0);
  });

  it('--fail-on blocked does not fire for unknown runs; --fail-on unknown does', async () => {
    const one = ['fleet', unknownMachine(), '--path', 'msi', '--out', tmpDir(), '--at', AT];
    expect((await run([...one, '--fail-on', 'blocked'])).code).toBe(0);
    expect((await run([...one, '--fail-on', 'unknown'])).code).toBe(1);
  });

  it('rejects an unknown --fail-on value, exit 2', async () => {
    const r = await run([...base(), '--fail-on', 'red']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--fail-on takes not-ready, unknown, blocked, unguarded, unreadable');
  });

  it('records --assume-online / --assume-root-auto-update in the report header, JSON and CSV', async () => {
    const out = tmpDir();
    const r = await run(['fleet', unknownMachine(), '--path', 'msi', '--out', out, '--at', AT, '--assume-online', '--assume-root-auto-update', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Assumed: assumed online (can fetch Windows Update's root certificate list); assumed: automatic root certificate update is on");
    const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(json.summary.assumptions).toEqual(['online', 'rootAutoUpdate']);
    expect(json.machines[0].assumed).toEqual(['online', 'rootAutoUpdate']);
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('id="assumptions"');
    expect(html).toContain('assumed: automatic root certificate update is on');
    const csv = fs.readFileSync(path.join(out, 'report.csv'), 'utf8').split('\r\n');
    expect(csv[1]).toContain(',online; rootAutoUpdate,');
    // the reasons column names the missing facts in words, not field names
    // (the root facts are assumed, so only the UBR is missing)
    expect(csv[1]).toContain(',FACT_UNKNOWN (UBR (update build revision)),');
    expect(csv[1]).not.toMatch(/os\.ubr/);
  });

  it('the report header shows local time with offset in the --tz zone', async () => {
    const out = tmpDir();
    await run(['fleet', FLEET_JSONL, '--path', 'msi', '--out', out, '--at', '2026-01-15T00:00:00Z', '--lang', 'ja', '--tz', 'Asia/Tokyo']);
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<time datetime="2026-01-15T00:00:00.000Z">2026-01-15 09:00:00 JST (+09:00)</time>');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')).summary).toMatchObject({ timeZone: 'Asia/Tokyo', generatedAtLocal: '2026-01-15 09:00:00 JST (+09:00)' });
  });
});

describe('readiness and verify keep the table', () => {
  it('readiness: 0 printed whatever the verdicts; verify: 0 valid, 1 not valid', async () => {
    expect((await run(['readiness', MACHINES, FLEET_JSONL])).code).toBe(0);
    expect((await run(['verify', AUTOPCC, '--trust', TEST_ROOT, '--at', AT])).code).toBe(0);
    expect((await run(['verify', AUTOPCC, '--at', AT])).code).toBe(1);
  });
});
