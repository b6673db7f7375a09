/**
 * Windows Installer tables, read from a package's compound file for the deep verification: the string pool
 * (_StringPool / _StringData), the column catalogue (_Columns) and any table by name, rows as arrays of
 * string | number | null. Layout (as msi.dll writes it; documented by Wine's and msitools' readers):
 *   _StringPool   u16 code page, u16 flags (bit 15 of the first u32: 3-byte string references), then per
 *                 string u16 length, u16 reference count; a (0, n) entry gives the high 16 bits of the next
 *                 one's length (strings over 64 KiB); string ids start at 1
 *   _StringData   the strings, concatenated, in the pool's code page (65001 UTF-8; others read as Latin-1)
 *   table stream  column-major: all rows' first column, then the second …; strings are pool ids (2 or 3
 *                 bytes), binary (stream) columns 2 bytes, integers 2 or 4 bytes stored XOR the sign bit,
 *                 0 = null
 *   _Columns      Table (string), Number (i2), Name (string), Type (i2): width = Type & 0xFF, 0x0800 string,
 *                 0x1000 nullable
 * Every size is bounded; a table that does not hold together is an MsiTableError (the deep verification
 * reports it and goes on with what it could read).
 */
import { ENTRY_STREAM, type CfbEntry, type CfbLayout } from '../formats/msi-cfb';
import { encodeMsiStreamName } from '../formats/msi-names';
import type { RandomAccess } from '../formats/pe-reader';

export class MsiTableError extends Error {
  constructor(message: string) {
    super(`MSI tables: ${message}`);
    this.name = 'MsiTableError';
  }
}

/** Tables and the string pool larger than this are not read (real ones are a few MiB at most). */
export const MAX_TABLE_STREAM = 64 * 1024 * 1024;

const TYPE_STRING = 0x0800;

export type Cell = string | number | null;

export interface Column {
  name: string;
  type: number;
}

export interface MsiDatabase {
  /** a table's rows (empty when the package has no such table) */
  table(name: string): Promise<Map<string, Cell>[]>;
  /** a root stream by its decoded name ("Binary.Foo", "product.cab"), or null */
  stream(name: string): CfbEntry | null;
  /** random access to a stream's content */
  streamAccess(entry: CfbEntry): RandomAccess;
}

/** Random access over a stream's pieces (mini-stream bytes in memory, or ranges of the file). */
export function streamAccess(cf: CfbLayout, entry: CfbEntry, file: RandomAccess): RandomAccess {
  const pieces: { start: number; piece: Buffer | readonly [number, number] }[] = [];
  let at = 0;
  for (const p of cf.contentPieces(entry)) {
    pieces.push({ start: at, piece: p });
    at += Buffer.isBuffer(p) ? p.length : p[1] - p[0];
  }
  const size = at;
  return {
    size,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size) throw new MsiTableError(`read of ${length} bytes at ${offset} past the ${size}-byte stream ${entry.path}`);
      const out = Buffer.alloc(length);
      // binary search for the first piece
      let lo = 0;
      let hi = pieces.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (pieces[mid]!.start <= offset) lo = mid;
        else hi = mid - 1;
      }
      let done = 0;
      for (let i = lo; done < length && i < pieces.length; i++) {
        const { start, piece } = pieces[i]!;
        const plen = Buffer.isBuffer(piece) ? piece.length : piece[1] - piece[0];
        const from = offset + done - start;
        if (from >= plen) continue;
        const n = Math.min(plen - from, length - done);
        if (Buffer.isBuffer(piece)) piece.copy(out, done, from, from + n);
        else out.set(await file.read(piece[0] + from, n), done);
        done += n;
      }
      return out;
    },
  };
}

async function readAll(access: RandomAccess, max: number, what: string): Promise<Buffer> {
  if (access.size > max) throw new MsiTableError(`${what} is ${access.size} bytes, more than the ${max}-byte limit`);
  return Buffer.from(await access.read(0, access.size));
}

export async function openMsiDatabase(cf: CfbLayout, file: RandomAccess): Promise<MsiDatabase> {
  const byRawName = new Map<string, CfbEntry>();
  for (const c of cf.root.children) if (c.type === ENTRY_STREAM) byRawName.set(c.name, c);
  const rawStream = (name: string, table: boolean): CfbEntry | null => {
    try {
      return byRawName.get(encodeMsiStreamName(name, table)) ?? (table ? null : (byRawName.get(name) ?? null));
    } catch {
      return byRawName.get(name) ?? null;
    }
  };
  const poolEntry = rawStream('_StringPool', true);
  const dataEntry = rawStream('_StringData', true);
  if (!poolEntry || !dataEntry) throw new MsiTableError('no string pool (_StringPool / _StringData): not a Windows Installer database');
  const pool = await readAll(streamAccess(cf, poolEntry, file), MAX_TABLE_STREAM, '_StringPool');
  const data = await readAll(streamAccess(cf, dataEntry, file), MAX_TABLE_STREAM, '_StringData');
  if (pool.length < 4) throw new MsiTableError('the string pool has no header');
  const codepage = pool.readUInt32LE(0) & 0x7fffffff;
  const refSize = pool.readUInt32LE(0) & 0x80000000 ? 3 : 2;
  const encoding: BufferEncoding = codepage === 65001 ? 'utf8' : 'latin1';
  const strings: string[] = [''];
  let off = 0;
  for (let i = 4; i + 4 <= pool.length; i += 4) {
    let len = pool.readUInt16LE(i);
    const refs = pool.readUInt16LE(i + 2);
    if (len === 0 && refs !== 0 && i + 8 <= pool.length) {
      i += 4;
      len = refs * 65536 + pool.readUInt16LE(i);
    }
    if (off + len > data.length) throw new MsiTableError(`string ${strings.length} runs past the end of _StringData`);
    strings.push(data.toString(encoding, off, off + len));
    off += len;
  }
  const str = (id: number): string | null => {
    if (id === 0) return null;
    const s = strings[id];
    if (s === undefined) throw new MsiTableError(`string id ${id} is not in the pool (${strings.length - 1} strings)`);
    return s;
  };

  const decodeTable = async (name: string, columns: Column[]): Promise<Map<string, Cell>[]> => {
    const entry = rawStream(name, true);
    if (!entry) return [];
    const bytes = await readAll(streamAccess(cf, entry, file), MAX_TABLE_STREAM, `table ${name}`);
    const widths = columns.map((c) => ((c.type & TYPE_STRING) !== 0 ? ((c.type & 0xff) === 0 ? 2 : refSize) : (c.type & 0xff) <= 2 ? 2 : 4));
    const rowSize = widths.reduce((a, b) => a + b, 0);
    if (rowSize === 0) return [];
    if (bytes.length % rowSize !== 0) throw new MsiTableError(`table ${name}: ${bytes.length} bytes is not a whole number of ${rowSize}-byte rows`);
    const count = bytes.length / rowSize;
    const rows: Map<string, Cell>[] = Array.from({ length: count }, () => new Map<string, Cell>());
    let at = 0;
    columns.forEach((c, ci) => {
      const w = widths[ci]!;
      const isString = (c.type & TYPE_STRING) !== 0 && (c.type & 0xff) !== 0;
      const isBinary = (c.type & TYPE_STRING) !== 0 && (c.type & 0xff) === 0;
      for (let r = 0; r < count; r++, at += w) {
        const raw = w === 2 ? bytes.readUInt16LE(at) : w === 3 ? bytes.readUInt16LE(at) | (bytes[at + 2]! << 16) : bytes.readUInt32LE(at);
        let v: Cell;
        if (isString) v = str(raw);
        else if (isBinary) v = raw === 0 ? null : raw;
        else if (raw === 0) v = null;
        else v = w === 2 ? raw - 0x8000 : (raw ^ 0x80000000) | 0;
        rows[r]!.set(c.name, v);
      }
    });
    return rows;
  };

  // _Columns has a fixed schema
  const columnsRows = await decodeTable('_Columns', [
    { name: 'Table', type: TYPE_STRING | 0x40 },
    { name: 'Number', type: 0x0102 },
    { name: 'Name', type: TYPE_STRING | 0x40 },
    { name: 'Type', type: 0x0102 },
  ]);
  const schemas = new Map<string, { n: number; col: Column }[]>();
  for (const r of columnsRows) {
    const t = r.get('Table');
    const n = r.get('Number');
    const colName = r.get('Name');
    const type = r.get('Type');
    if (typeof t !== 'string' || typeof n !== 'number' || typeof colName !== 'string' || typeof type !== 'number') continue;
    const list = schemas.get(t) ?? [];
    list.push({ n, col: { name: colName, type: type & 0xffff } });
    schemas.set(t, list);
  }
  const cache = new Map<string, Map<string, Cell>[]>();
  return {
    async table(name) {
      const hit = cache.get(name);
      if (hit) return hit;
      const schema = schemas.get(name);
      const rows = schema ? await decodeTable(name, schema.sort((a, b) => a.n - b.n).map((s) => s.col)) : [];
      cache.set(name, rows);
      return rows;
    },
    stream: (name) => rawStream(name, false),
    streamAccess: (entry) => streamAccess(cf, entry, file),
  };
}

/** The long name of a "short|long" file or directory name (the target part of "target:source"). */
export function longName(value: string): string {
  const target = value.split(':')[0]!;
  const bar = target.indexOf('|');
  return bar >= 0 ? target.slice(bar + 1) : target;
}

/**
 * Installed directory paths from the Directory table: a directory whose parent is the root (TARGETDIR, or
 * none) is written as its property, "[ProgramFilesFolder]"; below it, each directory's long name and "\";
 * DefaultDir "." adds nothing. Loops and unknown parents end the walk (shown as "[?]").
 */
export function directoryPaths(rows: Map<string, Cell>[]): Map<string, string> {
  const byId = new Map<string, { parent: string | null; name: string }>();
  for (const r of rows) {
    const id = r.get('Directory');
    if (typeof id !== 'string') continue;
    const parent = r.get('Directory_Parent');
    byId.set(id, { parent: typeof parent === 'string' && parent !== id ? parent : null, name: longName(String(r.get('DefaultDir') ?? '')) });
  }
  const out = new Map<string, string>();
  const resolve = (id: string, depth: number): string => {
    const done = out.get(id);
    if (done !== undefined) return done;
    const d = byId.get(id);
    let p: string;
    if (!d || depth > 64) p = '[?]';
    else if (d.parent === null) p = `[${id}]`;
    else {
      const parent = byId.get(d.parent);
      if (parent && parent.parent === null) p = `[${id}]`;
      else {
        const base = resolve(d.parent, depth + 1);
        p = d.name === '.' || d.name === '' ? base : `${base}${d.name}\\`;
      }
    }
    out.set(id, p);
    return p;
  };
  for (const id of byId.keys()) resolve(id, 0);
  return out;
}
