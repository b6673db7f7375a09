/**
 * The first exports anyone makes, as Windows writes them: `systeminfo > info.txt` (LIST format; cmd.exe writes
 * the OEM code page: cp437 on English systems, cp932 on Japanese ones; PowerShell 5.1 writes UTF-16LE with BOM),
 * `Get-HotFix > hotfix.txt` (the default table), and the PowerShell JSON of the CurrentVersion key and of
 * Get-ComputerInfo.
 */
import { importBytes } from '../../../src/endpoint/importers';
import { ExportFormatError } from '../../../src/endpoint/errors';
import {
  computerInfoJsonText,
  crlf,
  currentVersionJsonText,
  encode,
  encodeCp437,
  getHotfixTableText,
  systeminfoListText,
  type Enc,
} from '../../helpers/windows-exports';

const KBS = ['KB5041580', 'KB5015684', 'KB5042320', 'KB5040525'];

describe('systeminfo > info.txt (default LIST format)', () => {
  const cases: [string, 'en' | 'ja', (t: string) => Buffer][] = [
    ['English, cmd.exe > (cp437)', 'en', (t) => encodeCp437(t)],
    ['English, PowerShell 5.1 > (UTF-16LE with BOM)', 'en', (t) => encode(t, 'utf16le-bom')],
    ['English, UTF-8', 'en', (t) => encode(t, 'utf8')],
    ['Japanese, cmd.exe > (cp932)', 'ja', (t) => encode(t, 'shift_jis')],
    ['Japanese, PowerShell 5.1 > (UTF-16LE with BOM)', 'ja', (t) => encode(t, 'utf16le-bom')],
    ['Japanese, UTF-8 with BOM', 'ja', (t) => encode(t, 'utf8-bom')],
  ];
  for (const [label, locale, enc] of cases) {
    it(`reads host, caption, version, product type, architecture and the multi-line hotfix block: ${label}`, () => {
      const text = crlf(systeminfoListText({ locale, host: 'PC-TOKYO-01', caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', hotfixes: KBS }));
      const r = importBytes(enc(text), 'info.txt');
      expect(r.kind).toBe('systeminfo-list');
      expect(r.facts).toEqual({
        name: 'PC-TOKYO-01',
        os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', productType: 'workstation', architecture: 'x64' },
        hotfixes: KBS,
      });
      expect(r.notes.join(' ')).toMatch(/no UBR/);
    });
  }
  it('the text starts with an empty line and the OS Version line reads "10.0.19045 N/A Build 19045" (the fixture is as Windows writes it)', () => {
    const t = systeminfoListText({ locale: 'en', host: 'A', caption: 'x', version: '10.0.19045', hotfixes: [] });
    expect(t.split('\n')[0]).toBe('');
    expect(t).toContain('\nOS Version:                10.0.19045 N/A Build 19045\n');
    expect(t).toContain('\nHotfix(s):                 0 Hotfix(s) Installed.\n');
    const ja = systeminfoListText({ locale: 'ja', host: 'A', caption: 'x', version: '10.0.19045', hotfixes: ['KB1234567'] });
    expect(ja).toContain('\nOS バージョン:          10.0.19045 N/A ビルド 19045\n');
    expect(ja).toContain('\nホットフィックス:       1 ホットフィックスがインストールされています。\n                        [01]: KB1234567\n');
  });
  it('cp437 bytes (an owner "José Müller", a NIC driver name with "é") do not derail the English list', () => {
    const text = crlf(systeminfoListText({ locale: 'en', host: 'WS-0042', caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', hotfixes: ['KB5041828'], server: true, owner: 'José Müller', nic: 'Carte réseau Intel(R) PRO/1000' }));
    const bytes = encodeCp437(text);
    expect(bytes.includes(0x82)).toBe(true); // é in cp437
    const r = importBytes(bytes, 'info.txt');
    expect(r.facts).toMatchObject({ name: 'WS-0042', os: { version: '6.3.9600', productType: 'server' }, hotfixes: ['KB5041828'] });
  });
  it('Windows 7 SP1: "6.1.7601 Service Pack 1 Build 7601"', () => {
    const r = importBytes(encodeCp437(crlf(systeminfoListText({ locale: 'en', host: 'W7', caption: 'Microsoft Windows 7 Professional', version: '6.1.7601', hotfixes: ['KB5022338'] }))), 'i.txt');
    expect(r.facts.os?.version).toBe('6.1.7601');
  });
  it('Japanese server: "メンバー サーバー" is productType server', () => {
    const r = importBytes(encode(crlf(systeminfoListText({ locale: 'ja', host: 'SV-01', caption: 'Microsoft Windows Server 2019 Standard', version: '10.0.17763', hotfixes: ['KB5005625'], server: true })), 'shift_jis'), 'i.txt');
    expect(r.facts.os?.productType).toBe('server');
  });
  it('"Hotfix(s): N/A" leaves the hotfix list unknown; "0 Hotfix(s) Installed." is an empty list', () => {
    const na = importBytes(encode(crlf(systeminfoListText({ locale: 'en', host: 'A', caption: 'x', version: '10.0.19044', hotfixes: 'N/A' })), 'utf8'), 'i.txt');
    expect(na.facts.hotfixes).toBeUndefined();
    const none = importBytes(encode(crlf(systeminfoListText({ locale: 'en', host: 'A', caption: 'x', version: '10.0.19044', hotfixes: [] })), 'utf8'), 'i.txt');
    expect(none.facts.hotfixes).toEqual([]);
  });
  it('a file cut inside the hotfix block keeps the KBs it lists and says it may be truncated', () => {
    const r = importBytes(encode(crlf(systeminfoListText({ locale: 'en', host: 'A', caption: 'x', version: '10.0.19044', hotfixes: KBS, cutHotfixesAt: 2 })), 'utf16le-bom'), 'i.txt');
    expect(r.facts.hotfixes).toEqual(KBS.slice(0, 2));
    expect(r.notes.join(' ')).toMatch(/says 4 installed but lists 2/);
  });
  it('an OS Version that is not major.minor.build is a one-line error naming the file and line', () => {
    const text = systeminfoListText({ locale: 'en', host: 'A', caption: 'x', version: '10.0.19044', hotfixes: [] }).replace('10.0.19044 N/A Build 19044', 'unknown');
    expect(() => importBytes(encode(text, 'utf8'), 'v.txt')).toThrow(ExportFormatError);
    expect(() => importBytes(encode(text, 'utf8'), 'v.txt')).toThrow(/^v\.txt:4: systeminfo: OS Version "unknown" is not major\.minor\.build$/);
  });
});

describe('Get-HotFix > hotfix.txt (default table)', () => {
  const rows = [
    { kb: 'KB5041580', description: 'Update' },
    { kb: 'KB5015684', installedBy: '' },
    { kb: 'KB5042320', description: 'Security Update' },
  ];
  const encs: [string, 'en' | 'ja', Enc][] = [
    ['English, PowerShell 5.1 > (UTF-16LE with BOM)', 'en', 'utf16le-bom'],
    ['Japanese, PowerShell 5.1 > (UTF-16LE with BOM)', 'ja', 'utf16le-bom'],
    ['PowerShell 7 > (UTF-8)', 'en', 'utf8'],
  ];
  for (const [label, locale, enc] of encs) {
    it(`reads every HotFixID and the Source computer: ${label}`, () => {
      const text = crlf(getHotfixTableText('PC-TOKYO-01', rows, { locale, ps7: enc === 'utf8' }));
      const r = importBytes(encode(text, enc), 'hotfix.txt');
      expect(r.kind).toBe('get-hotfix-table');
      expect(r.facts).toEqual({ name: 'PC-TOKYO-01', hotfixes: ['KB5041580', 'KB5015684', 'KB5042320'] });
    });
  }
  it('the fixture has the separator line as PowerShell writes it', () => {
    const t = getHotfixTableText('PC', rows);
    expect(t.split('\n').slice(1, 3)).toEqual([
      'Source        Description      HotFixID      InstalledBy          InstalledOn',
      '------        -----------      --------      -----------          -----------',
    ]);
  });
  it('a Source cut to "DESKTOP-8F..." (longer than its 13-cell column) is not taken as the name', () => {
    const r = importBytes(encode(crlf(getHotfixTableText('DESKTOP-8F2K1QX', rows)), 'utf16le-bom'), 'hotfix.txt');
    expect(r.facts.name).toBeUndefined();
    expect(r.facts.hotfixes).toHaveLength(3);
  });
  it('PowerShell 7 ANSI colours in the header are ignored', () => {
    const text = getHotfixTableText('PC', rows, { ps7: true }).replace(/^(Source.*)$/m, '\x1b[32;1m$1\x1b[0m').replace(/^(-{6}.*)$/m, '\x1b[32;1m$1\x1b[0m');
    expect(importBytes(encode(text, 'utf8'), 'h.txt').facts.hotfixes).toEqual(['KB5041580', 'KB5015684', 'KB5042320']);
  });
  it('"File 1" rows are ignored quietly; other non-KB ids are noted', () => {
    const r = importBytes(encode(getHotfixTableText('PC', [{ kb: 'File 1' }, { kb: 'Q123456' }, { kb: 'KB5041580' }]), 'utf8'), 'h.txt');
    expect(r.facts.hotfixes).toEqual(['KB5041580']);
    expect(r.notes.join(' ')).toMatch(/"Q123456" is not a KB number/);
  });
});

describe("Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' | ConvertTo-Json", () => {
  it('Windows 10 22H2 (PowerShell 5.1 >, UTF-16LE): version 10.0.19045, UBR, caption, product type', () => {
    const text = crlf(currentVersionJsonText({ build: 19045, ubr: 4780, productName: 'Windows 10 Pro', displayVersion: '22H2', releaseId: '2009', installationType: 'Client', major: 10 }));
    const r = importBytes(encode(text, 'utf16le-bom'), 'currentversion.json');
    expect(r.kind).toBe('currentversion-json');
    expect(r.facts).toEqual({ os: { version: '10.0.19045', ubr: 4780, caption: 'Windows 10 Pro', productType: 'workstation' } });
  });
  it('Server 2012 R2 (no CurrentMajorVersionNumber): CurrentVersion "6.3" gives 6.3.9600', () => {
    const text = crlf(currentVersionJsonText({ build: 9600, ubr: 22074, productName: 'Windows Server 2012 R2 Standard', installationType: 'Server', currentVersion: '6.3' }));
    const r = importBytes(encode(text, 'utf8-bom'), 'cv.json');
    expect(r.facts.os).toEqual({ version: '6.3.9600', ubr: 22074, caption: 'Windows Server 2012 R2 Standard', productType: 'server' });
  });
  it('a Select-Object of CurrentBuild, UBR, CurrentMajorVersionNumber… is read the same way', () => {
    const r = importBytes(encode('{"CurrentBuild":"17763","UBR":6189,"CurrentMajorVersionNumber":10,"CurrentMinorVersionNumber":0}', 'utf8'), 'cv.json');
    expect(r.facts.os).toEqual({ version: '10.0.17763', ubr: 6189 });
  });
  it('a bad UBR is a one-line error naming the file (no schema message)', () => {
    expect(() => importBytes(encode('{"CurrentBuild":"17763","UBR":"x","CurrentMajorVersionNumber":10,"CurrentMinorVersionNumber":0}', 'utf8'), 'cv.json')).toThrow(/^cv\.json: Get-ItemProperty CurrentVersion JSON: UBR "x" is not a whole number$/);
  });
});

describe('Get-ComputerInfo | ConvertTo-Json', () => {
  it('reads CsName, OsVersion, OsName, OsProductType and OsHotFixes (PowerShell 5.1, UTF-16LE)', () => {
    const text = crlf(computerInfoJsonText({ host: 'SRV-FILE01', osName: 'Microsoft Windows Server 2016 Standard', version: '10.0.14393', hotfixes: ['KB5041773', 'KB5040562'], productType: 3 }));
    const r = importBytes(encode(text, 'utf16le-bom'), 'computerinfo.json');
    expect(r.kind).toBe('computerinfo-json');
    expect(r.facts).toEqual({
      name: 'SRV-FILE01',
      os: { version: '10.0.14393', caption: 'Microsoft Windows Server 2016 Standard', productType: 'server', architecture: 'x64' },
      hotfixes: ['KB5041773', 'KB5040562'],
    });
  });
  it('Japanese OsArchitecture "64 ビット" and WindowsUBR (PowerShell 7) are read', () => {
    const r = importBytes(encode(computerInfoJsonText({ host: 'PC', osName: 'Microsoft Windows 11 Pro', version: '10.0.22631', hotfixes: [], arch: '64 ビット', windowsUbr: 4037 }), 'utf8'), 'ci.json');
    expect(r.facts.os).toMatchObject({ architecture: 'x64', ubr: 4037, productType: 'workstation' });
    expect(r.facts.hotfixes).toEqual([]);
  });
  it('OsHotFixes cut to type names by ConvertTo-Json leaves the hotfix list unknown, with a note', () => {
    const r = importBytes(encode(computerInfoJsonText({ host: 'PC', osName: 'x', version: '10.0.19045', hotfixes: ['KB1', 'KB2'], hotfixesAsText: true }), 'utf8'), 'ci.json');
    expect(r.facts.hotfixes).toBeUndefined();
    expect(r.notes.join(' ')).toMatch(/-Depth 3/);
  });
});

describe('an input no importer reads', () => {
  it('gets a one-line error naming the file and what is expected', () => {
    let msg = '';
    try {
      importBytes(encode('Hello\r\nthis is a README\r\n', 'utf8'), 'README.txt');
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/^README\.txt:1: not a recognised export \(expected systeminfo \(list or \/fo csv\), Get-HotFix \(table or \| ConvertTo-Csv\).*Get-ComputerInfo \| ConvertTo-Json.*\)$/);
    expect(msg).not.toContain('\n');
  });
  it('some other JSON object is not read as a bad profile (no schema message)', () => {
    expect(() => importBytes(encode('{"foo": 1}', 'utf8'), 'x.json')).toThrow(/not a recognised export/);
  });
});
