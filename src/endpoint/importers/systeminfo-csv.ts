/**
 * `systeminfo /fo csv` (English or Japanese header row; the column order is the same in every locale):
 *   "Host Name","OS Name","OS Version","OS Manufacturer","OS Configuration",…,"System Type",…,"Hotfix(s)",…
 *   "ホスト名","OS 名","OS バージョン","OS 製造元","OS 構成",…,"システムの種類",…,"ホットフィックス",…
 * OS Version: "10.0.19044 N/A Build 19044" / "10.0.19044 N/A ビルド 19044" / "6.1.7601 Service Pack 1 Build 7601".
 * Hotfix(s): "3 Hotfix(s) Installed.,[01]: KB5011487,[02]: …" / "3 ホットフィックスがインストールされています。,[01]: …"
 * (one CSV field; KB numbers are read, the localized count text only for a consistency note).
 * systeminfo gives no UBR (update build revision): the facts leave os.ubr unknown, and a note says so.
 * `/nh` (no header) output is not accepted: the header identifies the export.
 */
import { CsvError, parseCsv } from '../csv';
import { ExportFormatError } from '../errors';
import type { MachineProfile } from '../profile';
import { KB_RE, type Importer, type ImportResult, type PartialProfile } from './types';

const COLS: Record<string, string[]> = {
  host: ['Host Name', 'ホスト名'],
  osName: ['OS Name', 'OS 名'],
  osVersion: ['OS Version', 'OS バージョン'],
  osConfig: ['OS Configuration', 'OS 構成'],
  systemType: ['System Type', 'システムの種類'],
  hotfix: ['Hotfix(s)', 'ホットフィックス'],
};
/** column positions in Windows 10/11 output, used when a header cell is in a language not listed above */
const POS = { host: 0, osName: 1, osVersion: 2, osConfig: 4 } as const;

function firstLine(text: string): string {
  const i = text.search(/\r|\n/);
  return (i < 0 ? text : text.slice(0, i)).trim();
}

export function productTypeFromConfig(s: string): MachineProfile['os']['productType'] | undefined {
  if (/domain controller|ドメイン コントローラー|ドメインコントローラー/i.test(s)) return 'domain-controller';
  if (/workstation|ワークステーション/i.test(s)) return 'workstation';
  if (/server|サーバー/i.test(s)) return 'server';
  return undefined;
}

export function architectureFromSystemType(s: string): string | undefined {
  const m = /^(x64|x86|ARM64|ARM)\b/i.exec(s.trim());
  if (!m) return undefined;
  const a = m[1]!.toLowerCase();
  return a === 'x64' ? 'x64' : a === 'x86' ? 'x86' : a.toUpperCase();
}

export const systeminfoCsv: Importer = {
  kind: 'systeminfo-csv',
  detect(text) {
    const l = firstLine(text);
    return /^"(Host Name|ホスト名)","/.test(l) && /"(OS Version|OS バージョン)"/.test(l);
  },
  parse(text, source): ImportResult {
    let recs;
    try {
      recs = parseCsv(text);
    } catch (e) {
      if (e instanceof CsvError) throw new ExportFormatError(source, e.line, `systeminfo CSV: ${e.detail}`);
      throw e;
    }
    if (recs.length < 2) throw new ExportFormatError(source, recs.length === 0 ? 1 : 2, 'systeminfo CSV: a header row and one data row are expected; found no data row');
    const header = recs[0]!.fields.map((h) => h.trim());
    const idx = (k: keyof typeof COLS): number => header.findIndex((h) => COLS[k]!.includes(h));
    const col = {
      host: idx('host') >= 0 ? idx('host') : POS.host,
      osName: idx('osName') >= 0 ? idx('osName') : POS.osName,
      osVersion: idx('osVersion') >= 0 ? idx('osVersion') : POS.osVersion,
      osConfig: idx('osConfig') >= 0 ? idx('osConfig') : POS.osConfig,
      systemType: idx('systemType'),
      hotfix: idx('hotfix') >= 0 ? idx('hotfix') : header.findIndex((h) => /hotfix|ホットフィックス/i.test(h)),
    };
    if (recs.length > 2) throw new ExportFormatError(source, recs[2]!.line, 'systeminfo CSV: more than one data row (one machine per file)');
    const row = recs[1]!;
    if (row.fields.length !== header.length)
      throw new ExportFormatError(source, row.line, `systeminfo CSV: the data row has ${row.fields.length} fields, the header ${header.length}`);
    const get = (i: number): string | undefined => (i >= 0 ? row.fields[i]?.trim() : undefined);
    const facts: PartialProfile = { os: {} };
    const notes: string[] = ['systeminfo has no UBR (update build revision): os.ubr stays unknown unless reg query gives it'];
    const host = get(col.host);
    if (host) facts.name = host;
    const caption = get(col.osName);
    if (caption) facts.os!.caption = caption;
    const ver = get(col.osVersion) ?? '';
    const m = /^(\d+\.\d+\.\d+)\b/.exec(ver);
    if (!m) throw new ExportFormatError(source, row.line, `systeminfo CSV: OS Version "${ver.slice(0, 60)}" is not major.minor.build`);
    facts.os!.version = m[1]!;
    const pt = productTypeFromConfig(get(col.osConfig) ?? '');
    if (pt) facts.os!.productType = pt;
    const arch = architectureFromSystemType(get(col.systemType) ?? '');
    if (arch) facts.os!.architecture = arch;
    const hf = get(col.hotfix);
    if (hf === undefined) {
      notes.push('systeminfo CSV: no Hotfix(s) column: installed updates unknown');
    } else if (/^N\/A$/i.test(hf) || hf === '') {
      notes.push('systeminfo CSV: Hotfix(s) is N/A: installed updates unknown');
    } else {
      const kbs = [...new Set((hf.match(KB_RE) ?? []).map((k) => k.toUpperCase()))];
      const count = /^(\d+)/.exec(hf);
      if (count && Number(count[1]) > kbs.length) {
        notes.push(`systeminfo lists ${count[1]} hotfixes but names ${kbs.length} KBs (some entries are not KB numbers)`);
      }
      facts.hotfixes = kbs;
    }
    return { kind: 'systeminfo-csv', source, facts, notes };
  },
};
