/**
 * loadInventory: every machine of every input, one item at a time (streaming; memory flat).
 *
 * An INPUT is:
 *  - a directory of raw exports for ONE machine (files directly inside it), or a share of machine folders, with
 *    stray files, dated sub-folders, empty folders and links as they come (share.ts);
 *  - a canonical profile JSON: one object, or an array of objects (whole file read, max 64 MiB: use JSON Lines
 *    for bigger fleets);
 *  - a JSON Lines fleet: one profile object per line (the file's first line parses as a complete object);
 *  - a CSV fleet: header row with at least `name` and `os_version` (see CSV_FLEET_COLUMNS);
 *  - a single raw export file (systeminfo CSV, certutil text, …): one machine from that file alone.
 * The kind is detected by content, not by file name. Encodings: UTF-8 (BOM or not), UTF-16LE/BE, Shift_JIS.
 *
 * Errors: an input that cannot be read at all (missing, permission, neither file nor directory) throws
 * InputError before anything is yielded (all inputs are checked first). Bad content yields
 * `{ ok: false, source, line?, error }` and the import goes on with the next line / machine. After
 * MAX_BAD_LINES bad lines in one file, the file is abandoned with one final error item (a junk file must not
 * produce millions of items).
 */
import { createReadStream, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CsvError, CsvLineParser } from './csv';
import { decodeText, isValidUtf8, StreamingTextDecoder } from './decode';
import { ExportFormatError, InputError } from './errors';
import { detectExport, EXPECTED_EXPORTS, importText, MAX_EXPORT_BYTES, mergeImports } from './importers';
import { inventoryRow, mapColumns, splitVersion, type ColumnMap } from './inventory-columns';
import { zodIssues } from './importers/profile-json';
import { jsonErrorLine, jsonTooDeep, TOO_DEEP } from './importers/json-util';
import { readLineBatches, readLines } from './line-reader';
import { walkDirectory } from './share';
import { newInputFileStats, type DiscoverOptions, type FleetKind } from './discover';
import { fsErrorText } from '../text/fs-errors';
import { MachineProfileSchema, type MachineProfile } from './profile';
import { fastProfile } from './profile-fast';
import { SeenNames } from './seen-names';
import { door } from '../api/doors';

/** One item of loadInventory: a profile read, or content that could not be read as one (file and line named). */
export type InventoryItem =
  | { ok: true; profile: MachineProfile; source: string; notes?: string[] }
  /**
   * `skipped`: left out on purpose (a stray file, a non-Windows row, an older dated set), not an error;
   * `unread` (with skipped): a file whose content this tool does not read, which may hold machines (an .xlsx)
   */
  | { ok: false; source: string; line?: number; error: string; skipped?: true; unread?: true };

export { InputError } from './errors';

/** Options of loadInventory (`exclude`, `stats`: discover.ts). */
export interface LoadOptions extends DiscoverOptions {
  /** inventory CSV columns by field (`--columns name=COL,version=COL,…`); the alias table covers known tools */
  columns?: ColumnMap;
}

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

export const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** The longest line of a JSON Lines or CSV fleet file, in bytes of the file (1 MiB). */
export const MAX_LINE_BYTES = 1 << 20;
/** @deprecated the limit counts bytes: MAX_LINE_BYTES */
export const MAX_LINE_CHARS = MAX_LINE_BYTES;
const lineTooLong = (bytes: number): string => `line of ${bytes} bytes is longer than the limit of ${MAX_LINE_BYTES} bytes (1 MiB): skipped`;
export const MAX_BAD_LINES = 1000;
const INVALID_UTF8 = 'invalid UTF-8 byte(s) in a UTF-8 file: line skipped (the other lines are read as UTF-8)';

/** the top-level fields of a machine profile (an object with none of them is some other JSON) */
const PROFILE_KEYS: ReadonlySet<string> = new Set(['name', 'role', 'os', 'hotfixes', 'rootStore', 'rootAutoUpdate', 'online']);

type Kind = 'dir' | 'json-whole' | 'jsonl' | 'csv-fleet' | 'csv-inventory' | 'raw';

async function statInput(input: string): Promise<'file' | 'dir'> {
  let st;
  try {
    st = await fsp.stat(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(input, undefined, code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${fsErrorText(e)}`);
  }
  if (st.isDirectory()) return 'dir';
  if (st.isFile()) return 'file';
  throw new InputError(input, undefined, 'neither a file nor a directory');
}

async function readPrefix(file: string, n: number): Promise<Buffer> {
  let fh;
  try {
    fh = await fsp.open(file, 'r');
  } catch (e) {
    throw new InputError(file, undefined, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const b = Buffer.alloc(n);
    const { bytesRead } = await fh.read(b, 0, n, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function csvHeader(line: string): string[] | undefined {
  const p = new CsvLineParser();
  try {
    const r = p.push(line, 1);
    return r?.fields.map((f) => f.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

/**
 * The first 64 KiB of text of `file` after any blank space it starts with: a JSON Lines or CSV file that
 * begins with 64 KiB or more of blank lines is still recognised by what follows them (streamed; at most
 * MAX_JSON_BYTES of blank space is skipped).
 */
async function headText(file: string): Promise<string> {
  const HEAD = 64 * 1024;
  const prefix = await readPrefix(file, HEAD);
  const st = await fsp.stat(file);
  const text = decodeText(prefix, st.size > prefix.length).text.replace(/^\uFEFF/, '');
  if (st.size <= prefix.length || text.trim() !== '') return text;
  const dec = new StreamingTextDecoder();
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let head = '';
  let scanned = 0;
  try {
    for await (const chunk of stream) {
      const t = dec.decode(chunk as Buffer);
      if (head === '') {
        const i = t.search(/[^\s\ufeff]/);
        if (i >= 0) head = t.slice(i);
      } else head += t;
      if (head.length >= HEAD) break;
      scanned += (chunk as Buffer).length;
      if (head === '' && scanned > MAX_JSON_BYTES) break;
    }
  } catch (e) {
    throw new InputError(file, undefined, `cannot read: ${fsErrorText(e)}`);
  } finally {
    stream.destroy();
  }
  return head.slice(0, HEAD);
}

async function classifyFile(file: string, opts: LoadOptions = {}): Promise<Kind> {
  const text = await headText(file);
  const t = text.trimStart();
  // a PowerShell JSON export of one machine (Get-ItemProperty …CurrentVersion, Get-ComputerInfo) is read as a raw export
  const raw = detectExport(text);
  if (raw && raw.kind !== 'profile-json') return 'raw';
  if (t.startsWith('[') && !/"Thumbprint"\s*:/.test(t)) return 'json-whole';
  if (t.startsWith('{')) {
    if (/"Thumbprint"\s*:/.test(t)) return 'raw';
    return jsonLayout(file);
  }
  const firstLine = t.split(/\r?\n/, 1)[0] ?? '';
  const h = csvHeader(firstLine);
  if (h && h.includes('name') && h.includes('os_version') && !opts.columns) return 'csv-fleet';
  if (h && mapColumns(h, opts.columns)) return 'csv-inventory';
  return 'raw';
}

/**
 * One JSON document or JSON Lines, by structure whatever the lines' lengths: the text is scanned (streamed,
 * strings and escapes followed) to the end of its first value. Anything after a first value written on one
 * line is JSON Lines (its bad lines are reported one by one); nothing after it, or a first value spread over
 * several lines (pretty-printed), is one document. A first value that never closes is
 * JSON Lines when the next line starts a new object (a bad first line: reported, the rest read).
 */
export async function jsonLayout(file: string): Promise<'jsonl' | 'json-whole'> {
  const dec = new StreamingTextDecoder();
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  let closed = false;
  let multiLine = false;
  let afterFirstNewline: string | undefined; // the start of the second line, while the first value is open
  let scanned = 0;
  const SCAN_LIMIT = MAX_JSON_BYTES;
  const decide = (ch: string): 'jsonl' | 'json-whole' | undefined => {
    if (closed) {
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\ufeff') return undefined;
      return multiLine ? 'json-whole' : 'jsonl';
    }
    if (afterFirstNewline !== undefined && afterFirstNewline.length < 1) {
      if (ch !== ' ' && ch !== '\t' && ch !== '\r') afterFirstNewline = ch;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      else if (ch === '\n') inString = false; // a raw newline ends a (broken) string: JSON Lines cannot span lines
      return undefined;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      depth++;
      started = true;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (started && depth <= 0) closed = true;
    } else if (ch === '\n' && started) {
      multiLine = true;
      if (afterFirstNewline === undefined) afterFirstNewline = '';
    }
    return undefined;
  };
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      const text = dec.decode(chunk as Buffer);
      for (let i = 0; i < text.length; i++) {
        const r = decide(text[i]!);
        if (r) return r;
      }
      scanned += (chunk as Buffer).length;
      if (scanned > SCAN_LIMIT) break;
    }
  } catch (e) {
    throw new InputError(file, undefined, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    stream.destroy();
  }
  if (closed) return 'json-whole';
  // never closed: a broken first line followed by objects is JSON Lines; an object over the whole-file limit too
  return afterFirstNewline === '{' || scanned > SCAN_LIMIT ? 'jsonl' : 'json-whole';
}

async function classify(input: string, opts: LoadOptions = {}): Promise<Kind> {
  if ((await statInput(input)) === 'dir') {
    // an unreadable directory is an input error before anything is yielded
    try {
      await fsp.readdir(input);
    } catch (e) {
      throw new InputError(input, undefined, `cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    return 'dir';
  }
  return classifyFile(input, opts);
}

/** The 1-based line of the first invalid UTF-8 sequence. */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isValidUtf8(bytes.subarray(start, i))) return line;
      line++;
      start = i + 1;
    }
  }
  return 1;
}

function errItem(source: string, e: unknown, line?: number): InventoryItem {
  if (e instanceof ExportFormatError || e instanceof InputError) {
    return { ok: false, source: e.file, ...(e.line !== undefined ? { line: e.line } : line !== undefined ? { line } : {}), error: e.detail };
  }
  return { ok: false, source, ...(line !== undefined ? { line } : {}), error: e instanceof Error ? e.message : String(e) };
}

function validate(data: unknown, source: string, line: number | undefined, where: string): InventoryItem {
  // before anything walks it: a value nested thousands deep is one bad record, not a stack overflow for the run
  if (jsonTooDeep(data)) return { ok: false, source, ...(line !== undefined ? { line } : {}), error: `${where}${TOO_DEEP}` };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, source, ...(line !== undefined ? { line } : {}), error: `${where}a machine profile must be a JSON object` };
  }
  const fast = fastProfile(data);
  const r = fast ? { success: true as const, data: fast } : MachineProfileSchema.safeParse(data);
  if (!r.success) {
    // an object with none of a profile's fields is some other JSON: say what is read instead of a schema message
    if (!Object.keys(data).some((k) => PROFILE_KEYS.has(k))) {
      return { ok: false, source, ...(line !== undefined ? { line } : {}), error: `${where}not a machine profile (no "name" or "os") and not a recognised export (expected ${EXPECTED_EXPORTS})` };
    }
    return { ok: false, source, ...(line !== undefined ? { line } : {}), error: `${where}${zodIssues(r.error)}` };
  }
  const profile = r.data;
  // one string for both (the same text)
  const at = line !== undefined ? `${source}:${line}` : source;
  if (!profile.sources) profile.sources = [at];
  return { ok: true, profile, source: at };
}

/** A directory: one machine's exports, or a share of machine folders (share.ts: stray files, dated sets, links). */
async function* fromDirectory(dir: string, opts: LoadOptions): AsyncGenerator<InventoryItem> {
  const deps = {
    classify: (f: string) => classifyFile(f, opts),
    readFleet: (f: string, kind: FleetKind) => readFile(f, kind, opts),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
    ...(opts.stats ? { stats: opts.stats } : {}),
  };
  try {
    yield* walkDirectory(dir, deps);
  } catch (e) {
    // inside an input that was readable, one unreadable machine is reported and the fleet goes on
    yield errItem(dir, e);
  }
}

async function* fromJsonWhole(file: string): AsyncGenerator<InventoryItem> {
  const st = await fsp.stat(file);
  if (st.size > MAX_JSON_BYTES) {
    yield { ok: false, source: file, error: `${st.size} bytes is too large for a whole JSON file (max ${MAX_JSON_BYTES}); use JSON Lines` };
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (e) {
    throw new InputError(file, undefined, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const decoded = decodeText(bytes);
  const text = decoded.text;
  if (decoded.encoding === 'utf-8' && !decoded.bom && !isValidUtf8(bytes)) {
    const bad = firstInvalidUtf8Line(bytes);
    yield { ok: false, source: file, line: bad, error: 'invalid UTF-8 byte(s) in a UTF-8 file (read as U+FFFD; the rest of the file is read as UTF-8)' };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const line = jsonErrorLine(text, e);
    yield { ok: false, source: file, ...(line !== undefined ? { line } : {}), error: `bad JSON: ${(e as Error).message}` };
    return;
  }
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const it = validate(data[i], file, undefined, `[${i}] `);
      yield it.ok ? { ...it, source: `${file}[${i}]` } : it;
    }
  } else {
    yield validate(data, file, undefined, '');
  }
}

async function* fromJsonLines(file: string): AsyncGenerator<InventoryItem> {
  for await (const items of fromJsonLinesBatches(file)) yield* items;
}

/** fromJsonLines's items, one batch per chunk read (loadInventoryBatches: one asynchronous step per chunk). */
async function* fromJsonLinesBatches(file: string): AsyncGenerator<InventoryItem[]> {
  let bad = 0;
  for await (const batch of readLineBatches(file, MAX_LINE_BYTES)) {
    const items: InventoryItem[] = [];
    for (const l of batch) {
      let item: InventoryItem;
      if (l.tooLong) {
        item = { ok: false, source: file, line: l.line, error: lineTooLong(l.length) };
      } else if (l.invalidEncoding) {
        item = { ok: false, source: file, line: l.line, error: INVALID_UTF8 };
      } else {
        const t = l.text.trim();
        if (t === '') continue;
        let data: unknown;
        try {
          data = JSON.parse(t);
          item = validate(data, file, l.line, '');
        } catch (e) {
          item = { ok: false, source: file, line: l.line, error: `bad JSON: ${(e as Error).message}` };
        }
      }
      if (!item.ok && ++bad > MAX_BAD_LINES) {
        items.push({ ok: false, source: file, line: l.line, error: `more than ${MAX_BAD_LINES} bad lines: the rest of the file is not read` });
        yield items;
        return;
      }
      items.push(item);
    }
    if (items.length) yield items;
  }
}

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

function inventoryRowReader(columns: ColumnMap | undefined): RowReader {
  let map: ReturnType<typeof mapColumns>;
  return (file, header, fields, line) => {
    map ??= mapColumns(header, columns);
    if (!map) throw new Error('no device name and OS version columns (use --columns name=COLUMN,version=COLUMN)');
    const r = inventoryRow(map, header, fields);
    if ('skip' in r) return { ok: false, source: file, line, error: `skipped: ${r.skip}`, skipped: true };
    return validate(r.profile, file, line, '');
  };
}

async function* fromCsvFleet(file: string, readRow: RowReader = canonicalRow): AsyncGenerator<InventoryItem> {
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

async function* fromRawFile(file: string): AsyncGenerator<InventoryItem> {
  const st = await fsp.stat(file);
  if (st.size === 0) {
    yield { ok: false, source: file, line: 1, error: 'empty file' };
    return;
  }
  if (st.size > MAX_EXPORT_BYTES) {
    yield {
      ok: false,
      source: file,
      error: `${st.size} bytes: not a JSON/JSON Lines/CSV fleet file, and too large for a raw Windows export (max ${MAX_EXPORT_BYTES}); not read`,
    };
    return;
  }
  try {
    const text = decodeText(await fsp.readFile(file)).text;
    const r = importText(text, file);
    const base = path.basename(file).replace(/\.[^.]*$/, '');
    const m = mergeImports([r], base);
    yield { ok: true, profile: m.profile, source: file, ...(m.notes.length ? { notes: m.notes } : {}) };
  } catch (e) {
    yield errItem(file, e);
  }
}

/**
 * Reads machine profiles from what administrators export: machine directories (systeminfo, Get-HotFix,
 * certutil -store Root, registry exports, machine.json ... as Windows writes them: UTF-16LE with BOM, CRLF,
 * cp932), JSON Lines, JSON arrays and CSV fleet files. Streams: memory stays flat for any fleet size.
 * @param inputs files and directories (a share of machine folders: share.ts)
 * @param options how inventory CSVs are read (`columns`)
 * @returns an async iterator of items: `{ ok: true, profile, source }`, or `{ ok: false, source, line, error, skipped? }`
 *   for content that cannot be read as a profile (the file and line are named; the rest goes on)
 * @throws InputError when an input cannot be read at all (missing, permission, not a file or directory)
 */
export async function* loadInventory(inputs: string[], options: LoadOptions = {}): AsyncGenerator<InventoryItem> {
  door('loadInventory', inputs, options);
  for await (const items of inventoryBatches(inputs, options)) yield* items;
}

/**
 * loadInventory's items in the same order, in batches (a JSON Lines file: one batch per chunk read; other
 * inputs: one item per batch): a reader of 100 000 machines pays an asynchronous step per batch instead of
 * several per machine (they were a quarter of `readiness --json`'s time). For the CLI; the same checks.
 */
export async function* loadInventoryBatches(inputs: string[], options: LoadOptions = {}): AsyncGenerator<InventoryItem[]> {
  door('loadInventory', inputs, options);
  yield* inventoryBatches(inputs, options);
}

async function* inventoryBatches(inputs: string[], options: LoadOptions): AsyncGenerator<InventoryItem[]> {
  // a machine name already read (names compare as Windows compares computer names: case-insensitively) is
  // reported with both sources (an item of its own, before the machine); both machines are still read
  const seen = new SeenNames();
  for await (const batch of loadInventoryRaw(inputs, options)) {
    let out: InventoryItem[] | undefined;
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i]!;
      if (item.ok) {
        const first = seen.add(item.profile.name, item.source);
        if (first !== undefined) {
          // the batch copied from here on, with the duplicate's item before the machine
          out ??= batch.slice(0, i);
          out.push({ ok: false, source: item.source, error: `duplicate machine name "${item.profile.name}": also in ${first}` });
        }
      }
      out?.push(item);
    }
    yield out ?? batch;
  }
}

async function* loadInventoryRaw(inputs: string[], options: LoadOptions = {}): AsyncGenerator<InventoryItem[]> {
  const kinds: Kind[] = [];
  for (const input of inputs) kinds.push(await classify(input, options));
  const stats = options.stats ?? newInputFileStats();
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const kind = kinds[i]!;
    if (kind === 'dir') {
      for await (const item of fromDirectory(input, { ...options, stats })) yield [item];
    } else {
      stats.read++;
      if (kind === 'jsonl') yield* fromJsonLinesBatches(input);
      else for await (const item of readFile(input, kind, options)) yield [item];
    }
  }
}

/** One file as its kind is read (a file given directly, or a fleet file found in a folder). */
async function* readFile(input: string, kind: Exclude<Kind, 'dir'> | FleetKind, options: LoadOptions): AsyncGenerator<InventoryItem> {
  switch (kind) {
    case 'json-whole':
      yield* fromJsonWhole(input);
      break;
    case 'jsonl':
      yield* fromJsonLines(input);
      break;
    case 'csv-fleet':
      yield* fromCsvFleet(input);
      break;
    case 'csv-inventory':
      yield* fromCsvFleet(input, inventoryRowReader(options.columns));
      break;
    case 'raw':
      yield* fromRawFile(input);
      break;
  }
}
