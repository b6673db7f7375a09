/**
 * escapeText / escapeTerminal return printable ASCII and Japanese text as it is without running their regexes
 * (issue 18.8, speed): every character of that fast path must be one no rule changes, and a string holding
 * anything else still goes through the rules.
 */
import { escapeTerminal, escapeText, HIDDEN_CHARS_SOURCE } from '../../src/text/escape';

const plainRanges: Array<[number, number]> = [
  [0x20, 0x7e],
  [0x3000, 0x9fff],
  [0xff01, 0xff9f],
];

describe('the plain-text fast path of the escapers', () => {
  it('takes only characters that the hidden-character rule never matches (each alone and next to Japanese)', () => {
    const hidden = new RegExp(HIDDEN_CHARS_SOURCE);
    let checked = 0;
    for (const [from, to] of plainRanges) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        if (c === 0x3164) {
          // the Hangul filler shows as nothing: it is escaped, never passed through
          expect(hidden.test(ch)).toBe(true);
          expect(escapeText(`端末${ch}`)).toBe('端末\\u3164');
          continue;
        }
        expect(hidden.test(ch)).toBe(false);
        expect(escapeText(`端末${ch}A`)).toBe(`端末${ch}A`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(28000);
  });

  it('keeps tab, newline and CR in blocks only, and still escapes what follows Japanese text', () => {
    expect(escapeTerminal('対応済み\t1 台\r\n')).toBe('対応済み\t1 台\r\n');
    expect(escapeText('対応済み\t1')).toBe('対応済み\\x091');
    expect(escapeTerminal('端末 \u202eexe.txt')).toBe('端末 \\u202eexe.txt');
    expect(escapeTerminal('端末\u00a0名')).toBe('端末\\xa0名');
    expect(escapeTerminal('ＰＣ－０１ \uffa0')).toBe('ＰＣ－０１ \\uffa0');
    // a Cyrillic look-alike beside Japanese: still unmasked
    expect(escapeText('端末 РС-01')).toBe('端末 \\u0420\\u0421-01');
    expect(escapeText('\x1b[31m赤')).toBe('\\x1b[31m赤');
  });
});
