/**
 * Human summary of a fleet run: first what stops everything (an installer whose own signature fails), then
 * where the report is, the totals, the top reasons, each path's outcomes and the machines to fix first.
 * Japanese reads as Japanese: counts in its word order ("19 台中 11 台が対応済み"), decisions and verdicts in
 * words (report/i18n.ts), no English left; codes, path ids and file names stay as they are (identifiers).
 */
import { escapeText as esc } from '../../text/escape';
import type { FleetResult } from '../../report/fleet';
import type { Lang } from '../lang';
import { ASSUMPTION_LABELS, type AssumableFact } from '../../report/assumptions';
import { DECISION_LABELS, LABELS, REASON_LABELS, VERDICT_LABELS } from '../../report/i18n';

const T = {
  en: { written: 'Report written', error: 'unreadable line', errors: 'unreadable lines', worst: 'worst case', generated: 'Generated', assumed: 'Assumed', reasons: 'Top reasons', fix: 'Fix first', paths: 'Install paths', open: 'Open it in a browser', more: 'more in', rootFile: 'Root certificate file for offline machines' },
  ja: { written: 'レポートを出力しました', error: '読み込めない行', errors: '読み込めない行', worst: '最悪の場合', generated: '作成日時', assumed: '仮定', reasons: '主な理由', fix: '優先して対応する端末', paths: 'インストール経路', open: 'ブラウザで開いてください', more: '残りは次を参照', rootFile: 'オフラインの端末に追加するルート証明書ファイル' },
} as const;

/** One line of a terminal: the step without its links (the report has the full text). */
function short(step: string, max = 110): string {
  const s = step
    .replace(/\s*\(KB5022661: https?:[^)]*\)/g, '')
    .replace(/\s*\(https?:[^)]*\)/g, '')
    .replace(/:?\s*https?:\/\/\S+( ,)?/g, '')
    .trim();
  // cut between words: never half a file name or command
  return s.length > max ? s.slice(0, max - 1).replace(/[\x21-\x7e]+$/, '').trimEnd() + '…' : s;
}

/** "5 machines" / "1 machine" / "5 台". */
function machines(n: number, lang: Lang): string {
  return lang === 'ja' ? `${n} 台` : `${n} ${n === 1 ? 'machine' : 'machines'}`;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** The installer problems, said once and first: the file, its verdict and codes, and the fix. */
export function formatInstallerProblems(r: Pick<FleetResult, 'summary'>, lang: Lang): string[] {
  const out: string[] = [];
  for (const p of r.summary.installerProblems ?? []) {
    const verdict = VERDICT_LABELS[p.verdict]?.[lang] ?? p.verdict;
    const codes = p.failures.join(', ') || '-';
    if (lang === 'ja') {
      const what = p.verdict === 'unsigned' ? ' には署名がありません' : ` 自体の署名が${verdict}です`;
      out.push(`!! インストーラ ${esc(baseName(p.file))}${what} (失敗コード: ${codes})。${machines(p.machines, lang)}の端末で、ACS の対応状況に関係なくブロックとして数えています。`);
      out.push(`   このとき Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がないため、ACS のポップアップは示しません。`);
      out.push(`   対処: ${esc(p.fix)}`);
    } else {
      const what = p.verdict === 'unsigned' ? 'it is not signed' : `its own signature is ${verdict}`;
      out.push(`!! Installer ${esc(baseName(p.file))}: ${what} (${codes}); counted as blocked on ${machines(p.machines, lang)} whatever their ACS support.`);
      out.push(`   What Windows and the agent show then is not in Trend Micro's Q&A: no ACS popup is shown for it.`);
      out.push(`   Fix: ${esc(p.fix)}`);
    }
    out.push(`   (${esc(p.file)})`);
  }
  for (const p of r.summary.rootProblems ?? []) {
    if (lang === 'ja') {
      out.push(`!! インストーラ ${esc(baseName(p.file))} の証明書チェーンは、ACS 対応の判定で扱っていないルート証明書 ${esc(p.root)} で終わっています。`);
      out.push(`   このルート証明書を信頼していない ${machines(p.machines, lang)}の端末は、ACS の対応状況とは別に数えています (ブロック、またはルート証明書ストアが不明なら不明)。`);
      out.push(`   このとき Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がないため、ACS のポップアップは示しません (当ツールの推定)。`);
      out.push(`   対処: ${esc(p.fix)}`);
    } else {
      out.push(`!! Installer ${esc(baseName(p.file))}: its chain ends at the root ${esc(p.root)}, which the ACS readiness model does not cover.`);
      out.push(`   ${machines(p.machines, lang)} whose trust does not hold that root are counted apart from the ACS check (blocked, or unknown when their Root store is not known).`);
      out.push(`   What Windows and the agent show then is not in Trend Micro's Q&A: no ACS popup is shown for it (our inference).`);
      out.push(`   Fix: ${esc(p.fix)}`);
    }
    out.push(`   (${esc(p.file)})`);
  }
  if (out.length) out.push('');
  return out;
}

/** "19 台中 11 台が対応済み、5 台が未対応、3 台が不明" / "19 machines: 11 ready, 5 not ready, 3 unknown". */
function totalsLine(r: FleetResult, lang: Lang): string {
  const t = r.summary.totals;
  const e = t.importErrors;
  if (lang === 'ja')
    return (
      `${t.machines} 台中 ${t.ready} 台が対応済み、${t.notReady} 台が未対応、${t.unknown} 台が不明` +
      (e ? `。${T.ja.errors}: ${e} 件` : '')
    );
  return `${machines(t.machines, lang)}: ${t.ready} ready, ${t.notReady} not ready, ${t.unknown} unknown` + (e ? `; ${e} ${e === 1 ? T.en.error : T.en.errors}` : '');
}

function decisionCount(k: keyof typeof DECISION_LABELS, n: number, lang: Lang): string {
  return lang === 'ja' ? `${DECISION_LABELS[k].ja} ${n} 台` : `${DECISION_LABELS[k].en} ${n}`;
}

export function formatFleet(r: FleetResult, lang: Lang): string {
  const t = T[lang];
  const s = r.summary;
  const sep = lang === 'ja' ? '、' : ', ';
  const out = [
    ...formatInstallerProblems(r, lang),
    `${t.written}: ${esc(r.outputs.html)}`,
    `  (${esc(r.outputs.json)}${sep}${esc(r.outputs.csv)})`,
    `${t.open}: file://${esc(r.outputs.html)}`,
  ];
  if (s.generatedAtLocal) out.push(`${t.generated}: ${s.generatedAtLocal}`);
  if (s.assumptions?.length) out.push(`${t.assumed}: ${s.assumptions.map((a) => ASSUMPTION_LABELS[a as AssumableFact]?.[lang] ?? a).join('; ')}`);
  out.push('', totalsLine(r, lang));
  if (s.byReason.length) {
    out.push(`${t.reasons}:`);
    for (const x of s.byReason.slice(0, 5)) {
      const label = REASON_LABELS[x.code]?.[lang];
      out.push(`  ${x.code.padEnd(18)} ${machines(x.notReady + x.unknown, lang)}${label ? ` (${label})` : ''}`);
    }
  }
  if (s.perPath.length) {
    out.push(`${t.paths}:`);
    for (const p of s.perPath) {
      const worst = [
        p.unknownWorstCase.blocked ? decisionCount('blocked', p.unknownWorstCase.blocked, lang) : '',
        p.unknownWorstCase.unguarded ? decisionCount('unguarded', p.unknownWorstCase.unguarded, lang) : '',
      ]
        .filter(Boolean)
        .join(sep);
      const byInstaller = p.blockedByInstaller
        ? lang === 'ja'
          ? ` (うち ${p.blockedByInstaller} 台はインストーラの署名が原因)`
          : ` (${p.blockedByInstaller} by the installer's own signature)`
        : '';
      const byRoot = p.blockedByRoot
        ? lang === 'ja'
          ? ` (うち ${p.blockedByRoot} 台は ACS 対応の判定外のルート証明書が原因)`
          : ` (${p.blockedByRoot} by a root outside the ACS readiness model)`
        : '';
      out.push(
        `  ${(p.path + (p.file ? ` (${esc(baseName(p.file))})` : '')).padEnd(48)} ` +
          [decisionCount('allowed', p.allowed, lang), decisionCount('blocked', p.blocked, lang) + byInstaller + byRoot, decisionCount('unguarded', p.unguarded, lang)].join(sep) +
          (p.unknown ? `${sep}${decisionCount('unknown', p.unknown, lang)} (${t.worst}: ${worst})` : ''),
      );
    }
    if (s.perPath.some((p) => p.unguarded || p.unknownWorstCase.unguarded)) out.push(`  (${LABELS.unguardedNote[lang]})`);
  }
  if (s.fixFirst.length) {
    out.push(`${t.fix}:`);
    for (const f of s.fixFirst.slice(0, 5)) out.push(`  ${esc(f.name)}: ${esc(short(f.remediation[0] ?? f.reasons[0] ?? ''))}`);
    const rest = s.totals.notReady + s.totals.unknown - Math.min(5, s.fixFirst.length);
    if (rest > 0) out.push(lang === 'ja' ? `  … ほかに ${rest} 台 (${t.more}: ${esc(r.outputs.html)})` : `  … ${rest} more (${t.more}: ${esc(r.outputs.html)})`);
  }
  const rootFile = r.outputs.rootCertificate;
  if (rootFile) out.push(`${t.rootFile}: ${esc(rootFile)}`);
  return out.join('\n') + '\n';
}
