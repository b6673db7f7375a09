import * as path from 'node:path';
import { AT, MACHINES, run, tmpDir } from './helpers';

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
});
