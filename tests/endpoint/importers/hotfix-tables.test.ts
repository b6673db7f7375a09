import { importBytes } from '../../../src/endpoint/importers';
import { crlf, encode, getHotfixCsvText, wmicQfeCsvText } from '../../helpers/windows-exports';

describe('Get-HotFix | ConvertTo-Csv importer', () => {
  it('PowerShell 5 output (#TYPE line, UTF-16LE with BOM, CRLF): hotfix ids and computer name', () => {
    const r = importBytes(encode(crlf(getHotfixCsvText('PC-01', ['KB5011487', 'KB5003791'], true)), 'utf16le-bom'), 'hotfix.csv');
    expect(r.kind).toBe('get-hotfix-csv');
    expect(r.facts).toEqual({ hotfixes: ['KB5011487', 'KB5003791'], name: 'PC-01' });
  });
  it('PowerShell 7 output (no #TYPE line, UTF-8)', () => {
    const r = importBytes(encode(crlf(getHotfixCsvText('PC-02', ['KB5006669'], false)), 'utf8'), 'hotfix.csv');
    expect(r.facts.hotfixes).toEqual(['KB5006669']);
  });
  it('header only: an empty hotfix list (known: none), not unknown', () => {
    const r = importBytes(encode(getHotfixCsvText('PC-03', [], true), 'utf8'), 'hotfix.csv');
    expect(r.facts.hotfixes).toEqual([]);
  });
  it('a row with a wrong number of fields is an error naming the line', () => {
    const text = getHotfixCsvText('PC', ['KB5011487'], true) + '"PC","x"\n';
    expect(() => importBytes(encode(text, 'utf8'), 'h.csv')).toThrow(/^h\.csv:4: Get-HotFix CSV: 2 fields where the header has 14/);
  });
});

describe('wmic qfe list full /format:csv importer', () => {
  it('blank first line, Node column, CR CR LF, UTF-16LE with BOM', () => {
    const r = importBytes(encode(wmicQfeCsvText('PC-01', ['KB5005625', 'KB5005112']), 'utf16le-bom'), 'qfe.csv');
    expect(r.kind).toBe('wmic-qfe-csv');
    expect(r.facts).toEqual({ hotfixes: ['KB5005625', 'KB5005112'], name: 'PC-01' });
  });
  it('UTF-16LE without BOM and Shift_JIS-free ASCII UTF-8 both work', () => {
    expect(importBytes(encode(wmicQfeCsvText('A', ['KB5006714']), 'utf16le'), 'q.csv').facts.hotfixes).toEqual(['KB5006714']);
    expect(importBytes(encode(wmicQfeCsvText('A', ['KB5006714']), 'utf8'), 'q.csv').facts.hotfixes).toEqual(['KB5006714']);
  });
});
