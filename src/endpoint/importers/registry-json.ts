/**
 * Two PowerShell JSON exports of one machine's OS facts (Windows PowerShell 5.1 `>` writes UTF-16LE with BOM):
 *
 * `Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' | ConvertTo-Json`: one object with the
 * registry values plus PowerShell's PSPath/PSChildName…: CurrentBuild / CurrentBuildNumber ("19045"), UBR (3803),
 * CurrentMajorVersionNumber / CurrentMinorVersionNumber (10 / 0; absent before Windows 10, where CurrentVersion
 * "6.3" gives major.minor), ProductName, DisplayVersion ("22H2"), ReleaseId ("2009"), InstallationType ("Client",
 * "Server", "Server Core"). A `Select-Object` of some of these values is read the same way.
 *
 * `Get-ComputerInfo | ConvertTo-Json`: OsVersion ("10.0.19045"), OsBuildNumber, OsName, CsName, OsProductType
 * (1 workstation, 2 domain controller, 3 server; a number in 5.1's JSON, a name with -EnumsAsStrings),
 * WindowsInstallationType, OsArchitecture ("64-bit" / "64 ビット"), WindowsUBR (PowerShell 7 only), and
 * OsHotFixes: [{ HotFixID, Description, InstalledOn, … }]. ConvertTo-Json's default depth (2) keeps those objects
 * in 5.1; should they arrive as strings ("@{HotFixID=KB…; …}") the KB numbers are read from the text.
 */
import { ExportFormatError } from '../errors';
import type { MachineProfile } from '../profile';
import { jsonErrorLine, jsonTooDeep, TOO_DEEP } from './json-util';
import type { Importer, ImportResult, PartialProfile } from './types';

type Obj = Record<string, unknown>;

function parseObject(text: string, source: string, what: string): Obj {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ExportFormatError(source, jsonErrorLine(text, e), `${what}: not valid JSON (${(e as Error).message})`);
  }
  if (jsonTooDeep(data)) throw new ExportFormatError(source, undefined, `${what}: ${TOO_DEEP}`);
  // `… | ConvertTo-Json` of one object is an object; some scripts wrap it in an array of one
  if (Array.isArray(data) && data.length === 1) data = data[0];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ExportFormatError(source, 1, `${what}: expected one JSON object`);
  return data as Obj;
}

function str(o: Obj, k: string): string | undefined {
  const v = o[k];
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function int(o: Obj, k: string): number | undefined {
  const v = o[k];
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** top-level keys of a JSON object text, cheaply (first 64 KiB) */
function hasKey(text: string, key: string): boolean {
  return new RegExp(`"${key}"\\s*:`).test(text.slice(0, 1 << 16));
}

function installationType(s: string | undefined): MachineProfile['os']['productType'] | undefined {
  if (!s) return undefined;
  if (/^client$/i.test(s)) return 'workstation';
  if (/^server/i.test(s)) return 'server';
  return undefined;
}

export const currentVersionJson: Importer = {
  kind: 'currentversion-json',
  detect(text) {
    const t = text.trimStart();
    if (!(t.startsWith('{') || t.startsWith('['))) return false;
    if (hasKey(text, 'PSChildName') && /"PSPath"\s*:\s*"[^"]*Windows NT\\\\CurrentVersion"/i.test(text.slice(0, 1 << 16))) return true;
    return (hasKey(text, 'CurrentBuild') || hasKey(text, 'CurrentBuildNumber')) && !hasKey(text, 'OsHotFixes') && !hasKey(text, 'os');
  },
  parse(text, source): ImportResult {
    const what = 'Get-ItemProperty CurrentVersion JSON';
    const o = parseObject(text, source, what);
    const os: NonNullable<PartialProfile['os']> = {};
    const notes: string[] = [];
    const build = str(o, 'CurrentBuildNumber') ?? str(o, 'CurrentBuild');
    const maj = int(o, 'CurrentMajorVersionNumber');
    const min = int(o, 'CurrentMinorVersionNumber');
    const cv = str(o, 'CurrentVersion');
    if (build !== undefined && !/^\d+$/.test(build)) throw new ExportFormatError(source, undefined, `${what}: CurrentBuild "${build.slice(0, 30)}" is not a number`);
    if (build) {
      if (maj !== undefined && min !== undefined) os.version = `${maj}.${min}.${build}`;
      else if (cv && /^\d+\.\d+$/.test(cv)) os.version = `${cv}.${build}`;
      else notes.push(`${what}: CurrentBuild ${build} without CurrentMajorVersionNumber or CurrentVersion: OS version unknown`);
    } else {
      notes.push(`${what}: no CurrentBuild: OS version unknown`);
    }
    if (o['UBR'] !== undefined) {
      const ubr = int(o, 'UBR');
      if (ubr === undefined) throw new ExportFormatError(source, undefined, `${what}: UBR ${JSON.stringify(o['UBR']).slice(0, 30)} is not a whole number`);
      os.ubr = ubr;
    }
    const pn = str(o, 'ProductName');
    if (pn) os.caption = pn;
    const pt = installationType(str(o, 'InstallationType'));
    if (pt) os.productType = pt;
    return { kind: 'currentversion-json', source, facts: { os }, notes };
  },
};

const PRODUCT_TYPE: Record<string, MachineProfile['os']['productType']> = {
  '1': 'workstation',
  workstation: 'workstation',
  '2': 'domain-controller',
  domaincontroller: 'domain-controller',
  '3': 'server',
  server: 'server',
};

export const computerInfoJson: Importer = {
  kind: 'computerinfo-json',
  detect(text) {
    const t = text.trimStart();
    return (t.startsWith('{') || t.startsWith('[')) && (hasKey(text, 'OsHotFixes') || (hasKey(text, 'OsVersion') && hasKey(text, 'CsName')) || hasKey(text, 'WindowsProductName'));
  },
  parse(text, source): ImportResult {
    const what = 'Get-ComputerInfo JSON';
    const o = parseObject(text, source, what);
    const os: NonNullable<PartialProfile['os']> = {};
    const facts: PartialProfile = { os };
    const notes: string[] = [];
    const name = str(o, 'CsName') ?? str(o, 'CsDNSHostName');
    if (name) facts.name = name;
    const ver = str(o, 'OsVersion');
    const build = str(o, 'OsBuildNumber');
    if (ver) {
      const m = /^(\d+\.\d+\.\d+)(?:\.(\d+))?$/.exec(ver);
      if (!m) throw new ExportFormatError(source, undefined, `${what}: OsVersion "${ver.slice(0, 40)}" is not major.minor.build`);
      os.version = m[1]!;
      if (m[2] !== undefined) os.ubr = Number(m[2]);
    } else if (build && /^\d+$/.test(build)) {
      const wcv = str(o, 'WindowsCurrentVersion');
      if (wcv && /^\d+\.\d+$/.test(wcv) && Number(build) < 10240) os.version = `${wcv}.${build}`;
      else notes.push(`${what}: OsBuildNumber ${build} without OsVersion: OS version unknown`);
    } else {
      notes.push(`${what}: no OsVersion: OS version unknown`);
    }
    const ubr = int(o, 'WindowsUBR') ?? int(o, 'OsUBR');
    if (ubr !== undefined && os.ubr === undefined) os.ubr = ubr;
    const caption = str(o, 'OsName') ?? str(o, 'WindowsProductName');
    if (caption) os.caption = caption;
    const ptRaw = str(o, 'OsProductType');
    const pt = ptRaw ? PRODUCT_TYPE[ptRaw.toLowerCase()] : installationType(str(o, 'WindowsInstallationType'));
    if (pt) os.productType = pt;
    const arch = str(o, 'OsArchitecture');
    if (arch) {
      if (/64/.test(arch) && /arm/i.test(arch)) os.architecture = 'ARM64';
      else if (/64/.test(arch)) os.architecture = 'x64';
      else if (/32/.test(arch)) os.architecture = 'x86';
    }
    const hf = o['OsHotFixes'];
    if (hf === undefined || hf === null) {
      notes.push(`${what}: no OsHotFixes: installed updates unknown`);
    } else {
      const items = Array.isArray(hf) ? hf : [hf];
      const kbs = new Set<string>();
      let unreadable = 0;
      for (const it of items) {
        const id: unknown = it && typeof it === 'object' ? (it as Obj)['HotFixID'] : it;
        const found = typeof id === 'string' ? id.match(/\bKB\d{4,8}\b/gi) : null;
        if (found) for (const k of found) kbs.add(k.toUpperCase());
        else unreadable++;
      }
      if (unreadable > 0 && kbs.size === 0) {
        notes.push(`${what}: OsHotFixes entries carry no HotFixID (ConvertTo-Json cut them: use -Depth 3): installed updates unknown`);
      } else {
        if (unreadable > 0) notes.push(`${what}: ${unreadable} OsHotFixes entries are not KB numbers (ignored)`);
        facts.hotfixes = [...kbs];
      }
    }
    return { kind: 'computerinfo-json', source, facts, notes };
  },
};
