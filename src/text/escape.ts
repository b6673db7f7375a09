/**
 * Text from files is data, never control. One place decides how a value read from a file (a certificate
 * name, a machine name, a file name, a KB id, a path) is shown:
 *
 *  - `escapeText`: for a terminal or any human output. Every character that could act on a terminal or
 *    change how the text around it reads is shown visibly instead: C0 controls (including newline, carriage
 *    return and tab: a value never starts a line of its own), DEL, C1 controls as `\xNN`; bidirectional
 *    overrides and isolates (U+202A–202E, U+2066–2069), the invisible marks and separators (U+061C, U+200B–200F,
 *    U+2028/2029, U+2060–2064, U+FEFF, U+FFF9–FFFB) and lone surrogates as `\uNNNN`. Everything else (Japanese
 *    text, accents, backslashes of Windows paths) is kept.
 *  - `escapeTerminal`: the same for a whole block of our own output, keeping the newlines, tabs and carriage
 *    returns the CLI itself writes (a last line of defence behind `escapeText`).
 *  - `xmlChars`: characters XML 1.0 cannot carry (C0 but tab/newline/CR, lone surrogates, U+FFFE/FFFF)
 *    replaced by the same visible `\xNN` / `\uNNNN` text; `&<>"'` are left to the XML escaper.
 *  - `csvFormulaGuard`: a cell a spreadsheet would run as a formula gets a leading apostrophe.
 */

/** One character as visible text: `\x1b`, `\u202e`. */
function visible(ch: string): string {
  const c = ch.charCodeAt(0);
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

// C0, DEL, C1; bidi embeddings/overrides/isolates; invisible marks, separators, BOM, annotation marks; lone surrogates
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_BLOCK =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A value from a file, safe to print: controls and invisible formatting shown as `\xNN` / `\uNNNN`. */
export function escapeText(value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return s.replace(UNSAFE, visible);
}

/** A block of our own output: like escapeText but keeping `\n`, `\r` and `\t`. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE_BLOCK, visible);
}

/** True when escapeText would change the value. */
export function hasUnsafeText(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const r = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return r;
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
