/**
 * Display width of text in a terminal: East Asian Wide and Fullwidth characters take two columns
 * (UAX #11), combining marks and zero-width characters none. Enough of the table for Japanese text.
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compat, Kanbun, CJK compat
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small forms
  [0xff00, 0xff60], // Fullwidth forms
  [0xffe0, 0xffe6], // Fullwidth signs
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK Extensions B and later
];

const ZERO: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f], // combining diacritics
  [0x200b, 0x200f], // zero width space, joiners, marks
  [0x3099, 0x309a], // combining kana voiced marks
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff],
];

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

export function charWidth(cp: number): 0 | 1 | 2 {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (inRanges(cp, ZERO)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Pads with spaces to a display width. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** Characters a Japanese line never starts with (kinsoku): closing punctuation, small kana, prolonged sound mark. */
const NO_LINE_START = /^[。、，．・：；？！゛゜ヽヾゝゞ々ー）］｝」』】〕〉》"',.:;?!)\]}ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ]/u;

/**
 * Breaks text into lines of at most `width` columns, at spaces for Latin text, anywhere for CJK. A line
 * never starts with closing punctuation such as "。" or "、": the character before it moves down with it.
 */
export function wrap(text: string, width: number): string[] {
  return wrapPlain(text, width);
}

function wrapPlain(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineW = 0;
    const tokens = paragraph.match(/[\u0021-\u007e\u00a0-\u024f]+|\s+|./gsu) ?? [];
    for (const tok of tokens) {
      const w = textWidth(tok);
      if (/^\s+$/.test(tok)) {
        if (lineW > 0 && lineW + w <= width) {
          line += tok;
          lineW += w;
        }
        continue;
      }
      if (lineW + w <= width) {
        line += tok;
        lineW += w;
        continue;
      }
      // kinsoku: "。" and its kind never start a line; the character before it moves down with it
      if (NO_LINE_START.test(tok) && lineW > 0 && !/\s$/.test(line) && [...line].length > 1) {
        const chars = [...line];
        const carried = chars.pop()!;
        lines.push(chars.join('').trimEnd());
        line = carried + tok;
        lineW = textWidth(line);
        continue;
      }
      if (lineW > 0) lines.push(line.trimEnd());
      line = '';
      lineW = 0;
      // a token longer than the width is cut by characters
      for (const ch of tok) {
        const cw = textWidth(ch);
        if (lineW + cw > width && lineW > 0) {
          lines.push(line);
          line = '';
          lineW = 0;
        }
        line += ch;
        lineW += cw;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
