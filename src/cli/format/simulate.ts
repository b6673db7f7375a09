/** Human output of `acs-gate simulate`: decision, popups drawn as boxes in order, events as Event Viewer shows them. */
import { escapeLines, escapeText as esc } from '../../text/escape';
import type { PathRun } from '../../installers/types';
import type { Readiness } from '../../endpoint/types';
import type { Lang } from '../lang';
import { drawBox } from './box';
import { formatEvent } from './event';

const T = {
  en: {
    path: 'Install path',
    machine: 'Machine',
    decision: 'Decision',
    uncertain: '(worst case: a fact is unknown)',
    reasons: 'Reasons',
    popups: 'Popups, in the order shown',
    noPopup: 'No popup.',
    events: 'Windows Logs > Application',
    noEvent: 'No event logged.',
    downloads: 'Program downloads',
    remediation: 'Remediation',
    warnings: 'Warnings',
    cycles: 'Update cycles',
    trace: 'Transitions',
    verification: 'Signature of the file on this machine',
    download: 'download',
    event: 'event',
    ready: { true: 'ready', false: 'not ready', unknown: 'unknown' },
    window: { endpoint: 'on the endpoint', console: 'on the management console', server: 'on the server' },
  },
  ja: {
    path: 'インストール経路',
    machine: '端末',
    decision: '結果',
    uncertain: '(不明な情報があるため最悪の場合を表示)',
    reasons: '理由',
    popups: '表示されるポップアップ (表示順)',
    noPopup: 'ポップアップなし',
    events: 'Windows ログ > Application',
    noEvent: 'イベントなし',
    downloads: 'プログラムのダウンロード回数',
    remediation: '対処',
    warnings: '注意',
    cycles: 'アップデートサイクル',
    trace: '状態遷移',
    verification: 'この端末でのファイルの署名',
    download: 'ダウンロード',
    event: 'イベント',
    ready: { true: '対応済み', false: '未対応', unknown: '不明' },
    window: { endpoint: '端末に表示', console: '管理コンソールに表示', server: 'サーバに表示' },
  },
} as const;

const DECISION: Record<Lang, Record<PathRun['decision'], string>> = {
  en: { allowed: 'ALLOWED', blocked: 'BLOCKED', unguarded: 'UNGUARDED (may install a program this machine cannot run)' },
  ja: { allowed: '許可 (ALLOWED)', blocked: 'ブロック (BLOCKED)', unguarded: '保護なし (UNGUARDED: 実行できないプログラムがインストールされる可能性)' },
};

export function formatRun(run: PathRun, readiness: Readiness, lang: Lang, opts: { trace: boolean; pathLabel?: string }): string {
  const t = T[lang];
  const out: string[] = [];
  out.push(`${t.path}: ${run.path}${opts.pathLabel ? ` (${opts.pathLabel})` : ''}`);
  out.push(`${t.machine}: ${esc(readiness.name)} — ${t.ready[String(readiness.ready) as 'true' | 'false' | 'unknown']}${readiness.os.line ? `, ${esc(readiness.os.line)}` : ''}`);
  out.push(`${t.decision}: ${DECISION[lang][run.decision]}${run.uncertain ? ' ' + t.uncertain : ''}`);
  if (run.reasons.length) {
    out.push('', `${t.reasons}:`);
    for (const r of run.reasons) out.push(`  - ${r.code}: ${esc(r.message)}`);
  }
  if (run.verification) {
    const v = run.verification;
    out.push('', `${t.verification}: ${v.verdict}, ACS ${v.acs ? 'yes' : 'no'}${v.failures.length ? ` (${v.failures.map((f) => f.code).join(', ')})` : ''}`);
  }
  out.push('', `${t.popups}:`);
  if (!run.popups.length) out.push(`  ${t.noPopup}`);
  run.popups.forEach((p, i) => {
    out.push(drawBox({ title: esc(p.title), text: escapeLines(p.text), buttons: p.buttons.map(esc), caption: `${i + 1}. ${p.id} — ${t.window[p.window]}` }).trimEnd());
  });
  out.push('', `${t.events}:`);
  if (!run.events.length) out.push(`  ${t.noEvent}`);
  for (const e of run.events) out.push(formatEvent(e, lang));
  out.push(`${t.downloads}: ${run.downloads}`);
  if (run.cycles?.length) {
    out.push('', `${t.cycles}:`);
    for (const c of run.cycles)
      out.push(
        `  #${c.cycle} ${c.time}  ${t.ready[String(c.ready) as 'true' | 'false' | 'unknown']}  ${c.outcome}${c.downloaded ? `  ${t.download}` : ''}${c.events.length ? `  ${t.event} ${c.events.join(', ')}` : ''}`,
      );
  }
  if (run.remediation.length) {
    out.push('', `${t.remediation}:`);
    run.remediation.forEach((r, i) => out.push(`  ${i + 1}. ${escapeLines(r)}`));
  }
  if (run.warnings.length) {
    out.push('', `${t.warnings}:`);
    for (const w of run.warnings) out.push(`  ! ${escapeLines(w)}`);
  }
  if (opts.trace) {
    out.push('', `${t.trace}:`);
    for (const tr of run.transitions) out.push(`  ${tr.from} --${tr.event}--> ${tr.to}`);
  }
  return out.join('\n') + '\n';
}
