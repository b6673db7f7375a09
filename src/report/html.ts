/**
 * report.html: one self-contained page (inline CSS, JS and SVG; nothing fetched, a CSP that allows nothing
 * from outside). Both languages are in the page (labels, popups, and the readiness reasons and remediation
 * of the machines to fix first and of the steps table); the chosen one shows first and a button switches.
 *
 * The first screen: the installer's own failed verdict and the inputs not read (banners), the counts, the
 * per-path blocked / installs-unchecked / unknown counts, the machines per fix step, the charts and "fix
 * first". Then every machine: compact rows (page/rows.ts) in a <script type="application/json"> block that
 * the page's script (page/client.ts) searches, filters, sorts, pages and saves as CSV. The summary is also
 * embedded as JSON, for tools that scrape the page. `writeHtml` streams the page (rows copied from the part
 * written while the fleet was read); `renderHtml` builds it in memory from a summary's sample of rows.
 */
import { escapeHtml } from '../text/escape';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { OTHER_STEPS } from './aggregate';
import { DECISION_LABELS, FACT_LABELS, LABELS, PAGE_LABELS, READY_LABELS, REASON_LABELS, TRUST_LABELS } from './i18n';
import type { Decision, FleetSummary, KnownDecision, Lang, PerPathSummary, PopupView, EventView, Tri, VerificationSummary } from './types';
import { ASSUMPTION_LABELS, type AssumableFact } from './assumptions';
import { csvHeader } from './csv';
import { CATALOG, type MessageId } from '../messages/catalog';
import { EVENT_DEFINITIONS } from '../eventlog/sources';
import { CLIENT_JS } from './page/client';
import { CSS } from './page/style';
import { MemoryRows, type PageRun, type RowsSource } from './page/rows';
import { scriptJson } from './page/json';
import { reasonJa } from '../messages/reasons-ja';
import { remediationSource } from '../endpoint/remediation';

export { scriptJson };

/** escapeHtml lives with the other escapers (src/text/escape.ts): one place decides how text is shown. */
export { escapeHtml };

const e = escapeHtml;
const ALL_LABELS = { ...LABELS, ...PAGE_LABELS };
type Key = keyof typeof ALL_LABELS;
type Bilingual = { ja: string; en: string };

function bi(ja: string, en: string): string {
  return ja === en ? e(ja) : `<span class="l-ja">${e(ja)}</span><span class="l-en">${e(en)}</span>`;
}

/** Why an input was skipped or not read: written in English (report.json keeps it so), shown in both languages. */
function reasonBi(reason: string): string {
  return bi(reasonJa(reason), reason);
}

function biOf(o: Bilingual): string {
  return bi(o.ja, o.en);
}

/** Microsoft's support page of a KB in the reader's language (a link only; nothing is fetched). */
export function kbUrl(kb: string, lang: Lang): string {
  return `https://support.microsoft.com/${lang === 'ja' ? 'ja-jp' : 'en-us'}/help/${kb.replace(/^KB/i, '')}`;
}

/** Escapes `text` and makes each KB number in it a link to Microsoft's page in `lang`, and each URL clickable. */
export function linkify(text: string, lang: Lang): string {
  const re = /(https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:、。])|\bKB(\d{6,7})\b/g;
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += e(text.slice(last, m.index));
    if (m[1]) out += `<a href="${e(m[1])}" rel="noreferrer noopener" target="_blank">${e(m[1])}</a>`;
    else out += `<a class="kb" href="${e(kbUrl(m[0], lang))}" rel="noreferrer noopener" target="_blank">${e(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return out + e(text.slice(last));
}

/** Both languages of a text, each with its KB links in its own language. */
function biLinked(ja: string, en: string): string {
  const a = linkify(ja, 'ja');
  const b = linkify(en, 'en');
  return a === b ? a : `<span class="l-ja">${a}</span><span class="l-en">${b}</span>`;
}

/** A text in the page's language with its translation (when there is one) for the toggle. */
function biText(text: string, lang: Lang, alt: string | undefined): string {
  if (alt === undefined) return linkify(text, lang);
  return lang === 'ja' ? biLinked(text, alt) : biLinked(alt, text);
}

/** The other language's list when it matches the list item for item. */
function altList(list: string[], alt: Partial<Record<Lang, { reasons: string[]; remediation: string[] }>> | undefined, lang: Lang, key: 'reasons' | 'remediation'): string[] | undefined {
  const o = alt?.[lang === 'ja' ? 'en' : 'ja']?.[key];
  return o && o.length === list.length ? o : undefined;
}

function t(key: Key): string {
  return biOf(ALL_LABELS[key]);
}

type Vars = Record<string, string | number | ((l: Lang) => string)>;

/** A label with its `{name}` placeholders filled (numbers grouped as 1,234), in both languages. */
function fillLabel(key: Key, vars: Vars): Bilingual {
  const out = { ja: '', en: '' };
  for (const l of ['ja', 'en'] as const)
    out[l] = ALL_LABELS[key][l].replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = vars[k];
      return typeof v === 'function' ? v(l) : typeof v === 'number' ? num(v) : (v ?? '');
    });
  return out;
}

function tf(key: Key, vars: Vars): string {
  return biOf(fillLabel(key, vars));
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** "machine" / "machines" after a count in English (Japanese counts take 台 either way). */
function machinesWord(n: number): (l: Lang) => string {
  return (l) => ALL_LABELS[n === 1 ? 'machineOne' : 'machineMany'][l];
}

function stepsWord(n: number): (l: Lang) => string {
  return (l) => ALL_LABELS[n === 1 ? 'stepOne' : 'stepMany'][l];
}

/** The trust column in both languages (the value itself is the English label). */
function trustCell(trust: string): string {
  const l = own(TRUST_LABELS, trust);
  return l ? biOf(l) : e(trust);
}

/** A data-named entry of a label table (never an inherited property such as "constructor"). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function readyLabel(r: Tri): string {
  return r === true ? t('ready') : r === false ? t('notReady') : t('unknown');
}

function readyClass(r: Tri): string {
  return r === true ? 'ok' : r === false ? 'bad' : 'unk';
}

function reasonLabel(code: string): string {
  const l = own(REASON_LABELS, code);
  return l ? `${biOf(l)} <code>${e(code)}</code>` : `<code>${e(code)}</code>`;
}

const VERDICT_KEYS: Record<string, Key> = { valid: 'verdictValid', invalid: 'verdictInvalid', unsigned: 'verdictUnsigned', malformed: 'verdictMalformed' };
const LEVEL_KEYS: Record<string, Key> = { Error: 'levelError', Warning: 'levelWarning', Information: 'levelInformation' };

/** The verifier's verdict in the reader's words (an unknown value shown as the code it is). */
function verdictLabel(v: string): string {
  const k = own(VERDICT_KEYS, v);
  return k ? t(k) : `<code>${e(v)}</code>`;
}

/** An event level as Event Viewer shows it in the reader's language. */
function levelLabel(level: string): string {
  const k = own(LEVEL_KEYS, level);
  return k ? t(k) : e(level);
}

/** Approximate width in pixels of a chart label at 12px (wide characters and capitals count more). */
export function labelWidth(label: string): number {
  let w = 0;
  for (const ch of label)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 13 : /[A-Z0-9_@%#&MW]/.test(ch) ? 9 : /[a-z]/.test(ch) ? 7.5 : 5;
  return Math.ceil(w);
}

type ChartLabel = string | Bilingual;

/** Horizontal stacked bars as inline SVG; a label in two languages is drawn twice, one shown per language. */
export function barChart(title: string, rows: { label: ChartLabel; parts: { value: number; cls: string }[] }[], idPrefix: string): string {
  const texts = (l: ChartLabel) => (typeof l === 'string' ? [l] : [l.ja, l.en]);
  // wide enough for the longest label, whole, in either language
  const labelW = Math.max(120, ...rows.flatMap((r) => texts(r.label).map((x) => labelWidth(x) + 16)));
  const barW = 380;
  const rowH = 26;
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((s, p) => s + p.value, 0)));
  const h = rows.length * rowH + 10;
  const bars = rows
    .map((r, i) => {
      const y = 5 + i * rowH;
      let x = labelW;
      const total = r.parts.reduce((s, p) => s + p.value, 0);
      const rects = r.parts
        .filter((p) => p.value > 0)
        .map((p) => {
          const w = Math.max(1, (p.value / max) * barW);
          const rect = `<rect class="${p.cls}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 8}"><title>${p.value}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      const at = `x="${labelW - 8}" y="${y + rowH / 2}" text-anchor="end"`;
      const label =
        typeof r.label === 'string' || r.label.ja === r.label.en
          ? `<text class="lbl" ${at}>${e(typeof r.label === 'string' ? r.label : r.label.ja)}</text>`
          : `<text class="lbl l-ja" ${at}>${e(r.label.ja)}</text><text class="lbl l-en" ${at}>${e(r.label.en)}</text>`;
      return `<g id="${e(idPrefix)}-${i}">${label}${rects}<text class="num" x="${(x + 6).toFixed(1)}" y="${y + rowH / 2}">${num(total)}</text></g>`;
    })
    .join('');
  const width = labelW + barW + 70;
  return `<figure><figcaption>${title}</figcaption><svg role="img" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}

function legend(): string {
  return `<p class="legend"><span class="sw ok"></span>${t('ready')} <span class="sw bad"></span>${t('notReady')} <span class="sw unk"></span>${t('unknown')} <span class="muted">— ${t('unknownNote')}</span></p>`;
}

/** The values a FAQ-or-ours field may take: 'faq' / 'seed' (the FAQ's own text) or anything else (ours). */
function fromFaq(value: unknown): boolean | undefined {
  if (value === 'faq' || value === 'seed') return true;
  if (value === 'inferred' || value === 'ours' || value === 'translation' || value === 'official') return false;
  return undefined;
}

const INFERRED_NOTE: Record<string, Key> = { translation: 'inferredTranslation', official: 'inferredOfficial' };

/**
 * The mark under a popup: the FAQ mark (faqMark) only on text the FAQ contains, "当ツールの推定" on the
 * rest (a `source: 'faq' | 'inferred'` field when the run gives one, else the catalog's provenance).
 */
function provenanceNote(v: PopupView): string {
  const x = v as PopupView & { source?: unknown };
  const faq = fromFaq(x.source) ?? fromFaq(v.provenance);
  const notes: string[] = [];
  if (faq === true) notes.push(`<span class="mark faq">${t('faqMark')}</span>`);
  else if (faq === false) notes.push(`<span class="mark inf">${t(own(INFERRED_NOTE, v.provenance ?? '') ?? 'inferred')}</span>`);
  if (v.provenance === 'ours') notes.push(t('textOurs'));
  else if (v.provenance === 'translation') notes.push(t('textTranslation'));
  if (hasPath(v.text)) notes.push(`<span class="mark inf">${t('examplePath')}</span>`);
  if (v.titleProvenance !== undefined && fromFaq(v.titleProvenance) === false && v.provenance !== 'ours')
    notes.push(`<span class="mark inf">${t('titleInferred')}</span> ${v.titleProvenance === 'ours' ? t('titleOurs') : ''}`);
  return notes.length ? `<div class="pnote">${notes.join('<br>')}</div>` : '';
}

/** A Windows path in a text (C:\\…, \\\\server\\…): the report's paths are examples, not read from the machines. */
function hasPath(text: string): boolean {
  return /[A-Za-z]:\\|\\\\[^\\\s]+\\/.test(text);
}

/** Windows' error icon (a red disc with a white cross), drawn inline. */
const ERROR_ICON =
  '<svg width="32" height="32" viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="15" fill="#d13438"/><path d="M10.5 10.5l11 11M21.5 10.5l-11 11" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/></svg>';

/** A popup drawn as a Windows message box: title bar with its close button, the icon, the text, the buttons. */
function messageBox(v: PopupView, cls: string): string {
  return (
    `<div class="${cls}"><div class="popup" role="img"><div class="ptitle"><span class="cap" translate="no">${e(v.title)}</span><span class="x" title="${e(PAGE_LABELS.closeButton.ja)} / ${e(PAGE_LABELS.closeButton.en)}">\u2715</span></div>` +
    `<div class="pbody">${ERROR_ICON}<div class="ptext">${e(v.text)}</div></div>` +
    `<div class="pbuttons">${v.buttons.map((b) => `<button type="button" disabled>${e(b)}</button>`).join('')}</div></div>${provenanceNote(v)}</div>`
  );
}

function popupBox(p: PopupView & { machines: number; unknownMachines?: number }, alt: Partial<Record<Lang, PopupView>> | undefined, lang: Lang): string {
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  const o = alt?.[other];
  const body = o ? messageBox(p, `l-${lang}`) + messageBox(o, `l-${other}`) : messageBox(p, '');
  const unknown = p.unknownMachines ? ` · ${t('seenIfUnfavourable')}: ${num(p.unknownMachines)}` : '';
  return `<div class="popwrap"><div class="pmeta"><code>${e(p.id)}</code> · ${t(windowKey(p.window))} · ${t('seenBy')}: ${num(p.machines)}${unknown}</div>${body}</div>`;
}

function windowKey(w: string): Key {
  return w === 'console' ? 'windowConsole' : w === 'server' ? 'windowServer' : 'windowEndpoint';
}

/** An event's text mark (FAQ or ours) and whether its source and level are ours (eventlog/sources.ts). */
function eventMarks(v: EventView, lang: Lang): string {
  const x = v as EventView & { textSource?: unknown; provenance?: unknown; origin?: unknown };
  const source = typeof x.source === 'string' && (x.source === 'faq' || x.source === 'inferred') ? x.source : undefined;
  const catalog = own(CATALOG as Record<string, (typeof CATALOG)[MessageId]>, `E-${v.id}`);
  const faq = fromFaq(x.textSource) ?? fromFaq(x.provenance) ?? fromFaq(x.origin) ?? fromFaq(source) ?? fromFaq(catalog?.provenance[lang]);
  const def = Object.values(EVENT_DEFINITIONS).find((d) => d.id === v.id && d.source === v.source);
  const marks: string[] = [];
  if (faq === true) marks.push(`<span class="mark faq">${t('faqMark')}</span>`);
  else if (faq === false) marks.push(`<span class="mark inf">${t('inferred')}</span>`);
  if (hasPath(v.text)) marks.push(`<span class="mark inf">${t('examplePath')}</span>`);
  if (def && (def.sourceProvenance === 'ours' || def.levelProvenance === 'ours')) marks.push(`<span class="mark inf">${t('eventMetaInferred')}</span>`);
  return marks.join(' ');
}

/** An install path's id (as --path names it) and its installer file: identifiers, not words to translate. */
function pathName(p: { path: string; file: string | null }): string {
  return `<span translate="no">${e(p.file ? `${p.path} — ${path.basename(p.file)}` : p.path)}</span>`;
}

function pathSection(p: PerPathSummary, lang: Lang): string {
  const popups = p.popups.length ? p.popups.map((x) => popupBox(x, x.alt, lang)).join('') : `<p class="muted">${t('noPopups')}</p>`;
  const events = p.events.length
    ? `<table class="ev"><thead><tr><th>${t('logName')}</th><th>${t('eventSource')}</th><th>${t('eventId')}</th><th>${t('level')}</th><th>${t('description')}</th><th>${t('loggedOn')}</th></tr></thead><tbody>` +
      p.events
        .map(
          (v) =>
            `<tr><td translate="no">${e(v.channel)}</td><td translate="no">${e(v.source)}</td><td>${v.id}</td><td>${levelLabel(v.level)}</td><td>${e(v.text)} ${eventMarks(v, lang)}</td><td class="n">${num(v.machines)}${v.unknownMachines ? ` <span class="muted">(+${num(v.unknownMachines)} ${t('ifUnfavourable')})</span>` : ''}</td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : '';
  return (
    `<section class="path" data-path="${e(p.path)}"><h3>${pathName(p)}</h3>` +
    `<p class="counts"><span class="ok">${t('allowed')}: ${num(p.allowed)}</span> <span class="bad">${t('blocked')}: ${num(p.blocked)}</span> ` +
    `<span class="ung">${t('unguarded')}: ${num(p.unguarded)}</span> ` +
    `<span class="unk">${t('unknown')}: ${num(p.unknown ?? 0)}${p.unknown ? ` <span class="muted">(${t('worstCase')}: ${t('blocked')} ${num(p.unknownWorstCase?.blocked ?? 0)}, ${t('unguarded')} ${num(p.unknownWorstCase?.unguarded ?? 0)})</span>` : ''}</span>` +
    ` · ${t('downloads')}: ${num(p.downloads)}</p>` +
    `<h4>${t('popupsSeen')}</h4>${popups}${events ? `<h4>${t('eventsLogged')}</h4>${events}` : ''}</section>`
  );
}

/** The header line naming the facts assumed for the whole estate (--assume-online, ...), when any. */
function assumptionsLine(s: FleetSummary): string {
  if (!s.assumptions?.length) return '';
  const items = s.assumptions.map((a) => {
    const l = own(ASSUMPTION_LABELS as Record<string, Bilingual>, a as AssumableFact);
    return `<li>${l ? biOf(l) : e(a)}</li>`;
  });
  return `<div id="assumptions" class="assumed"><strong>${t('assumptions')}</strong><ul>${items.join('')}</ul></div>`;
}

/**
 * Installers whose valid chain ends at a root the ACS readiness model does not cover (FleetSummary.rootProblems),
 * once, on top: the root, the machines concerned, the fix, and the mark that this is our inference.
 */
function rootBanner(s: FleetSummary): string {
  const list = s.rootProblems ?? [];
  if (!list.length) return '';
  const other: Lang = s.lang === 'ja' ? 'en' : 'ja';
  const items = list.map(
    (p) =>
      `<li><code>${e(path.basename(p.file))}</code>: ${t('rootOf')} <code>${e(p.root)}</code> · ${t('machines')}: ${num(p.machines)}<br>${biText(p.fix, s.lang, p.alt?.[other]?.fix)}</li>`,
  );
  return `<section id="installer-root" class="banner bad" role="alert"><h2>${t('rootNotCovered')}</h2><ul>${items.join('')}</ul><p>${t('rootNotCoveredNote')} <span class="mark inf">${t('inferred')}</span></p></section>`;
}

/** An entry that says it is the installer's own verdict (a field another part of the report may add). */
function ownVerdict(v: VerificationSummary): boolean {
  const x = v as VerificationSummary & { own?: unknown; scope?: unknown; kind?: unknown };
  return x.installerInvalid === true || x.own === true || x.scope === 'installer' || x.scope === 'file' || x.kind === 'installer';
}

/**
 * The installer's own failed verdict, once, on top, with its failure codes and the fix. An installer's
 * verdict is its own (not a machine's missing root) when an entry says so, or when it fails under every trust
 * the machines have: then the codes it fails with everywhere are its own.
 */
function installerBanner(vs: VerificationSummary[]): string {
  const byFile = new Map<string, VerificationSummary[]>();
  for (const v of vs) byFile.set(v.file, [...(byFile.get(v.file) ?? []), v]);
  const items: string[] = [];
  for (const [file, entries] of byFile) {
    const own = entries.filter(ownVerdict);
    // a file valid under a root the readiness model does not cover is not failing by itself (rootBanner says it)
    if (!own.length && entries.some((v) => v.rootNotCovered === true)) continue;
    const failed = own.length ? own.filter((v) => v.verdict !== 'valid') : entries.every((v) => v.verdict !== 'valid') ? entries : [];
    if (!failed.length) continue;
    const lists = failed.map((v) => (v.failures ?? []).map(String));
    const everywhere = lists.reduce((a, b) => a.filter((c) => b.includes(c)));
    const codes = [...new Set(everywhere.length ? everywhere : lists.flat())];
    const verdicts = [...new Set(failed.map((v) => v.verdict))];
    items.push(
      `<li><code>${e(path.basename(file))}</code>: ${verdicts.map(verdictLabel).join(', ')}${codes.length ? ` · ${t('failureCodes')}: ${codes.map((c) => `<code>${e(c)}</code>`).join(' ')}` : ''}</li>`,
    );
  }
  if (!items.length) return '';
  return `<section id="installer-verdict" class="banner bad" role="alert"><h2>${t('installerInvalid')}</h2><ul>${items.join('')}</ul><p>${t('installerInvalidFix')}</p></section>`;
}

/** The inputs the report did not read (unreadable lines, skipped files), counted and the first ones named, on top. */
function inputsBanner(s: FleetSummary): string {
  const errors = s.totals.importErrors;
  const skipped = s.skipped?.count ?? 0;
  if (!errors && !skipped) return '';
  const first = [
    ...s.importErrors.slice(0, 3).map((x) => `<li><code>${e(x.source)}</code>${x.line !== undefined ? `:${x.line}` : ''} — ${reasonBi(x.error)}</li>`),
    ...(s.skipped?.items ?? []).slice(0, 3).map((x) => `<li><code>${e(x.source)}</code>${x.line !== undefined ? `:${x.line}` : ''} — ${reasonBi(x.reason.replace(/^skipped: /, ''))}</li>`),
  ];
  return (
    `<section id="inputs-not-read" class="banner warn"><h2>${t('inputsNotRead')}</h2><p>` +
    (errors ? `<a href="#import-errors">${tf('importErrorCount', { n: errors })}</a> ` : '') +
    (skipped ? `<a href="#skipped">${tf('skippedCount', { n: skipped })}</a>` : '') +
    `</p><ul>${first.join('')}</ul><p class="muted">${t('listedBelow')}</p></section>`
  );
}

function perPathTable(s: FleetSummary): string {
  if (!s.perPath.length) return '';
  const rows = s.perPath
    .map(
      (p) =>
        `<tr data-path="${e(p.path)}"><td>${pathName(p)}</td><td class="n ok">${num(p.allowed)}</td><td class="n bad">${num(p.blocked)}${p.blockedByInstaller ? `<br><span class="muted">(${t('blockedByInstaller')} ${num(p.blockedByInstaller)})</span>` : ''}${p.blockedByRoot ? `<br><span class="muted">(${t('blockedByRoot')} ${num(p.blockedByRoot)})</span>` : ''}</td><td class="n"><span class="ung">${num(p.unguarded)}</span></td>` +
        `<td class="n unk">${num(p.unknown ?? 0)}${p.unknown ? `<br><span class="muted wc">(${t('worstCase')}: ${t('blocked')} ${num(p.unknownWorstCase?.blocked ?? 0)}, ${t('unguarded')} ${num(p.unknownWorstCase?.unguarded ?? 0)})</span>` : ''}</td></tr>`,
    )
    .join('');
  return (
    `<div><h2>${t('perPathCounts')}</h2><table id="per-path-counts"><thead><tr><th>${t('installPath')}</th><th class="n">${t('allowed')}</th><th class="n">${t('blocked')}</th><th class="n">${t('unguarded')}</th><th class="n">${t('unknown')}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div>`
  );
}

const STEPS_SHOWN = 15;

/** The mark a fix step carries (issue 18.3): every step is our inference (remediationSource), never the FAQ's text. */
function stepMark(step: string): string {
  return remediationSource(step) === 'inferred' ? ` <span class="mark inf">${t('inferred')}</span>` : '';
}

function stepsTable(s: FleetSummary): string {
  if (!s.remediationSteps.length) return '';
  const other: Lang = s.lang === 'ja' ? 'en' : 'ja';
  const shown = s.remediationSteps.slice(0, STEPS_SHOWN);
  const rest = s.remediationSteps.length - shown.length;
  return (
    `<div><h2>${t('steps')}</h2><table id="steps"><thead><tr><th>${t('step')}</th><th class="n">${t('machines')}</th></tr></thead><tbody>` +
    shown
      .map((r) => {
        const step = r.step === OTHER_STEPS ? t('otherSteps') : biText(r.step, s.lang, r.alt?.[other]);
        return `<tr><td><code>${step}</code>${r.step === OTHER_STEPS ? '' : stepMark(r.step)}</td><td class="n">${num(r.machines)}</td></tr>`;
      })
      .join('') +
    `</tbody></table>${rest > 0 ? `<p class="muted" id="steps-more">${tf('stepsMore', { n: rest, steps: stepsWord(rest) })}</p>` : ''}</div>`
  );
}

function fixFirstSection(s: FleetSummary): string {
  const toFix = s.totals.notReady + s.totals.unknown;
  const shown = s.fixFirst.length;
  const note =
    toFix > shown
      ? `<p id="fix-first-count">${tf('fixFirstMore', { total: toFix, shown, rest: toFix - shown, machines: machinesWord(toFix) })} <button type="button" id="show-to-fix">${t('showAllToFix')}</button></p>`
      : shown
        ? `<p id="fix-first-count">${tf('fixFirstAll', { total: toFix, machines: machinesWord(toFix) })}</p>`
        : '';
  const table = shown
    ? `<table id="fix-first"><thead><tr><th>${t('machine')}</th><th>${t('windows')}</th><th>${t('why')}</th><th>${t('remediation')}</th></tr></thead><tbody>` +
      s.fixFirst
        .map(
          (f) =>
            `<tr data-machine="${e(f.name)}"><td class="name ${readyClass(f.ready)}"><span translate="no">${e(f.name)}</span><br><span class="muted">${readyLabel(f.ready)}</span></td>` +
            `<td>${f.windows === null ? t('unknownWindows') : `<span translate="no">${e(f.windows)}</span>`}</td><td><ul>${f.reasons.map((r, i) => `<li>${biText(r, s.lang, altList(f.reasons, f.alt, s.lang, 'reasons')?.[i])}</li>`).join('')}</ul></td>` +
            `<td><ol class="rem">${f.remediation.map((r, i) => `<li><code>${biText(r, s.lang, altList(f.remediation, f.alt, s.lang, 'remediation')?.[i])}</code>${stepMark(r)}</li>`).join('')}</ol></td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : `<p class="muted">${t('none')}</p>`;
  return `<h2>${t('fixFirst')}</h2><p class="muted">${t('fixFirstNote')}</p>${note}${table}`;
}

function machineList(runs: readonly PageRun[], count: number, total: number): string {
  const head =
    `<th data-sort="name">${t('machine')}</th><th data-sort="ready">${t('readyColumn')}</th><th data-sort="windows">${t('windows')}</th><th data-sort="reasons">${t('why')}</th>` +
    runs.map((r, i) => `<th data-sort="${i}" translate="no">${e(r.path)}${r.file ? `<br><span class="muted">${e(path.basename(r.file))}</span>` : ''}</th>`).join('');
  return (
    `<section id="machine-list"><h2>${t('allMachines')} <span class="muted">(${tf('nMachines', { n: count, machines: machinesWord(count) })})</span></h2>` +
    `<div class="controls"><label class="f"><span>${t('searchLabel')}</span><input type="search" id="machine-search" autocomplete="off" spellcheck="false"></label></div>` +
    `<div class="bar"><span id="machine-count"></span><button type="button" id="clear-filters">${t('clearFilters')}</button><button type="button" id="export-csv">${t('exportCsv')}</button><span class="muted">${t('sortHint')}</span></div>` +
    `<table id="machines"><thead><tr>${head}</tr></thead><tbody></tbody></table>` +
    `<div id="machine-pager" class="bar"><button type="button" class="prev">${t('prevPage')}</button><span class="pageno"></span><button type="button" class="next">${t('nextPage')}</button></div>` +
    (count < total ? `<p class="muted">${t('truncated')}</p>` : '') +
    `<noscript><p class="muted">${t('needsScript')}</p></noscript></section>`
  );
}

/** The labels the page's script uses, in both languages. */
function clientLabels(s: FleetSummary, runs: readonly PageRun[]): string {
  const keys: Key[] = [
    'ready', 'notReady', 'unknown', 'allowed', 'blocked', 'unguarded', 'worstCase', 'filterAll', 'filterReady', 'filterToFix', 'filterReason', 'filterWindows',
    'filterStep', 'matches', 'pageRange', 'noMatch', 'machineOne', 'machineMany', 'unknownWindows',
  ];
  const l: Record<string, Bilingual> = Object.create(null) as Record<string, Bilingual>;
  for (const k of keys) l[k] = ALL_LABELS[k];
  const other: Lang = s.lang === 'ja' ? 'en' : 'ja';
  return scriptJson({
    lang: s.lang,
    l,
    reasons: REASON_LABELS,
    facts: FACT_LABELS,
    stepAlt: s.remediationSteps.flatMap((r) => (r.alt?.[other] !== undefined && r.step !== OTHER_STEPS ? [[r.step, r.alt[other]]] : [])),
    // report.csv's header and words in the report's language (csv.ts): the saved list reads the same
    csvHeader: csvHeader([...runs], s.lang),
    csvReady: Object.fromEntries((['true', 'false', 'unknown'] as const).map((k) => [k, s.lang === 'ja' ? READY_LABELS[k].ja : k])),
    csvDecision: Object.fromEntries((['allowed', 'blocked', 'unguarded', 'unknown'] as const).map((k) => [k, s.lang === 'ja' ? DECISION_LABELS[k].ja : k])),
    csvName: PAGE_LABELS.csvFileName[s.lang],
  });
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Nothing from outside, and only the page's own style sheet and script (by their hashes: a script element
 * that escaping ever let through would not run); the JSON data blocks are not scripts and need no hash.
 */
const CSP = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(CLIENT_JS)}; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'`;

function head(s: FleetSummary, rows: RowsSource): string {
  const total = (v: number, id: string, key: Key, cls: string, href?: string) =>
    href ? `<a class="card ${cls}" href="${href}"><span class="n" id="${id}">${v}</span>${t(key)}</a>` : `<div class="card ${cls}"><span class="n" id="${id}">${v}</span>${t(key)}</div>`;
  const windowsChart = barChart(
    t('byWindows'),
    s.byWindows.map((w) => ({
      label: w.windows === '(unknown)' ? ALL_LABELS.unknownWindows : w.windows,
      parts: [
        { value: w.ready, cls: 'ok' },
        { value: w.notReady, cls: 'bad' },
        { value: w.unknown, cls: 'unk' },
      ],
    })),
    'chart-windows',
  );
  const reasonChart = barChart(
    t('byReason'),
    s.byReason.map((r) => {
      const l = own(REASON_LABELS, r.code);
      return {
        label: l ?? r.code,
        parts: [
          { value: r.notReady, cls: 'bad' },
          { value: r.unknown, cls: 'unk' },
        ],
      };
    }),
    'chart-reasons',
  );
  const verifications = s.verifications.length
    ? `<h2>${t('verifications')}</h2><table id="verifications"><thead><tr><th>${t('installers')}</th><th>${t('trust')}</th><th>${t('verdict')}</th><th>${t('acsSigned')}</th><th>${t('machines')}</th></tr></thead><tbody>` +
      s.verifications
        .map(
          (v) =>
            `<tr><td translate="no">${e(path.basename(v.file))}${v.needAcs?.length ? `<div class="need-acs muted">${t('needAcs')}: ${e(v.needAcs.join(', '))}</div>` : ''}</td><td>${trustCell(v.trust)}</td><td class="${v.verdict === 'valid' ? 'ok' : 'bad'}">${verdictLabel(v.verdict)}${v.failures.length ? ` <span class="muted">${v.failures.map((f) => `<code>${e(String(f))}</code>`).join(' ')}</span>` : ''}</td><td>${t(v.acs ? 'yes' : 'no')}</td><td class="n">${num(v.machines)}</td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : '';
  const tt = s.totals;
  const skippedN = s.skipped?.count ?? 0;
  return `<!DOCTYPE html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${e(LABELS.title[s.lang])}</title>
<style>${CSS}</style>
</head>
<body>
<header><div><h1>${t('title')}</h1>
 <p class="muted">${t('generated')}: <span translate="no"><time datetime="${e(s.generatedAt)}">${e(s.generatedAtLocal ?? s.generatedAt)}</time></span> · ${t('inputs')}: ${s.inputs.slice(0, 4).map((i) => `<code>${e(i)}</code>`).join(' ')}${s.inputs.length > 4 ? ` +${s.inputs.length - 4}` : ''}${s.files.length ? ` · ${t('installers')}: ${s.files.map((f) => `<code>${e(path.basename(f))}</code>`).join(' ')}` : ''}</p>
${assumptionsLine(s)}</div>
<button id="toggle-lang" type="button">${t('language')}</button></header>
${installerBanner(s.verifications)}
${rootBanner(s)}
${inputsBanner(s)}
<p class="summary-line" id="summary-line">${tf('summaryLine', { total: tt.machines, ready: tt.ready, notReady: tt.notReady, unknown: tt.unknown, machines: machinesWord(tt.machines) })}</p>
<section class="cards" id="totals">
${total(tt.machines, 'total-machines', 'machines', '')}
${total(tt.ready, 'total-ready', 'ready', 'ok')}
${total(tt.notReady, 'total-not-ready', 'notReady', 'bad')}
${total(tt.unknown, 'total-unknown', 'unknown', 'unk')}
${total(tt.importErrors, 'total-import-errors', 'importErrors', '', tt.importErrors ? '#import-errors' : undefined)}
${skippedN ? total(skippedN, 'total-skipped', 'skipped', '', '#skipped') : ''}
</section>
${legend()}
<div class="first">${perPathTable(s)}${stepsTable(s)}</div>
<div class="charts">${windowsChart}${reasonChart}</div>
${s.byReason.length ? `<ul class="reasons">${s.byReason.map((r) => `<li>${reasonLabel(r.code)}: ${num(r.notReady + r.unknown)}</li>`).join('')}</ul>` : ''}
${fixFirstSection(s)}
${machineList(rows.runs, rows.count, s.totals.machines)}
${s.perPath.length ? `<h2>${t('perPath')}</h2>${s.perPath.map((p) => pathSection(p, s.lang)).join('')}` : ''}
${verifications}
`;
}

function tail(s: FleetSummary, rows: RowsSource): string {
  const importErrors = s.importErrors.length
    ? `<h2>${t('importErrors')} (${num(s.totals.importErrors)})</h2>${s.totals.importErrors > s.importErrors.length ? `<p class="muted">${tf('firstListed', { shown: s.importErrors.length, n: s.totals.importErrors })}</p>` : ''}<table id="import-errors"><thead><tr><th>${t('source')}</th><th>${t('line')}</th><th>${t('error')}</th></tr></thead><tbody>` +
      s.importErrors.map((x) => `<tr><td translate="no">${e(x.source)}</td><td>${x.line ?? ''}</td><td>${reasonBi(x.error)}</td></tr>`).join('') +
      '</tbody></table>'
    : '';
  const skipped = s.skipped?.count
    ? `<h2>${t('skipped')} (${num(s.skipped.count)})</h2>${s.skipped.count > s.skipped.items.length ? `<p class="muted">${tf('firstListed', { shown: s.skipped.items.length, n: s.skipped.count })}</p>` : ''}<table id="skipped"><thead><tr><th>${t('source')}</th><th>${t('line')}</th><th>${t('reason')}</th></tr></thead><tbody>` +
      s.skipped.items.map((x) => `<tr><td translate="no">${e(x.source)}</td><td>${x.line ?? ''}</td><td>${reasonBi(x.reason.replace(/^skipped: /, ''))}</td></tr>`).join('') +
      '</tbody></table>'
    : '';
  return `${importErrors}
${skipped}
<script type="application/json" id="report-data">${scriptJson({ ...s, machines: undefined })}</script>
<script type="application/json" id="report-labels">${clientLabels(s, rows.runs)}</script>
`;
}

/**
 * Streams report.html through `write`: the first screen, then every machine's row from `rows` (copied,
 * never held whole), then the script. Memory: the summary's size, not the fleet's.
 */
export function writeHtml(write: (text: string) => void, s: FleetSummary, rows: RowsSource): void {
  write(head(s, rows));
  write(tail(s, rows));
  write(`<script type="application/json" id="report-rows">{"v":1,"runs":${scriptJson(rows.runs.map((r) => ({ path: r.path, file: r.file, label: r.file ? `${r.path} (${path.basename(r.file)})` : r.path })))},"rows":[\n`);
  rows.writeRows(write);
  write(`\n],"strings":${rows.stringsJson()}}</script>\n<script>${CLIENT_JS}</script>\n</body>\n</html>\n`);
}

/** The self-contained report.html (no external resources; every text escaped) for a fleet summary. */
export function renderHtml(s: FleetSummary): string {
  // its machine list holds the summary's rows (`machines`); fleetReport streams every machine through writeHtml
  const parts: string[] = [];
  writeHtml((x) => parts.push(x), s, new MemoryRows(s.perPath.map((p) => ({ path: p.path, file: p.file })), s.machines));
  return parts.join('');
}

// types re-exported for callers that label decisions themselves
export type { Decision, KnownDecision };
