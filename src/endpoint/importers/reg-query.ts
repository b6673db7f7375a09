/**
 * `reg query` output (same layout in every locale; only the error text is translated):
 *
 *   HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion
 *       CurrentBuild    REG_SZ    19044
 *       UBR    REG_DWORD    0x62a
 *
 * CurrentVersion key: UBR (REG_DWORD, hex), CurrentBuild / CurrentBuildNumber, CurrentMajorVersionNumber /
 * CurrentMinorVersionNumber (Windows 10+; else CurrentVersion "6.3"), ProductName, DisplayVersion,
 * InstallationType ("Client", "Server", "Server Core").
 * AuthRoot policy key (HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\AuthRoot): DisableRootAutoUpdate 0x1
 * = automatic root update off; 0x0, or the key listed without that value = on.
 * A query for a value that does not exist prints only "ERROR: The system was unable to find the specified
 * registry key or value." (Japanese: "エラー: 指定されたレジストリ キーまたは値が見つかりませんでした。"), which
 * names no key: such a file is read as "DisableRootAutoUpdate not set" (auto-update on) only when its file name
 * says it is the AuthRoot query (contains "authroot", "rootautoupdate" or "disableroot"); otherwise it is
 * reported and ignored.
 */
import { ExportFormatError } from '../errors';
import type { Importer, ImportResult, PartialProfile } from './types';

const KEY_RE = /^HKEY_LOCAL_MACHINE\\|^HKLM\\/i;
const VALUE_RE = /^\s+(\S(?:.*?\S)?)\s{4}(REG_[A-Z_]+)\s{4}(.*)$/;
const VALUE_EMPTY_RE = /^\s+(\S(?:.*?\S)?)\s{4}(REG_[A-Z_]+)\s*$/;
const ERROR_RE = /^(ERROR|エラー)\s*:/;

interface KeyBlock {
  key: string;
  line: number;
  values: Map<string, { type: string; data: string; line: number }>;
}

function parseBlocks(text: string, source: string): { blocks: KeyBlock[]; errors: string[] } {
  const blocks: KeyBlock[] = [];
  const errors: string[] = [];
  let cur: KeyBlock | undefined;
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const t = raw.trim();
    if (t === '') continue;
    if (KEY_RE.test(t)) {
      cur = { key: t, line: i + 1, values: new Map() };
      blocks.push(cur);
      continue;
    }
    if (ERROR_RE.test(t)) {
      errors.push(t);
      continue;
    }
    if (/^End of search:|^検索の終わり/.test(t)) continue;
    const m = VALUE_RE.exec(raw) ?? VALUE_EMPTY_RE.exec(raw);
    if (m && cur) {
      cur.values.set(m[1]!.toLowerCase(), { type: m[2]!, data: (m[3] ?? '').trim(), line: i + 1 });
      continue;
    }
    throw new ExportFormatError(source, i + 1, `reg query: unexpected line "${t.slice(0, 80)}"`);
  }
  return { blocks, errors };
}

function dword(v: { type: string; data: string; line: number }, source: string, name: string): number {
  const m = /^0x([0-9a-f]+)$/i.exec(v.data);
  if (v.type !== 'REG_DWORD' || !m) throw new ExportFormatError(source, v.line, `reg query: ${name} is not a REG_DWORD 0x… value ("${v.data.slice(0, 40)}")`);
  return parseInt(m[1]!, 16);
}

export const regQuery: Importer = {
  kind: 'reg-query-currentversion',
  detect(text) {
    const head = text.slice(0, 8192);
    if (/^\s*HKEY_LOCAL_MACHINE\\/im.test(head) && /\s{4}REG_[A-Z_]+(\s{4}|\s*$)/m.test(head)) return true;
    const nonEmpty = head.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
    return nonEmpty.length > 0 && nonEmpty.length <= 3 && nonEmpty.every((l) => ERROR_RE.test(l.trim()) || KEY_RE.test(l.trim()));
  },
  parse(text, source): ImportResult {
    const { blocks, errors } = parseBlocks(text, source);
    const facts: PartialProfile = {};
    const notes: string[] = [];
    let kind: ImportResult['kind'] = 'reg-query-currentversion';
    for (const b of blocks) {
      if (/\\Windows NT\\CurrentVersion$/i.test(b.key)) {
        const os: NonNullable<PartialProfile['os']> = {};
        const v = (n: string) => b.values.get(n.toLowerCase());
        const ubr = v('UBR');
        if (ubr) os.ubr = dword(ubr, source, 'UBR');
        const build = v('CurrentBuildNumber') ?? v('CurrentBuild');
        const maj = v('CurrentMajorVersionNumber');
        const min = v('CurrentMinorVersionNumber');
        const cv = v('CurrentVersion');
        if (build && /^\d+$/.test(build.data)) {
          if (maj && min) os.version = `${dword(maj, source, 'CurrentMajorVersionNumber')}.${dword(min, source, 'CurrentMinorVersionNumber')}.${build.data}`;
          else if (cv && /^\d+\.\d+$/.test(cv.data)) os.version = `${cv.data}.${build.data}`;
        }
        const pn = v('ProductName');
        if (pn) {
          os.caption = pn.data;
          notes.push('reg query: ProductName still says "Windows 10" on Windows 11; the build number decides the line');
        }
        const it = v('InstallationType');
        if (it) {
          if (/^client$/i.test(it.data)) os.productType = 'workstation';
          else if (/^server/i.test(it.data)) os.productType = 'server';
        }
        facts.os = { ...facts.os, ...os };
      } else if (/\\SystemCertificates\\AuthRoot$/i.test(b.key)) {
        kind = 'reg-query-authroot';
        const d = b.values.get('disablerootautoupdate');
        facts.rootAutoUpdate = d ? dword(d, source, 'DisableRootAutoUpdate') === 0 : true;
      } else {
        notes.push(`reg query: key ${b.key} (line ${b.line}) is not used`);
      }
    }
    if (blocks.length === 0) {
      if (errors.length === 0) throw new ExportFormatError(source, 1, 'reg query: no key found');
      if (/authroot|rootautoupdate|disableroot/i.test(source)) {
        kind = 'reg-query-authroot';
        facts.rootAutoUpdate = true;
        notes.push('reg query: DisableRootAutoUpdate not found (policy not set): automatic root update is on (Windows default)');
      } else {
        notes.push(`reg query: "${errors[0]!.slice(0, 100)}" names no key: ignored (name the file authroot*.txt when it is the AuthRoot query)`);
      }
    }
    return { kind, source, facts, notes };
  },
};
