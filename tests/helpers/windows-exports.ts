/**
 * Windows exports as Windows writes them, generated as bytes for the endpoint tests:
 *  - utf16leBom: Windows PowerShell 5 `>` / Out-File (UTF-16LE with BOM FF FE, CRLF)
 *  - shiftJis: cmd.exe `>` on a Japanese system (cp932, CRLF)
 *  - utf8 / utf8Bom
 * The Shift_JIS encoder is built by inverting Node's own shift_jis TextDecoder over every double-byte code.
 */
import { TextDecoder } from 'node:util';

export type Enc = 'utf16le-bom' | 'utf16le' | 'utf8' | 'utf8-bom' | 'shift_jis';

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

let sjisTable: Map<string, number[]> | undefined;
function sjis(): Map<string, number[]> {
  if (sjisTable) return sjisTable;
  const m = new Map<string, number[]>();
  const dec = new TextDecoder('shift_jis');
  for (let b = 0xa1; b <= 0xdf; b++) m.set(dec.decode(Uint8Array.of(b)), [b]); // half-width katakana
  const leads = [...Array.from({ length: 0x9f - 0x81 + 1 }, (_, i) => 0x81 + i), ...Array.from({ length: 0xfc - 0xe0 + 1 }, (_, i) => 0xe0 + i)];
  for (const lead of leads) {
    for (let t = 0x40; t <= 0xfc; t++) {
      if (t === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(lead, t));
      if (ch.length === 1 && ch !== '\uFFFD' && !m.has(ch)) m.set(ch, [lead, t]);
    }
  }
  sjisTable = m;
  return m;
}

export function encodeShiftJis(text: string): Buffer {
  const t = sjis();
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = t.get(ch);
      if (!b) throw new Error(`no Shift_JIS code for ${JSON.stringify(ch)}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

export function encode(text: string, enc: Enc): Buffer {
  switch (enc) {
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'shift_jis':
      return encodeShiftJis(text);
  }
}

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

export const SYSTEMINFO_HEADERS = {
  en: ['Host Name', 'OS Name', 'OS Version', 'OS Manufacturer', 'OS Configuration', 'OS Build Type', 'Registered Owner', 'Registered Organization', 'Product ID', 'Original Install Date', 'System Boot Time', 'System Manufacturer', 'System Model', 'System Type', 'Processor(s)', 'BIOS Version', 'Windows Directory', 'System Directory', 'Boot Device', 'System Locale', 'Input Locale', 'Time Zone', 'Total Physical Memory', 'Available Physical Memory', 'Virtual Memory: Max Size', 'Virtual Memory: Available', 'Virtual Memory: In Use', 'Page File Location(s)', 'Domain', 'Logon Server', 'Hotfix(s)', 'Network Card(s)', 'Hyper-V Requirements'],
  ja: ['ホスト名', 'OS 名', 'OS バージョン', 'OS 製造元', 'OS 構成', 'OS Buildの種類', '登録されている所有者', '登録されている組織', 'プロダクト ID', '最初のインストール日付', 'システム起動時間', 'システム製造元', 'システム モデル', 'システムの種類', 'プロセッサ', 'BIOS バージョン', 'Windows ディレクトリ', 'システム ディレクトリ', '起動デバイス', 'システム ロケール', '入力ロケール', 'タイム ゾーン', '物理メモリの合計', '利用できる物理メモリ', '仮想メモリ: 最大サイズ', '仮想メモリ: 利用可能', '仮想メモリ: 使用中', 'ページ ファイルの場所', 'ドメイン', 'ログオン サーバー', 'ホットフィックス', 'ネットワーク カード', 'Hyper-V の要件'],
};

export interface SysinfoOpts {
  locale: 'en' | 'ja';
  host: string;
  caption: string;
  /** "10.0.19044" */
  version: string;
  hotfixes: string[] | 'N/A';
  server?: boolean;
}

/** `systeminfo /fo csv` text (header + one row), LF line ends (encode with crlf()). */
export function systeminfoCsvText(o: SysinfoOpts): string {
  const build = o.version.split('.')[2]!;
  const ja = o.locale === 'ja';
  const hf =
    o.hotfixes === 'N/A'
      ? 'N/A'
      : [
          ja ? `${o.hotfixes.length} ホットフィックスがインストールされています。` : `${o.hotfixes.length} Hotfix(s) Installed.`,
          ...o.hotfixes.map((k, i) => `[${String(i + 1).padStart(2, '0')}]: ${k}`),
        ].join(',');
  const config = o.server ? (ja ? 'メンバー サーバー' : 'Member Server') : ja ? 'スタンドアロン ワークステーション' : 'Standalone Workstation';
  const values = [
    o.host,
    o.caption,
    ja ? `${o.version} N/A ビルド ${build}` : `${o.version} N/A Build ${build}`,
    'Microsoft Corporation',
    config,
    'Multiprocessor Free',
    'user',
    'N/A',
    '00330-80000-00000-AA123',
    ja ? '2022/01/15, 10:21:33' : '1/15/2022, 10:21:33 AM',
    ja ? '2024/06/03, 8:02:10' : '6/3/2024, 8:02:10 AM',
    'LENOVO',
    '20L5CTO1WW',
    'x64-based PC',
    ja ? '1 プロセッサインストール済みです。,[01]: Intel64 Family 6 Model 142 Stepping 10 GenuineIntel ~1910 Mhz' : '1 Processor(s) Installed.,[01]: Intel64 Family 6 Model 142 Stepping 10 GenuineIntel ~1910 Mhz',
    'LENOVO N24ET61W (1.36 ), 2020/09/03',
    'C:\\WINDOWS',
    'C:\\WINDOWS\\system32',
    '\\Device\\HarddiskVolume1',
    ja ? 'ja;日本語' : 'en-us;English (United States)',
    ja ? 'ja;日本語' : 'en-us;English (United States)',
    ja ? '(UTC+09:00) 大阪、札幌、東京' : '(UTC-08:00) Pacific Time (US & Canada)',
    '16,218 MB',
    '7,941 MB',
    '18,650 MB',
    '8,876 MB',
    '9,774 MB',
    'C:\\pagefile.sys',
    'WORKGROUP',
    `\\\\${o.host}`,
    hf,
    ja ? '1 NIC(s) インストール済みです。,[01]: Intel(R) Ethernet Connection (4) I219-V,      接続名:          イーサネット,      DHCP が有効:     はい' : '1 NIC(s) Installed.,[01]: Intel(R) Ethernet Connection (4) I219-V,      Connection Name: Ethernet,      DHCP Enabled:    Yes',
    ja ? 'ハイパーバイザーが検出されました。Hyper-V に必要な機能は表示されません。' : 'A hypervisor has been detected. Features required for Hyper-V will not be displayed.',
  ];
  const header = SYSTEMINFO_HEADERS[o.locale];
  return `${header.map(q).join(',')}\n${values.map(q).join(',')}\n`;
}

/** `Get-HotFix | ConvertTo-Csv` (PowerShell 5 with the #TYPE line, or 7 without). */
export function getHotfixCsvText(host: string, kbs: string[], ps5 = true): string {
  const header = ['PSComputerName', 'InstalledOn', '__GENUS', '__CLASS', 'Caption', 'CSName', 'Description', 'FixComments', 'HotFixID', 'InstallDate', 'InstalledBy', 'Name', 'ServicePackInEffect', 'Status'];
  const rows = kbs.map((kb) =>
    [host, '3/8/2022 12:00:00 AM', '2', 'Win32_QuickFixEngineering', `http://support.microsoft.com/?kbid=${kb.slice(2)}`, host, 'Security Update', '', kb, '', 'NT AUTHORITY\\SYSTEM', '', '', ''].map(q).join(','),
  );
  return [...(ps5 ? ['#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_QuickFixEngineering'] : []), header.map(q).join(','), ...rows].join('\n') + '\n';
}

/** `wmic qfe list full /format:csv`: blank first line, Node column, CR CR LF line ends as wmic writes them. */
export function wmicQfeCsvText(host: string, kbs: string[]): string {
  const header = 'Node,Caption,CSName,Description,FixComments,HotFixID,InstallDate,InstalledBy,InstalledOn,Name,ServicePackInEffect,Status';
  const rows = kbs.map((kb) => `${host},http://support.microsoft.com/?kbid=${kb.slice(2)},${host},Security Update,,${kb},,NT AUTHORITY\\SYSTEM,3/8/2022,,,`);
  return ['', header, ...rows].join('\r\r\n') + '\r\r\n';
}

export interface StoreCert {
  sha1: string;
  subject: string;
  serial?: string;
}

/** `certutil -store Root` text. `spacedHash`: the older "f4 00 42 …" form. `truncate`: no final line. */
export function certutilRootText(locale: 'en' | 'ja', certs: StoreCert[], opts: { spacedHash?: boolean; truncate?: boolean } = {}): string {
  const ja = locale === 'ja';
  const out: string[] = [ja ? 'Root "信頼されたルート証明機関"' : 'Root "Trusted Root Certification Authorities"'];
  certs.forEach((c, i) => {
    const hash = opts.spacedHash ? c.sha1.toLowerCase().match(/../g)!.join(' ') : c.sha1.toLowerCase();
    out.push(
      `================ ${ja ? '証明書' : 'Certificate'} ${i} ================`,
      `${ja ? 'シリアル番号' : 'Serial Number'}: ${c.serial ?? '5498d2d1d45b1995481379c811c08799'}`,
      `${ja ? '発行者' : 'Issuer'}: ${c.subject}`,
      ` NotBefore: ${ja ? '2020/04/17 3:36' : '4/16/2020 11:36 AM'}`,
      ` NotAfter: ${ja ? '2045/04/17 3:44' : '4/16/2045 11:44 AM'}`,
      `${ja ? 'サブジェクト' : 'Subject'}: ${c.subject}`,
      ja ? '署名は公開キーと一致します' : 'Signature matches Public Key',
      ja ? 'ルート証明書: サブジェクトが発行者に一致します' : 'Root Certificate: Subject matches Issuer',
      `${ja ? '証明書ハッシュ(sha1)' : 'Cert Hash(sha1)'}: ${hash}`,
      ja ? 'キー プロバイダー情報がありません' : 'No key provider information',
      ja ? '暗号化解除のための証明書と秘密キーが見つかりません。' : 'Cannot find the certificate and private key for decryption.',
      '',
    );
  });
  if (!opts.truncate) out.push(ja ? 'CertUtil: -store コマンドは正常に完了しました。' : 'CertUtil: -store command completed successfully.');
  return out.join('\n') + '\n';
}

/** `reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"` (selected values). */
export function regQueryCurrentVersionText(o: { build: number; ubr?: number; productName: string; displayVersion?: string; installationType: string; major?: number }): string {
  const lines = ['', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '    SystemRoot    REG_SZ    C:\\WINDOWS', '    BuildBranch    REG_SZ    vb_release', `    CurrentBuild    REG_SZ    ${o.build}`, `    CurrentBuildNumber    REG_SZ    ${o.build}`];
  if (o.major !== undefined) {
    lines.push(`    CurrentMajorVersionNumber    REG_DWORD    0x${o.major.toString(16)}`, '    CurrentMinorVersionNumber    REG_DWORD    0x0', '    CurrentVersion    REG_SZ    6.3');
  } else {
    lines.push('    CurrentVersion    REG_SZ    6.3');
  }
  if (o.displayVersion) lines.push(`    DisplayVersion    REG_SZ    ${o.displayVersion}`);
  lines.push('    EditionID    REG_SZ    Professional', `    InstallationType    REG_SZ    ${o.installationType}`, `    ProductName    REG_SZ    ${o.productName}`, '    RegisteredOwner    REG_SZ    user');
  if (o.ubr !== undefined) lines.push(`    UBR    REG_DWORD    0x${o.ubr.toString(16)}`);
  lines.push('', '');
  return lines.join('\n');
}

/** `reg query HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\AuthRoot /v DisableRootAutoUpdate` */
export function regQueryAuthRootText(value: number | 'missing', locale: 'en' | 'ja' = 'en'): string {
  if (value === 'missing') {
    return locale === 'ja' ? 'エラー: 指定されたレジストリ キーまたは値が見つかりませんでした。\n' : 'ERROR: The system was unable to find the specified registry key or value.\n';
  }
  return ['', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot', `    DisableRootAutoUpdate    REG_DWORD    0x${value.toString(16)}`, '', ''].join('\n');
}

// ---- default (non-CSV) exports: what an administrator gets from the first command anyone types ----

/** cmd.exe `>` on an English system writes the OEM code page 437; the few non-ASCII letters tests use */
const CP437: Record<string, number> = { Ç: 0x80, ü: 0x81, é: 0x82, â: 0x83, ä: 0x84, à: 0x85, ç: 0x87, ê: 0x88, è: 0x8a, ï: 0x8b, Ä: 0x8e, É: 0x90, ô: 0x93, ö: 0x94, û: 0x96, Ö: 0x99, Ü: 0x9a, á: 0xa0, í: 0xa1, ó: 0xa2, ú: 0xa3, ñ: 0xa4, Ñ: 0xa5 };

export function encodeCp437(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (CP437[ch] !== undefined) out.push(CP437[ch]);
    else throw new Error(`no cp437 code for ${JSON.stringify(ch)} in this helper`);
  }
  return Buffer.from(out);
}

/** display cells as a console counts them (full-width characters take two) */
function cells(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return n;
}

export interface SysinfoListOpts extends SysinfoOpts {
  owner?: string;
  /** the NIC name (English systems print it as the driver names it, e.g. with "é" on a French NIC driver) */
  nic?: string;
  /** stop after this many hotfix entries although the count says more (a file cut short) */
  cutHotfixesAt?: number;
}

/**
 * `systeminfo > info.txt` (the default LIST format): an empty first line, "Label:" padded to column 27
 * (English) or 24 display cells (Japanese), multi-valued properties on indented lines. LF line ends (crlf()).
 */
export function systeminfoListText(o: SysinfoListOpts): string {
  const ja = o.locale === 'ja';
  const width = ja ? 24 : 27;
  const build = o.version.split('.')[2]!;
  const pad = (label: string) => label + ':' + ' '.repeat(Math.max(1, width - cells(label) - 1));
  const indent = ' '.repeat(width);
  const out: string[] = [''];
  const prop = (en: string, jaLabel: string, value: string, more: string[] = []) => {
    out.push(`${pad(ja ? jaLabel : en)}${value}`.replace(/\s+$/, ''));
    for (const m of more) out.push(indent + m);
  };
  const sp = /^6\.1\./.test(o.version) ? 'Service Pack 1' : 'N/A';
  prop('Host Name', 'ホスト名', o.host);
  prop('OS Name', 'OS 名', o.caption);
  prop('OS Version', 'OS バージョン', ja ? `${o.version} ${sp} ビルド ${build}` : `${o.version} ${sp} Build ${build}`);
  prop('OS Manufacturer', 'OS 製造元', 'Microsoft Corporation');
  prop('OS Configuration', 'OS 構成', o.server ? (ja ? 'メンバー サーバー' : 'Member Server') : ja ? 'スタンドアロン ワークステーション' : 'Standalone Workstation');
  prop('OS Build Type', 'OS ビルドの種類', 'Multiprocessor Free');
  prop('Registered Owner', '登録されている所有者', o.owner ?? 'user');
  prop('Registered Organization', '登録されている組織', '');
  prop('Product ID', 'プロダクト ID', '00330-80000-00000-AA123');
  prop('Original Install Date', '最初のインストール日付', ja ? '2022/01/15, 10:21:33' : '1/15/2022, 10:21:33 AM');
  prop('System Boot Time', 'システム起動時間', ja ? '2026/11/02, 8:02:10' : '11/2/2026, 8:02:10 AM');
  prop('System Manufacturer', 'システム製造元', 'LENOVO');
  prop('System Model', 'システム モデル', '20L5CTO1WW');
  prop('System Type', 'システムの種類', 'x64-based PC');
  prop('Processor(s)', 'プロセッサ', ja ? '1 プロセッサインストール済みです。' : '1 Processor(s) Installed.', ['[01]: Intel64 Family 6 Model 142 Stepping 10 GenuineIntel ~1910 Mhz']);
  prop('BIOS Version', 'BIOS バージョン', ja ? 'LENOVO N24ET61W (1.36 ), 2020/09/03' : 'LENOVO N24ET61W (1.36 ), 9/3/2020');
  prop('Windows Directory', 'Windows ディレクトリ', 'C:\\WINDOWS');
  prop('System Directory', 'システム ディレクトリ', 'C:\\WINDOWS\\system32');
  prop('Boot Device', '起動デバイス', '\\Device\\HarddiskVolume1');
  prop('System Locale', 'システム ロケール', ja ? 'ja;日本語' : 'en-us;English (United States)');
  prop('Input Locale', '入力ロケール', ja ? 'ja;日本語' : 'en-us;English (United States)');
  prop('Time Zone', 'タイム ゾーン', ja ? '(UTC+09:00) 大阪、札幌、東京' : '(UTC-08:00) Pacific Time (US & Canada)');
  prop('Total Physical Memory', '物理メモリの合計', '16,218 MB');
  prop('Available Physical Memory', '利用できる物理メモリ', '7,941 MB');
  prop('Virtual Memory: Max Size', '仮想メモリ: 最大サイズ', '18,650 MB');
  prop('Virtual Memory: Available', '仮想メモリ: 利用可能', '8,876 MB');
  prop('Virtual Memory: In Use', '仮想メモリ: 使用中', '9,774 MB');
  prop('Page File Location(s)', 'ページ ファイルの場所', 'C:\\pagefile.sys');
  prop('Domain', 'ドメイン', 'WORKGROUP');
  prop('Logon Server', 'ログオン サーバー', `\\\\${o.host}`);
  if (o.hotfixes === 'N/A') prop('Hotfix(s)', 'ホットフィックス', 'N/A');
  else {
    const shown = o.cutHotfixesAt !== undefined ? o.hotfixes.slice(0, o.cutHotfixesAt) : o.hotfixes;
    prop(
      'Hotfix(s)',
      'ホットフィックス',
      ja ? `${o.hotfixes.length} ホットフィックスがインストールされています。` : `${o.hotfixes.length} Hotfix(s) Installed.`,
      shown.map((k, i) => `[${String(i + 1).padStart(2, '0')}]: ${k}`),
    );
    if (o.cutHotfixesAt !== undefined) return out.join('\n') + '\n';
  }
  const nic = o.nic ?? 'Intel(R) Ethernet Connection (4) I219-V';
  prop('Network Card(s)', 'ネットワーク カード', ja ? '1 NIC(s) インストール済みです。' : '1 NIC(s) Installed.', [
    `[01]: ${nic}`,
    ja ? '      接続名:          イーサネット' : '      Connection Name: Ethernet',
    ja ? '      DHCP が有効:     はい' : '      DHCP Enabled:    Yes',
    ja ? '      DHCP サーバー:   192.168.0.1' : '      DHCP Server:     192.168.0.1',
    ja ? '      IP アドレス' : '      IP address(es)',
    '      [01]: 192.168.0.10',
  ]);
  prop('Hyper-V Requirements', 'Hyper-V の要件', ja ? 'ハイパーバイザーが検出されました。Hyper-V に必要な機能は表示されません。' : 'A hypervisor has been detected. Features required for Hyper-V will not be displayed.');
  return out.join('\n') + '\n';
}

export interface HotfixRow {
  kb: string;
  description?: string;
  installedBy?: string;
  installedOn?: string;
}

/**
 * `Get-HotFix > hotfix.txt` (Windows PowerShell 5.1's default table: Source 13, Description 16, HotFixID 13,
 * InstalledBy 20 cells, values cut with "..."; the dashed line is as long as each header word). An empty line
 * before, two after. `ps7`: PowerShell 7 cuts with "…".
 */
export function getHotfixTableText(host: string, rows: HotfixRow[], opts: { locale?: 'en' | 'ja'; ps7?: boolean } = {}): string {
  const cut = (s: string, w: number) => (s.length > w ? s.slice(0, w - (opts.ps7 ? 1 : 3)) + (opts.ps7 ? '…' : '...') : s);
  const cell = (s: string, w: number) => cut(s, w).padEnd(w);
  const ja = opts.locale === 'ja';
  const out = [
    '',
    `${'Source'.padEnd(13)} ${'Description'.padEnd(16)} ${'HotFixID'.padEnd(13)} ${'InstalledBy'.padEnd(20)} InstalledOn`,
    `${'------'.padEnd(13)} ${'-----------'.padEnd(16)} ${'--------'.padEnd(13)} ${'-----------'.padEnd(20)} -----------`,
  ];
  for (const r of rows) {
    out.push(
      `${cell(host, 13)} ${cell(r.description ?? 'Security Update', 16)} ${cell(r.kb, 13)} ${cell(r.installedBy ?? 'NT AUTHORITY\\SYSTEM', 20)} ${r.installedOn ?? (ja ? '2024/08/14 0:00:00' : '8/14/2024 12:00:00 AM')}`.replace(/\s+$/, ''),
    );
  }
  out.push('', '');
  return out.join('\n') + '\n';
}

/** PowerShell 5.1's ConvertTo-Json layout: 4-space indent, `"key":  value` (two spaces). */
export function ps51Json(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/^(\s*"(?:[^"\\]|\\.)*"):\s/gm, '$1:  ');
}

/** `Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' | ConvertTo-Json` (selected values). */
export function currentVersionJsonText(o: { build: number; ubr?: number; productName: string; displayVersion?: string; releaseId?: string; installationType: string; major?: number; currentVersion?: string }): string {
  const v: Record<string, unknown> = {
    SystemRoot: 'C:\\WINDOWS',
    BaseBuildRevisionNumber: 1,
    BuildBranch: 'vb_release',
    BuildLab: `${o.build}.vb_release.191206-1406`,
    CurrentBuild: String(o.build),
    CurrentBuildNumber: String(o.build),
    ...(o.major !== undefined ? { CurrentMajorVersionNumber: o.major, CurrentMinorVersionNumber: 0 } : {}),
    CurrentType: 'Multiprocessor Free',
    CurrentVersion: o.currentVersion ?? '6.3',
    ...(o.displayVersion ? { DisplayVersion: o.displayVersion } : {}),
    EditionID: 'Professional',
    InstallationType: o.installationType,
    ProductName: o.productName,
    ...(o.releaseId ? { ReleaseId: o.releaseId } : {}),
    ...(o.ubr !== undefined ? { UBR: o.ubr } : {}),
    DigitalProductId: [164, 0, 0, 0, 3, 0, 0, 0],
    RegisteredOwner: 'user',
    PSPath: 'Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
    PSParentPath: 'Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT',
    PSChildName: 'CurrentVersion',
    PSDrive: { CurrentLocation: '', Name: 'HKLM', Provider: 'Microsoft.PowerShell.Core\\Registry', Root: 'HKEY_LOCAL_MACHINE', Description: 'The configuration settings for the local computer' },
    PSProvider: { ImplementingType: 'Microsoft.PowerShell.Commands.RegistryProvider', HelpFile: 'System.Management.Automation.dll-Help.xml', Name: 'Registry' },
  };
  return ps51Json(v) + '\n';
}

/** `Get-ComputerInfo | ConvertTo-Json` (PowerShell 5.1: enums as numbers; selected properties). */
export function computerInfoJsonText(o: { host: string; osName: string; version: string; hotfixes: string[] | null; productType?: 1 | 2 | 3; arch?: string; hotfixesAsText?: boolean; windowsUbr?: number }): string {
  const build = o.version.split('.')[2]!;
  const v: Record<string, unknown> = {
    WindowsBuildLabEx: `${build}.1.amd64fre.vb_release.191206-1406`,
    WindowsCurrentVersion: '6.3',
    WindowsEditionId: 'Professional',
    WindowsInstallationType: o.productType === 3 || o.productType === 2 ? 'Server' : 'Client',
    WindowsProductName: o.osName.replace(/^Microsoft /, ''),
    WindowsVersion: '2009',
    ...(o.windowsUbr !== undefined ? { WindowsUBR: o.windowsUbr } : {}),
    BiosManufacturer: 'LENOVO',
    CsDNSHostName: o.host,
    CsDomain: 'WORKGROUP',
    CsDomainRole: o.productType === 3 ? 3 : o.productType === 2 ? 5 : 0,
    CsName: o.host,
    OsName: o.osName,
    OsType: 18,
    OsOperatingSystemSKU: 48,
    OsVersion: o.version,
    OsCSDVersion: null,
    OsBuildNumber: build,
    OsHotFixes: o.hotfixes === null ? null : o.hotfixes.map((kb) => (o.hotfixesAsText ? 'Microsoft.PowerShell.Commands.HotFix' : { HotFixID: kb, Description: 'Security Update', InstalledOn: '8/14/2024', FixComments: '' })),
    OsProductType: o.productType ?? 1,
    OsArchitecture: o.arch ?? '64-bit',
    OsLanguage: 'ja-JP',
    TimeZone: '(UTC+09:00) Osaka, Sapporo, Tokyo',
  };
  return ps51Json(v) + '\n';
}
