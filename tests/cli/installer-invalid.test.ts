/**
 * Issue 18.2: an installer whose own signature fails (untrusted root, tampered) is its own answer: said once at
 * the top of the terminal summary and in report.json (summary.installerProblems), never the FAQ's ACS popup,
 * never "blocked by the ACS check" on a ready machine; `simulate --file` the same.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AT, AUTOPCC, MACHINES, run, TEST_ROOT, tmpDir } from './helpers';

const dirs: string[] = [];
function dir(): string {
  const d = tmpDir('acs-invalid-');
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** AutoPcc.exe with one byte of its code changed: the signature no longer covers the file. */
function tampered(): string {
  const bytes = Buffer.from(fs.readFileSync(AUTOPCC));
  bytes[0x200] = bytes[0x200]! ^ 0xff;
  const f = path.join(dir(), 'AutoPcc.exe');
  fs.writeFileSync(f, bytes);
  return f;
}

interface Summary {
  totals: { machines: number; ready: number };
  installerProblems?: { file: string; verdict: string; failures: string[]; fix: string; machines: number; alt?: Record<string, { fix: string }> }[];
  perPath: { path: string; blocked: number; allowed: number; unknown: number; blockedByInstaller?: number; popups: { text: string }[] }[];
  verifications: { verdict: string; installerInvalid?: boolean }[];
}

describe('an installer whose own signature fails (issue 18.2)', () => {
  it('fleet without --trust for a file signed by a private test PKI: said once at the top, every machine blocked by the installer, no ACS popup', async () => {
    const out = dir();
    const r = await run(['fleet', MACHINES, '--file', AUTOPCC, '--out', out, '--at', AT, '--lang', 'en']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^!! Installer AutoPcc\.exe: its own signature is invalid \(.*UNTRUSTED_ROOT.*\); counted as blocked on \d+ machines whatever their ACS support\.$/);
    expect(lines[1]).toContain("not in Trend Micro's Q&A");
    expect(lines[2]).toMatch(/^ {3}Fix: Obtain the installer again .*--trust/);
    expect(r.out.match(/^!! /gm)).toHaveLength(1);
    const { summary } = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { summary: Summary };
    expect(summary.installerProblems).toHaveLength(1);
    const p = summary.installerProblems![0]!;
    expect(p).toMatchObject({ file: AUTOPCC, verdict: 'invalid', machines: summary.totals.machines });
    expect(p.failures).toContain('UNTRUSTED_ROOT');
    expect(p.alt?.ja?.fix).toContain('--trust');
    const autopcc = summary.perPath[0]!;
    // ready machines too: blocked by the installer, not by the ACS check, and nothing is "unknown" about it
    expect(summary.totals.ready).toBeGreaterThan(0);
    expect(autopcc).toMatchObject({ allowed: 0, unknown: 0, blocked: summary.totals.machines, blockedByInstaller: summary.totals.machines });
    expect(autopcc.popups).toEqual([]);
    expect(JSON.stringify(summary)).not.toContain('Azure Code Signingがサポートされていません');
    expect(summary.verifications.length).toBeGreaterThan(0);
    for (const v of summary.verifications) expect(v).toMatchObject({ verdict: 'invalid', installerInvalid: true });
  });

  it('fleet --lang ja with a tampered installer: the top lines in Japanese, with the failure code and the fix', async () => {
    const out = dir();
    const r = await run(['fleet', MACHINES, '--file', tampered(), '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--out', out, '--at', AT, '--lang', 'ja']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^!! インストーラ AutoPcc\.exe 自体の署名が無効です \(失敗コード: .*DIGEST_MISMATCH.*\)。\d+ 台の端末で、ACS の対応状況に関係なくブロックとして数えています。$/);
    expect(lines[2]).toMatch(/^ {3}対処: Apex One サーバまたはトレンドマイクロからインストーラを再度入手/);
    const { summary } = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { summary: Summary };
    expect(summary.installerProblems![0]!.failures).toContain('DIGEST_MISMATCH');
    expect(summary.perPath[0]!.popups).toEqual([]);
  });

  it('a good installer with --trust gives no installer problem, and machines lacking the root still get the ACS popups', async () => {
    const out = dir();
    const r = await run(['fleet', MACHINES, '--file', AUTOPCC, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--out', out, '--at', AT, '--lang', 'en']);
    expect(r.out).not.toContain('!!');
    const { summary } = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { summary: Summary };
    expect(summary.installerProblems).toBeUndefined();
    expect(summary.perPath[0]!.blocked).toBeGreaterThan(0);
    expect(summary.perPath[0]!.blockedByInstaller).toBeUndefined();
    expect(summary.perPath[0]!.popups.length).toBeGreaterThan(0);
  });

  it('simulate --file with a tampered installer on a ready machine: blocked (exit 1), INSTALLER_INVALID, no popup, says the FAQ does not state it', async () => {
    const machine = path.join(MACHINES, 'pc-win11-01');
    const r = await run(['simulate', 'autopcc', '--machine', machine, '--file', tampered(), '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--at', AT, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/!! The installer's own signature is invalid \(.*DIGEST_MISMATCH.*\): not a matter of this machine's ACS support\./);
    expect(r.out).toContain('INSTALLER_INVALID');
    expect(r.out).toContain("No popup. (what Windows and the agent show for an installer whose own signature fails is not in Trend Micro's Q&A)");
    expect(r.out).not.toContain('Azure Code Signing is not supported');
    const j = await run(['simulate', 'autopcc', '--machine', machine, '--file', tampered(), '--trust', TEST_ROOT, '--at', AT, '--json']);
    const runJson = JSON.parse(j.out) as { decision: string; popups: unknown[]; installerInvalid: { failures: string[] } };
    expect(runJson.decision).toBe('blocked');
    expect(runJson.popups).toEqual([]);
    expect(runJson.installerInvalid.failures).toContain('DIGEST_MISMATCH');
  });
});
