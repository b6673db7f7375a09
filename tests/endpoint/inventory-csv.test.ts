/**
 * Inventory CSVs as device-management tools export them (Intune, Configuration Manager, Defender for Endpoint,
 * a Japanese spreadsheet saved by Excel in cp932), `--columns` for any other CSV, four-part versions, and the
 * PowerShell JSON exports given directly as inputs.
 */
import { tempFolderPerTest } from './helpers';
import { loadInventory, type InventoryItem, type LoadOptions } from '../../src/endpoint/inventory';
import { parseColumnsSpec, splitVersion, versionFromBuild } from '../../src/endpoint/inventory-columns';
import { assessReadiness } from '../../src/endpoint/readiness';
import { computerInfoJsonText, crlf, currentVersionJsonText, encode } from '../helpers/windows-exports';

const temp = tempFolderPerTest('acs-invcsv-');
const file = temp.file;
async function all(inputs: string[], opts?: LoadOptions): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  for await (const it of loadInventory(inputs, opts)) out.push(it);
  return out;
}
const oks = (items: InventoryItem[]) => items.filter((i): i is Extract<InventoryItem, { ok: true }> => i.ok);

// Intune admin center > Devices > All devices > Export: UTF-8 with BOM, CRLF, every property quoted
const INTUNE_HEADER = ['Device ID', 'Device name', 'Enrollment date', 'Last check-in', 'Azure AD Device ID', 'OS version', 'Azure AD registered', 'Serial number', 'Manufacturer', 'Model', 'Compliance', 'Managed by', 'Ownership', 'OS', 'SkuFamily', 'JoinType', 'Primary user UPN'];
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
function intuneRow(name: string, ver: string, osName: string): string {
  return ['6f1c…', name, '2023-04-11 02:11:09.0000000', '2026-11-29 23:10:00.0000000', 'a1b2', ver, 'True', 'PF2ABC', 'LENOVO', '20L5', 'Compliant', 'Intune', 'Corporate', osName, 'Enterprise', 'Azure AD joined', 'taro@example.co.jp'].map(q).join(',');
}

describe('Intune device export', () => {
  it('reads "Device name" and the four-part "OS version" (version + UBR), and skips non-Windows devices', async () => {
    const f = file(
      'DevicesExport.csv',
      encode(
        crlf(
          [INTUNE_HEADER.map(q).join(','), intuneRow('PC-EIGYO-01', '10.0.19044.2364', 'Windows'), intuneRow('iPhone-Taro', '17.1.2', 'iOS/iPadOS'), intuneRow('PC-EIGYO-02', '10.0.19044.1288', 'Windows')].join('\n') + '\n',
        ),
        'utf8-bom',
      ),
    );
    const items = await all([f]);
    expect(items.map((i) => (i.ok ? `${i.profile.name} ${i.profile.os.version}.${i.profile.os.ubr}` : `${i.skipped ? 'SKIP' : 'ERR'} ${i.line} ${i.error}`))).toEqual([
      'PC-EIGYO-01 10.0.19044.2364',
      'SKIP 3 skipped: OS "iOS/iPadOS" is not Windows',
      'PC-EIGYO-02 10.0.19044.1288',
    ]);
    const [a, b] = oks(items);
    expect(a!.source).toBe(`${f}:2`);
    expect(assessReadiness(a!.profile).os.supported).toBe(true);
    expect(assessReadiness(b!.profile).os.supported).toBe(false);
  });
});

describe('Configuration Manager exports', () => {
  it('v_R_System columns: Netbios_Name0, Operating_System_Name_and0 (workstation/server), BuildExt', async () => {
    const f = file(
      'cm.csv',
      crlf(
        'Netbios_Name0,Operating_System_Name_and0,Build01,BuildExt\n' +
          'SRV-2012R2-01,Microsoft Windows NT Server 6.3,6.3.9600,6.3.9600.22074\n' +
          'PC-1809,Microsoft Windows NT Workstation 10.0,10.0.17763,10.0.17763.6189\n',
      ),
    );
    const items = oks(await all([f]));
    expect(items.map((i) => [i.profile.name, i.profile.os])).toEqual([
      ['SRV-2012R2-01', { version: '6.3.9600', ubr: 22074, caption: 'Microsoft Windows NT Server 6.3', productType: 'server' }],
      ['PC-1809', { version: '10.0.17763', ubr: 6189, caption: 'Microsoft Windows NT Workstation 10.0', productType: 'workstation' }],
    ]);
    expect(assessReadiness(items[1]!.profile).os).toMatchObject({ supported: true, line: 'Windows 10 1809 / LTSC 2019' });
  });
  it('a report with "Computer Name" and a bare "Build" (19045 / 9600) gets the version from the build', async () => {
    const f = file('cm-report.csv', crlf('"Computer Name","Operating System Name and Version","Build"\n"PC-A","Microsoft Windows NT Workstation 10.0","19045"\n"SV-B","Microsoft Windows NT Server 6.3","9600"\n'));
    expect(oks(await all([f])).map((i) => i.profile.os.version)).toEqual(['10.0.19045', '6.3.9600']);
  });
});

describe('Japanese spreadsheet saved as CSV by Excel (cp932)', () => {
  it('コンピューター名 / OS バージョン columns', async () => {
    const f = file('資産台帳.csv', encode(crlf('コンピューター名,部署,OS バージョン\nPC-KAIKEI-01,経理部,10.0.19045.4780\n'), 'shift_jis'));
    const [a] = oks(await all([f]));
    expect(a!.profile).toMatchObject({ name: 'PC-KAIKEI-01', os: { version: '10.0.19045', ubr: 4780 } });
  });
});

describe('--columns for any other CSV', () => {
  const text = crlf('Asset Tag,Hostname (FQDN),Windows Build,KBs installed\nA-001,pc-01.corp.example,10.0.14393.7259,KB5041773 KB5040562\nA-002,pc-02.corp.example,garbage,\n');
  it('maps the named columns; a bad cell is an error naming the line and the column', async () => {
    const f = file('assets.csv', text);
    const columns = parseColumnsSpec('name=Hostname (FQDN),version=Windows Build,hotfixes=KBs installed');
    const items = await all([f], { columns });
    expect(items[0]).toMatchObject({ ok: true, profile: { name: 'pc-01.corp.example', os: { version: '10.0.14393', ubr: 7259 }, hotfixes: ['KB5041773', 'KB5040562'] } });
    expect(items[1]).toMatchObject({ ok: false, line: 3, error: 'Windows Build "garbage" is not a Windows version like 10.0.19045 or 10.0.19045.3803' });
  });
  it('without --columns such a CSV is not read as an inventory (one error naming the file)', async () => {
    const f = file('assets.csv', text);
    const items = await all([f]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ok: false, source: f });
    expect((items[0] as { error: string }).error).toMatch(/not a recognised export/);
  });
  it('bad specs are explained', () => {
    expect(() => parseColumnsSpec('name=A')).toThrow(/at least name=COLUMN and version=COLUMN/);
    expect(() => parseColumnsSpec('name=A,colour=B,version=C')).toThrow(/unknown field "colour"/);
    expect(parseColumnsSpec('name=Device name,build=OS Build')).toEqual({ name: 'Device name', build: 'OS Build' });
  });
});

describe('four-part versions', () => {
  it('splitVersion and versionFromBuild', () => {
    expect(splitVersion('10.0.19044.2364')).toEqual({ version: '10.0.19044', ubr: 2364 });
    expect(splitVersion('10.0.19044')).toEqual({ version: '10.0.19044' });
    expect(splitVersion('22H2')).toBeUndefined();
    expect(versionFromBuild('17763.6189')).toEqual({ version: '10.0.17763', ubr: 6189 });
    expect(versionFromBuild('7601')).toEqual({ version: '6.1.7601' });
    expect(versionFromBuild('1234')).toBeUndefined();
  });
  it('the canonical CSV fleet takes "10.0.19044.2364" in os_version as version + UBR; a contradicting ubr column is an error', async () => {
    const f = file('fleet.csv', 'name,os_version,ubr\r\nc1,10.0.19044.2364,\r\nc2,10.0.19044.2364,2000\r\n');
    const items = await all([f]);
    expect(items[0]).toMatchObject({ ok: true, profile: { os: { version: '10.0.19044', ubr: 2364 } } });
    expect(items[1]).toMatchObject({ ok: false, line: 3, error: 'ubr 2000 contradicts os_version 10.0.19044.2364' });
  });
});

describe('PowerShell JSON exports given as inputs', () => {
  it('Get-ItemProperty CurrentVersion JSON and Get-ComputerInfo JSON are machines, not schema errors', async () => {
    const cv = file('cv.json', encode(crlf(currentVersionJsonText({ build: 19045, ubr: 4780, productName: 'Windows 10 Pro', installationType: 'Client', major: 10 })), 'utf16le-bom'));
    const ci = file('ci.json', encode(crlf(computerInfoJsonText({ host: 'SRV-9', osName: 'Microsoft Windows Server 2019 Standard', version: '10.0.17763', hotfixes: ['KB5041578'], productType: 3 })), 'utf16le-bom'));
    const items = await all([cv, ci]);
    expect(items.map((i) => (i.ok ? [i.profile.name, i.profile.os.version] : i.error))).toEqual([
      ['cv', '10.0.19045'],
      ['SRV-9', '10.0.17763'],
    ]);
  });
  it('a JSON object that is neither a profile nor an export gets a plain one-line error', async () => {
    const f = file('other.json', '{\n  "foo": 1,\n  "bar": [1, 2]\n}\n');
    const [it] = await all([f]);
    expect(it).toMatchObject({ ok: false, source: f });
    expect((it as { error: string }).error).toMatch(/^not a machine profile \(no "name" or "os"\) and not a recognised export \(expected systeminfo/);
  });
});
