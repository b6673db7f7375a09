/** Human output of `acs-gate simulate`: decision, popups drawn as boxes in order, events as Event Viewer shows them. */
import { escapeLines, escapeText as esc } from '../../text/escape';
import type { PathRun, Popup } from '../../installers/types';
import { formatLocalTime } from '../../report/time';
import type { Readiness } from '../../endpoint/types';
import type { Lang } from '../lang';
import { drawBox } from './box';
import { windowsLine } from './windows-line';
import { remediationSource } from '../../endpoint/remediation';
import { formatEvent } from './event';
import { CYCLE_OUTCOME_LABELS, LABELS, READY_LABELS, VERDICT_LABELS } from '../../report/i18n';
import { group, inLang, text } from '../../messages/texts';

/** The output's words in one language (text home: `simulate.*`, `ready.*`, `report.label.window*`). */
function table(lang: Lang) {
  return {
    ...inLang(group('simulate.'), lang),
    ready: inLang(READY_LABELS, lang),
    window: { endpoint: LABELS.windowEndpoint[lang], console: LABELS.windowConsole[lang], server: LABELS.windowServer[lang] },
  };
}

const T = { en: table('en'), ja: table('ja') } as const;

const DECISION: Record<Lang, Record<PathRun['decision'], string>> = {
  en: {
    allowed: T.en['decision.allowed'],
    blocked: T.en['decision.blocked'],
    unguarded: T.en['decision.unguarded'],
    unknown: T.en['decision.unknown'],
  },
  // no English in the Japanese view (issue 18.5); unguarded in words that do not read as "no antivirus"
  ja: {
    allowed: T.ja['decision.allowed'],
    blocked: T.ja['decision.blocked'],
    unguarded: T.ja['decision.unguarded'],
    unknown: T.ja['decision.unknown'],
  },
};

/**
 * The box's caption: order, id, window, and whose wording the text and the title are: the Q&A's own text is
 * said to be so; anything the Q&A does not state carries the mark 「［当ツールの推定］」 / "[our inference]" (issue 18.3).
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
  out.push(`${t.machine}: ${esc(readiness.name)} — ${t.ready[String(readiness.ready) as 'true' | 'false' | 'unknown']}${readiness.os.line ? `, ${esc(windowsLine(readiness.os.line, lang))}` : ''}`);
  for (const a of opts.assumptions ?? []) out.push(`  (${a})`);
  const worst = run.decision === 'unknown' ? run.worstCase : undefined;
  out.push(`${t.decision}: ${DECISION[lang][run.decision]}${worst ? ` — ${t.worstDecision}: ${DECISION[lang][worst.decision]}` : ''}`);
  if (run.installerInvalid) {
    const v = run.installerInvalid;
    const verdict = VERDICT_LABELS[v.verdict]?.[lang] ?? v.verdict;
    out.push('', text('simulate.installerInvalid', lang, { verdict, codes: v.failures.join(', ') || '-' }));
  }
  if (run.rootNotCovered) out.push('', text('simulate.rootNotCovered', lang, { root: esc(run.rootNotCovered.root) }));
  if (run.reasons.length) {
    out.push('', `${t.reasons}:`);
    for (const r of run.reasons) out.push(`  - ${r.code}: ${esc(r.message)}`);
  }
  if (run.verification) {
    const v = run.verification;
    const codes = v.failures.length ? ` (${v.failures.map((f) => f.code).join(', ')})` : '';
    out.push(
      '',
      text('simulate.verificationLine', lang, {
        label: t.verification,
        verdict: lang === 'ja' ? (VERDICT_LABELS[v.verdict]?.ja ?? v.verdict) : v.verdict,
        acs: text(v.acs ? 'word.yes' : 'word.no', lang),
        codes,
      }),
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
        `  #${c.cycle} ${time(c.time)}  ${t.ready[String(c.ready) as 'true' | 'false' | 'unknown']}  ${lang === 'ja' ? (CYCLE_OUTCOME_LABELS[c.outcome]?.ja ?? c.outcome) : c.outcome}${c.downloaded ? `  ${t.download}` : ''}${c.events.length ? `  ${text('simulate.cycleEvents', lang, { event: t.event, ids: c.events.join(', ') })}` : ''}`,
      );
  }
  if (worst) out.push('==');
  if (run.remediation.length) {
    out.push('', `${t.remediation}:`);
    // each step marked as ours where it is (issue 18.3), as the popups and events are
    run.remediation.forEach((r, i) => out.push(`  ${i + 1}. ${escapeLines(r)}${remediationSource(r) === 'inferred' ? ` ${LABELS.markInferred[lang]}` : ''}`));
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
