/**
 * `systeminfo` default LIST output (`systeminfo > info.txt`), English or Japanese. One "Label:   value" line per
 * property, the label padded to a fixed column; multi-valued properties continue on indented lines:
 *
 *   Host Name:                 PC-TOKYO-01                ホスト名:               PC-TOKYO-01
 *   OS Name:                   Microsoft Windows 10 Pro   OS 名:                  Microsoft Windows 10 Pro
 *   OS Version:                10.0.19045 N/A Build 19045 OS バージョン:          10.0.19045 N/A ビルド 19045
 *   OS Configuration:          Standalone Workstation     OS 構成:                スタンドアロン ワークステーション
 *   System Type:               x64-based PC               システムの種類:         x64-based PC
 *   Hotfix(s):                 3 Hotfix(s) Installed.     ホットフィックス:       3 ホットフィックスがインストールされています。
 *                              [01]: KB5031356                                    [01]: KB5031356
 *
 * The text starts with an empty line. cmd.exe `>` writes the OEM code page (cp437 on English systems, cp932 on
 * Japanese ones); PowerShell 5.1 `>` writes UTF-16LE with a BOM. The label column is not relied on: a label line
 * is any line that starts without indentation; its label is matched by name (both languages) and, for the OS
 * version, also by the value's shape ("N.N.N … Build N"), so a label in another language still yields the version.
 * Like `/fo csv`, systeminfo gives no UBR.
 */
import { ExportFormatError } from '../errors';
import { architectureFromSystemType, productTypeFromConfig } from './systeminfo-csv';
import { KB_RE, type Importer, type ImportResult, type PartialProfile } from './types';

const LABELS: Record<'host' | 'osName' | 'osVersion' | 'osConfig' | 'systemType' | 'hotfix', string[]> = {
  host: ['Host Name', 'ホスト名'],
  osName: ['OS Name', 'OS 名'],
  osVersion: ['OS Version', 'OS バージョン'],
  osConfig: ['OS Configuration', 'OS 構成'],
  systemType: ['System Type', 'システムの種類'],
  hotfix: ['Hotfix(s)', 'ホットフィックス', '修正プログラム'],
};

const VERSION_VALUE_RE = /^(\d+\.\d+\.\d+)\s+(?:N\/A|Service Pack \d+|[^ ]+)?.*?(?:Build|ビルド)\s+\d+/i;

interface Prop {
  label: string;
  value: string;
  more: string[];
  line: number;
}

function properties(text: string): Prop[] {
  const out: Prop[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    if (/^\s/.test(raw)) {
      out[out.length - 1]?.more.push(raw.trim());
      continue;
    }
    // the label ends at the last ":" that is followed by the padding (labels may contain ": ", e.g. "Virtual Memory: Max Size:")
    const m = /^(.*?):(?:\s{2,}|\s*$)(.*)$/.exec(raw) ?? /^(.*?):\s+(.*)$/.exec(raw);
    if (!m) {
      out.push({ label: raw.trim(), value: '', more: [], line: i + 1 });
      continue;
    }
    out.push({ label: m[1]!.trim(), value: m[2]!.trim(), more: [], line: i + 1 });
  }
  return out;
}

function firstContentLine(text: string): string {
  for (const l of text.split(/\r\n|\n|\r/, 8)) if (l.trim() !== '') return l;
  return '';
}

export const systeminfoList: Importer = {
  kind: 'systeminfo-list',
  detect(text) {
    const first = firstContentLine(text);
    if (!/^(Host Name|ホスト名)\s*:/.test(first)) return false;
    return /^(OS Version|OS バージョン)\s*:/m.test(text.slice(0, 4096)) || VERSION_VALUE_RE.test(text.slice(0, 4096).split(/\r?\n/).map((l) => l.replace(/^[^:]*:\s+/, '')).join('\n'));
  },
  parse(text, source): ImportResult {
    const props = properties(text);
    const find = (k: keyof typeof LABELS): Prop | undefined => props.find((p) => LABELS[k].includes(p.label));
    const facts: PartialProfile = { os: {} };
    const notes: string[] = ['systeminfo has no UBR (update build revision): it stays unknown unless the registry export gives it'];
    const host = find('host');
    if (host?.value) facts.name = host.value;
    const name = find('osName');
    if (name?.value) facts.os!.caption = name.value;
    const ver = find('osVersion') ?? props.find((p) => VERSION_VALUE_RE.test(p.value));
    if (!ver) throw new ExportFormatError(source, undefined, 'systeminfo: no "OS Version" line (expected e.g. "OS Version:   10.0.19045 N/A Build 19045")');
    const m = /^(\d+\.\d+\.\d+)\b/.exec(ver.value);
    if (!m) throw new ExportFormatError(source, ver.line, `systeminfo: OS Version "${ver.value.slice(0, 60)}" is not major.minor.build`);
    facts.os!.version = m[1]!;
    const pt = productTypeFromConfig(find('osConfig')?.value ?? '');
    if (pt) facts.os!.productType = pt;
    const arch = architectureFromSystemType(find('systemType')?.value ?? '');
    if (arch) facts.os!.architecture = arch;
    const hf = find('hotfix') ?? props.find((p) => /^\d+\s/.test(p.value) && p.more.some((x) => /^\[\d+\]:\s*KB\d+/i.test(x)));
    if (!hf) {
      notes.push('systeminfo: no Hotfix(s) line: installed updates unknown (the output may be cut short)');
    } else if (/^N\/A$/i.test(hf.value) || hf.value === '') {
      notes.push('systeminfo: Hotfix(s) is N/A: installed updates unknown');
    } else {
      const entries = hf.more.filter((x) => /^\[\d+\]:/.test(x));
      const kbs = [...new Set(entries.flatMap((x) => x.match(KB_RE) ?? []).map((k) => k.toUpperCase()))];
      const count = /^(\d+)/.exec(hf.value);
      if (count && Number(count[1]) > entries.length) {
        // the list is cut short (a truncated file): what is there is kept, the rest is unknown
        notes.push(`systeminfo: Hotfix(s) says ${count[1]} installed but lists ${entries.length}: the file may be truncated`);
      } else if (count && Number(count[1]) > kbs.length) {
        notes.push(`systeminfo lists ${count[1]} hotfixes but names ${kbs.length} KBs (some entries are not KB numbers)`);
      }
      facts.hotfixes = kbs;
    }
    return { kind: 'systeminfo-list', source, facts, notes };
  },
};
