/**
 * Text from files is data, never control. One place decides how a value read from a file (a certificate
 * name, a machine name, a file name, a KB id, a path) is shown:
 *
 *  - `escapeText`: for a terminal or any human output. Every character that could act on a terminal or
 *    change how the text around it reads is shown visibly instead: C0 controls (including newline, carriage
 *    return and tab: a value never starts a line of its own), DEL, C1 controls as `\xNN`; bidirectional
 *    overrides and isolates (U+202A–202E, U+2066–2069), the invisible marks and separators (U+061C, U+200B–200F,
 *    U+2028/2029, U+2060–2064, U+FEFF, U+FFF9–FFFB) and lone surrogates as `\uNNNN`; and the characters that
 *    show as nothing or as a plain space, so that two different names never look the same (issue 22 item 11):
 *    soft hyphen U+00AD, combining grapheme joiner U+034F, Hangul fillers U+115F/U+1160/U+3164/U+FFA0, Khmer
 *    U+17B4/17B5, Mongolian U+180B–180F, variation selectors U+FE00–FE0F and U+E0100–E01EF, tag characters
 *    U+E0000–E007F, braille blank U+2800, musical formatting U+1D173–1D17A, no-break and other
 *    spaces (U+00A0, U+1680, U+2000–200A, U+202F, U+205F), and mathematical letters U+1D400–1D7FF
 *    (`\u{XXXXX}` for those outside the BMP). A word made of Latin-looking letters that holds Cyrillic or
 *    Greek look-alikes (Cyrillic "РС-01" for "PC-01") shows those as `\uNNNN` too; a word with any Cyrillic or
 *    Greek letter that has no Latin twin (Москва, ΑΘΗΝΑ) is left as it is. Everything else (Japanese text,
 *    accents, backslashes of Windows paths, U+3000) is kept.
 *  - `escapeTerminal`: the same for a whole block of our own output, keeping the newlines, tabs and carriage
 *    returns the CLI itself writes (a last line of defence behind `escapeText`).
 *  - `escapeHtml` / `escapeXml`: escapeTerminal's visible forms, then the markup's own entities (report.html,
 *    event XML); html.ts and eventlog/render.ts re-export them.
 *  - `csvText`: escapeTerminal's visible forms then the formula guard, for report.csv cells.
 *  - `xmlChars`: characters XML 1.0 cannot carry (C0 but tab/newline/CR, lone surrogates, U+FFFE/FFFF)
 *    replaced by the same visible `\xNN` / `\uNNNN` text; `&<>"'` are left to the XML escaper.
 *  - `csvFormulaGuard`: a cell a spreadsheet would run as a formula gets a leading apostrophe.
 *  - `hasHiddenText`: true for a value escapeText would change (a flag for outputs that stay raw, e.g. JSON).
 * JSON output keeps values raw (JSON escapes controls itself; the value is the data).
 */

/** One character (a code point) as visible text: `\x1b`, `\u202e`, `\u{e0041}`. */
function visible(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (ch.length === 1 || c < 0x10000) {
    const u = ch.charCodeAt(0);
    return u <= 0xff ? `\\x${u.toString(16).padStart(2, '0')}` : `\\u${u.toString(16).padStart(4, '0')}`;
  }
  return `\\u{${c.toString(16)}}`;
}

// invisible or blank-looking characters, and mathematical letters (astral ones written as surrogate pairs):
// soft hyphen, CGJ, Hangul fillers, Khmer inherent vowels, Mongolian selectors, Ogham / typographic / narrow
// spaces, variation selectors, braille blank; tags, supplementary variation selectors, musical formatting,
// mathematical alphanumerics
const HIDDEN_BMP = '\\u00a0\\u00ad\\u034f\\u115f\\u1160\\u1680\\u17b4\\u17b5\\u180b-\\u180f\\u2000-\\u200a\\u202f\\u205f\\u2800\\u3164\\ufe00-\\ufe0f\\uffa0';
const HIDDEN_ASTRAL = '\\udb40[\\udc00-\\udc7f\\udd00-\\uddef]|\\ud834[\\udd73-\\udd7a]|\\ud835[\\udc00-\\udfff]';
const CONTROLS = '\\u0000-\\u001f';
const CONTROLS_BLOCK = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f';
// DEL, C1; bidi embeddings/overrides/isolates; invisible marks, separators, BOM, annotation marks
const FORMAT = '\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb';
const LONE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const unsafe = (controls: string): RegExp => new RegExp(`[${controls}${FORMAT}${HIDDEN_BMP}]|${HIDDEN_ASTRAL}|${LONE}`, 'g');
const UNSAFE = unsafe(CONTROLS);
const UNSAFE_BLOCK = unsafe(CONTROLS_BLOCK);

/** The characters escapeText shows as `\uNNNN` (for a page's own script: the same set, as a RegExp source). */
export const HIDDEN_CHARS_SOURCE = UNSAFE.source;

// Cyrillic and Greek letters that look like Latin ones
const LOOKALIKE = 'АВЕЅІЈКМНОРСТУХҮӀԚԜаеѕіјорсуххһӏԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινκ';
const LOOKALIKE_SET: ReadonlySet<string> = new Set(LOOKALIKE);
const CYRILLIC_GREEK = /[\u0370-\u03ff\u0400-\u052f]/;
// a word: letters, marks, digits, joined by - _ .
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-_.][\p{L}\p{M}\p{N}]+)*/gu;
const OTHER_CYRILLIC_GREEK = new RegExp(`[\\u0370-\\u03ff\\u0400-\\u052f](?<![${LOOKALIKE}])`);

/** Words that read as Latin but hold Cyrillic / Greek look-alikes: those letters as `\uNNNN`. */
function unmaskLookalikes(s: string): string {
  if (!CYRILLIC_GREEK.test(s)) return s;
  return s.replace(WORD, (w) => {
    if (!CYRILLIC_GREEK.test(w) || OTHER_CYRILLIC_GREEK.test(w)) return w;
    let out = '';
    for (const ch of w) out += LOOKALIKE_SET.has(ch) ? visible(ch) : ch;
    return out;
  });
}

/** A value from a file, safe to print: controls, invisible and blank-looking characters shown as `\xNN` / `\uNNNN`. */
export function escapeText(value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  // printable ASCII and Japanese (most values) need nothing: one scan instead of three
  if (plainText(s, false)) return s;
  return unmaskLookalikes(s.replace(UNSAFE, visible));
}

/**
 * True when no rule above can change `s`: every character printable ASCII (or tab, newline, CR in a `block`),
 * CJK punctuation, kana or ideographs U+3000–9FFF but the Hangul filler U+3164, or full-width forms
 * U+FF01–FF9F. A loop: the regexes cost a tenth of writing a Japanese fleet report's CSV.
 */
function plainText(s: string, block: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c >= 0x3000 && c <= 0x9fff && c !== 0x3164) continue;
    if (c >= 0xff01 && c <= 0xff9f) continue;
    if (block && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
    return false;
  }
  return true;
}

/** A block of our own output: like escapeText but keeping `\n`, `\r` and `\t`. */
export function escapeTerminal(text: string): string {
  if (plainText(text, true)) return text;
  return unmaskLookalikes(text.replace(UNSAFE_BLOCK, visible));
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML (element content or a quoted attribute): escapeTerminal's visible forms, then entities. */
export function escapeHtml(s: string): string {
  return escapeTerminal(s).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Text for XML (content or an attribute quoted either way): characters XML cannot carry and the invisible ones
 * as visible `\xNN` / `\uNNNN`, then entities.
 */
export function escapeXml(s: string): string {
  return escapeTerminal(xmlChars(s))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A CSV cell's text: invisible characters visible (a spreadsheet shows them as nothing), formulas guarded. */
export function csvText(s: string): string {
  return csvFormulaGuard(escapeTerminal(s));
}

/** True when a value holds characters shown escaped (escapeText would change it): a flag for raw outputs such as JSON. */
export function hasHiddenText(s: string): boolean {
  return escapeText(s) !== s;
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text XML 1.0 can carry: forbidden characters replaced by visible `\xNN` / `\uNNNN`. */
export function xmlChars(s: string): string {
  return s.replace(NOT_XML, visible);
}

// a cell starting (after spaces, tabs, newlines or ideographic spaces) with = + - @ or their full-width forms,
// or starting with a tab / CR / LF, is what a spreadsheet may run as a formula
const FORMULA = /^(?:[\t\r\n]|[ \u3000\t\r\n]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** A CSV cell value a spreadsheet never runs: a leading apostrophe when it could start a formula. */
export function csvFormulaGuard(s: string): string {
  return FORMULA.test(s) ? `'${s}` : s;
}

/** Several lines of text (ours, with values filled in): each line escaped, the newlines kept. */
export function escapeLines(value: unknown): string {
  return escapeText(typeof value === 'string' ? value.replace(/\r\n/g, '\n') : value)
    .split('\\x0a')
    .join('\n');
}
