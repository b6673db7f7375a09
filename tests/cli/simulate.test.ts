import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEED_BADIMAGE_JA, SEED_NOACS_JA } from '../../src/messages/seed-texts';
import { textWidth } from '../../src/cli/format/width';
import { AT, AUTOPCC, MACHINES, NOT_READY_W10, profileFile, READY_W11, run, TEST_ROOT, tmpDir } from './helpers';

const OLD = () => profileFile(NOT_READY_W10);
const READY = () => profileFile(READY_W11);

describe('acs-gate simulate', () => {
  it('draws the packager EXE popups as boxes in order, Japanese text from the seed, exit 1 (blocked)', async () => {
    const r = await run(['simulate', 'packager-exe', '--machine', OLD(), '--build', '12011', '--lang', 'ja', '--at', AT]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('結果: ブロック\n'); // no English in the Japanese view (issue 18.5)
    const first = r.out.indexOf('1. M-BADIMAGE');
    const second = r.out.indexOf('2. M-NOACS');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    const flat = r.out.replace(/[│ \n]/g, '');
    expect(flat).toContain(SEED_NOACS_JA.replace(/ /g, ''));
    expect(flat).toContain(SEED_BADIMAGE_JA.replace('{ファイルパス}', 'C:\\Temp\\ApexOneAgent.exe').replace(/ /g, ''));
    // every line of a box has the same display width, Japanese characters counting two columns
    const box = r.out.slice(second).split('\n').slice(1).filter((l) => /^[┌│├└]/.test(l));
    expect(new Set(box.map(textWidth)).size).toBe(1);
    expect(r.out).toContain('[ OK ]');
  });

  it('shows only the Bad Image popup in silent mode', async () => {
    const r = await run(['simulate', 'packager-exe', '--machine', OLD(), '--build', '12011', '--silent', '--json', '--at', AT]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).popups.map((p: { id: string }) => p.id)).toEqual(['M-BADIMAGE']);
  });

  it('shows event 11708 as Event Viewer does for the SaaS web installer, with no popup', async () => {
    const r = await run(['simulate', 'saas-web-installer', '--machine', OLD(), '--maintenance', '2023-03', '--lang', 'en', '--at', AT]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('No popup.');
    expect(r.out).toMatch(/Log Name:\s+Application\n\s+Source:\s+MsiInstaller\n\s+Date:\s+2026-01-15 00:00:00 UTC \(\+00:00\)\n\s+Event ID:\s+11708\n\s+Level:\s+Error\n\s+Computer:\s+PC-OLD/);
    expect(r.out).toContain('Product: Trend Micro Apex One Security Agent -- Installation operation failed.');
  });

  it('writes the events as Windows Event XML with --events-xml', async () => {
    const xml = path.join(tmpDir(), 'events.xml');
    await run(['simulate', 'saas-web-installer', '--machine', OLD(), '--maintenance', '2023-03', '--events-xml', xml, '--at', AT]);
    const text = fs.readFileSync(xml, 'utf8');
    expect(text).toMatch(/^<Event xmlns='http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event'>/);
    expect(text).toContain("<Provider Name='MsiInstaller'/>");
    expect(text).toContain('>11708</EventID>');
    expect(text).toContain('<Computer>PC-OLD</Computer>');
  });

  it('prints the run as JSON with the documented fields, in the language of a Japanese locale', async () => {
    const r = await run(['simulate', 'msi', '--machine', OLD(), '--build', '12011', '--json', '--at', AT], { env: { LANG: 'ja_JP.UTF-8' } });
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['path', 'decision', 'reasons', 'popups', 'events', 'downloads', 'remediation', 'transitions']));
    expect(j).toMatchObject({ path: 'msi', decision: 'blocked', downloads: 0 });
    expect(j.popups[0]).toMatchObject({ id: 'M-NOACS', window: 'endpoint', lang: 'ja', text: SEED_NOACS_JA });
  });

  it('allows every path on a ready machine, exit 0', async () => {
    const r = await run(['simulate', 'autopcc', '--machine', READY(), '--build', '12011', '--at', AT, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Decision: ALLOWED');
  });

  it('judges a real installer file with the verifier against the machine trust (--file, --trust)', async () => {
    const withTestRoot = profileFile({ ...READY_W11, name: 'PC-LAB', rootStore: [...READY_W11.rootStore, sha1(TEST_ROOT)] });
    const ok = await run(['simulate', 'autopcc', '--machine', withTestRoot, '--file', AUTOPCC, '--trust', TEST_ROOT, '--json', '--at', AT]);
    expect(JSON.parse(ok.out)).toMatchObject({ decision: 'allowed', verification: { verdict: 'valid' } });
    expect(ok.code).toBe(0);
    const blocked = await run(['simulate', 'autopcc', '--machine', READY(), '--file', AUTOPCC, '--trust', TEST_ROOT, '--json', '--at', AT]);
    expect(blocked.code).toBe(1);
    expect(JSON.parse(blocked.out).verification.verdict).toBe('invalid');
  });

  it('exits 3 for an agent without the check (unguarded) and lists transitions with --trace', async () => {
    const r = await run(['simulate', 'agent-update', '--machine', OLD(), '--agent-build', '11092', '--build', '12011', '--trace', '--lang', 'en', '--at', AT]);
    expect(r.code).toBe(3);
    expect(r.out).toContain('Decision: UNGUARDED');
    expect(r.out).toMatch(/Transitions:\n\s+\S+ --\S+--> \S+/);
  });

  it('logs event 900 once across runs when the event-log state is kept with --state', async () => {
    const state = path.join(tmpDir(), 'state.json');
    const m = OLD();
    const args = ['simulate', 'agent-update', '--machine', m, '--agent-build', '12011', '--build', '12500', '--json', '--state', state];
    const first = JSON.parse((await run([...args, '--at', AT])).out);
    expect(first.events.map((e: { id: number }) => e.id)).toEqual([900]);
    expect(fs.existsSync(state)).toBe(true);
    const second = JSON.parse((await run([...args, '--at', '2026-01-15T01:00:00Z'])).out);
    expect(second.events).toEqual([]);
  });

  it('runs several update cycles with --cycles and never downloads the program with --scope patterns', async () => {
    const r = await run(['simulate', 'agent-update', '--machine', OLD(), '--agent-build', '12011', '--build', '12500', '--cycles', '4', '--json', '--at', AT]);
    expect(JSON.parse(r.out).cycles).toHaveLength(4);
    const p = await run(['simulate', 'agent-update', '--machine', OLD(), '--agent-build', '12011', '--build', '12500', '--scope', 'patterns', '--json', '--at', AT]);
    expect(JSON.parse(p.out).downloads).toBe(0);
  });

  it('reads the machine from a directory of Windows exports', async () => {
    const r = await run(['simulate', 'msi', '--machine', path.join(MACHINES, 'pc-w10-22h2-lab'), '--build', '12011', '--json', '--at', AT]);
    expect(JSON.parse(r.out).reasons.map((x: { code: string }) => x.code)).toContain('ROOT_NOT_TRUSTED');
  });

  it('rejects an unknown install path with one line listing the known ones, exit 2', async () => {
    const r = await run(['simulate', 'floppy', '--machine', OLD()]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(
      'acs-gate simulate: unknown install path "floppy" (one of server-patch (A1), autopcc (A2), msi (A3), packager-exe (A4), remote-install (A5), agent-update (A6), saas-msi (S1), saas-web-installer (S2), saas-agent-update (S3), sep-agent-update, pattern-update, engine-update)',
    );
  });

  it.each([
    [['msi'], '--machine PROFILE is required'],
    [['msi', '--machine', 'm.json', '--build', '12011', '--maintenance', '2023-03'], 'give --build or --maintenance, not both'],
    [['agent-update', '--machine', 'm.json', '--scope', 'everything'], '--scope must be one of all, patterns-engines-drivers, patterns, got "everything"'],
    [['msi', '--machine', 'm.json', '--maintenance', 'March'], '--maintenance must be YYYY-MM, got "March"'],
    [['agent-update', '--machine', 'm.json', '--cycles', '0'], '--cycles must be from 1 to 1000, got 0'],
    [['msi', '--machine', 'm.json', '--at', '15/01/2026'], '--at must be an ISO 8601 time like 2024-04-11 or 2024-04-11T09:00:00Z, got "15/01/2026"'],
  ])('rejects bad arguments %j with one line, exit 2', async (args, message) => {
    const r = await run(['simulate', ...args]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`acs-gate simulate: ${message}`);
  });

  it('names a missing installer file and a missing machine profile, exit 2', async () => {
    const missing = path.join(tmpDir(), 'AutoPcc.exe');
    const a = await run(['simulate', 'autopcc', '--machine', OLD(), '--file', missing]);
    expect(a.code).toBe(2);
    expect(a.err).toBe(`acs-gate simulate: ${missing}: no such installer file\n`);
    const noMachine = path.join(tmpDir(), 'pc.json');
    const b = await run(['simulate', 'autopcc', '--machine', noMachine]);
    expect(b.code).toBe(2);
    expect(b.err.trimEnd().split('\n')).toHaveLength(1);
    expect(b.err).toContain(noMachine);
  });
});

function sha1(pemFile: string): string {
  const { X509Certificate } = require('node:crypto') as typeof import('node:crypto');
  return new X509Certificate(fs.readFileSync(pemFile)).fingerprint.replace(/:/g, '');
}
