/**
 * The vocabulary of the compound file (MS-CFB) reader shared by its files: sizes and special sector numbers,
 * the parsed layout's types, the bounds, the errors (MALFORMED_MSI, TRUNCATED_FILE), and the Reader protocol
 * (a generator yielding the byte ranges it needs) with its two drivers, runSync over bytes and runAsync over an
 * open file. The reader itself is msi-cfb.ts; see its header.
 */
import { VerifyError } from '../errors';
import type { RandomAccess } from './pe-reader';

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const HEADER_SIZE = 512;
export const DIFAT_IN_HEADER = 109;
export const DIR_ENTRY_SIZE = 128;
export const MINI_SECTOR_SIZE = 64;
export const MINI_STREAM_CUTOFF = 4096;

/** Special sector numbers ([MS-CFB] 2.1). */
export const MAXREGSECT = 0xfffffffa;
export const ENDOFCHAIN = 0xfffffffe;
export const FREESECT = 0xffffffff;
export const NOSTREAM = 0xffffffff;

export const ENTRY_STORAGE = 1;
export const ENTRY_STREAM = 2;
export const ENTRY_ROOT = 5;

/** One directory entry reachable from the root's red-black tree. */
export interface CfbEntry {
  /** index in the directory */
  id: number;
  /** byte offset of the 128-byte directory entry in the file */
  offset: number;
  /** UTF-16LE name bytes without the terminating null */
  nameBytes: Buffer;
  /** the name as UTF-16 code units (no decoding of MSI table names) */
  name: string;
  type: typeof ENTRY_STORAGE | typeof ENTRY_STREAM | typeof ENTRY_ROOT;
  /** raw 16 bytes */
  clsid: Buffer;
  /** raw 4 bytes */
  stateBits: Buffer;
  /** raw FILETIMEs, 8 bytes each */
  creationTime: Buffer;
  modifiedTime: Buffer;
  /** raw 8-byte size field */
  sizeField: Buffer;
  /** stream size in bytes (version 3: low 32 bits, as [MS-CFB] 2.6.3 advises) */
  size: number;
  /** children of a storage or of the root, in directory order (unsorted) */
  children: CfbEntry[];
  /** '/'-joined path of names from the root, for messages */
  path: string;
}

/** A byte range [start, end) of the file. */
export type ByteRange = readonly [number, number];

export interface SectorAccounting {
  sectorSize: number;
  /** bytes after the end of the last owned sector */
  trailingBytes: number;
  /** offset of the first trailing byte */
  trailingOffset: number;
  /** sectors before the last owned one that no structure or stream reaches */
  unreachableSectors: number[];
  /** mini sectors inside the mini stream that no small stream reaches */
  unreachableMiniSectors: number[];
  /** version 4 files: non-zero bytes in the header sector after the 512-byte header */
  headerPaddingNonZero: boolean;
}

/** A piece of stream content: bytes already in memory (the mini stream) or a byte range of the file. */
export type ContentPiece = Buffer | ByteRange;

/** The parsed structure of a compound file, without its stream contents. */
export interface CfbLayout {
  /** file size in bytes */
  fileSize: number;
  majorVersion: 3 | 4;
  sectorSize: number;
  root: CfbEntry;
  /** every entry reachable from the root, root first */
  entries: CfbEntry[];
  accounting: SectorAccounting;
  /** the mini stream (the root entry's content), held in memory */
  miniStream: Buffer;
  /** the byte ranges of the file holding a stream's content, in order, exactly `entry.size` bytes in total */
  streamRanges(entry: CfbEntry): ByteRange[];
  /**
   * A stream's content in order, exactly `entry.size` bytes in total: contiguous sectors merged into file
   * ranges of at most MAX_READ bytes (regular streams), or slices of `miniStream` (small streams). Lazy:
   * walks the FAT as it goes, so a large stream costs no memory here.
   */
  contentPieces(entry: CfbEntry): Generator<ContentPiece, void, undefined>;
  /** the file bytes of one mini sector of the mini stream */
  miniSectorRange(miniSector: number): ByteRange;
  /** the bytes of one mini sector, from the in-memory mini stream */
  miniSectorBytes(miniSector: number): Buffer;
}

/** A compound file parsed from bytes in memory. */
export interface CompoundFile extends CfbLayout {
  buffer: Buffer;
}

/** Largest single read (and hashed chunk) of stream contents. */
export const MAX_READ = 4 * 1024 * 1024;
/** Mini streams larger than this are refused: it only holds streams < 4096 bytes, and it is kept in memory. */
export const MAX_MINI_STREAM_BYTES = 64 * 1024 * 1024;
/** Directories larger than this are refused (131072 entries; real packages have hundreds). */
export const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

/** A byte range the parser needs: exactly `length` bytes at `offset`, inside the file. */
export interface ReadRequest {
  offset: number;
  length: number;
}
/** A computation that reads the file through ReadRequests (driven by runSync / runAsync). */
export type Reader<T> = Generator<ReadRequest, T, Uint8Array>;

export function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Run a Reader over bytes in memory. */
export function runSync<T>(reader: Reader<T>, buf: Buffer): T {
  let step = reader.next();
  while (!step.done) {
    const { offset, length } = step.value;
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw truncated(`read of ${length} byte(s) at ${offset} lies past the end of the file (${buf.length} bytes)`);
    }
    step = reader.next(buf.subarray(offset, offset + length));
  }
  return step.value;
}

/** Run a Reader over a RandomAccess (an open file). */
export async function runAsync<T>(reader: Reader<T>, access: RandomAccess): Promise<T> {
  let step = reader.next();
  while (!step.done) {
    const { offset, length } = step.value;
    if (offset < 0 || length < 0 || offset + length > access.size) {
      throw truncated(`read of ${length} byte(s) at ${offset} lies past the end of the file (${access.size} bytes)`);
    }
    step = reader.next(asBuffer(await access.read(offset, length)));
  }
  return step.value;
}

/**
 * Read whole sectors (in list order) in runs of consecutive sector numbers of at most MAX_READ bytes;
 * `each(i, bytes)` receives the i-th sector's S bytes.
 */
export function* readSectors(sectors: ArrayLike<number>, count: number, S: number, each: (i: number, bytes: Buffer) => void): Reader<void> {
  const perRun = Math.max(1, Math.floor(MAX_READ / S));
  let i = 0;
  while (i < count) {
    let j = i + 1;
    while (j < count && j - i < perRun && sectors[j] === sectors[j - 1] + 1) j++;
    const bytes = asBuffer(yield { offset: (sectors[i] + 1) * S, length: (j - i) * S });
    for (let k = i; k < j; k++) each(k, bytes.subarray((k - i) * S, (k - i + 1) * S));
    i = j;
  }
}

export function malformed(message: string): VerifyError {
  return new VerifyError('MALFORMED_MSI', message);
}

export function truncated(message: string): VerifyError {
  return new VerifyError('TRUNCATED_FILE', message);
}

export function hex(n: number): string {
  return '0x' + n.toString(16).toUpperCase().padStart(8, '0');
}

/** True when the buffer starts with the compound file signature. */
export function isCompoundFile(buf: Uint8Array): boolean {
  return buf.length >= 8 && CFB_SIGNATURE.equals(Buffer.from(buf.buffer, buf.byteOffset, 8));
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Copy `count` little-endian uint32 values from buf[offset…] into dst[at…]. */
export function readU32s(buf: Buffer, offset: number, dst: Uint32Array, at: number, count: number): void {
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(dst.buffer, dst.byteOffset + at * 4, count * 4).set(buf.subarray(offset, offset + count * 4));
  } else {
    for (let i = 0; i < count; i++) dst[at + i] = buf.readUInt32LE(offset + 4 * i);
  }
}

/** How many sectors from `sector` on the chain continues to consecutive sector numbers (1 … max). */
export function contiguousRun(fat: Uint32Array, sector: number, max: number): number {
  let n = 1;
  while (n < max && fat[sector + n - 1] === sector + n) n++;
  return n;
}
