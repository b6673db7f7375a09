/**
 * Bounds-checked reader of an OLE compound file (MS-CFB), as used by MSI packages.
 *
 * It reads the header, the DIFAT, the FAT, the directory, the mini FAT and the mini stream (it needs the
 * raw directory entry bytes — names, CLSIDs, state bits, FILETIMEs — for the MSI digests, and it needs to
 * account for every sector of the file), and it never copies the contents of regular (>= 4096-byte)
 * streams: a stream is described as byte ranges of the file, read on demand.
 *
 * Random access: the parser is written once, as a generator that yields the byte ranges it needs
 * (ReadRequest) and receives their bytes. parseCompoundFile drives it synchronously over a Buffer (tests,
 * fuzzing, callers holding the bytes); readCompoundFile drives it over a RandomAccess (an open file
 * handle), so a large package is never held whole: only the header sector, the FAT entries that can
 * matter (one per sector of the file), the DIFAT, the directory (<= MAX_DIRECTORY_BYTES), the mini FAT,
 * the mini stream (<= MAX_MINI_STREAM_BYTES) and one owner id per sector are kept.
 *
 * Sector accounting (CVE-2020-1464 "GlueBall" class): every sector is owned by exactly one of the FAT,
 * the DIFAT, the directory, the mini FAT, the mini stream or one stream's data. Bytes after the last owned
 * sector are trailing data; sectors before it that nobody owns (or that a chain carries past its stream's
 * size) are unreachable data. Both are reported, not thrown: the signatures are still reported.
 *
 * Fatal structure problems (bad header, FAT loops, cross-linked sectors, chains past the end of the file,
 * directory loops) throw VerifyError('MALFORMED_MSI' | 'TRUNCATED_FILE').
 *
 * References: [MS-CFB] Compound File Binary File Format, sections 2.2 (header), 2.3 (FAT), 2.4 (mini FAT),
 * 2.5 (DIFAT), 2.6 (directory entries).
 */
import { VerifyError } from '../errors';
import type { RandomAccess } from './pe-reader';

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const HEADER_SIZE = 512;
const DIFAT_IN_HEADER = 109;
const DIR_ENTRY_SIZE = 128;
const MINI_SECTOR_SIZE = 64;
const MINI_STREAM_CUTOFF = 4096;

/** Special sector numbers ([MS-CFB] 2.1). */
const MAXREGSECT = 0xfffffffa;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;

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

function asBuffer(u: Uint8Array): Buffer {
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
function* readSectors(sectors: ArrayLike<number>, count: number, S: number, each: (i: number, bytes: Buffer) => void): Reader<void> {
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

function malformed(message: string): VerifyError {
  return new VerifyError('MALFORMED_MSI', message);
}

function truncated(message: string): VerifyError {
  return new VerifyError('TRUNCATED_FILE', message);
}

function hex(n: number): string {
  return '0x' + n.toString(16).toUpperCase().padStart(8, '0');
}

/** True when the buffer starts with the compound file signature. */
export function isCompoundFile(buf: Uint8Array): boolean {
  return buf.length >= 8 && CFB_SIGNATURE.equals(Buffer.from(buf.buffer, buf.byteOffset, 8));
}

type Owner = string;

/**
 * Who owns each sector: 0 = nobody, k > 0 = owners[k - 1], k < 0 = slack (sectors a chain carries past its
 * stream's size) of owners[-k - 1]. A typed array: a 256 MiB file has half a million 512-byte sectors.
 */
class Ownership {
  /** the owner ids by sector (read directly by hot loops; written only through claim) */
  readonly ids: Int32Array;
  private readonly names: Owner[] = [];
  private readonly index = new Map<Owner, number>();
  constructor(count: number) {
    this.ids = new Int32Array(count);
  }
  /** The id of an owner (registered on first use). */
  idOf(who: Owner): number {
    let k = this.index.get(who);
    if (k === undefined) {
      this.names.push(who);
      k = this.names.length;
      this.index.set(who, k);
    }
    return k;
  }
  /**
   * Record owner `id` (or its slack) for `sector`. Returns null when the sector was free, 'loop' when the
   * same owner already holds it (a chain that comes back on itself), else the previous owner's name.
   */
  claim(sector: number, id: number, slack: boolean): Owner | 'loop' | null {
    const prev = this.ids[sector];
    if (prev === id || prev === -id) return 'loop';
    if (prev !== 0) return this.nameOf(prev);
    this.ids[sector] = slack ? -id : id;
    return null;
  }
  name(id: number): Owner {
    return this.names[id - 1];
  }
  /** owned by nobody, or slack */
  unreachable(sector: number): boolean {
    return this.ids[sector] <= 0;
  }
  private nameOf(id: number): Owner {
    return id > 0 ? this.names[id - 1] : `slack of ${this.names[-id - 1]}`;
  }
}

/** Upper-case each UTF-16 unit on its own (simple case mapping; a unit whose upper case is longer stays). */
function upperUnits(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    const up = ch.toUpperCase();
    out += up.length === 1 ? up : ch;
  }
  return out;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Copy `count` little-endian uint32 values from buf[offset…] into dst[at…]. */
function readU32s(buf: Buffer, offset: number, dst: Uint32Array, at: number, count: number): void {
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(dst.buffer, dst.byteOffset + at * 4, count * 4).set(buf.subarray(offset, offset + count * 4));
  } else {
    for (let i = 0; i < count; i++) dst[at + i] = buf.readUInt32LE(offset + 4 * i);
  }
}

/** How many sectors from `sector` on the chain continues to consecutive sector numbers (1 … max). */
function contiguousRun(fat: Uint32Array, sector: number, max: number): number {
  let n = 1;
  while (n < max && fat[sector + n - 1] === sector + n) n++;
  return n;
}

/**
 * followChain's hot loop, as a plain function over typed arrays (a 1 GiB stream is two million sectors):
 * claims sectors while each is an ordinary one — covered by `fat` (which holds entries of sectors inside
 * the file only), not yet owned, and the chain not longer than the file. Returns the sector it stopped at
 * and the chain length so far; the caller checks and reports that sector.
 */
function claimRun(
  fat: Uint32Array,
  ids: Int32Array,
  start: number,
  id: number,
  needed: number,
  physical: number,
  chain: number[],
  keep: number,
): [number, number] {
  const kept = fat.length;
  let sector = start;
  let length = 0;
  while (sector < kept && length < physical && ids[sector] === 0) {
    ids[sector] = length >= needed ? -id : id;
    if (length < keep) chain.push(sector);
    length++;
    sector = fat[sector];
  }
  return [sector, length];
}

/**
 * Parse and account for a compound file held in `buf`. Throws VerifyError for structure that does not
 * hold together; reports trailing / unreachable data in `accounting`.
 */
export function parseCompoundFile(buf: Buffer): CompoundFile {
  if (!isCompoundFile(buf)) throw malformed('not a compound file: signature D0 CF 11 E0 A1 B1 1A E1 missing');
  return { ...runSync(parseLayout(buf.length), buf), buffer: buf };
}

/** As parseCompoundFile, reading only the structures (never regular stream contents) through `access`. */
export async function readCompoundFile(access: RandomAccess): Promise<CfbLayout> {
  if (access.size < 8 || !isCompoundFile(await access.read(0, 8))) {
    throw malformed('not a compound file: signature D0 CF 11 E0 A1 B1 1A E1 missing');
  }
  return runAsync(parseLayout(access.size), access);
}

/** The parser, over a file of `fileSize` bytes whose first 8 bytes are the signature. */
function* parseLayout(fileSize: number): Reader<CfbLayout> {
  if (fileSize < HEADER_SIZE) {
    throw truncated(`compound file header needs ${HEADER_SIZE} bytes, file has ${fileSize}`);
  }
  const hdr = asBuffer(yield { offset: 0, length: HEADER_SIZE });
  const u16 = (o: number): number => hdr.readUInt16LE(o);
  const u32 = (o: number): number => hdr.readUInt32LE(o);

  // --- header ([MS-CFB] 2.2)
  const major = u16(0x1a);
  if (major !== 3 && major !== 4) throw malformed(`unknown compound file major version ${major}`);
  if (u16(0x1c) !== 0xfffe) throw malformed(`byte order mark ${u16(0x1c).toString(16)} is not FFFE`);
  const sectorShift = u16(0x1e);
  if ((major === 3 && sectorShift !== 9) || (major === 4 && sectorShift !== 12)) {
    throw malformed(`sector shift ${sectorShift} is not valid for version ${major}`);
  }
  if (u16(0x20) !== 6) throw malformed(`mini sector shift ${u16(0x20)} is not 6`);
  const numDirSectors = u32(0x28);
  if (major === 3 && numDirSectors !== 0) throw malformed('version 3 file with a non-zero directory sector count');
  const numFatSectors = u32(0x2c);
  const firstDirSector = u32(0x30);
  if (u32(0x38) !== MINI_STREAM_CUTOFF) throw malformed(`mini stream cutoff ${u32(0x38)} is not 4096`);
  const firstMiniFatSector = u32(0x3c);
  const numMiniFatSectors = u32(0x40);
  const firstDifatSector = u32(0x44);
  const numDifatSectors = u32(0x48);

  const S = 1 << sectorShift;
  if (fileSize < S) throw truncated(`file of ${fileSize} bytes is shorter than one ${S}-byte header sector`);
  let headerPaddingNonZero = false;
  if (S > HEADER_SIZE) {
    const pad = asBuffer(yield { offset: HEADER_SIZE, length: S - HEADER_SIZE });
    for (let i = 0; i < pad.length; i++) {
      if (pad[i] !== 0) {
        headerPaddingNonZero = true;
        break;
      }
    }
  }
  /** sectors wholly present in the file */
  const physical = Math.floor((fileSize - S) / S);
  const sectorOffset = (sector: number): number => (sector + 1) * S;

  const owner = new Ownership(physical);
  const ownerIds = owner.ids;
  const claimId = (sector: number, id: number, slack: boolean): void => {
    if (sector >= physical) {
      throw truncated(`${owner.name(id)}: sector ${sector} lies past the end of the file (${physical} whole sectors)`);
    }
    const prev = owner.claim(sector, id, slack);
    if (prev === 'loop') throw malformed(`${owner.name(id)}: sector chain comes back to sector ${sector} (FAT loop)`);
    if (prev !== null) throw malformed(`sector ${sector} is used by both ${prev} and ${owner.name(id)}`);
  };
  const claim = (sector: number, who: Owner): void => {
    claimId(sector, owner.idOf(who), false);
  };
  const checkRegular = (sector: number, who: Owner): void => {
    if (sector > MAXREGSECT) throw malformed(`${who}: ${hex(sector)} where a sector number was expected`);
  };

  // --- DIFAT ([MS-CFB] 2.5): the list of FAT sectors
  if (numFatSectors > physical) {
    throw truncated(`header declares ${numFatSectors} FAT sectors, the file holds ${physical} sectors`);
  }
  if (numDifatSectors > physical) {
    throw truncated(`header declares ${numDifatSectors} DIFAT sectors, the file holds ${physical} sectors`);
  }
  const fatSectors: number[] = [];
  for (let i = 0; i < DIFAT_IN_HEADER && fatSectors.length < numFatSectors; i++) {
    fatSectors.push(u32(0x4c + 4 * i));
  }
  {
    let difat = firstDifatSector;
    const perSector = S / 4 - 1;
    for (let n = 0; n < numDifatSectors; n++) {
      checkRegular(difat, 'DIFAT chain');
      claim(difat, 'the DIFAT');
      const sec = asBuffer(yield { offset: sectorOffset(difat), length: S });
      for (let i = 0; i < perSector && fatSectors.length < numFatSectors; i++) fatSectors.push(sec.readUInt32LE(4 * i));
      difat = sec.readUInt32LE(S - 4);
    }
    if (numDifatSectors > 0 && difat !== ENDOFCHAIN && difat !== FREESECT) {
      throw malformed(`DIFAT chain does not end after ${numDifatSectors} sectors (next ${hex(difat)})`);
    }
  }
  if (fatSectors.length < numFatSectors) {
    throw malformed(`DIFAT lists ${fatSectors.length} FAT sectors, header declares ${numFatSectors}`);
  }
  for (const s of fatSectors) {
    checkRegular(s, 'DIFAT entry');
    claim(s, 'the FAT');
  }

  // --- FAT ([MS-CFB] 2.3). Only entries of sectors inside the file can be followed (a chain reaching
  // sector >= physical ends as TRUNCATED_FILE before its entry is looked at), so only those are kept.
  const perFat = S / 4;
  const fatLength = numFatSectors * perFat;
  const fatKept = Math.min(fatLength, physical);
  const fat = new Uint32Array(fatKept);
  yield* readSectors(fatSectors, Math.ceil(fatKept / perFat), S, (f, bytes) => {
    readU32s(bytes, 0, fat, f * perFat, Math.min(perFat, fatKept - f * perFat));
  });

  /**
   * Follow a FAT chain from `start`. `needed` sectors are claimed for `who`; sectors the chain carries
   * past `needed` are claimed as "slack of who" (reported as unreachable data). needed = Infinity: the
   * whole chain belongs to `who`. The first `keep` sectors are returned; the length is left in
   * lastChainLength.
   */
  let lastChainLength = 0;
  const followChain = (start: number, who: Owner, needed: number, keep = Infinity): number[] => {
    const chain: number[] = [];
    let length = 0;
    const id = owner.idOf(who);
    let sector = start;
    // fast path: ordinary sectors (inside the file and the FAT, not yet owned); the loop below checks
    // and reports whatever it stops at
    [sector, length] = claimRun(fat, ownerIds, sector, id, needed, physical, chain, keep);
    while (sector !== ENDOFCHAIN) {
      if (sector === FREESECT && length === 0 && needed === 0) break;
      checkRegular(sector, who);
      if (sector >= fatLength) {
        if (sector >= physical) throw truncated(`${who}: sector ${sector} lies past the end of the file`);
        throw malformed(`${who}: sector ${sector} has no FAT entry (FAT covers ${fatLength} sectors)`);
      }
      if (length >= physical) throw malformed(`${who}: sector chain loops (FAT loop)`);
      // hot path inlined (a 1 GiB stream is two million sectors); claimId reports the problems
      if (sector < physical && ownerIds[sector] === 0) ownerIds[sector] = length >= needed ? -id : id;
      else claimId(sector, id, length >= needed);
      if (length < keep) chain.push(sector);
      length++;
      sector = fat[sector];
    }
    if (length < needed && needed !== Infinity) {
      throw malformed(`${who}: sector chain holds ${length} sectors, ${needed} needed`);
    }
    lastChainLength = length;
    return chain;
  };

  // --- directory ([MS-CFB] 2.6)
  if (firstDirSector === ENDOFCHAIN) throw malformed('no directory sectors');
  const dirChain = followChain(firstDirSector, 'the directory', Infinity, MAX_DIRECTORY_BYTES / S + 1);
  const dirLength = lastChainLength;
  if (major === 4 && numDirSectors !== 0 && numDirSectors !== dirLength) {
    throw malformed(`directory chain has ${dirLength} sectors, header declares ${numDirSectors}`);
  }
  if (dirLength * S > MAX_DIRECTORY_BYTES) {
    throw malformed(`directory of ${dirLength} sectors is larger than the ${MAX_DIRECTORY_BYTES}-byte limit`);
  }
  const dir = Buffer.alloc(dirChain.length * S);
  yield* readSectors(dirChain, dirChain.length, S, (i, bytes) => bytes.copy(dir, i * S));
  const perDirSector = S / DIR_ENTRY_SIZE;
  const entryCount = dirChain.length * perDirSector;
  const entryFileOffset = (id: number): number => sectorOffset(dirChain[Math.floor(id / perDirSector)]) + (id % perDirSector) * DIR_ENTRY_SIZE;

  interface RawLinks {
    left: number;
    right: number;
    child: number;
    start: number;
  }
  const links = new Map<number, RawLinks>();
  const readEntry = (id: number, parentPath: string): CfbEntry => {
    const o = id * DIR_ENTRY_SIZE;
    const d16 = (k: number): number => dir.readUInt16LE(o + k);
    const d32 = (k: number): number => dir.readUInt32LE(o + k);
    const nameLen = d16(0x40);
    const type = dir[o + 0x42];
    const where = `directory entry ${id}`;
    if (nameLen < 2 || nameLen > 64 || nameLen % 2 !== 0) throw malformed(`${where}: name length ${nameLen} is not valid`);
    const nameBytes = Buffer.from(dir.subarray(o, o + nameLen - 2));
    if (d16(nameLen - 2) !== 0) throw malformed(`${where}: name is not null-terminated`);
    for (let i = 0; i < nameBytes.length; i += 2) {
      if (nameBytes.readUInt16LE(i) === 0) throw malformed(`${where}: name holds a null character`);
    }
    if (id === 0 ? type !== ENTRY_ROOT : type !== ENTRY_STORAGE && type !== ENTRY_STREAM) {
      throw malformed(`${where}: object type ${type} is not valid here`);
    }
    const sizeField = Buffer.from(dir.subarray(o + 0x78, o + 0x80));
    const low = sizeField.readUInt32LE(0);
    const high = sizeField.readUInt32LE(4);
    if (major === 4 && high !== 0) throw malformed(`${where}: stream size exceeds 4 GiB`);
    const size = type === ENTRY_STORAGE ? 0 : low;
    if (size > fileSize) throw truncated(`${where}: size ${size} exceeds the file size ${fileSize}`);
    const name = nameBytes.toString('utf16le');
    links.set(id, { left: d32(0x44), right: d32(0x48), child: d32(0x4c), start: d32(0x74) });
    return {
      id,
      offset: entryFileOffset(id),
      nameBytes,
      name,
      type: type as CfbEntry['type'],
      clsid: Buffer.from(dir.subarray(o + 0x50, o + 0x60)),
      stateBits: Buffer.from(dir.subarray(o + 0x60, o + 0x64)),
      creationTime: Buffer.from(dir.subarray(o + 0x64, o + 0x6c)),
      modifiedTime: Buffer.from(dir.subarray(o + 0x6c, o + 0x74)),
      sizeField,
      size,
      children: [],
      path: id === 0 ? '' : parentPath === '' ? name : `${parentPath}/${name}`,
    };
  };

  const root = readEntry(0, '');
  const entries: CfbEntry[] = [root];
  const seen = new Set<number>([0]);
  // Walk each storage's red-black tree (left, right, child links) with an explicit stack: no recursion
  // depth limit, and each entry may be reached only once (a second visit is a loop or a shared subtree).
  const pending: { id: number; parent: CfbEntry }[] = [];
  const pushLink = (id: number, parent: CfbEntry, from: number): void => {
    if (id === NOSTREAM) return;
    if (id >= entryCount) throw malformed(`directory entry ${from} links to entry ${id}, the directory has ${entryCount}`);
    if (seen.has(id)) throw malformed(`directory entry ${id} is reached twice (directory tree loop)`);
    seen.add(id);
    pending.push({ id, parent });
  };
  pushLink(links.get(0)!.child, root, 0);
  {
    const rootLinks = links.get(0)!;
    if (rootLinks.left !== NOSTREAM || rootLinks.right !== NOSTREAM) throw malformed('root entry has siblings');
  }
  while (pending.length > 0) {
    const { id, parent } = pending.pop()!;
    const e = readEntry(id, parent.path);
    parent.children.push(e);
    entries.push(e);
    const l = links.get(id)!;
    pushLink(l.left, parent, id);
    pushLink(l.right, parent, id);
    if (e.type === ENTRY_STORAGE) pushLink(l.child, e, id);
    else if (l.child !== NOSTREAM) throw malformed(`stream ${e.path} has a child entry`);
  }
  // [MS-CFB] 2.6.4: names are unique within a storage, compared after upper-casing each UTF-16 unit
  for (const e of entries) {
    const names = new Set<string>();
    for (const c of e.children) {
      const k = upperUnits(c.name);
      if (names.has(k)) throw malformed(`storage ${e.path || 'Root Entry'} holds two entries named ${JSON.stringify(c.name)} (names compare case-insensitively)`);
      names.add(k);
    }
  }

  // --- mini stream and mini FAT ([MS-CFB] 2.4)
  if (root.size > MAX_MINI_STREAM_BYTES) {
    throw malformed(`mini stream of ${root.size} bytes is larger than the ${MAX_MINI_STREAM_BYTES}-byte limit`);
  }
  const rootStart = links.get(0)!.start;
  const miniNeeded = Math.ceil(root.size / S);
  const miniStreamChain = root.size > 0 ? followChain(rootStart, 'the mini stream', miniNeeded, miniNeeded) : [];
  // no mini FAT: count 0 and ENDOFCHAIN ([MS-CFB] 2.2); FREESECT is tolerated for the start
  const miniSectorCount = Math.floor(root.size / MINI_SECTOR_SIZE);
  // only the mini FAT entries of mini sectors inside the mini stream can be followed
  const miniFatKeepSectors = Math.ceil(miniSectorCount / perFat);
  const noChain: number[] = [];
  const miniFatChain =
    numMiniFatSectors === 0 && (firstMiniFatSector === ENDOFCHAIN || firstMiniFatSector === FREESECT)
      ? noChain
      : followChain(firstMiniFatSector, 'the mini FAT', Infinity, miniFatKeepSectors);
  const miniFatChainLength = miniFatChain === noChain ? 0 : lastChainLength;
  if (miniFatChainLength !== numMiniFatSectors) {
    throw malformed(`mini FAT chain has ${miniFatChainLength} sectors, header declares ${numMiniFatSectors}`);
  }
  const miniFatLength = miniFatChainLength * perFat;
  const miniFat = new Uint32Array(miniFatChain.length * perFat);
  yield* readSectors(miniFatChain, miniFatChain.length, S, (f, bytes) => readU32s(bytes, 0, miniFat, f * perFat, perFat));
  const miniStream = Buffer.alloc(root.size);
  yield* readSectors(miniStreamChain, miniStreamChain.length, S, (i, bytes) => {
    bytes.copy(miniStream, i * S, 0, Math.min(S, root.size - i * S));
  });
  const miniOwner = new Ownership(miniSectorCount);
  const miniSectorOffset = (m: number): number => {
    const byte = m * MINI_SECTOR_SIZE;
    return sectorOffset(miniStreamChain[Math.floor(byte / S)]) + (byte % S);
  };

  // --- stream chains (regular streams: only the start sector is kept; the FAT is walked again to read)
  const starts = new Map<number, number>();
  const miniChains = new Map<number, number[]>();
  for (const e of entries) {
    if (e.type !== ENTRY_STREAM || e.size === 0) continue;
    const who = `stream ${e.path}`;
    const start = links.get(e.id)!.start;
    if (e.size >= MINI_STREAM_CUTOFF) {
      followChain(start, who, Math.ceil(e.size / S), 0);
      starts.set(e.id, start);
      continue;
    }
    const needed = Math.ceil(e.size / MINI_SECTOR_SIZE);
    const miniId = miniOwner.idOf(who);
    const chain: number[] = [];
    let m = start;
    while (m !== ENDOFCHAIN) {
      checkRegular(m, who);
      if (m >= miniSectorCount || m >= miniFatLength) {
        throw malformed(`${who}: mini sector ${m} lies outside the mini stream (${miniSectorCount} mini sectors)`);
      }
      if (chain.length >= miniSectorCount) throw malformed(`${who}: mini FAT chain loops`);
      const prev = miniOwner.claim(m, miniId, chain.length >= needed);
      if (prev === 'loop') throw malformed(`${who}: mini sector chain comes back to mini sector ${m} (mini FAT loop)`);
      if (prev !== null) throw malformed(`mini sector ${m} is used by both ${prev} and ${who}`);
      chain.push(m);
      m = miniFat[m];
    }
    if (chain.length < needed) throw malformed(`${who}: mini sector chain holds ${chain.length} sectors, ${needed} needed`);
    miniChains.set(e.id, chain);
  }

  // --- accounting
  let lastOwned = -1;
  for (let i = physical - 1; i >= 0; i--) {
    if (ownerIds[i] !== 0) {
      lastOwned = i;
      break;
    }
  }
  const end = sectorOffset(lastOwned + 1);
  const unreachableSectors: number[] = [];
  // owned by nobody (0) or slack (< 0)
  for (let i = 0; i <= lastOwned; i++) {
    if (ownerIds[i] <= 0) unreachableSectors.push(i);
  }
  const unreachableMiniSectors: number[] = [];
  for (let i = 0; i < miniSectorCount; i++) {
    if (miniOwner.unreachable(i)) unreachableMiniSectors.push(i);
  }

  /** file ranges of a regular stream, contiguous sectors merged up to `maxRun` bytes */
  function* regularRanges(entry: CfbEntry, maxRun: number): Generator<ByteRange, void, undefined> {
    let remaining = entry.size;
    let sector = starts.get(entry.id)!;
    const maxSectors = Math.max(1, Math.floor(maxRun / S));
    while (remaining > 0) {
      const n = contiguousRun(fat, sector, Math.min(maxSectors, Math.ceil(remaining / S)));
      const a = sectorOffset(sector);
      const bytes = Math.min(n * S, remaining);
      yield [a, a + bytes];
      remaining -= bytes;
      if (remaining > 0) sector = fat[sector + n - 1];
    }
  }

  /** [start, end) slices of the mini stream of a small stream, contiguous mini sectors merged */
  function* miniRanges(entry: CfbEntry): Generator<[number, number], void, undefined> {
    let remaining = entry.size;
    let a = -1;
    let b = -1;
    for (const m of miniChains.get(entry.id) ?? []) {
      if (remaining <= 0) break;
      const n = Math.min(MINI_SECTOR_SIZE, remaining);
      const o = m * MINI_SECTOR_SIZE;
      if (o === b) b += n;
      else {
        if (a >= 0) yield [a, b];
        a = o;
        b = o + n;
      }
      remaining -= n;
    }
    if (a >= 0) yield [a, b];
  }

  const isRegular = (entry: CfbEntry): boolean => entry.type === ENTRY_STREAM && starts.has(entry.id);

  const streamRanges = (entry: CfbEntry): ByteRange[] => {
    const ranges: [number, number][] = [];
    const add = (a: number, b: number): void => {
      const last = ranges[ranges.length - 1];
      if (last && last[1] === a) last[1] = b;
      else ranges.push([a, b]);
    };
    if (isRegular(entry)) {
      for (const [a, b] of regularRanges(entry, Infinity)) add(a, b);
    } else if (miniChains.has(entry.id)) {
      let remaining = entry.size;
      for (const m of miniChains.get(entry.id)!) {
        if (remaining <= 0) break;
        const n = Math.min(MINI_SECTOR_SIZE, remaining);
        const o = miniSectorOffset(m);
        add(o, o + n);
        remaining -= n;
      }
    }
    return ranges;
  };

  function* contentPieces(entry: CfbEntry): Generator<ContentPiece, void, undefined> {
    if (isRegular(entry)) yield* regularRanges(entry, MAX_READ);
    else if (miniChains.has(entry.id)) for (const [a, b] of miniRanges(entry)) yield miniStream.subarray(a, b);
  }

  const checkMini = (m: number): void => {
    if (!Number.isInteger(m) || m < 0 || m >= miniSectorCount) throw new RangeError(`mini sector ${m} out of range`);
  };

  return {
    fileSize,
    majorVersion: major,
    sectorSize: S,
    root,
    entries,
    accounting: {
      sectorSize: S,
      trailingBytes: fileSize - end,
      trailingOffset: end,
      unreachableSectors,
      unreachableMiniSectors,
      headerPaddingNonZero,
    },
    miniStream,
    streamRanges,
    contentPieces,
    miniSectorRange: (m: number): ByteRange => {
      checkMini(m);
      const o = miniSectorOffset(m);
      return [o, o + MINI_SECTOR_SIZE];
    },
    miniSectorBytes: (m: number): Buffer => {
      checkMini(m);
      return miniStream.subarray(m * MINI_SECTOR_SIZE, (m + 1) * MINI_SECTOR_SIZE);
    },
  };
}

/** Byte ranges of whole sectors (for checking whether unreachable sectors hold data). */
export function sectorRange(cf: CfbLayout, sector: number): ByteRange {
  const start = (sector + 1) * cf.sectorSize;
  return [start, start + cf.sectorSize];
}

/**
 * Of the given sectors (ascending), how many hold a non-zero byte, and the first such; read in runs of
 * consecutive sectors of at most MAX_READ bytes.
 */
export function* nonZeroSectors(cf: CfbLayout, sectors: readonly number[]): Reader<{ count: number; first: number }> {
  let count = 0;
  let first = -1;
  yield* readSectors(sectors, sectors.length, cf.sectorSize, (i, bytes) => {
    for (let k = 0; k < bytes.length; k++) {
      if (bytes[k] !== 0) {
        count++;
        if (first < 0) first = sectors[i];
        return;
      }
    }
  });
  return { count, first };
}

/** A stream's content, read into one Buffer; streams larger than `max` bytes are refused. */
export function* readStream(cf: CfbLayout, entry: CfbEntry, max: number): Reader<Buffer> {
  if (entry.size > max) throw malformed(`stream ${entry.path} of ${entry.size} bytes is larger than the ${max}-byte limit`);
  const out = Buffer.alloc(entry.size);
  let at = 0;
  for (const p of cf.contentPieces(entry)) {
    const bytes = Buffer.isBuffer(p) ? p : asBuffer(yield { offset: p[0], length: p[1] - p[0] });
    bytes.copy(out, at);
    at += bytes.length;
  }
  return out;
}
