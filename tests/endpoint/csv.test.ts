import { CsvError, CsvLineParser, parseCsv } from '../../src/endpoint/csv';

describe('RFC 4180 CSV', () => {
  it('quoted fields keep embedded commas, doubled quotes and line breaks; records carry their first line number', () => {
    const recs = parseCsv('a,b,c\r\n"x,1","say ""hi""","two\r\nlines"\r\nlast,,end\r\n');
    expect(recs).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['x,1', 'say "hi"', 'two\nlines'], line: 2 },
      { fields: ['last', '', 'end'], line: 4 },
    ]);
  });
  it('an unterminated quote at end of input is a CsvError naming the line where the record starts', () => {
    expect(() => parseCsv('a,b\n"open,\nmore\n')).toThrow(CsvError);
    try {
      parseCsv('a,b\n"open,\nmore\n');
    } catch (e) {
      expect((e as CsvError).line).toBe(2);
    }
  });
  it('streaming: a record longer than maxRecordChars is an error, and the parser recovers on the next record', () => {
    const p = new CsvLineParser({ maxRecordChars: 20 });
    expect(() => {
      for (let i = 1; i < 10; i++) p.push(i === 1 ? '"never closed' : 'junk junk junk', i);
    }).toThrow(/longer than 20/);
    expect(p.push('ok,1', 11)).toEqual({ fields: ['ok', '1'], line: 11 });
  });
  it('blank lines between records are skipped', () => {
    expect(parseCsv('\n\na,b\n\nc,d\n').map((r) => r.line)).toEqual([3, 5]);
  });
});
