/** Human output of `acs-gate simulate`: decision, popups drawn as boxes in order, events as Event Viewer shows them. */
import { escapeLines, escapeText as esc } from '../../text/escape';
import type { PathRun, Popup } from '../../installers/types';
import { formatLocalTime } from '../../report/time';
import type { Readiness } from '../../endpoint/types';
import type { Lang } from '../lang';
import { drawBox } from './box';
import { formatEvent } from './event';
import { CYCLE_OUTCOME_LABELS, LABELS, VERDICT_LABELS } from '../../report/i18n';

const T = {
  en: {
    path: 'Install path',
    program: 'Program',
    machine: 'Machine',
    decision: 'Decision',
    worstCase: 'If the missing facts turn out unfavourable (worst case)',
    worstDecision: 'worst case',
    ours: "text: ours, not Trend Micro's or Microsoft's (the real wording is not published)",
    titleOurs: "title: ours, not Trend Micro's or Microsoft's",
    titleOfficial: "title: as Windows shows it; Trend Micro's Q&A does not state it",
    official: "text: Microsoft's wording; Trend Micro's Q&A gives only the Japanese",
    faqText: "text: as Trend Micro's Q&A gives it",
    eventFieldsInferred: "Source and Level: not stated in Trend Micro's Q&A (the event ID and the log are)",
    eventTextInferred: "Description: not Trend Micro's Q&A text (the Q&A gives only the Japanese)",
    examplePath: 'example path, not where the file really is (give --display-path)',
    translation: "text: our translation of Trend Micro's Japanese text",
    reasons: 'Reasons',
    popups: 'Popups, in the order shown',
    noPopup: 'No popup.',
    notInFaq: "what Windows and the agent show for an installer whose own signature fails is not in Trend Micro's Q&A",
    notInFaqRoot: "what Windows and the agent show for an installer whose root this machine does not trust is not in Trend Micro's Q&A; our inference",
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
    program: 'プログラム',
    machine: '端末',
    decision: '結果',
    worstCase: '不足している情報が不利な場合 (最悪の場合)',
    worstDecision: '最悪の場合',
    ours: '本文は当ツールの文言で、トレンドマイクロや Microsoft のものではありません (実際の文言は公開されていません)',
    titleOurs: 'タイトルは当ツールの文言で、トレンドマイクロや Microsoft のものではありません',
    titleOfficial: 'タイトルは Windows の表示で、トレンドマイクロの Q&A には記載がありません',
    official: '本文は Microsoft の文言で、トレンドマイクロの Q&A には日本語の文言のみ記載されています',
    faqText: '本文: トレンドマイクロの Q&A に記載の文言',
    eventFieldsInferred: 'ソースとレベルはトレンドマイクロの Q&A に記載がありません (イベント ID とログは記載のとおり)',
    eventTextInferred: '説明はトレンドマイクロの Q&A の文言ではありません (Q&A には日本語の文言のみ記載されています)',
    examplePath: 'パスは説明用の例で、実際のファイルの場所ではありません (--display-path で指定できます)',
    translation: '本文はトレンドマイクロの日本語の文言を当ツールが翻訳したものです',
    reasons: '理由',
    popups: '表示されるポップアップ (表示順)',
    noPopup: 'ポップアップなし',
    notInFaq: '署名が無効なインストーラに対して Windows やセキュリティエージェントが表示する内容は、トレンドマイクロの Q&A に記載がありません',
    notInFaqRoot: 'この端末が信頼していないルート証明書で署名されたインストーラに対して Windows やセキュリティエージェントが表示する内容は、トレンドマイクロの Q&A に記載がありません (当ツールの推定)',
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
  en: {
    allowed: 'ALLOWED',
    blocked: 'BLOCKED',
    unguarded: 'UNGUARDED (may install a program this machine cannot run)',
    unknown: 'UNKNOWN (a fact this depends on is missing)',
  },
  // no English in the Japanese view (issue 18.5); unguarded in words that do not read as "no antivirus"
  ja: {
    allowed: '許可',
    blocked: 'ブロック',
    unguarded: 'チェックなしで導入 (この端末では動作しないプログラムがインストールされる可能性があります)',
    unknown: '不明 (判定に必要な情報が不足しています)',
  },
};

/**
 * The box's caption: order, id, window, and whose wording the text and the title are: the Q&A's own text is
 * said to be so; anything the Q&A does not state carries the mark 「［当社の推定］」 / "[our inference]" (issue 18.3).
 */
function caption(p: Popup, i: number, lang: Lang): string {
  const t = T[lang];
  const mark = LABELS.markInferred[lang];
  const notes: string[] = [];
  if (p.source === 'faq') notes.push(t.faqText);
  else notes.push(`${mark} (${p.provenance === 'ours' ? t.ours : p.provenance === 'translation' ? t.translation : t.official})`);
  if (p.titleSource !== 'faq') notes.push(`${mark} (${p.titleProvenance === 'official' ? t.titleOfficial : t.titleOurs})`);
  return `${i + 1}. ${p.id} — ${t.window[p.window]}${notes.map((n) => `\n   ${n}`).join('')}`;
}

/** Under the events: which of their fields the Q&A states (the ID, the log and the Japanese text) and which not. */
function eventNote(events: PathRun['events'], lang: Lang): string[] {
  if (!events.length) return [];
  const t = T[lang];
  const mark = LABELS.markInferred[lang];
  const out = [`  ${mark} ${t.eventFieldsInferred}`];
  if (events.some((e) => e.textSource !== 'faq')) out.push(`  ${mark} ${t.eventTextInferred}`);
  return out;
}

export interface FormatRunOptions {
  trace: boolean;
  pathLabel?: string;
  /** the zone event and cycle times are shown in (local time with offset); default: ISO times */
  timeZone?: string;
  /** facts assumed on purpose (--assume-online, ...), named under the machine line */
  assumptions?: string[];
  /** the program's build and where it came from (simulate --file), shown under the path line */
  program?: string;
}

export function formatRun(run: PathRun, readiness: Readiness, lang: Lang, opts: FormatRunOptions): string {
  const t = T[lang];
  const out: string[] = [];
  const time = (iso: string) => (opts.timeZone ? formatLocalTime(iso, opts.timeZone, lang) : iso);
  out.push(`${t.path}: ${run.path}${opts.pathLabel ? ` (${opts.pathLabel})` : ''}`);
  if (opts.program) out.push(`${t.program}: ${opts.program}`);
  out.push(`${t.machine}: ${esc(readiness.name)} — ${t.ready[String(readiness.ready) as 'true' | 'false' | 'unknown']}${readiness.os.line ? `, ${esc(readiness.os.line)}` : ''}`);
  for (const a of opts.assumptions ?? []) out.push(`  (${a})`);
  const worst = run.decision === 'unknown' ? run.worstCase : undefined;
  out.push(`${t.decision}: ${DECISION[lang][run.decision]}${worst ? ` — ${t.worstDecision}: ${DECISION[lang][worst.decision]}` : ''}`);
  if (run.installerInvalid) {
    const v = run.installerInvalid;
    const verdict = VERDICT_LABELS[v.verdict]?.[lang] ?? v.verdict;
    out.push(
      '',
      lang === 'ja'
        ? `!! インストーラ自体の署名が${verdict}です (失敗コード: ${v.failures.join(', ') || '-'})。端末の ACS 対応とは関係ありません。`
        : `!! The installer's own signature is ${verdict} (${v.failures.join(', ') || '-'}): not a matter of this machine's ACS support.`,
    );
  }
  if (run.rootNotCovered) {
    const root = esc(run.rootNotCovered.root);
    out.push(
      '',
      lang === 'ja'
        ? `!! インストーラの証明書チェーンは、ACS 対応の判定で扱っていないルート証明書 ${root} で終わっており、この端末はそれを信頼していません。端末の ACS 対応とは関係ありません (当ツールの推定)。`
        : `!! The installer's chain ends at the root ${root}, which the ACS readiness model does not cover and this machine does not trust: not a matter of its ACS support (our inference).`,
    );
  }
  if (run.reasons.length) {
    out.push('', `${t.reasons}:`);
    for (const r of run.reasons) out.push(`  - ${r.code}: ${esc(r.message)}`);
  }
  if (run.verification) {
    const v = run.verification;
    const codes = v.failures.length ? ` (${v.failures.map((f) => f.code).join(', ')})` : '';
    out.push(
      '',
      lang === 'ja'
        ? `${t.verification}: ${VERDICT_LABELS[v.verdict]?.ja ?? v.verdict}、ACS による署名: ${v.acs ? 'はい' : 'いいえ'}${codes}`
        : `${t.verification}: ${v.verdict}, ACS ${v.acs ? 'yes' : 'no'}${codes}`,
    );
  }
  // an unknown run shows what its worst case would show, under a heading that says so
  const shown = worst ?? run;
  if (worst) out.push('', `== ${t.worstCase}: ${DECISION[lang][worst.decision]} ==`);
  out.push('', `${t.popups}:`);
  if (!shown.popups.length) out.push(`  ${t.noPopup}${run.installerInvalid ? ` (${t.notInFaq})` : run.rootNotCovered ? ` (${t.notInFaqRoot})` : ''}`);
  shown.popups.forEach((p, i) => {
    out.push(drawBox({ title: esc(p.title), text: escapeLines(p.text), buttons: p.buttons.map(esc), caption: caption(p, i, lang) }).trimEnd());
  });
  out.push('', `${t.events}:`);
  if (!shown.events.length) out.push(`  ${t.noEvent}${run.installerInvalid ? ` (${t.notInFaq})` : run.rootNotCovered ? ` (${t.notInFaqRoot})` : ''}`);
  for (const e of shown.events) out.push(formatEvent(e, lang, opts.timeZone));
  out.push(...eventNote(shown.events, lang));
  if (run.examplePath && (shown.popups.length || shown.events.length)) out.push(`  (${t.examplePath}: ${esc(run.examplePath)})`);
  out.push(`${t.downloads}: ${shown.downloads}`);
  if (shown.cycles?.length) {
    out.push('', `${t.cycles}:`);
    for (const c of shown.cycles)
      out.push(
        `  #${c.cycle} ${time(c.time)}  ${t.ready[String(c.ready) as 'true' | 'false' | 'unknown']}  ${lang === 'ja' ? (CYCLE_OUTCOME_LABELS[c.outcome]?.ja ?? c.outcome) : c.outcome}${c.downloaded ? `  ${t.download}` : ''}${c.events.length ? `  ${lang === 'ja' ? `${t.event} ${c.events.join(', ')} を記録` : `${t.event} ${c.events.join(', ')}`}` : ''}`,
      );
  }
  if (worst) out.push('==');
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
