import { importBytes } from '../../../src/endpoint/importers';
import { ExportFormatError } from '../../../src/endpoint/errors';
import { crlf, encode, systeminfoCsvText, type Enc } from '../../helpers/windows-exports';

const cases: [string, 'en' | 'ja', Enc][] = [
  ['English, UTF-16LE with BOM (PowerShell 5 >)', 'en', 'utf16le-bom'],
  ['English, UTF-8 (cmd > on an en-US system)', 'en', 'utf8'],
  ['Japanese, Shift_JIS (cmd > on a ja-JP system)', 'ja', 'shift_jis'],
  ['Japanese, UTF-16LE with BOM (PowerShell 5 >)', 'ja', 'utf16le-bom'],
  ['Japanese, UTF-8 with BOM', 'ja', 'utf8-bom'],
];

describe('systeminfo /fo csv importer', () => {
  for (const [label, locale, enc] of cases) {
    it(`reads host, caption, version, product type, architecture and hotfixes: ${label}`, () => {
      const text = crlf(systeminfoCsvText({ locale, host: 'PC-TOKYO-01', caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', hotfixes: ['KB5011487', 'KB5003791', 'KB5012170'] }));
      const r = importBytes(encode(text, enc), 'systeminfo.csv');
      expect(r.kind).toBe('systeminfo-csv');
      expect(r.facts).toEqual({
        name: 'PC-TOKYO-01',
        os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', productType: 'workstation', architecture: 'x64' },
        hotfixes: ['KB5011487', 'KB5003791', 'KB5012170'],
      });
    });
  }
  it('says systeminfo has no UBR (os.ubr stays unknown)', () => {
    const r = importBytes(encode(crlf(systeminfoCsvText({ locale: 'en', host: 'A', caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', hotfixes: [] })), 'utf8'), 's.csv');
    expect(r.facts.os?.ubr).toBeUndefined();
    expect(r.notes.join(' ')).toMatch(/no UBR/);
    expect(r.facts.hotfixes).toEqual([]);
  });
  it('a server in Japanese ("メンバー サーバー") is productType server', () => {
    const r = importBytes(encode(crlf(systeminfoCsvText({ locale: 'ja', host: 'SV1', caption: 'Microsoft Windows Server 2019 Standard', version: '10.0.17763', hotfixes: ['KB5005625'], server: true })), 'shift_jis'), 's.csv');
    expect(r.facts.os?.productType).toBe('server');
  });
  it('Hotfix(s) "N/A" leaves the hotfix list unknown', () => {
    const r = importBytes(encode(systeminfoCsvText({ locale: 'en', host: 'A', caption: 'x', version: '6.1.7601', hotfixes: 'N/A' }), 'utf8'), 's.csv');
    expect(r.facts.hotfixes).toBeUndefined();
  });
  it('wrong columns: a data row with fewer fields than the header is an error naming file and line 2', () => {
    const text = systeminfoCsvText({ locale: 'en', host: 'A', caption: 'x', version: '10.0.19044', hotfixes: [] }).replace(/,"[^"]*"\n$/, '\n');
    expect(() => importBytes(encode(text, 'utf8'), 'bad.csv')).toThrow(ExportFormatError);
    expect(() => importBytes(encode(text, 'utf8'), 'bad.csv')).toThrow(/^bad\.csv:2: systeminfo CSV: the data row has 32 fields, the header 33/);
  });
  it('a header with no data row is an error', () => {
    const text = systeminfoCsvText({ locale: 'ja', host: 'A', caption: 'x', version: '10.0.19044', hotfixes: [] }).split('\n')[0] + '\n';
    expect(() => importBytes(encode(text, 'shift_jis'), 'h.csv')).toThrow(/no data row/);
  });
  it('an OS Version that is not major.minor.build is an error naming line 2', () => {
    const text = systeminfoCsvText({ locale: 'en', host: 'A', caption: 'x', version: '10.0.19044', hotfixes: [] }).replace('10.0.19044 N/A Build 19044', 'garbage');
    expect(() => importBytes(encode(text, 'utf8'), 'v.csv')).toThrow(/^v\.csv:2: .*OS Version "garbage"/);
  });
});
