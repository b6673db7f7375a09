import { escapeLines, escapeTerminal, escapeText, xmlChars, csvFormulaGuard } from '../../src/text/escape';
import { csvCell } from '../../src/report/csv';
import { escapeHtml } from '../../src/report/html';
import { escapeXml } from '../../src/eventlog/render';

const NASTY = 'A\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[32mOK\x1b[0m\r\n\t\x7f\x85\x9b\u202eexe.txt\u2066\u2069\u200b\u2028\ufeff\ud800';

describe('escapeText: values from files shown visibly, never acting on a terminal', () => {
  it('shows C0, DEL, C1, bidi overrides/isolates, invisible marks and lone surrogates as \\xNN / \\uNNNN', () => {
    const out = escapeText(NASTY);
    expect(out).toBe(
      'A\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x1b[32mOK\\x1b[0m\\x0d\\x0a\\x09\\x7f\\x85\\x9b\\u202eexe.txt\\u2066\\u2069\\u200b\\u2028\\ufeff\\ud800',
    );
    // nothing left that a terminal would act on
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('keeps Japanese text, accents, emoji (paired surrogates) and Windows paths as they are', () => {
    const s = '経理部-PC01 Café 😀 C:\\Program Files (x86)\\Trend Micro';
    expect(escapeText(s)).toBe(s);
  });

  it('escapeTerminal keeps our own newlines, tabs and carriage returns; escapeLines keeps newlines only', () => {
    expect(escapeTerminal('a\n\tb\r\x1b[K')).toBe('a\n\tb\r\\x1b[K');
    expect(escapeLines('line 1\r\nline\x1b 2\rx')).toBe('line 1\nline\\x1b 2\\x0dx');
  });

  it('is idempotent on its own output (escaping twice shows the same text)', () => {
    expect(escapeTerminal(escapeText(NASTY))).toBe(escapeText(NASTY));
  });
});

describe('XML: characters XML 1.0 cannot carry', () => {
  it('replaces C0 controls (but tab, LF, CR), U+FFFE/FFFF and lone surrogates; keeps the rest', () => {
    expect(xmlChars('a\x00b\x1bc\td\ne\rf\ufffeg\udc00h経')).toBe('a\\x00b\\x1bc\td\ne\rf\\ufffeg\\udc00h経');
    const x = escapeXml('<PC\x01&"\'>');
    expect(x).toBe('&lt;PC\\x01&amp;&quot;&apos;&gt;');
  });
});

describe('CSV formula guard', () => {
  it.each([
    ['=HYPERLINK("http://x")'],
    ['+1'],
    ['-1+2'],
    ['@SUM(A1)'],
    ['\t=1'],
    ['\r=1'],
    ['\n=1'],
    ['   =1'],
    ['\u3000=1'],
    ['＝1+1'],
    ['＋1'],
    ['－1'],
    ['＠SUM(A1)'],
    ['  ＝1'],
    ['\tanything'],
    ['\nanything'],
  ])('guards %j with a leading apostrophe', (v) => {
    expect(csvFormulaGuard(v)).toBe(`'${v}`);
    expect(csvCell(v).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it.each([['PC-01'], ['a=b'], ['10.0.19044'], ['経理'], [' x']])('leaves %j alone', (v) => {
    expect(csvFormulaGuard(v)).toBe(v);
  });
});

describe('HTML report escaping', () => {
  it('escapes markup and shows controls and bidi overrides visibly', () => {
    expect(escapeHtml('<b>\x1b[31m\u202eevil</b>')).toBe('&lt;b&gt;\\x1b[31m\\u202eevil&lt;/b&gt;');
  });
});
