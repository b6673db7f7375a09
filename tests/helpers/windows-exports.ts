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
