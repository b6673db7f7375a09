/**
 * A bounded ZIP reader for APPX/MSIX packages (PKWARE APPNOTE 6.3): end of central directory (and the ZIP64
 * record and locator), central directory entries (with their ZIP64 extra fields), local headers and data
 * descriptors. Entries are inflated as streams (node:zlib inflateRaw) and never grow past the size their
 * central directory entry declares. Every problem is a VerifyError MALFORMED_APPX (TRUNCATED_FILE when a
 * structure runs past the end).
 *
 * What the reader insists on (an APPX is written in one pass by its packager and signer): one disk; local
 * records (header, data, data descriptor) laid end to end from offset 0 in central directory order; the
 * central directory right after the last record; the ZIP64 end record and locator (when present) right after
 * the central directory, then the end record; local headers that agree with their central directory entries.
 * Bytes after the end record (beyond its comment) are reported as trailing (the caller makes TRAILING_DATA).
 */
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { VerifyError } from '../errors';
import type { RandomAccess } from './pe-reader';

/** RandomAccess reads as Buffers (views, no copy). */
interface BufferAccess {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
}

/** Small reads (local headers, names, data descriptors) are served from a read-ahead window of this size. */
const READ_AHEAD = 1024 * 1024;

/**
 * RandomAccess as Buffers, with a read-ahead window for small reads: the local records are read in order,
 * end to end, so 200 000 tiny records cost a few hundred file reads instead of 400 000.
 */
function buffers(access: RandomAccess): BufferAccess {
  let windowStart = 0;
  let window: Buffer = Buffer.alloc(0);
  const direct = async (offset: number, length: number): Promise<Buffer> => {
    const u = await access.read(offset, length);
    return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  };
  return {
    size: access.size,
    async read(offset, length) {
      if (length > READ_AHEAD / 4) return direct(offset, length);
      if (offset < windowStart || offset + length > windowStart + window.length) {
        windowStart = offset;
        window = await direct(offset, Math.max(length, Math.min(READ_AHEAD, access.size - offset)));
      }
      return window.subarray(offset - windowStart, offset - windowStart + length);
    },
  };
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_ENCRYPTED = 0x0001;
export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;

/** More entries than any package holds (MakeAppx packages hold thousands at most). */
export const MAX_ZIP_ENTRIES = 200_000;
/**
 * DEFLATE's largest expansion: a 258-byte match costs at least 2 bits, so one compressed byte gives at most
 * 1 032 bytes. An entry declaring more than this times its compressed size (plus a little) cannot hold what
 * it declares: refused before anything is inflated.
 */
export const MAX_DEFLATE_RATIO = 1032;
/** Central directories larger than this are refused (bounds memory: the directory is read whole). */
export const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** the central directory entry's raw bytes (what the APPX AXCD digest hashes) */
  centralRaw: Buffer;
  /** offset of the entry's data (after the local header) */
  dataOffset: number;
  /** local header length (30 + name + extra): the block map's LfhSize */
  localHeaderLength: number;
  /** end of the local record (after the data descriptor, if any) */
  recordEnd: number;
}

export interface ZipEnd {
  /** ZIP64 end record fields (raw), when the archive has one */
  zip64: { recordSize: bigint; versionMadeBy: number; versionNeeded: number; disk: number; cdDisk: number; extensible: Buffer; locatorDisk: number; totalDisks: number } | null;
  /** the classic end record's fields (raw) */
  entriesOnDisk: number;
  entries: number;
  cdSize: number;
  cdOffset: number;
  comment: Buffer;
}

export interface ZipArchive {
  size: number;
  entries: ZipEntry[];
  cdStart: number;
  cdEnd: number;
  end: ZipEnd;
  /** bytes after the end record and its comment */
  trailing: number;
}

const bad = (msg: string): VerifyError => new VerifyError('MALFORMED_APPX', `ZIP: ${msg}`);

function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(`a 64-bit field at ${at} is too large`);
  return Number(v);
}

/** Finds the end record: the last "PK\5\6" whose comment length reaches exactly the end (or the first one before trailing bytes). */
async function findEnd(access: BufferAccess): Promise<{ offset: number; rec: Buffer }> {
  const size = access.size;
  if (size < 22) throw new VerifyError('TRUNCATED_FILE', `ZIP: ${size} bytes is shorter than an end of central directory record`);
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = await access.read(size - tailLen, tailLen);
  let fallback = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== SIG_EOCD) continue;
    const commentLen = tail.readUInt16LE(i + 20);
    if (i + 22 + commentLen === tail.length) return { offset: size - tailLen + i, rec: Buffer.from(tail.subarray(i, i + 22 + commentLen)) };
    if (fallback < 0 && i + 22 + commentLen <= tail.length) fallback = i;
  }
  if (fallback >= 0) {
    const commentLen = tail.readUInt16LE(fallback + 20);
    return { offset: size - tailLen + fallback, rec: Buffer.from(tail.subarray(fallback, fallback + 22 + commentLen)) };
  }
  throw bad('no end of central directory record');
}

export async function readZip(randomAccess: RandomAccess): Promise<ZipArchive> {
  const access = buffers(randomAccess);
  const size = access.size;
  const { offset: eocdOffset, rec } = await findEnd(access);
  const trailing = size - (eocdOffset + rec.length);
  if (rec.readUInt16LE(4) !== 0 || rec.readUInt16LE(6) !== 0) throw bad('a multi-disk archive');
  const end: ZipEnd = {
    zip64: null,
    entriesOnDisk: rec.readUInt16LE(8),
    entries: rec.readUInt16LE(10),
    cdSize: rec.readUInt32LE(12),
    cdOffset: rec.readUInt32LE(16),
    comment: Buffer.from(rec.subarray(22)),
  };
  let entryCount = end.entries;
  let cdSize = end.cdSize;
  let cdStart = end.cdOffset;
  let cdEndExpected = eocdOffset;

  if (eocdOffset >= 20) {
    const loc = await access.read(eocdOffset - 20, 20);
    if (loc.readUInt32LE(0) === SIG_LOCATOR64) {
      const z64Offset = u64(loc, 8);
      if (z64Offset + 56 > eocdOffset - 20) throw bad('the ZIP64 end record is not before its locator');
      const z = await access.read(z64Offset, 56);
      if (z.readUInt32LE(0) !== SIG_EOCD64) throw bad(`no ZIP64 end record at ${z64Offset}`);
      const recordSize = z.readBigUInt64LE(4);
      if (recordSize < 44n || BigInt(z64Offset) + 12n + recordSize !== BigInt(eocdOffset - 20)) throw bad('the ZIP64 end record does not end at its locator');
      const extensible = await access.read(z64Offset + 56, Number(recordSize) - 44);
      if (z.readUInt32LE(16) !== 0 || z.readUInt32LE(20) !== 0 || loc.readUInt32LE(4) !== 0 || loc.readUInt32LE(16) !== 1) throw bad('a multi-disk ZIP64 archive');
      end.zip64 = {
        recordSize,
        versionMadeBy: z.readUInt16LE(12),
        versionNeeded: z.readUInt16LE(14),
        disk: z.readUInt32LE(16),
        cdDisk: z.readUInt32LE(20),
        extensible: Buffer.from(extensible),
        locatorDisk: loc.readUInt32LE(4),
        totalDisks: loc.readUInt32LE(16),
      };
      const onDisk = u64(z, 24);
      entryCount = u64(z, 32);
      if (onDisk !== entryCount) throw bad('a multi-disk ZIP64 archive (entry counts differ)');
      cdSize = u64(z, 40);
      cdStart = u64(z, 48);
      cdEndExpected = z64Offset;
      // the classic record must either repeat the values or hold the ZIP64 markers
      const agrees = (classic: number, marker: number, value: number): boolean => classic === marker || classic === value;
      if (!agrees(end.entries, 0xffff, entryCount) || !agrees(end.cdSize, 0xffffffff, cdSize) || !agrees(end.cdOffset, 0xffffffff, cdStart))
        throw bad('the end record and the ZIP64 end record disagree');
    }
  }
  if (!end.zip64 && end.entriesOnDisk !== end.entries) throw bad('a multi-disk archive (entry counts differ)');
  if (entryCount > MAX_ZIP_ENTRIES) throw bad(`${entryCount} entries is more than the ${MAX_ZIP_ENTRIES} limit`);
  if (cdSize > MAX_CENTRAL_DIRECTORY) throw bad(`a ${cdSize}-byte central directory is more than the ${MAX_CENTRAL_DIRECTORY}-byte limit`);
  if (cdStart + cdSize !== cdEndExpected) throw bad(`the central directory [${cdStart}, ${cdStart + cdSize}) does not end where the end records start (${cdEndExpected})`);

  const cd = await access.read(cdStart, cdSize);
  const entries: ZipEntry[] = [];
  let pos = 0;
  for (let i = 0; i < entryCount; i++) {
    if (pos + 46 > cd.length) throw bad(`central directory entry ${i} runs past the directory`);
    if (cd.readUInt32LE(pos) !== SIG_CENTRAL) throw bad(`no central directory entry ${i} at ${cdStart + pos}`);
    const nameLen = cd.readUInt16LE(pos + 28);
    const extraLen = cd.readUInt16LE(pos + 30);
    const commentLen = cd.readUInt16LE(pos + 32);
    const len = 46 + nameLen + extraLen + commentLen;
    if (pos + len > cd.length) throw bad(`central directory entry ${i} runs past the directory`);
    const raw = cd.subarray(pos, pos + len);
    const flags = raw.readUInt16LE(8);
    if (flags & FLAG_ENCRYPTED) throw bad('an encrypted entry');
    const nameBytes = raw.subarray(46, 46 + nameLen);
    const name = nameBytes.toString('utf8');
    if (!isAscii(nameBytes) && !Buffer.from(name, 'utf8').equals(nameBytes)) throw bad(`entry ${i}'s name is not UTF-8`);
    let compressedSize = raw.readUInt32LE(20);
    let uncompressedSize = raw.readUInt32LE(24);
    let localHeaderOffset = raw.readUInt32LE(42);
    const disk = raw.readUInt16LE(34);
    // ZIP64 extra field: the 0xFFFF(FFFF) fields, in order
    const extra = raw.subarray(46 + nameLen, 46 + nameLen + extraLen);
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const sz = extra.readUInt16LE(e + 2);
      if (e + 4 + sz > extra.length) throw bad(`entry ${name}: an extra field runs past its extra data`);
      if (id === 0x0001) {
        let p = e + 4;
        const take = (): number => {
          if (p + 8 > e + 4 + sz) throw bad(`entry ${name}: short ZIP64 extra field`);
          const v = u64(extra, p);
          p += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + sz;
    }
    if (disk !== 0 && disk !== 0xffff) throw bad(`entry ${name} is on disk ${disk}`);
    // declared sizes against the file, before any data is read or inflated
    const method = raw.readUInt16LE(10);
    if (localHeaderOffset + 30 + nameLen + compressedSize > cdStart)
      throw bad(`entry ${name} declares ${compressedSize} compressed bytes at ${localHeaderOffset}, past the start of the central directory (${cdStart})`);
    if (method === METHOD_STORED && uncompressedSize !== compressedSize)
      throw bad(`stored entry ${name} declares ${uncompressedSize} bytes but holds ${compressedSize}`);
    if (method === METHOD_DEFLATED && uncompressedSize > compressedSize * MAX_DEFLATE_RATIO + 1024)
      throw bad(`entry ${name} declares ${uncompressedSize} bytes from ${compressedSize} compressed bytes, more than DEFLATE can expand (${MAX_DEFLATE_RATIO}:1)`);
    entries.push({
      name,
      flags,
      method,
      crc32: raw.readUInt32LE(16),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      centralRaw: raw, // a view of the directory read above (held whole anyway; no copy per entry)
      dataOffset: 0,
      localHeaderLength: 0,
      recordEnd: 0,
    });
    pos += len;
  }
  if (pos !== cd.length) throw bad(`${cd.length - pos} bytes in the central directory after its ${entryCount} entries`);

  // local records: end to end from 0, in directory order, up to the central directory
  let expected = 0;
  for (const e of entries) {
    if (e.localHeaderOffset !== expected) throw bad(`entry ${e.name}'s local header is at ${e.localHeaderOffset}, not at ${expected} (records must be laid end to end)`);
    await readLocal(access, e, end.zip64 !== null);
    expected = e.recordEnd;
  }
  if (expected !== cdStart) throw bad(`${cdStart - expected} bytes between the last local record and the central directory`);
  return { size, entries, cdStart, cdEnd: cdStart + cdSize, end, trailing };
}

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return false;
  return true;
}

async function readLocal(access: BufferAccess, e: ZipEntry, zip64: boolean): Promise<void> {
  if (e.localHeaderOffset + 30 > access.size) throw new VerifyError('TRUNCATED_FILE', `ZIP: entry ${e.name}'s local header runs past the end`);
  // the header and (when it fits) the name as the directory gives it, in one read
  const expectedName = e.centralRaw.readUInt16LE(28);
  const h = await access.read(e.localHeaderOffset, Math.min(30 + expectedName, access.size - e.localHeaderOffset));
  if (h.readUInt32LE(0) !== SIG_LOCAL) throw bad(`no local header for ${e.name} at ${e.localHeaderOffset}`);
  const flags = h.readUInt16LE(6);
  const method = h.readUInt16LE(8);
  const nameLen = h.readUInt16LE(26);
  const extraLen = h.readUInt16LE(28);
  const name = nameLen === expectedName ? h.subarray(30, 30 + nameLen) : await access.read(e.localHeaderOffset + 30, nameLen);
  if (name.toString('utf8') !== e.name) throw bad(`the local header of ${e.name} names ${JSON.stringify(name.toString('utf8'))}`);
  if (method !== e.method || (flags & FLAG_DATA_DESCRIPTOR) !== (e.flags & FLAG_DATA_DESCRIPTOR)) throw bad(`the local header of ${e.name} disagrees with its directory entry (method or flags)`);
  e.localHeaderLength = 30 + nameLen + extraLen;
  e.dataOffset = e.localHeaderOffset + e.localHeaderLength;
  let end = e.dataOffset + e.compressedSize;
  if (flags & FLAG_DATA_DESCRIPTOR) {
    const dlen = zip64 ? 24 : 16;
    if (end + dlen > access.size) throw new VerifyError('TRUNCATED_FILE', `ZIP: ${e.name}'s data descriptor runs past the end`);
    const d = await access.read(end, dlen);
    if (d.readUInt32LE(0) !== SIG_DESCRIPTOR) throw bad(`no data descriptor after ${e.name} (offset ${end})`);
    const crc = d.readUInt32LE(4);
    const cs = zip64 ? u64(d, 8) : d.readUInt32LE(8);
    const us = zip64 ? u64(d, 16) : d.readUInt32LE(12);
    if (crc !== e.crc32 || cs !== e.compressedSize || us !== e.uncompressedSize) throw bad(`the data descriptor of ${e.name} disagrees with its directory entry`);
    end += dlen;
  } else {
    const crc = h.readUInt32LE(14);
    const cs = h.readUInt32LE(18);
    const us = h.readUInt32LE(22);
    const okSize = (local: number, value: number): boolean => local === value || local === 0xffffffff;
    if (crc !== e.crc32 || !okSize(cs, e.compressedSize) || !okSize(us, e.uncompressedSize)) throw bad(`the local header of ${e.name} disagrees with its directory entry (CRC or sizes)`);
  }
  if (end > access.size) throw new VerifyError('TRUNCATED_FILE', `ZIP: ${e.name}'s data runs past the end of the file`);
  e.recordEnd = end;
}

// ---------------------------------------------------------------- CRC-32 (IEEE), for entry contents

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32Update(crc: number, buf: Uint8Array): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * Streams an entry's uncompressed content to `onData` (stored or deflated), checking its size and CRC-32.
 * Inflation stops as soon as the output passes the declared size (no zip bomb grows past what the
 * directory says). Resolves with the compressed bytes consumed per output chunk boundary not needed: callers
 * that need block boundaries track the output themselves.
 */
export async function streamEntry(path: string, e: ZipEntry, onData: (chunk: Buffer) => void): Promise<void> {
  if (e.method !== METHOD_STORED && e.method !== METHOD_DEFLATED) throw bad(`entry ${e.name} uses compression method ${e.method}`);
  if (e.method === METHOD_STORED && e.compressedSize !== e.uncompressedSize) throw bad(`stored entry ${e.name} has different compressed and uncompressed sizes`);
  let produced = 0;
  let crc = 0;
  const source = e.compressedSize === 0 ? null : createReadStream(path, { start: e.dataOffset, end: e.dataOffset + e.compressedSize - 1, highWaterMark: 256 * 1024 });
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown): void => {
      source?.destroy();
      reject(err instanceof VerifyError ? err : bad(`entry ${e.name}: ${err instanceof Error ? err.message : String(err)}`));
    };
    const take = (chunk: Buffer): boolean => {
      produced += chunk.length;
      if (produced > e.uncompressedSize) {
        fail(bad(`entry ${e.name} holds more than the ${e.uncompressedSize} bytes its directory entry declares`));
        return false;
      }
      crc = crc32Update(crc, chunk);
      try {
        onData(chunk);
      } catch (err) {
        fail(err);
        return false;
      }
      return true;
    };
    const finish = (): void => {
      if (produced !== e.uncompressedSize) return fail(bad(`entry ${e.name} holds ${produced} bytes, its directory entry declares ${e.uncompressedSize}`));
      if (crc !== e.crc32) return fail(bad(`entry ${e.name}'s CRC-32 is ${crc.toString(16)}, its directory entry says ${e.crc32.toString(16)}`));
      resolve();
    };
    if (!source) {
      if (e.method === METHOD_DEFLATED) return fail(bad(`deflated entry ${e.name} has no data`));
      return finish();
    }
    source.on('error', (err) => reject(new VerifyError('IO_ERROR', `reading ${path}: ${err.message}`)));
    if (e.method === METHOD_STORED) {
      source.on('data', (c: Buffer | string) => {
        take(Buffer.isBuffer(c) ? c : Buffer.from(c));
      });
      source.on('end', finish);
      return;
    }
    const inflate = createInflateRaw();
    let done = false;
    inflate.on('data', (c: Buffer) => {
      if (!done && !take(c)) {
        done = true;
        inflate.destroy();
      }
    });
    inflate.on('error', (err) => {
      if (!done) {
        done = true;
        fail(err);
      }
    });
    inflate.on('end', () => {
      if (!done) {
        done = true;
        finish();
      }
    });
    source.pipe(inflate);
  });
}

/** An entry's uncompressed content in memory (for the small XML parts and the signature), bounded by `max`. */
export async function readEntry(path: string, e: ZipEntry, max: number): Promise<Buffer> {
  if (e.uncompressedSize > max) throw bad(`entry ${e.name} (${e.uncompressedSize} bytes) is larger than the ${max}-byte limit for it`);
  const parts: Buffer[] = [];
  await streamEntry(path, e, (c) => parts.push(c));
  return Buffer.concat(parts);
}
