/**
 * Issue 18.2, the installer's own verdict is its own answer, for every verdict a `--file` installer can get:
 * - valid, but its chain ends at a root the ACS readiness model does not cover (a private test PKI given with
 *   --trust alone; an --acs-root without --trust): reason ROOT_NOT_COVERED (source 'inferred'), counted apart
 *   from "blocked by the ACS check", said once at the top of the terminal summary and of the report, and none of
 *   the FAQ's ACS popups for ready machines;
 * - untrusted root, bad timestamp, tampered, unsigned: INSTALLER_INVALID (tests/cli/installer-invalid.test.ts
 *   covers the untrusted root and a tampered file; the unsigned file and the bad timestamp are here).
 * Reached as users reach it: the CLI as a spawned process (English and Japanese), the library's fleetReport, and
 * `acs-gate simulate --file`.
 */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lib from '../../src/index';
import { AT, AUTOPCC, FLEET_JSONL, MACHINES, READY_W11, TEST_ROOT, spawnAcsGate, tmpDir } from './helpers';

// each spawn compiles the sources through ts-node when dist/ is stale: generous, so a loaded machine never fails it
jest.setTimeout(600_000);

const TEST_ROOT_SUBJECT = 'CN=Test Identity Verification Root CA, O=Test PKI, C=US';
/** the FAQ's M-NOACS / M-BADIMAGE texts as they would appear, in either language */
const FAQ_POPUP_WORDS = ['Azure Code Signing', 'ACS で署名', 'Bad Image', 'M-NOACS', 'M-BADIMAGE'];

interface Outcome {
  decision: string;
  reasons: string[];
  popups: unknown[];
  events: unknown[];
  rootNotCovered?: { root: string; acs: boolean; source: string };
  installerInvalid?: { verdict: string; failures: string[] };
}
interface Report {
  machines: { name: string; ready: boolean | 'unknown'; outcomes: Outcome[] }[];
  summary: {
    totals: { machines: number; ready: number };
    rootProblems?: { file: string; root: string; acs: boolean; fix: string; machines: number; source: string; alt?: Record<string, { fix: string }> }[];
    installerProblems?: { verdict: string; failures: string[]; machines: number }[];
    perPath: { path: string; allowed: number; blocked: number; unknown: number; blockedByRoot?: number; blockedByInstaller?: number; popups: unknown[] }[];
    verifications: { verdict: string; rootNotCovered?: boolean; installerInvalid?: boolean }[];
  };
}

/** A ready Windows 11 whose Root store holds the Microsoft ACS root but not the test root (a profile JSON file). */
function readyWithoutTestRoot(): string {
  const f = path.join(tmpDir('acs-root-'), 'pc-ready.json');
  fs.writeFileSync(f, JSON.stringify(READY_W11));
  return f;
}

function readReport(out: string): { report: Report; html: string } {
  return {
    report: JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as Report,
    html: fs.readFileSync(path.join(out, 'report.html'), 'utf8'),
  };
}

function outcomeOf(report: Report, name: string): Outcome {
  const m = report.machines.find((x) => x.name === name);
  if (!m) throw new Error(`no machine ${name}`);
  return m.outcomes[0]!;
}

/** The checks every language shares for `fleet --file AutoPcc.exe --trust test-root` (no --acs-root). */
function expectRootNotCovered(report: Report, html: string): void {
  const { summary } = report;
  // ready machines whose store names the test root: the file is valid there, not ACS-signed, judged on its own chain
  expect(outcomeOf(report, 'PC-WIN11-01')).toMatchObject({ decision: 'allowed', reasons: ['NOT_ACS_SIGNED'], popups: [] });
  // the ready machine whose store lacks the test root: not blocked by the ACS check, no FAQ popup, marked ours
  const ready = outcomeOf(report, 'PC-READY');
  expect(ready).toMatchObject({ decision: 'blocked', reasons: ['ROOT_NOT_COVERED'], popups: [], events: [] });
  expect(ready.rootNotCovered).toEqual({ root: TEST_ROOT_SUBJECT, acs: false, source: 'inferred' });
  // a machine without a known Root store: unknown, never blocked
  expect(outcomeOf(report, 'PC-UNKNOWN-01').decision).toBe('unknown');
  // PC-LAB-03's store lacks the test root too (it also lacks the Microsoft root: still not ready, apart)
  expect(outcomeOf(report, 'PC-LAB-03')).toMatchObject({ decision: 'blocked', reasons: ['ROOT_NOT_COVERED'], popups: [] });
  expect(report.machines.find((m) => m.name === 'PC-LAB-03')!.ready).toBe(false);

  expect(summary.installerProblems).toBeUndefined();
  expect(summary.rootProblems).toHaveLength(1);
  const p = summary.rootProblems![0]!;
  expect(p).toMatchObject({ file: AUTOPCC, root: TEST_ROOT_SUBJECT, acs: false, source: 'inferred' });
  // counted once per machine: PC-READY, PC-LAB-03 (blocked), and the machines whose store is unknown
  const rootRuns = report.machines.filter((m) => m.outcomes[0]!.rootNotCovered).length;
  expect(p.machines).toBe(rootRuns);
  expect(p.fix).toContain('--acs-root');
  expect(p.fix).toContain('--trust');
  const per = summary.perPath[0]!;
  expect(per.blockedByRoot).toBe(2);
  expect(per.blockedByInstaller).toBeUndefined();
  expect(per.popups).toEqual([]);
  for (const v of summary.verifications) expect(v.installerInvalid).toBeUndefined();
  expect(summary.verifications.some((v) => v.rootNotCovered === true)).toBe(true);
  for (const w of FAQ_POPUP_WORDS) expect(JSON.stringify(summary.perPath)).not.toContain(w);
  // the page: said once, on top, marked as our inference; no "the installer's own signature fails" banner
  expect(html.match(/id="installer-root"/g)).toHaveLength(1);
  expect(html).not.toContain('id="installer-verdict"');
  const banner = /<section id="installer-root"[\s\S]*?<\/section>/.exec(html)![0];
  expect(banner).toContain('class="mark inf"');
  expect(banner).toContain('Test Identity Verification Root CA');
  expect(html.indexOf('id="installer-root"')).toBeLessThan(html.indexOf('id="totals"'));
}

describe('an installer whose chain ends at a root the ACS readiness model does not cover (issue 18.2)', () => {
  it('fleet --file --trust (no --acs-root), English: said once at the top, counted apart, no FAQ popup for the ready machine', async () => {
    const out = path.join(tmpDir('acs-root-'), 'out');
    const r = await spawnAcsGate(['fleet', MACHINES, FLEET_JSONL, readyWithoutTestRoot(), '--file', AUTOPCC, '--trust', TEST_ROOT, '--out', out, '--at', AT, '--lang', 'en']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const top = lines.findIndex((l) => l.startsWith('!! '));
    expect(r.out.match(/^!! /gm)).toHaveLength(1);
    // on top of the summary: before the totals line
    expect(top).toBeLessThan(lines.findIndex((l) => /^\d+ machines: /.test(l)));
    expect(lines[top]).toBe(`!! Installer AutoPcc.exe: its chain ends at the root ${TEST_ROOT_SUBJECT}, which the ACS readiness model does not cover.`);
    expect(lines[top + 1]).toMatch(/^ {3}\d+ machines whose trust does not hold that root are counted apart from the ACS check/);
    expect(lines[top + 2]).toContain("not in Trend Micro's Q&A: no ACS popup is shown for it (our inference)");
    expect(lines[top + 3]).toMatch(/^ {3}Fix: .*--acs-root/);
    expect(r.out).toMatch(/autopcc \(AutoPcc\.exe\) +allowed \d+, blocked 2 \(2 by a root outside the ACS readiness model\)/);
    const { report, html } = readReport(out);
    expectRootNotCovered(report, html);
  });

  it('fleet --lang ja: the same in Japanese, on the terminal and in the page', async () => {
    const out = path.join(tmpDir('acs-root-'), 'out');
    const r = await spawnAcsGate(['fleet', MACHINES, FLEET_JSONL, readyWithoutTestRoot(), '--file', AUTOPCC, '--trust', TEST_ROOT, '--out', out, '--at', AT, '--lang', 'ja']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const top = lines.findIndex((l) => l.startsWith('!! '));
    expect(r.out.match(/^!! /gm)).toHaveLength(1);
    expect(lines[top]).toBe(`!! インストーラ AutoPcc.exe の証明書チェーンは、ACS 対応の判定で扱っていないルート証明書 ${TEST_ROOT_SUBJECT} で終わっています。`);
    expect(lines[top + 1]).toMatch(/^ {3}このルート証明書を信頼していない \d+ 台の端末は、ACS の対応状況とは別に数えています/);
    expect(lines[top + 2]).toContain('(当ツールの推定)');
    expect(lines[top + 3]).toMatch(/^ {3}対処: .*--acs-root と --trust で指定してください/);
    expect(r.out).toContain('ブロック 2 台 (うち 2 台は ACS 対応の判定外のルート証明書が原因)');
    const { report, html } = readReport(out);
    expectRootNotCovered(report, html);
    expect(report.summary.rootProblems![0]!.alt?.en?.fix).toMatch(/^The installer's chain ends at a root/);
    const banner = /<section id="installer-root"[\s\S]*?<\/section>/.exec(html)![0];
    expect(banner).toContain('ACS 対応の判定で扱っていないルート証明書');
    expect(banner).toContain('当ツールの推定');
  });

  it('the library fleetReport gives the same answer', async () => {
    const out = path.join(tmpDir('acs-root-'), 'out');
    const r = await lib.fleetReport({
      inventory: [MACHINES, FLEET_JSONL, readyWithoutTestRoot()],
      files: [AUTOPCC],
      known: [new X509Certificate(fs.readFileSync(TEST_ROOT))],
      outDir: out,
      at: new Date(AT),
      lang: 'en',
    });
    expect(r.summary.rootProblems).toHaveLength(1);
    expect(r.summary.rootProblems![0]).toMatchObject({ root: TEST_ROOT_SUBJECT, acs: false, source: 'inferred' });
    expect(r.summary.installerProblems).toBeUndefined();
    expect(r.summary.perPath[0]!.blockedByRoot).toBe(2);
    const { report, html } = readReport(out);
    expectRootNotCovered(report, html);
  });

  it('simulate --file on the ready machine: blocked (exit 1), ROOT_NOT_COVERED marked inferred, no popup, in English and Japanese', async () => {
    const machine = readyWithoutTestRoot();
    const en = await spawnAcsGate(['simulate', 'packager-exe', '--machine', machine, '--file', AUTOPCC, '--trust', TEST_ROOT, '--at', AT, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.out).toContain(`!! The installer's chain ends at the root ${TEST_ROOT_SUBJECT}, which the ACS readiness model does not cover and this machine does not trust`);
    expect(en.out).toContain('  - ROOT_NOT_COVERED: ');
    expect(en.out).toMatch(/No popup\. \(.*not in Trend Micro's Q&A; our inference\)/);
    for (const w of ['Azure Code Signing', 'Bad Image']) expect(en.out).not.toContain(w);
    const ja = await spawnAcsGate(['simulate', 'packager-exe', '--machine', machine, '--file', AUTOPCC, '--trust', TEST_ROOT, '--at', AT, '--lang', 'ja']);
    expect(ja.code).toBe(1);
    expect(ja.out).toContain('ACS 対応の判定で扱っていないルート証明書');
    expect(ja.out).toMatch(/ポップアップなし \(.*当ツールの推定\)/);
    expect(ja.out).not.toContain('Azure Code Signing');
    const j = await spawnAcsGate(['simulate', 'packager-exe', '--machine', machine, '--file', AUTOPCC, '--trust', TEST_ROOT, '--at', AT, '--json']);
    const run = JSON.parse(j.out) as { decision: string; popups: unknown[]; reasons: { code: string; source?: string }[]; rootNotCovered: { root: string; acs: boolean } };
    expect(run.decision).toBe('blocked');
    expect(run.popups).toEqual([]);
    expect(run.reasons).toEqual([expect.objectContaining({ code: 'ROOT_NOT_COVERED', source: 'inferred' })]);
    expect(run.rootNotCovered).toMatchObject({ root: TEST_ROOT_SUBJECT, acs: false });
  });

  it('--acs-root without --trust: ready machines whose readiness was judged on the Microsoft root get ROOT_NOT_COVERED; not-ready ones keep the FAQ popups', async () => {
    const out = path.join(tmpDir('acs-root-'), 'out');
    const r = await spawnAcsGate(['fleet', MACHINES, '--file', AUTOPCC, '--acs-root', TEST_ROOT, '--out', out, '--at', AT, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out.match(/^!! /gm)).toHaveLength(1);
    const { report, html } = readReport(out);
    const ready = report.machines.filter((m) => m.ready === true);
    expect(ready.length).toBeGreaterThan(0);
    for (const m of ready) {
      expect(m.outcomes[0]).toMatchObject({ decision: 'blocked', reasons: ['ROOT_NOT_COVERED'], popups: [] });
      expect(m.outcomes[0]!.rootNotCovered).toMatchObject({ acs: true, source: 'inferred' });
    }
    // a machine that is not ready: the file is ACS-signed there, its lack of ACS support is the FAQ's case
    expect(outcomeOf(report, 'PC-KAIKEI-07').popups.length).toBeGreaterThan(0);
    expect(report.summary.rootProblems![0]).toMatchObject({ acs: true, machines: ready.length });
    expect(report.summary.perPath[0]!.blockedByRoot).toBe(ready.length);
    expect(html).toContain('id="installer-root"');
    expect(html).not.toContain('id="installer-verdict"');
  });
});

/** AutoPcc.exe without its certificate table (security directory entry zeroed, the table cut off): unsigned. */
function unsigned(): string {
  const b = Buffer.from(fs.readFileSync(AUTOPCC));
  const dir = securityDirectory(b);
  const off = b.readUInt32LE(dir);
  b.writeUInt32LE(0, dir);
  b.writeUInt32LE(0, dir + 4);
  const f = path.join(tmpDir('acs-root-'), 'Unsigned.exe');
  fs.writeFileSync(f, b.subarray(0, off));
  return f;
}

/**
 * AutoPcc.exe with one byte of the timestamp's signature changed: the RFC 3161 token is the last thing in the
 * PKCS#7 blob, and its last bytes are the TSA's signature value. The leaf (valid 2024-04-10 → 04-13) then has
 * no verified time to be judged at: TIMESTAMP_INVALID with CERT_EXPIRED, under every root.
 */
function badTimestamp(): string {
  const b = Buffer.from(fs.readFileSync(AUTOPCC));
  const dir = securityDirectory(b);
  const off = b.readUInt32LE(dir);
  let end = off + b.readUInt32LE(off) - 1;
  while (b[end] === 0) end--;
  b[end - 3] = b[end - 3]! ^ 0xff;
  const f = path.join(tmpDir('acs-root-'), 'BadTimestamp.exe');
  fs.writeFileSync(f, b);
  return f;
}

/** Offset of the PE's security (certificate table) data directory entry. */
function securityDirectory(b: Buffer): number {
  const pe = b.readUInt32LE(0x3c);
  const opt = pe + 24;
  return opt + (b.readUInt16LE(opt) === 0x20b ? 112 : 96) + 4 * 8;
}

describe('the other verdicts of issue 18.2 (unsigned, bad timestamp): ready machines are never blocked by the ACS check', () => {
  it.each([
    ['unsigned', unsigned, 'unsigned', 'NOT_SIGNED', /^!! Installer Unsigned\.exe: it is not signed \(NOT_SIGNED\); counted as blocked on 11 machines/, /^!! インストーラ Unsigned\.exe には署名がありません \(失敗コード: NOT_SIGNED\)。11 台の端末で/],
    ['bad timestamp', badTimestamp, 'invalid', 'TIMESTAMP_INVALID', /^!! Installer BadTimestamp\.exe: its own signature is invalid \(.*TIMESTAMP_INVALID.*\)/, /^!! インストーラ BadTimestamp\.exe 自体の署名が無効です \(失敗コード: .*TIMESTAMP_INVALID.*\)/],
  ] as const)('%s: INSTALLER_INVALID on every machine, said once on top in English and Japanese', async (_label, make, verdict, code, enLine, jaLine) => {
    const file = make();
    for (const [lang, line] of [['en', enLine], ['ja', jaLine]] as const) {
      const out = path.join(tmpDir('acs-root-'), `out-${lang}`);
      const r = await spawnAcsGate(['fleet', MACHINES, FLEET_JSONL, '--file', file, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--out', out, '--at', AT, '--lang', lang]);
      expect(r.code).toBe(0);
      expect(r.out.match(/^!! /gm)).toHaveLength(1);
      expect(r.out.split('\n')[0]).toMatch(line);
      const { report, html } = readReport(out);
      const ready = report.machines.filter((m) => m.ready === true);
      expect(ready.length).toBe(5);
      for (const m of ready) expect(m.outcomes[0]).toMatchObject({ decision: 'blocked', reasons: ['INSTALLER_INVALID'], popups: [], events: [] });
      expect(report.summary.installerProblems).toEqual([expect.objectContaining({ verdict, machines: 11 })]);
      expect(report.summary.installerProblems![0]!.failures).toContain(code);
      expect(report.summary.rootProblems).toBeUndefined();
      expect(report.summary.perPath[0]).toMatchObject({ blocked: 11, blockedByInstaller: 11, popups: [] });
      expect(html).toContain('id="installer-verdict"');
      expect(html).not.toContain('id="installer-root"');
    }
  });
});
