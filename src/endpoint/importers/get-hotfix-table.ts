/**
 * `Get-HotFix > hotfix.txt`: PowerShell's default TABLE view of Win32_QuickFixEngineering (the same in every
 * locale: the header is made of property names, only dates follow the locale):
 *
 *   Source        Description      HotFixID      InstalledBy          InstalledOn
 *   ------        -----------      --------      -----------          -----------
 *   PC-TOKYO-01   Update           KB5031988     NT AUTHORITY\SYSTEM  11/15/2023 12:00:00 AM
 *   PC-TOKYO-01   Security Update  KB5032189                          2023/11/15 0:00:00
 *
 * Windows PowerShell 5.1 `>` writes UTF-16LE with a BOM; the table starts after an empty line and ends with two.
 * Columns are located from the dashed separator line (cells are padded to it); a value wider than its column is
 * cut with "..." (5.1) or "…" (7), so the HotFixID cell is read by position and checked as a KB number, with the
 * row's only KB-shaped word as a fallback. PowerShell 7 may colour the header (ANSI escapes): they are removed.
 */
import { ExportFormatError } from '../errors';
import type { Importer, ImportResult, PartialProfile } from './types';

const ANSI_RE = /\x1b\[[0-9;]*m/g;

function lines(text: string): string[] {
  return text.replace(ANSI_RE, '').split(/\r\n|\n|\r/);
}

/** index of the header line ("… HotFixID …") directly followed by a dashed line */
function headerIndex(ls: string[]): number {
  for (let i = 0; i + 1 < ls.length && i < 40; i++) {
    if (/(^|\s)HotFixID(\s|$)/.test(ls[i]!) && /^\s*-+(\s+-+)*\s*$/.test(ls[i + 1]!)) return i;
  }
  return -1;
}

/** display width as PowerShell pads it: East Asian wide characters take two cells */
function cells(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return n;
}

/** the substring of `s` between display columns [from, to) */
function sliceCells(s: string, from: number, to: number): string {
  let col = 0;
  let out = '';
  for (const ch of s) {
    const w = cells(ch);
    if (col >= from && col < to) out += ch;
    col += w;
    if (col >= to) break;
  }
  return out;
}

export const getHotfixTable: Importer = {
  kind: 'get-hotfix-table',
  detect(text) {
    return headerIndex(lines(text.slice(0, 8192))) >= 0;
  },
  parse(text, source): ImportResult {
    const ls = lines(text);
    const h = headerIndex(ls);
    if (h < 0) throw new ExportFormatError(source, undefined, 'Get-HotFix table: no header line with HotFixID followed by a dashed line');
    const header = ls[h]!;
    const dashes = ls[h + 1]!;
    const spans: { name: string; from: number; to: number }[] = [];
    const re = /-+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(dashes))) spans.push({ name: '', from: m.index, to: m.index + m[0].length });
    for (const s of spans) s.name = header.slice(s.from, s.to).trim();
    // a cell runs from its column's start to the next column's start
    const col = (name: string) => {
      const i = spans.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
      return i < 0 ? undefined : { from: spans[i]!.from, to: i + 1 < spans.length ? spans[i + 1]!.from : Number.MAX_SAFE_INTEGER };
    };
    const hid = col('HotFixID')!;
    const src = col('Source') ?? col('PSComputerName') ?? col('CSName');
    const kbs = new Set<string>();
    const names = new Set<string>();
    const notes: string[] = [];
    for (let i = h + 2; i < ls.length; i++) {
      const row = ls[i]!;
      if (row.trim() === '') continue;
      const cell = sliceCells(row, hid.from, hid.to).trim();
      let id = /^KB\d+$/i.test(cell) ? cell : undefined;
      if (!id) {
        const words = row.match(/\bKB\d{4,8}\b/gi) ?? [];
        if (words.length === 1) id = words[0];
      }
      if (id) kbs.add(id.toUpperCase());
      else if (cell !== '' && cell !== 'File 1') notes.push(`Get-HotFix table: line ${i + 1}: HotFixID "${cell.slice(0, 40)}" is not a KB number (ignored)`);
      else if (cell === '') notes.push(`Get-HotFix table: line ${i + 1}: no HotFixID (ignored)`);
      if (src) {
        const n = sliceCells(row, src.from, src.to).trim();
        if (n && !/\.\.\.$|…$/.test(n)) names.add(n);
      }
    }
    const facts: PartialProfile = { hotfixes: [...kbs] };
    if (names.size === 1) facts.name = [...names][0]!;
    else if (names.size > 1) notes.push(`Get-HotFix table: rows name several computers (${[...names].slice(0, 3).join(', ')}…): name not taken`);
    return { kind: 'get-hotfix-table', source, facts, notes };
  },
};
