/**
 * Inventory CSVs from device-management tools: which column holds the device name, the OS version, … .
 * Each tool names them its own way; COLUMN_ALIASES lists the names as the tools export them (data, with where
 * each comes from), and `--columns name=COL,version=COL,…` names them for any other CSV. Header cells are
 * compared without case, spaces, "_" or "-" ("OS version" = "os_version" = "OSVersion").
 *
 * Values: a four-part version "10.0.19044.2364" is version 10.0.19044 + UBR 2364 (Intune's "OS version",
 * Configuration Manager's BuildExt). A bare build ("19045" or "19045.3803", e.g. a "Build" column) gives the
 * version when the build number names one Windows NT version (BUILD_VERSIONS). Rows whose platform column names
 * another OS (iOS, Android, macOS, Linux: Intune and Defender exports list every device) are skipped, not errors.
 */
export const INVENTORY_FIELDS = ['name', 'version', 'build', 'ubr', 'caption', 'platform', 'hotfixes', 'role'] as const;
export type InventoryField = (typeof INVENTORY_FIELDS)[number];

/** field -> header cell names, in order of preference; `from` says which tool exports that name */
export const COLUMN_ALIASES: { field: InventoryField; names: string[]; from: string }[] = [
  // Microsoft Intune admin center, Devices > All devices > Export (CSV): "Device name", "OS", "OS version"
  // ("10.0.19045.3803"); the reports exported through Microsoft Graph (DevicesWithInventory) use "DeviceName",
  // "OSVersion".
  { field: 'name', names: ['Device name', 'DeviceName'], from: 'Microsoft Intune' },
  { field: 'version', names: ['OS version', 'OSVersion'], from: 'Microsoft Intune (also PDQ Inventory "OS Version")' },
  { field: 'platform', names: ['OS'], from: 'Microsoft Intune ("Windows", "iOS/iPadOS", "Android", "macOS")' },
  // Microsoft Configuration Manager: the console's device list and "Export" ("Name"), the SQL views
  // v_R_System (Netbios_Name0, Operating_System_Name_and0 "Microsoft Windows NT Workstation 10.0", Build01
  // "10.0.19045", BuildExt "10.0.19045.3803") and v_GS_OPERATING_SYSTEM (Caption0, Version0, BuildNumber0), and
  // report columns ("Computer Name", "Operating System Name and Version", "Build").
  { field: 'name', names: ['Netbios_Name0', 'Name0', 'Computer Name', 'Name'], from: 'Configuration Manager' },
  { field: 'version', names: ['BuildExt', 'Build01', 'Version0', 'Operating System Build', 'OS Build Number'], from: 'Configuration Manager' },
  { field: 'build', names: ['Build', 'BuildNumber0', 'OS Build'], from: 'Configuration Manager; Microsoft Defender for Endpoint ("OS Build")' },
  { field: 'caption', names: ['Caption0', 'Operating System Name and Version', 'Operating_System_Name_and0', 'Operating System'], from: 'Configuration Manager' },
  // Microsoft Defender for Endpoint, Device inventory > Export: "Device Name", "OS Platform" ("Windows10",
  // "WindowsServer2019", "Linux", …), "OS Build"; its "OS Version" holds "22H2"-style names, read only when it
  // is a dotted version.
  { field: 'platform', names: ['OS Platform'], from: 'Microsoft Defender for Endpoint' },
  // Lansweeper ("AssetName", "OS"), ManageEngine / generic exports ("Hostname", "Computer"), and Japanese
  // asset-management tools and spreadsheets (コンピューター名, ホスト名, 端末名, OS バージョン, …)
  { field: 'name', names: ['AssetName', 'Hostname', 'Host Name', 'Computer', 'ComputerName', 'コンピューター名', 'コンピュータ名', 'ホスト名', '端末名', 'デバイス名', '機器名'], from: 'Lansweeper, generic, Japanese tools' },
  { field: 'version', names: ['OS バージョン', 'OSバージョン', 'OS のバージョン', 'Windows Version'], from: 'generic, Japanese tools' },
  { field: 'caption', names: ['OS Name', 'OS 名', 'OS名', 'OS Caption', 'オペレーティングシステム', 'オペレーティング システム'], from: 'generic, Japanese tools' },
  { field: 'ubr', names: ['UBR', 'Update Build Revision'], from: 'generic' },
  { field: 'hotfixes', names: ['Hotfixes', 'HotFixIDs', 'Installed KBs', 'KBs', '更新プログラム'], from: 'generic' },
];

/** Windows NT builds that name one major.minor (before Windows 10, every version had its own build numbers) */
export const BUILD_VERSIONS: Record<number, string> = {
  2195: '5.0',
  2600: '5.1',
  3790: '5.2',
  6000: '6.0',
  6001: '6.0',
  6002: '6.0',
  6003: '6.0',
  7600: '6.1',
  7601: '6.1',
  9200: '6.2',
  9600: '6.3',
};

export type ColumnMap = Partial<Record<InventoryField, string>>;

export function normHeader(s: string): string {
  return s.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/** `name=Device name,version=OS version` -> { name: 'Device name', version: 'OS version' }; throws Error on a bad spec */
export function parseColumnsSpec(spec: string): ColumnMap {
  const out: ColumnMap = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const field = (eq < 0 ? part : part.slice(0, eq)).trim() as InventoryField;
    const col = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!(INVENTORY_FIELDS as readonly string[]).includes(field)) throw new Error(`--columns: unknown field "${field}" (fields: ${INVENTORY_FIELDS.join(', ')})`);
    if (col === '') throw new Error(`--columns: ${field}= needs a column name`);
    out[field] = col;
  }
  if (!out.name || !(out.version || out.build)) throw new Error('--columns must name at least name=COLUMN and version=COLUMN (or build=COLUMN)');
  return out;
}

/** field -> column index for this header, or undefined when it has no name column or no version/build column */
export function mapColumns(header: string[], explicit?: ColumnMap): Map<InventoryField, number> | undefined {
  const norm = header.map(normHeader);
  const m = new Map<InventoryField, number>();
  if (explicit) {
    for (const [f, col] of Object.entries(explicit) as [InventoryField, string][]) {
      const i = norm.indexOf(normHeader(col));
      if (i >= 0) m.set(f, i);
    }
  }
  for (const a of COLUMN_ALIASES) {
    if (m.has(a.field)) continue; // a column --columns names wins; a CSV without it falls back to the aliases
    for (const n of a.names) {
      const i = norm.indexOf(normHeader(n));
      if (i >= 0 && ![...m.values()].includes(i)) {
        m.set(a.field, i);
        break;
      }
    }
  }
  if (!m.has('name') || !(m.has('version') || m.has('build'))) return undefined;
  return m;
}

/** "10.0.19044.2364" -> { version: "10.0.19044", ubr: 2364 }; "10.0.19044" -> { version }; else undefined */
export function splitVersion(v: string): { version: string; ubr?: number } | undefined {
  const m = /^(\d+\.\d+\.\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) return undefined;
  return m[2] !== undefined ? { version: m[1]!, ubr: Number(m[2]) } : { version: m[1]! };
}

/** "19045" / "19045.3803" / "10.0.19045" -> version (+ UBR) when the build names one Windows version */
export function versionFromBuild(b: string): { version: string; ubr?: number } | undefined {
  const full = splitVersion(b);
  if (full) return full;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(b.trim());
  if (!m) return undefined;
  const build = Number(m[1]);
  const mm = build >= 10240 ? '10.0' : BUILD_VERSIONS[build];
  if (!mm) return undefined;
  return { version: `${mm}.${build}`, ...(m[2] !== undefined ? { ubr: Number(m[2]) } : {}) };
}

export type InventoryRow = { skip: string } | { profile: Record<string, unknown> };

/** One inventory CSV row -> profile input (validated by the caller), or a reason to skip it. Throws Error on bad cells. */
export function inventoryRow(map: Map<InventoryField, number>, header: string[], fields: string[]): InventoryRow {
  const get = (f: InventoryField): string => {
    const i = map.get(f);
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const colName = (f: InventoryField): string => header[map.get(f)!]!.trim();
  const platform = get('platform');
  if (platform && !/windows/i.test(platform)) return { skip: `${colName('platform')} "${platform.slice(0, 30)}" is not Windows` };
  const name = get('name');
  if (!name) throw new Error(`no device name in column "${colName('name')}"`);
  const os: Record<string, unknown> = {};
  const verCell = get('version');
  const buildCell = get('build');
  let v = verCell ? splitVersion(verCell) : undefined;
  if (!v && buildCell) v = versionFromBuild(buildCell);
  if (!v && verCell) throw new Error(`${colName('version')} "${verCell.slice(0, 30)}" is not a Windows version like 10.0.19045 or 10.0.19045.3803`);
  if (!v && buildCell) throw new Error(`${colName('build')} "${buildCell.slice(0, 30)}" is not a Windows build number`);
  if (v) {
    os['version'] = v.version;
    if (v.ubr !== undefined) os['ubr'] = v.ubr;
  }
  const ubr = get('ubr');
  if (ubr) {
    if (!/^\d+$/.test(ubr)) throw new Error(`${colName('ubr')} "${ubr.slice(0, 20)}" is not a number`);
    if (os['ubr'] !== undefined && os['ubr'] !== Number(ubr)) throw new Error(`${colName('ubr')} ${ubr} contradicts the version's UBR ${String(os['ubr'])}`);
    os['ubr'] = Number(ubr);
  }
  const caption = get('caption');
  if (caption) {
    os['caption'] = caption;
    // Configuration Manager: "Microsoft Windows NT Workstation 10.0" / "Microsoft Windows NT Server 6.3"
    if (/\bNT Workstation\b/i.test(caption)) os['productType'] = 'workstation';
    else if (/\bNT (Advanced )?Server\b/i.test(caption)) os['productType'] = 'server';
  }
  if (!os['productType'] && /server/i.test(platform)) os['productType'] = 'server';
  const p: Record<string, unknown> = { name, os };
  const hf = get('hotfixes');
  if (hf) p['hotfixes'] = /^none$/i.test(hf) ? [] : (hf.match(/\bKB\d+\b/gi) ?? []).map((k) => k.toUpperCase());
  const role = get('role').toLowerCase();
  if (role === 'server' || role === 'endpoint') p['role'] = role;
  return { profile: p };
}
