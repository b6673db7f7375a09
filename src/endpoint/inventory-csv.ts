/**
 * Reading a CSV fleet file, streamed: the canonical columns (CSV_FLEET_COLUMNS), or an inventory CSV of a
 * management tool read through its column map (inventory-columns.ts); one profile per row, bad rows reported
 * one by one with their line.
 */
import { CsvError, CsvLineParser } from './csv';
import { inventoryRow, mapColumns, splitVersion, type ColumnMap } from './inventory-columns';
import { errItem, INVALID_UTF8, lineTooLong, MAX_BAD_LINES, MAX_LINE_BYTES, validate, type InventoryItem } from './inventory-item';
import { readLines } from './line-reader';

/** Columns of a CSV fleet file (header row required; order free; only name and os_version required). */
export const CSV_FLEET_COLUMNS = [
  'name',
  'role', // endpoint | server; empty = endpoint
  'os_version', // 10.0.19044; empty = unknown
  'ubr', // decimal, empty = unknown
  'caption', // "Microsoft Windows 10 Enterprise"
  'product_type', // workstation | server | domain-controller (optional column)
  'hotfixes', // KB5011487;KB5012170 — empty = unknown, "none" = none installed
  'root_thumbprints', // SHA-1 thumbprints ";"-separated — empty = unknown, "none" = empty store
  'root_auto_update', // true/false (yes/no, 1/0); empty = unknown
  'online', // true/false; empty = unknown
] as const;

function parseBool(v: string): boolean | undefined | 'bad' {
  const s = v.trim().toLowerCase();
  if (s === '') return undefined;
  if (['true', 'yes', '1', 'on'].includes(s)) return true;
  if (['false', 'no', '0', 'off'].includes(s)) return false;
  return 'bad';
}

function splitList(v: string): string[] | undefined {
  const s = v.trim();
  if (s === '') return undefined;
  if (/^none$/i.test(s)) return [];
  return s
    .split(/[;\s]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** One CSV fleet row -> profile input (validated by the caller). Throws Error with a column name on bad cells. */
export function csvFleetRow(header: string[], fields: string[]): Record<string, unknown> {
  const get = (c: string): string => {
    const i = header.indexOf(c);
    return i >= 0 ? (fields[i] ?? '') : '';
  };
  const os: Record<string, unknown> = {};
  const ver = get('os_version').trim();
  // "10.0.19044.2364" is version + UBR
  const split = ver ? splitVersion(ver) : undefined;
  if (split) {
    os['version'] = split.version;
    if (split.ubr !== undefined) os['ubr'] = split.ubr;
  } else if (ver) os['version'] = ver;
  const ubr = get('ubr').trim();
  if (ubr) {
    if (!/^\d+$/.test(ubr)) throw new Error(`ubr "${ubr.slice(0, 20)}" is not a number`);
    if (os['ubr'] !== undefined && os['ubr'] !== Number(ubr)) throw new Error(`ubr ${ubr} contradicts os_version ${ver}`);
    os['ubr'] = Number(ubr);
  }
  const cap = get('caption').trim();
  if (cap) os['caption'] = cap;
  const pt = get('product_type').trim();
  if (pt) os['productType'] = pt;
  const p: Record<string, unknown> = { name: get('name').trim(), os };
  const role = get('role').trim();
  if (role) p['role'] = role;
  const hf = splitList(get('hotfixes'));
  if (hf) p['hotfixes'] = hf;
  const rt = splitList(get('root_thumbprints'));
  if (rt) p['rootStore'] = rt;
  for (const [col, key] of [
    ['root_auto_update', 'rootAutoUpdate'],
    ['online', 'online'],
  ] as const) {
    const b = parseBool(get(col));
    if (b === 'bad') throw new Error(`${col} "${get(col).slice(0, 20)}" is not true/false`);
    if (b !== undefined) p[key] = b;
  }
  return p;
}

type RowReader = (file: string, header: string[], fields: string[], line: number) => InventoryItem;

const canonicalRow: RowReader = (file, header, fields, line) => validate(csvFleetRow(header.map((h) => h.trim().toLowerCase()), fields), file, line, '');

export function inventoryRowReader(columns: ColumnMap | undefined): RowReader {
  let map: ReturnType<typeof mapColumns>;
  return (file, header, fields, line) => {
    map ??= mapColumns(header, columns);
    if (!map) throw new Error('no device name and OS version columns (use --columns name=COLUMN,version=COLUMN)');
    const r = inventoryRow(map, header, fields);
    if ('skip' in r) return { ok: false, source: file, line, error: `skipped: ${r.skip}`, skipped: true };
    return validate(r.profile, file, line, '');
  };
}

export async function* fromCsvFleet(file: string, readRow: RowReader = canonicalRow): AsyncGenerator<InventoryItem> {
  const parser = new CsvLineParser({ maxRecordChars: MAX_LINE_BYTES });
  let header: string[] | undefined;
  let bad = 0;
  let lastLine = 0;
  for await (const l of readLines(file, MAX_LINE_BYTES)) {
    lastLine = l.line;
    let item: InventoryItem | undefined;
    if (l.tooLong) {
      parser.reset();
      item = { ok: false, source: file, line: l.line, error: lineTooLong(l.length) };
    } else if (l.invalidEncoding && header) {
      parser.reset();
      item = { ok: false, source: file, line: l.line, error: INVALID_UTF8 };
    } else {
      if (!parser.pending && l.text.trim() === '') continue;
      try {
        const rec = parser.push(l.text, l.line);
        if (!rec) continue;
        if (!header) {
          header = rec.fields.map((f) => f.replace(/^\uFEFF/, ''));
          continue;
        }
        if (rec.fields.length !== header.length) {
          item = { ok: false, source: file, line: rec.line, error: `${rec.fields.length} fields where the header has ${header.length}` };
        } else {
          try {
            item = readRow(file, header, rec.fields, rec.line);
          } catch (e) {
            item = { ok: false, source: file, line: rec.line, error: (e as Error).message };
          }
        }
      } catch (e) {
        item = e instanceof CsvError ? { ok: false, source: file, line: e.line, error: `CSV: ${e.detail}` } : errItem(file, e, l.line);
      }
    }
    if (!item.ok && !item.skipped && ++bad > MAX_BAD_LINES) {
      yield { ok: false, source: file, line: l.line, error: `more than ${MAX_BAD_LINES} bad lines: the rest of the file is not read` };
      return;
    }
    yield item;
  }
  try {
    parser.end();
  } catch (e) {
    if (e instanceof CsvError) yield { ok: false, source: file, line: e.line, error: `CSV: ${e.detail}` };
  }
  if (!header) yield { ok: false, source: file, line: lastLine || 1, error: 'CSV fleet: no header row' };
}
