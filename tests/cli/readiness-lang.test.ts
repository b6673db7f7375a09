import * as path from 'node:path';
import { AT, MACHINES, profileFile, run, tmpDir } from './helpers';

const KAIKEI = path.join(MACHINES, 'pc-w10-21h2-kaikei');
const JA_REASON = 'OS_PATCH_MISSING: Windows 10 21H2: ビルド 19044.1000 は 19044.1586 未満で、KB5011487 もインストールされていません';
const JA_STEP = 'KB5011487 (またはそれ以降の累積更新プログラム) を Windows 10 21H2 に適用してください: https://www.catalog.update.microsoft.com/Search.aspx?q=KB5011487';

describe('acs-gate --lang ja: readiness reasons and remediation in Japanese', () => {
  it('readiness --lang ja shows the Japanese reason and remediation', async () => {
    const r = await run(['readiness', KAIKEI, '--lang', 'ja']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('PC-KAIKEI-07: 未対応');
    expect(r.out).toContain(`  - ${JA_REASON}\n`);
    expect(r.out).toContain('  対処:\n');
    expect(r.out).toContain(`    1. ${JA_STEP}`);
    expect(r.out).not.toContain('is below');
  });

  it('readiness --lang en and the default stay English', async () => {
    for (const argv of [['readiness', KAIKEI, '--lang', 'en'], ['readiness', KAIKEI]]) {
      const r = await run(argv, { env: {} });
      expect(r.out).toContain('OS_PATCH_MISSING: Windows 10 21H2: build 19044.1000 is below 19044.1586 and KB5011487 is not installed');
      expect(r.out).toMatch(/1\. Install KB5011487 \(or a later cumulative update\) on Windows 10 21H2/);
    }
  });

  it('readiness --json --lang ja: messages in Japanese, codes and evidence as in English', async () => {
    const ja = JSON.parse((await run(['readiness', KAIKEI, '--json', '--lang', 'ja'])).out.trim());
    const en = JSON.parse((await run(['readiness', KAIKEI, '--json', '--lang', 'en'])).out.trim());
    expect(ja.reasons[0].message).toBe(JA_REASON.replace('OS_PATCH_MISSING: ', ''));
    expect(ja.reasons.map((x: { code: string; evidence: unknown }) => [x.code, x.evidence])).toEqual(
      en.reasons.map((x: { code: string; evidence: unknown }) => [x.code, x.evidence]),
    );
    expect(ja.remediation[0]).toContain(JA_STEP);
  });

  it('simulate --lang ja gives the readiness reason and remediation in Japanese', async () => {
    const r = await run(['simulate', 'msi', '--machine', KAIKEI, '--build', '12011', '--lang', 'ja', '--at', AT]);
    expect(r.out).toContain(JA_REASON);
    expect(r.out).toContain(`1. ${JA_STEP}`);
  });

  it('fleet --lang ja prints the Japanese remediation of the machines to fix first', async () => {
    const out = tmpDir();
    const r = await run(['fleet', KAIKEI, '--path', 'msi', '--out', out, '--lang', 'ja', '--at', AT]);
    expect(r.code).toBe(0); // report written, whatever the verdicts
    expect(r.out).toContain('優先して対応する端末:');
    expect(r.out).toContain('PC-KAIKEI-07: KB5011487 (またはそれ以降の累積更新プログラム) を Windows 10 21H2 に適用してください');
  });

  it('a build that names several Windows lines: 「… または …」 on the terminal line under ja, "or" in English and JSON', async () => {
    const f = profileFile({ name: 'PC-AMBIG', os: { version: '10.0.17763' } });
    const ja = await run(['readiness', f, '--lang', 'ja']);
    expect(ja.out).toContain('PC-AMBIG: 不明  (Windows 10 1809 / LTSC 2019 または Windows Server 2019 10.0.17763)');
    const en = await run(['readiness', f, '--lang', 'en']);
    expect(en.out).toContain('PC-AMBIG: UNKNOWN  (Windows 10 1809 / LTSC 2019 or Windows Server 2019 10.0.17763)');
    const json = JSON.parse((await run(['readiness', f, '--json', '--lang', 'ja'])).out.trim());
    expect(json.os.line).toBe('Windows 10 1809 / LTSC 2019 or Windows Server 2019');
  });

  it('remediation steps carry their source: remediationSource in JSON (one per step), the inferred mark on the terminal', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const json = JSON.parse((await run(['readiness', KAIKEI, '--json', '--lang', lang])).out.trim());
      expect(json.remediation.length).toBeGreaterThan(0);
      expect(json.remediationSource).toEqual(json.remediation.map(() => 'inferred'));
    }
    const ja = await run(['readiness', KAIKEI, '--lang', 'ja']);
    expect(ja.out).toMatch(/ {4}1\. KB5011487 .* ［当ツールの推定］\n/);
    const en = await run(['readiness', KAIKEI, '--lang', 'en']);
    expect(en.out).toMatch(/ {4}1\. Install KB5011487 .* \[our inference\]\n/);
    const sim = await run(['simulate', 'msi', '--machine', KAIKEI, '--build', '12011', '--lang', 'ja', '--at', AT, '--json']);
    const runJson = JSON.parse(sim.out);
    expect(runJson.remediationSource).toEqual(runJson.remediation.map(() => 'inferred'));
    const simText = await run(['simulate', 'msi', '--machine', KAIKEI, '--build', '12011', '--lang', 'ja', '--at', AT]);
    expect(simText.out).toMatch(/ {2}1\. KB5011487 .* ［当ツールの推定］\n/);
  });
});
