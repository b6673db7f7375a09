/**
 * report.html: one self-contained page (inline CSS, JS and SVG; no network). Both languages are in the
 * page (labels, popups, and the readiness reasons and remediation of the machines to fix first and of the
 * steps table); the chosen one shows first and a button switches. The summary is also embedded as JSON in a
 * <script type="application/json"> with "<" escaped, for tools that scrape the page.
 */
import { escapeTerminal } from '../text/escape';
import * as path from 'node:path';
import { OTHER_STEPS } from './aggregate';
import { FACT_LABELS, LABELS, REASON_LABELS, TRUST_LABELS, type LabelKey } from './i18n';
import type { Decision, FleetSummary, KnownDecision, Lang, MachineRow, PerPathSummary, PopupView, Tri } from './types';
import { ASSUMPTION_LABELS, type AssumableFact } from './assumptions';

export function escapeHtml(s: string): string {
  return escapeTerminal(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside a <script> element: no "<" (so no "</script>"), and no U+2028/2029. */
export function scriptJson(value: unknown): string {
  // also DEL, C1, bidi controls and invisible marks as \uNNNN: the same JSON value, nothing raw in the page
  return JSON.stringify(value).replace(/[<\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const e = escapeHtml;

function bi(ja: string, en: string): string {
  return ja === en ? e(ja) : `<span class="l-ja">${e(ja)}</span><span class="l-en">${e(en)}</span>`;
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

function t(key: LabelKey): string {
  return bi(LABELS[key].ja, LABELS[key].en);
}

/** The trust column in both languages (the value itself is the English label). */
function trustCell(trust: string): string {
  const l = TRUST_LABELS[trust];
  return l ? bi(l.ja, l.en) : e(trust);
}

function readyLabel(r: Tri): string {
  return r === true ? t('ready') : r === false ? t('notReady') : t('unknown');
}

function readyClass(r: Tri): string {
  return r === true ? 'ok' : r === false ? 'bad' : 'unk';
}

/** A decision, and for an unknown one what its worst case would be. */
function decisionLabel(d: Decision, worst?: KnownDecision): string {
  return worst && d === 'unknown' ? `${t('unknown')} <span class="muted">(${t('worstCase')}: ${t(worst)})</span>` : t(d);
}

function reasonLabel(code: string): string {
  const l = REASON_LABELS[code];
  return l ? `${bi(l.ja, l.en)} <code>${e(code)}</code>` : `<code>${e(code)}</code>`;
}

/** Approximate width in pixels of a chart label at 12px (wide characters count double). */
export function labelWidth(label: string): number {
  let w = 0;
  for (const ch of label) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 12 : 7;
  return Math.ceil(w);
}

/** Horizontal stacked bars as inline SVG. */
export function barChart(
  title: string,
  rows: { label: string; parts: { value: number; cls: string }[] }[],
  idPrefix: string,
): string {
  // wide enough for the longest label, whole (CJK characters count double)
  const labelW = Math.max(120, ...rows.map((r) => labelWidth(r.label) + 16));
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
      return (
        `<g id="${e(idPrefix)}-${i}"><text class="lbl" x="${labelW - 8}" y="${y + rowH / 2}" text-anchor="end">${e(r.label)}</text>` +
        `${rects}<text class="num" x="${(x + 6).toFixed(1)}" y="${y + rowH / 2}">${total}</text></g>`
      );
    })
    .join('');
  return `<figure><figcaption>${title}</figcaption><svg role="img" width="${labelW + barW + 60}" height="${h}" viewBox="0 0 ${labelW + barW + 60} ${h}" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}

function legend(): string {
  return `<p class="legend"><span class="sw ok"></span>${t('ready')} <span class="sw bad"></span>${t('notReady')} <span class="sw unk"></span>${t('unknown')} <span class="muted">— ${t('unknownNote')}</span></p>`;
}

/** Says, under a popup, when its wording is ours rather than Trend Micro's or Microsoft's (messages/catalog.ts). */
function provenanceNote(v: PopupView): string {
  const notes: LabelKey[] = [];
  if (v.provenance === 'ours') notes.push('textOurs');
  else if (v.provenance === 'translation') notes.push('textTranslation');
  if (v.titleProvenance === 'ours' && v.provenance !== 'ours') notes.push('titleOurs');
  return notes.length ? `<div class="pnote">${notes.map((k) => t(k)).join('<br>')}</div>` : '';
}

function popupBox(p: PopupView & { machines: number; unknownMachines?: number }, alt: Partial<Record<Lang, PopupView>> | undefined, lang: Lang): string {
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  const render = (v: PopupView, cls: string) =>
    `<div class="${cls}"><div class="popup"><div class="ptitle">${e(v.title)}</div><div class="ptext">${e(v.text)}</div>` +
    `<div class="pbuttons">${v.buttons.map((b) => `<button type="button" disabled>${e(b)}</button>`).join('')}</div></div>${provenanceNote(v)}</div>`;
  const o = alt?.[other];
  const body = o ? render(p, `l-${lang}`) + render(o, `l-${other}`) : render(p, '');
  const unknown = p.unknownMachines ? ` · ${t('seenIfUnfavourable')}: ${p.unknownMachines}` : '';
  return `<div class="popwrap"><div class="pmeta"><code>${e(p.id)}</code> · ${t(windowKey(p.window))} · ${t('seenBy')}: ${p.machines}${unknown}</div>${body}</div>`;
}

function windowKey(w: string): LabelKey {
  return w === 'console' ? 'windowConsole' : w === 'server' ? 'windowServer' : 'windowEndpoint';
}

function pathSection(p: PerPathSummary, lang: Lang): string {
  const name = p.file ? `${p.path} — ${path.basename(p.file)}` : p.path;
  const popups = p.popups.length
    ? p.popups.map((x) => popupBox(x, x.alt, lang)).join('')
    : `<p class="muted">${t('noPopups')}</p>`;
  const events = p.events.length
    ? `<table class="ev"><thead><tr><th>${t('logName')}</th><th>${t('eventSource')}</th><th>${t('eventId')}</th><th>${t('level')}</th><th>${t('description')}</th><th>${t('seenBy')}</th></tr></thead><tbody>` +
      p.events
        .map(
          (v) =>
            `<tr><td>${e(v.channel)}</td><td>${e(v.source)}</td><td>${v.id}</td><td>${e(v.level)}</td><td>${e(v.text)}</td><td>${v.machines}${v.unknownMachines ? ` <span class="muted">(+${v.unknownMachines} ${t('ifUnfavourable')})</span>` : ''}</td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : '';
  return (
    `<section class="path" data-path="${e(p.path)}"><h3>${e(name)}</h3>` +
    `<p class="counts"><span class="ok">${t('allowed')}: ${p.allowed}</span> <span class="bad">${t('blocked')}: ${p.blocked}</span> ` +
    `<span class="ung">${t('unguarded')}: ${p.unguarded}</span> ` +
    `<span class="unk">${t('unknown')}: ${p.unknown ?? 0}${p.unknown ? ` <span class="muted">(${t('worstCase')}: ${t('blocked')} ${p.unknownWorstCase?.blocked ?? 0}, ${t('unguarded')} ${p.unknownWorstCase?.unguarded ?? 0})</span>` : ''}</span>` +
    ` · ${t('downloads')}: ${p.downloads}</p>` +
    `<h4>${t('popupsSeen')}</h4>${popups}${events ? `<h4>${t('eventsLogged')}</h4>${events}` : ''}</section>`
  );
}

/** A reason code, with the fact it names in the reader's words (never the field name). */
function reasonCell(key: string): string {
  const [code, fact] = key.split('\u0000') as [string, string];
  if (!fact) return `<code>${e(code)}</code>`;
  const l = FACT_LABELS[fact];
  return `<code>${e(code)}</code> (${l ? bi(l.ja, l.en) : e(fact)})`;
}

function machineRow(m: MachineRow, runs: { path: string; file: string | null }[]): string {
  const cells = runs
    .map((r) => {
      const o = m.outcomes.find((x) => x.path === r.path && x.file === r.file);
      return o ? `<td class="d-${o.decision}">${decisionLabel(o.decision, o.worstCase?.decision)}</td>` : '<td></td>';
    })
    .join('');
  return (
    `<tr data-machine="${e(m.name)}"><td class="name">${e(m.name)}</td><td class="ready ${readyClass(m.ready)}">${readyLabel(m.ready)}</td>` +
    `<td>${e(m.windows ?? '')}${m.version ? ` <span class="muted">${e(m.version)}${m.ubr !== undefined ? '.' + m.ubr : ''}</span>` : ''}</td>` +
    `<td>${[...new Set(m.reasons.map((r) => `${r.code}\u0000${r.fact ?? ''}`))].map(reasonCell).join(' ')}</td>${cells}</tr>`
  );
}

const CSS = `
:root{font-family:system-ui,"Segoe UI","Yu Gothic UI","Meiryo","Noto Sans CJK JP",sans-serif;color:#1b1b1b;background:#f6f7f9}
body{margin:0 auto;max-width:1180px;padding:16px 24px}
html[lang=ja] .l-en,html[lang=en] .l-ja{display:none}
header{display:flex;justify-content:space-between;align-items:flex-start;gap:16px}
h1{font-size:1.6em;margin:.2em 0}h2{margin-top:1.6em;border-bottom:2px solid #d0d5dd;padding-bottom:4px}
.muted{color:#667085}code{font-family:Consolas,"Cascadia Mono",monospace;font-size:.92em;background:#eef0f3;padding:0 3px;border-radius:3px}
#toggle-lang{padding:6px 12px;border:1px solid #98a2b3;background:#fff;border-radius:6px;cursor:pointer}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border-radius:8px;padding:12px 18px;min-width:130px;box-shadow:0 1px 2px #0002}
.card .n{font-size:2em;font-weight:600;display:block}.card.ok .n{color:#2e7d32}.card.bad .n{color:#c62828}.card.unk .n{color:#546e7a}
.charts{display:flex;flex-wrap:wrap;gap:24px}figure{background:#fff;border-radius:8px;padding:10px;margin:0;box-shadow:0 1px 2px #0002}
figcaption{font-weight:600;margin-bottom:6px}svg .lbl,svg .num{font-size:12px;dominant-baseline:middle;fill:#344054}
rect.ok,.sw.ok{fill:#2e7d32;background:#2e7d32}rect.bad,.sw.bad{fill:#c62828;background:#c62828}rect.unk,.sw.unk{fill:#78909c;background:#78909c}
.reasons{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;font-size:.9em}
.sw{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;vertical-align:middle}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.92em}th,td{border:1px solid #e4e7ec;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.ok,span.ok,.d-allowed{color:#2e7d32}td.bad,span.bad,.d-blocked{color:#c62828;font-weight:600}
td.unk,span.unk,.d-unknown{color:#546e7a;font-weight:600}span.ung,.d-unguarded{color:#b26a00;font-weight:600}
a.kb{white-space:nowrap}.pnote{font-size:.82em;color:#667085;margin-top:4px;max-width:560px}
#fix-first td:nth-child(1){width:12%}#fix-first td:nth-child(2){width:12%}#fix-first td:nth-child(3){width:30%}
#fix-first ul{margin:0;padding-left:1.1em}ol.rem{margin:0;padding-left:1.3em}ol.rem li{margin:2px 0}
.path{background:#fff;border-radius:8px;padding:8px 16px 14px;margin:12px 0;box-shadow:0 1px 2px #0002}
.popwrap{margin:8px 0 14px}.pmeta{font-size:.85em;color:#667085;margin-bottom:4px}
.popup{max-width:560px;border:1px solid #8c8c8c;border-radius:4px;box-shadow:0 4px 12px #0003;background:#fff}
.ptitle{background:#f0f0f0;border-bottom:1px solid #ccc;padding:6px 10px;font-size:.92em}.ptext{padding:14px 16px;white-space:pre-wrap;line-height:1.5}
.pbuttons{text-align:right;padding:0 12px 12px}.pbuttons button{min-width:86px;margin-left:8px;padding:4px 10px;background:#fdfdfd;border:1px solid #adadad;color:#1b1b1b}
`;

/** The language toggle; `#lang=en` / `#lang=ja` in the address picks the language at load. */
const SCRIPT = `
(function(){var h=document.documentElement;var m=/lang=(ja|en)/.exec(location.hash);if(m)h.lang=m[1];
var b=document.getElementById('toggle-lang');if(b)b.addEventListener('click',function(){h.lang=h.lang==='ja'?'en':'ja';});})();
`;

/** The header line naming the facts assumed for the whole estate (--assume-online, ...), when any. */
function assumptionsLine(s: FleetSummary): string {
  if (!s.assumptions?.length) return '';
  const items = s.assumptions.map((a) => {
    const l = ASSUMPTION_LABELS[a as AssumableFact];
    return `<li>${l ? bi(l.ja, l.en) : e(a)}</li>`;
  });
  return `<div id="assumptions" class="assumed"><strong>${t('assumptions')}</strong><ul>${items.join('')}</ul></div>`;
}

/** The self-contained report.html (no external resources; every text escaped) for a fleet summary. */
export function renderHtml(s: FleetSummary): string {
  const runs = s.perPath.map((p) => ({ path: p.path, file: p.file }));
  const total = (v: number, id: string, key: LabelKey, cls: string) =>
    `<div class="card ${cls}"><span class="n" id="${id}">${v}</span>${t(key)}</div>`;
  const windowsChart = barChart(
    t('byWindows'),
    s.byWindows.map((w) => ({
      label: w.windows,
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
    s.byReason.map((r) => ({
      label: r.code,
      parts: [
        { value: r.notReady, cls: 'bad' },
        { value: r.unknown, cls: 'unk' },
      ],
    })),
    'chart-reasons',
  );
  const fixFirst = s.fixFirst.length
    ? `<table id="fix-first"><thead><tr><th>${t('machine')}</th><th>${t('windows')}</th><th>${t('why')}</th><th>${t('remediation')}</th></tr></thead><tbody>` +
      s.fixFirst
        .map(
          (f) =>
            `<tr data-machine="${e(f.name)}"><td class="name ${readyClass(f.ready)}">${e(f.name)}<br><span class="muted">${readyLabel(f.ready)}</span></td>` +
            `<td>${e(f.windows ?? '')}</td><td><ul>${f.reasons.map((r, i) => `<li>${biText(r, s.lang, altList(f.reasons, f.alt, s.lang, 'reasons')?.[i])}</li>`).join('')}</ul></td>` +
            `<td><ol class="rem">${f.remediation.map((r, i) => `<li><code>${biText(r, s.lang, altList(f.remediation, f.alt, s.lang, 'remediation')?.[i])}</code></li>`).join('')}</ol></td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : `<p class="muted">${t('none')}</p>`;
  const steps = s.remediationSteps.length
    ? `<table id="steps"><thead><tr><th>${t('step')}</th><th>${t('machines')}</th></tr></thead><tbody>` +
      s.remediationSteps
        .slice(0, 30)
        .map((r) => {
          const step = r.step === OTHER_STEPS ? t('otherSteps') : biText(r.step, s.lang, r.alt?.[s.lang === 'ja' ? 'en' : 'ja']);
          return `<tr><td><code>${step}</code></td><td>${r.machines}</td></tr>`;
        })
        .join('') +
      '</tbody></table>'
    : '';
  const verifications = s.verifications.length
    ? `<h2>${t('verifications')}</h2><table id="verifications"><thead><tr><th>${t('installers')}</th><th>${t('trust')}</th><th>${t('verdict')}</th><th>ACS</th><th>${t('machines')}</th></tr></thead><tbody>` +
      s.verifications
        .map(
          (v) =>
            `<tr><td>${e(path.basename(v.file))}${v.needAcs?.length ? `<div class="need-acs muted">${t('needAcs')}: ${e(v.needAcs.join(', '))}</div>` : ''}</td><td>${trustCell(v.trust)}</td><td class="${v.verdict === 'valid' ? 'ok' : 'bad'}">${e(v.verdict)}${v.failures.length ? ` <span class="muted">${e(v.failures.join(', '))}</span>` : ''}</td><td>${t(v.acs ? 'yes' : 'no')}</td><td>${v.machines}</td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : '';
  const machines =
    `<table id="machines"><thead><tr><th>${t('machine')}</th><th>ACS</th><th>${t('windows')}</th><th>${t('why')}</th>` +
    runs.map((r) => `<th>${e(r.path)}${r.file ? `<br><span class="muted">${e(path.basename(r.file))}</span>` : ''}</th>`).join('') +
    `</tr></thead><tbody>${s.machines.map((m) => machineRow(m, runs)).join('')}</tbody></table>` +
    (s.machinesTruncated ? `<p class="muted">${t('truncated')}</p>` : '');
  const importErrors = s.importErrors.length
    ? `<h2>${t('importErrors')}</h2><table id="import-errors"><thead><tr><th>${t('source')}</th><th>${t('line')}</th><th>${t('error')}</th></tr></thead><tbody>` +
      s.importErrors.map((x) => `<tr><td>${e(x.source)}</td><td>${x.line ?? ''}</td><td>${e(x.error)}</td></tr>`).join('') +
      '</tbody></table>'
    : '';
  const skipped = s.skipped?.count
    ? `<h2>${t('skipped')} (${s.skipped.count})</h2><table id="skipped"><thead><tr><th>${t('source')}</th><th>${t('line')}</th><th>${t('reason')}</th></tr></thead><tbody>` +
      s.skipped.items.map((x) => `<tr><td>${e(x.source)}</td><td>${x.line ?? ''}</td><td>${e(x.reason)}</td></tr>`).join('') +
      '</tbody></table>'
    : '';
  return `<!DOCTYPE html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${e(LABELS.title[s.lang])}</title>
<style>${CSS}</style>
</head>
<body>
<header><div><h1>${t('title')}</h1>
 <p class="muted">${t('generated')}: <time datetime="${e(s.generatedAt)}">${e(s.generatedAtLocal ?? s.generatedAt)}</time> · ${t('inputs')}: ${s.inputs.slice(0, 4).map((i) => `<code>${e(i)}</code>`).join(' ')}${s.inputs.length > 4 ? ` +${s.inputs.length - 4}` : ''}${s.files.length ? ` · ${t('installers')}: ${s.files.map((f) => `<code>${e(path.basename(f))}</code>`).join(' ')}` : ''}</p>
${assumptionsLine(s)}</div>
<button id="toggle-lang" type="button">${t('language')}</button></header>
<section class="cards" id="totals">
${total(s.totals.machines, 'total-machines', 'machines', '')}
${total(s.totals.ready, 'total-ready', 'ready', 'ok')}
${total(s.totals.notReady, 'total-not-ready', 'notReady', 'bad')}
${total(s.totals.unknown, 'total-unknown', 'unknown', 'unk')}
${total(s.totals.importErrors, 'total-import-errors', 'importErrors', '')}
</section>
${legend()}
<div class="charts">${windowsChart}${reasonChart}</div>
${s.byReason.length ? `<ul class="reasons">${s.byReason.map((r) => `<li>${reasonLabel(r.code)}: ${r.notReady + r.unknown}</li>`).join('')}</ul>` : ''}
<h2>${t('fixFirst')}</h2><p class="muted">${t('fixFirstNote')}</p>${fixFirst}
${steps ? `<h2>${t('steps')}</h2>${steps}` : ''}
${s.perPath.length ? `<h2>${t('perPath')}</h2>${s.perPath.map((p) => pathSection(p, s.lang)).join('')}` : ''}
${verifications}
<h2>${t('allMachines')}</h2>${machines}
${importErrors}
${skipped}
<script type="application/json" id="report-data">${scriptJson({ ...s, machines: undefined })}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
