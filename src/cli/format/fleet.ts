/** Human summary of a fleet run: where the report is, the totals, the top reasons and machines to fix first. */
import { escapeText as esc } from '../../text/escape';
import type { FleetResult } from '../../report/fleet';
import type { Lang } from '../lang';
import { ASSUMPTION_LABELS, type AssumableFact } from '../../report/assumptions';

const T = {
  en: { written: 'Report written', machines: 'machines', machine: 'machine', error: 'unreadable line', worst: 'worst case', generated: 'Generated', assumed: 'Assumed', ready: 'ready', notReady: 'not ready', unknown: 'unknown', errors: 'unreadable lines', reasons: 'Top reasons', fix: 'Fix first', paths: 'Install paths', open: 'Open it in a browser', allowed: 'allowed', blocked: 'blocked', unguarded: 'unguarded', unknownRuns: 'unknown' },
  ja: { written: 'レポートを出力しました', machines: '台', machine: '台', error: '読み込めない行', worst: '最悪の場合', generated: '作成日時', assumed: '仮定', ready: '対応済み', notReady: '未対応', unknown: '不明', errors: '読み込めない行', reasons: '主な理由', fix: '優先して対応する端末', paths: 'インストール経路', open: 'ブラウザで開いてください', allowed: '許可', blocked: 'ブロック', unguarded: '保護なし', unknownRuns: '不明' },
} as const;

/** One line of a terminal: the step without its links (the report has the full text). */
function short(step: string, max = 110): string {
  const s = step
    .replace(/\s*\(KB5022661: https?:[^)]*\)/g, '')
    .replace(/\s*\(https?:[^)]*\)/g, '')
    .replace(/:?\s*https?:\/\/\S+( ,)?/g, '')
    .trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

export function formatFleet(r: FleetResult, lang: Lang): string {
  const t = T[lang];
  const s = r.summary;
  const out = [
    `${t.written}: ${esc(r.outputs.html)}`,
    `  (${esc(r.outputs.json)}, ${esc(r.outputs.csv)})`,
    `${t.open}: file://${esc(r.outputs.html)}`,
    '',
    `${s.totals.machines} ${s.totals.machines === 1 ? t.machine : t.machines}: ${s.totals.ready} ${t.ready}, ${s.totals.notReady} ${t.notReady}, ${s.totals.unknown} ${t.unknown}` +
      (s.totals.importErrors ? `; ${s.totals.importErrors} ${s.totals.importErrors === 1 ? t.error : t.errors}` : ''),
  ];
  if (s.generatedAtLocal) out.splice(3, 0, `${t.generated}: ${s.generatedAtLocal}`);
  if (s.assumptions?.length) out.splice(4, 0, `${t.assumed}: ${s.assumptions.map((a) => ASSUMPTION_LABELS[a as AssumableFact]?.[lang] ?? a).join('; ')}`);
  if (s.byReason.length) {
    out.push(`${t.reasons}:`);
    for (const x of s.byReason.slice(0, 5)) out.push(`  ${x.code.padEnd(18)} ${x.notReady + x.unknown}`);
  }
  if (s.perPath.length) {
    out.push(`${t.paths}:`);
    for (const p of s.perPath)
      out.push(
        `  ${(p.path + (p.file ? ` (${esc(p.file.split(/[\\/]/).pop())})` : '')).padEnd(48)} ${t.allowed} ${p.allowed}, ${t.blocked} ${p.blocked}, ${t.unguarded} ${p.unguarded}` +
          (p.unknown
            ? `, ${t.unknownRuns} ${p.unknown} (${t.worst}: ${[p.unknownWorstCase.blocked ? `${t.blocked} ${p.unknownWorstCase.blocked}` : '', p.unknownWorstCase.unguarded ? `${t.unguarded} ${p.unknownWorstCase.unguarded}` : ''].filter(Boolean).join(', ')})`
            : ''),
      );
  }
  if (s.fixFirst.length) {
    out.push(`${t.fix}:`);
    for (const f of s.fixFirst.slice(0, 5)) out.push(`  ${esc(f.name)}: ${esc(short(f.remediation[0] ?? f.reasons[0] ?? ''))}`);
    if (s.fixFirst.length > 5) out.push(`  … (${esc(r.outputs.html)})`);
  }
  return out.join('\n') + '\n';
}
