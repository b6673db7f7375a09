/** The CLI in Japanese beyond readiness: simulate's reasons, warnings and remediation, and the fleet summary's words. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AT, MACHINES, run, tmpDir } from './helpers';

const KAIKEI = path.join(MACHINES, 'pc-w10-21h2-kaikei');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The lines of one section ("理由:", "対処:", "注意:") of the simulate output. */
function section(out: string, title: string): string[] {
  const lines = out.split('\n');
  const i = lines.indexOf(`${title}:`);
  if (i < 0) return [];
  const rest = lines.slice(i + 1);
  const end = rest.findIndex((l) => l === '' || !l.startsWith('  '));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('acs-gate simulate --lang ja: installer texts', () => {
  it('writes the unguarded agent reason, the agent risk and the scope remediation in Japanese', async () => {
    const r = await run(['simulate', 'agent-update', '--machine', KAIKEI, '--agent-build', '11000', '--build', '12500', '--lang', 'ja', '--at', AT]);
    expect(r.err).toBe('');
    const reasons = section(r.out, '理由');
    expect(reasons.find((l) => l.startsWith('  - AGENT_WITHOUT_CHECK: '))).toMatch(
      /^  - AGENT_WITHOUT_CHECK: Apex One のセキュリティエージェント ビルド 11000 \(12011 より前\): 既知の制限事項により/,
    );
    expect(reasons.join('\n')).toContain('セキュリティエージェントと Microsoft Defender の両方が有効になる場合があり');
    const remediation = section(r.out, '対処');
    expect(remediation.join('\n')).toContain('プログラムのアップグレードとHotFixの配信を禁止する設定');
    expect(remediation.join('\n')).toContain('「セキュリティエージェントがアップデートするコンポーネント」で「パターンファイル、エンジン、ドライバ」');
    for (const l of [...reasons, ...remediation]) expect(l).toMatch(JAPANESE);
    expect(r.out).not.toMatch(/known limitation|Security Agents only update|may not be blocked/);
  });

  it('writes the SaaS December-2022 warning in Japanese', async () => {
    const r = await run(['simulate', 'saas-agent-update', '--machine', KAIKEI, '--agent-maintenance', '2022-12', '--maintenance', '2023-03', '--cycles', '2', '--lang', 'ja', '--at', AT]);
    expect(r.err).toBe('');
    const warnings = section(r.out, '注意');
    expect(warnings.join('\n')).toContain('2022年12月の定期メンテナンス以前のセキュリティエージェントには繰り返しダウンロードの防止機能が実装されていない');
    expect(warnings.join('\n')).toContain('ACS チェック機能によるブロックがされない場合があります');
    expect(r.out).not.toContain('may not be blocked at all');
  });

  it('keeps the same run in English with --lang en', async () => {
    const r = await run(['simulate', 'agent-update', '--machine', KAIKEI, '--agent-build', '11000', '--build', '12500', '--lang', 'en', '--at', AT]);
    expect(r.out).toContain('AGENT_WITHOUT_CHECK: Apex One agent build 11000 (< 12011): the ACS check may not run (known limitation)');
    expect(r.out).not.toMatch(JAPANESE);
  });
});

describe('acs-gate demo / fleet --lang ja: summary words', () => {
  it('prints allowed / blocked / unguarded in Japanese', async () => {
    const out = tmpDir();
    const r = await run(['demo', '--out', out, '--at', AT, '--lang', 'ja']);
    expect(r.code).toBe(0);
    // the report's verification table: the trust column and the ACS column in both languages (report.json keeps the value)
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<span class="l-ja">信頼されたルート証明機関ストアに登録済み</span><span class="l-en">root in store</span>');
    expect(html).toContain('<span class="l-ja">はい</span><span class="l-en">yes</span>');
    const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { summary: { verifications: { trust: string }[] } };
    expect(json.summary.verifications.map((v) => v.trust)).toContain('root in store');
    const pathLines = r.out.split('\n').filter((l) => /^  \S+ \(/.test(l) && /許可/.test(l));
    expect(pathLines.length).toBeGreaterThan(0);
    // issue 18.5: Japanese counts (台) and 「チェックなしで導入」 for unguarded (保護なし read as "no antivirus")
    for (const l of pathLines) expect(l).toMatch(/許可 \d+ 台、ブロック \d+ 台、チェックなしで導入 \d+ 台(、不明 \d+ 台 \(最悪の場合: [^)]*\))?$/);
    expect(r.out).not.toMatch(/\ballowed \d|\bblocked \d|\bunguarded \d/);
  });

  it('keeps the English words with --lang en', async () => {
    const r = await run(['demo', '--out', tmpDir(), '--at', AT, '--lang', 'en']);
    expect(r.out).toMatch(/allowed \d+, blocked \d+, unguarded \d+/);
  });
});
