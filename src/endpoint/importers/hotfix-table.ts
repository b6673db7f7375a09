/** Shared: a CSV table with a HotFixID column (Get-HotFix | ConvertTo-Csv, wmic qfe … /format:csv). */
import { CsvError, parseCsv, type CsvRecord } from '../csv';
import { ExportFormatError } from '../errors';
import type { PartialProfile } from './types';

export function parseHotfixTable(
  text: string,
  source: string,
  what: string,
  nameColumns: string[],
): { facts: PartialProfile; notes: string[] } {
  let recs: CsvRecord[];
  try {
    recs = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new ExportFormatError(source, e.line, `${what}: ${e.detail}`);
    throw e;
  }
  // PowerShell 5 ConvertTo-Csv starts with "#TYPE …"; skip comment lines before the header
  while (recs.length > 0 && recs[0]!.fields[0]!.startsWith('#')) recs.shift();
  if (recs.length === 0) throw new ExportFormatError(source, 1, `${what}: no header row`);
  const header = recs[0]!.fields.map((h) => h.trim());
  const hid = header.findIndex((h) => h.toLowerCase() === 'hotfixid');
  if (hid < 0) throw new ExportFormatError(source, recs[0]!.line, `${what}: no HotFixID column in the header`);
  const nameIdx = nameColumns.map((n) => header.findIndex((h) => h.toLowerCase() === n.toLowerCase())).filter((i) => i >= 0);
  const kbs = new Set<string>();
  const names = new Set<string>();
  const notes: string[] = [];
  for (const r of recs.slice(1)) {
    if (r.fields.length !== header.length) {
      throw new ExportFormatError(source, r.line, `${what}: ${r.fields.length} fields where the header has ${header.length}`);
    }
    const id = r.fields[hid]!.trim();
    if (/^KB\d+$/i.test(id)) kbs.add(id.toUpperCase());
    else if (id !== '' && id !== 'File 1') notes.push(`${what}: line ${r.line}: HotFixID "${id.slice(0, 40)}" is not a KB number (ignored)`);
    for (const i of nameIdx) {
      const v = r.fields[i]!.trim();
      if (v) {
        names.add(v);
        break;
      }
    }
  }
  const facts: PartialProfile = { hotfixes: [...kbs] };
  if (names.size === 1) facts.name = [...names][0]!;
  else if (names.size > 1) notes.push(`${what}: rows name several computers (${[...names].slice(0, 3).join(', ')}…): name not taken`);
  return { facts, notes };
}

export function headerLineAfterComments(text: string): string {
  for (const l of text.split(/\r\n|\n|\r/)) {
    const t = l.trim();
    if (t === '' || t.startsWith('#')) continue;
    return t;
  }
  return '';
}
