/**
 * Bounds-checked reader of an OLE compound file (MS-CFB), as used by MSI packages.
 *
 * It reads the header, the DIFAT, the FAT, the directory and the mini FAT itself (it needs the raw
 * directory entry bytes — names, CLSIDs, state bits, FILETIMEs — for the MSI digests, and it needs to
 * account for every sector of the file), and it never copies stream contents: a stream is described as a
 * list of byte ranges of the file buffer, hashed in place.
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
import { VerifyError } from './errors';

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const HEADER_SIZE = 512;
const DIFAT_IN_HEADER = 109;
const DIR_ENTRY_SIZE = 128;
const MINI_SECTOR_SIZE = 64;
const MINI_STREAM_CUTOFF = 4096;

/** Special sector numbers ([MS-CFB] 2.1). */
const MAXREGSECT = 0xfffffffa;
const DIFSECT = 0xfffffffc;
const FATSECT = 0xfffffffd;
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

/** A byte range [start, end) of the file buffer. */
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

export interface CompoundFile {
  buffer: Buffer;
  majorVersion: 3 | 4;
  sectorSize: number;
  root: CfbEntry;
  /** every entry reachable from the root, root first */
  entries: CfbEntry[];
  accounting: SectorAccounting;
  /** the byte ranges holding a stream's content, in order, exactly `entry.size` bytes in total */
  streamRanges(entry: CfbEntry): ByteRange[];
  /** the file bytes of one mini sector of the mini stream */
  miniSectorRange(miniSector: number): ByteRange;
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
  private readonly ids: Int32Array;
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
  owned(sector: number): boolean {
    return this.ids[sector] !== 0;
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

/**
 * Parse and account for a compound file held in `buf`. Throws VerifyError for structure that does not
 * hold together; reports trailing / unreachable data in `accounting`.
 */
export function parseCompoundFile(buf: Buffer): CompoundFile {
  if (!isCompoundFile(buf)) throw malformed('not a compound file: signature D0 CF 11 E0 A1 B1 1A E1 missing');
  if (buf.length < HEADER_SIZE) {
    throw truncated(`compound file header needs ${HEADER_SIZE} bytes, file has ${buf.length}`);
  }
  const u16 = (o: number): number => buf.readUInt16LE(o);
  const u32 = (o: number): number => buf.readUInt32LE(o);

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
  if (buf.length < S) throw truncated(`file of ${buf.length} bytes is shorter than one ${S}-byte header sector`);
  /** sectors wholly present in the file */
  const physical = Math.floor((buf.length - S) / S);
  const sectorOffset = (sector: number): number => (sector + 1) * S;

  const owner = new Ownership(physical);
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
      const base = sectorOffset(difat);
      for (let i = 0; i < perSector && fatSectors.length < numFatSectors; i++) fatSectors.push(u32(base + 4 * i));
      difat = u32(base + S - 4);
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

  // --- FAT ([MS-CFB] 2.3)
  const perFat = S / 4;
  const fatLength = numFatSectors * perFat;
  const fat = new Uint32Array(fatLength);
  for (let f = 0; f < fatSectors.length; f++) {
    const base = sectorOffset(fatSectors[f]);
    readU32s(buf, base, fat, f * perFat, perFat);
  }

  /**
   * Follow a FAT chain from `start`. `needed` sectors are claimed for `who`; sectors the chain carries
   * past `needed` are claimed as "slack of who" (reported as unreachable data). needed = Infinity: the
   * whole chain belongs to `who`.
   */
  const followChain = (start: number, who: Owner, needed: number): number[] => {
    const chain: number[] = [];
    const id = owner.idOf(who);
    let sector = start;
    while (sector !== ENDOFCHAIN) {
      if (sector === FREESECT && chain.length === 0 && needed === 0) break;
      checkRegular(sector, who);
      if (sector >= fatLength) {
        if (sector >= physical) throw truncated(`${who}: sector ${sector} lies past the end of the file`);
        throw malformed(`${who}: sector ${sector} has no FAT entry (FAT covers ${fatLength} sectors)`);
      }
      if (chain.length >= physical) throw malformed(`${who}: sector chain loops (FAT loop)`);
      claimId(sector, id, chain.length >= needed);
      chain.push(sector);
      sector = fat[sector];
    }
    if (chain.length < needed && needed !== Infinity) {
      throw malformed(`${who}: sector chain holds ${chain.length} sectors, ${needed} needed`);
    }
    return chain;
  };

  // --- directory ([MS-CFB] 2.6)
  if (firstDirSector === ENDOFCHAIN) throw malformed('no directory sectors');
  const dirChain = followChain(firstDirSector, 'the directory', Infinity);
  if (major === 4 && numDirSectors !== 0 && numDirSectors !== dirChain.length) {
    throw malformed(`directory chain has ${dirChain.length} sectors, header declares ${numDirSectors}`);
  }
  const perDirSector = S / DIR_ENTRY_SIZE;
  const entryCount = dirChain.length * perDirSector;
  const entryOffset = (id: number): number => sectorOffset(dirChain[Math.floor(id / perDirSector)]) + (id % perDirSector) * DIR_ENTRY_SIZE;

  interface RawLinks {
    left: number;
    right: number;
    child: number;
    start: number;
  }
  const links = new Map<number, RawLinks>();
  const readEntry = (id: number, parentPath: string): CfbEntry => {
    const o = entryOffset(id);
    const nameLen = u16(o + 0x40);
    const type = buf[o + 0x42];
    const where = `directory entry ${id}`;
    if (nameLen < 2 || nameLen > 64 || nameLen % 2 !== 0) throw malformed(`${where}: name length ${nameLen} is not valid`);
    const nameBytes = Buffer.from(buf.subarray(o, o + nameLen - 2));
    if (u16(o + nameLen - 2) !== 0) throw malformed(`${where}: name is not null-terminated`);
    for (let i = 0; i < nameBytes.length; i += 2) {
      if (nameBytes.readUInt16LE(i) === 0) throw malformed(`${where}: name holds a null character`);
    }
    if (id === 0 ? type !== ENTRY_ROOT : type !== ENTRY_STORAGE && type !== ENTRY_STREAM) {
      throw malformed(`${where}: object type ${type} is not valid here`);
    }
    const sizeField = Buffer.from(buf.subarray(o + 0x78, o + 0x80));
    const low = sizeField.readUInt32LE(0);
    const high = sizeField.readUInt32LE(4);
    if (major === 4 && high !== 0) throw malformed(`${where}: stream size exceeds 4 GiB`);
    const size = type === ENTRY_STORAGE ? 0 : low;
    if (size > buf.length) throw truncated(`${where}: size ${size} exceeds the file size ${buf.length}`);
    const name = nameBytes.toString('utf16le');
    links.set(id, { left: u32(o + 0x44), right: u32(o + 0x48), child: u32(o + 0x4c), start: u32(o + 0x74) });
    return {
      id,
      offset: o,
      nameBytes,
      name,
      type: type as CfbEntry['type'],
      clsid: Buffer.from(buf.subarray(o + 0x50, o + 0x60)),
      stateBits: Buffer.from(buf.subarray(o + 0x60, o + 0x64)),
      creationTime: Buffer.from(buf.subarray(o + 0x64, o + 0x6c)),
      modifiedTime: Buffer.from(buf.subarray(o + 0x6c, o + 0x74)),
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
  const rootStart = links.get(0)!.start;
  const miniStreamChain = root.size > 0 ? followChain(rootStart, 'the mini stream', Math.ceil(root.size / S)) : [];
  // no mini FAT: count 0 and ENDOFCHAIN ([MS-CFB] 2.2); FREESECT is tolerated for the start
  const miniFatChain =
    numMiniFatSectors === 0 && (firstMiniFatSector === ENDOFCHAIN || firstMiniFatSector === FREESECT)
      ? []
      : followChain(firstMiniFatSector, 'the mini FAT', Infinity);
  if (miniFatChain.length !== numMiniFatSectors) {
    throw malformed(`mini FAT chain has ${miniFatChain.length} sectors, header declares ${numMiniFatSectors}`);
  }
  const miniFatLength = miniFatChain.length * perFat;
  const miniFat = new Uint32Array(miniFatLength);
  for (let f = 0; f < miniFatChain.length; f++) {
    const base = sectorOffset(miniFatChain[f]);
    readU32s(buf, base, miniFat, f * perFat, perFat);
  }
  const miniSectorCount = Math.floor(root.size / MINI_SECTOR_SIZE);
  const miniOwner = new Ownership(miniSectorCount);
  const miniSectorOffset = (m: number): number => {
    const byte = m * MINI_SECTOR_SIZE;
    return sectorOffset(miniStreamChain[Math.floor(byte / S)]) + (byte % S);
  };

  // --- stream chains
  const chains = new Map<number, number[]>();
  const miniChains = new Map<number, number[]>();
  for (const e of entries) {
    if (e.type !== ENTRY_STREAM || e.size === 0) continue;
    const who = `stream ${e.path}`;
    const start = links.get(e.id)!.start;
    if (e.size >= MINI_STREAM_CUTOFF) {
      chains.set(e.id, followChain(start, who, Math.ceil(e.size / S)));
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
    if (owner.owned(i)) {
      lastOwned = i;
      break;
    }
  }
  const end = sectorOffset(lastOwned + 1);
  const unreachableSectors: number[] = [];
  for (let i = 0; i <= lastOwned; i++) {
    if (owner.unreachable(i)) unreachableSectors.push(i);
  }
  const unreachableMiniSectors: number[] = [];
  for (let i = 0; i < miniSectorCount; i++) {
    if (miniOwner.unreachable(i)) unreachableMiniSectors.push(i);
  }
  let headerPaddingNonZero = false;
  for (let i = HEADER_SIZE; i < S; i++) {
    if (buf[i] !== 0) {
      headerPaddingNonZero = true;
      break;
    }
  }

  const streamRanges = (entry: CfbEntry): ByteRange[] => {
    const ranges: [number, number][] = [];
    const add = (a: number, b: number): void => {
      const last = ranges[ranges.length - 1];
      if (last && last[1] === a) last[1] = b;
      else ranges.push([a, b]);
    };
    let remaining = entry.size;
    const big = chains.get(entry.id);
    const mini = miniChains.get(entry.id);
    if (big) {
      for (const s of big) {
        if (remaining <= 0) break;
        const n = Math.min(S, remaining);
        add(sectorOffset(s), sectorOffset(s) + n);
        remaining -= n;
      }
    } else if (mini) {
      for (const m of mini) {
        if (remaining <= 0) break;
        const n = Math.min(MINI_SECTOR_SIZE, remaining);
        const o = miniSectorOffset(m);
        add(o, o + n);
        remaining -= n;
      }
    }
    return ranges;
  };

  return {
    buffer: buf,
    majorVersion: major,
    sectorSize: S,
    root,
    entries,
    accounting: {
      sectorSize: S,
      trailingBytes: buf.length - end,
      trailingOffset: end,
      unreachableSectors,
      unreachableMiniSectors,
      headerPaddingNonZero,
    },
    streamRanges,
    miniSectorRange: (m: number): ByteRange => {
      if (!Number.isInteger(m) || m < 0 || m >= miniSectorCount) throw new RangeError(`mini sector ${m} out of range`);
      const o = miniSectorOffset(m);
      return [o, o + MINI_SECTOR_SIZE];
    },
  };
}

/** Byte ranges of whole sectors (for checking whether unreachable sectors hold data). */
export function sectorRange(cf: CompoundFile, sector: number): ByteRange {
  const start = (sector + 1) * cf.sectorSize;
  return [start, start + cf.sectorSize];
}
