/**
 * The compound file parser (msi-cfb.ts drives it), as named steps over one file: the header, the DIFAT (the
 * list of FAT sectors), the FAT, the directory, the mini stream and mini FAT, each stream's chain, and the
 * sector accounting; then the stream access the parsed layout offers. Each step is a Reader (it yields the byte
 * ranges it needs) or a plain function; the bounds and the errors are those of [MS-CFB] as listed in msi-cfb.ts.
 */
import {
  asBuffer,
  type ByteRange,
  type CfbEntry,
  type CfbLayout,
  type ContentPiece,
  contiguousRun,
  DIFAT_IN_HEADER,
  ENDOFCHAIN,
  ENTRY_STREAM,
  FREESECT,
  HEADER_SIZE,
  hex,
  malformed,
  MAX_DIRECTORY_BYTES,
  MAX_MINI_STREAM_BYTES,
  MAX_READ,
  MINI_SECTOR_SIZE,
  MINI_STREAM_CUTOFF,
  type Reader,
  readSectors,
  readU32s,
  type SectorAccounting,
  truncated,
} from './msi-cfb-base';
import { type Directory, readDirectory } from './msi-cfb-directory';
import { Ownership, SectorClaims } from './msi-cfb-sectors';

/** The header's fields ([MS-CFB] 2.2), checked. */
interface CfbHeader {
  major: 3 | 4;
  /** sector size */
  S: number;
  numDirSectors: number;
  numFatSectors: number;
  firstDirSector: number;
  firstMiniFatSector: number;
  numMiniFatSectors: number;
  firstDifatSector: number;
  numDifatSectors: number;
  /** the FAT sector numbers the header holds (up to DIFAT_IN_HEADER) */
  headerDifat: number[];
  headerPaddingNonZero: boolean;
}

/** The header ([MS-CFB] 2.2), over a file of `fileSize` bytes whose first 8 bytes are the signature. */
function* readHeader(fileSize: number): Reader<CfbHeader> {
  if (fileSize < HEADER_SIZE) {
    throw truncated(`compound file header needs ${HEADER_SIZE} bytes, file has ${fileSize}`);
  }
  const hdr = asBuffer(yield { offset: 0, length: HEADER_SIZE });
  const u16 = (o: number): number => hdr.readUInt16LE(o);
  const u32 = (o: number): number => hdr.readUInt32LE(o);

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
  const headerDifat: number[] = [];
  for (let i = 0; i < DIFAT_IN_HEADER && headerDifat.length < numFatSectors; i++) {
    headerDifat.push(u32(0x4c + 4 * i));
  }
  return {
    major,
    S,
    numDirSectors,
    numFatSectors,
    firstDirSector,
    firstMiniFatSector,
    numMiniFatSectors,
    firstDifatSector,
    numDifatSectors,
    headerDifat,
    headerPaddingNonZero,
  };
}

/** The DIFAT ([MS-CFB] 2.5): the list of FAT sectors, the DIFAT's and the FAT's sectors claimed. */
function* readFatSectorList(h: CfbHeader, claims: SectorClaims): Reader<number[]> {
  const { S, numFatSectors, numDifatSectors } = h;
  const physical = claims.physical;
  const sectorOffset = (sector: number): number => (sector + 1) * S;
  if (numFatSectors > physical) {
    throw truncated(`header declares ${numFatSectors} FAT sectors, the file holds ${physical} sectors`);
  }
  if (numDifatSectors > physical) {
    throw truncated(`header declares ${numDifatSectors} DIFAT sectors, the file holds ${physical} sectors`);
  }
  const fatSectors: number[] = [...h.headerDifat];
  {
    let difat = h.firstDifatSector;
    const perSector = S / 4 - 1;
    for (let n = 0; n < numDifatSectors; n++) {
      claims.checkRegular(difat, 'DIFAT chain');
      claims.claim(difat, 'the DIFAT');
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
    claims.checkRegular(s, 'DIFAT entry');
    claims.claim(s, 'the FAT');
  }
  return fatSectors;
}

/**
 * The FAT ([MS-CFB] 2.3) into `claims.fat`. Only entries of sectors inside the file can be followed (a chain
 * reaching sector >= physical ends as TRUNCATED_FILE before its entry is looked at), so only those are kept.
 */
function* readFat(h: CfbHeader, fatSectors: readonly number[], claims: SectorClaims): Reader<void> {
  const { S, numFatSectors } = h;
  const perFat = S / 4;
  const fatLength = numFatSectors * perFat;
  const fatKept = Math.min(fatLength, claims.physical);
  const fat = new Uint32Array(fatKept);
  yield* readSectors(fatSectors, Math.ceil(fatKept / perFat), S, (f, bytes) => {
    readU32s(bytes, 0, fat, f * perFat, Math.min(perFat, fatKept - f * perFat));
  });
  claims.fat = fat;
  claims.fatLength = fatLength;
}

/** The directory ([MS-CFB] 2.6): its chain claimed and read (<= MAX_DIRECTORY_BYTES), its entries walked. */
function* readDirectoryChain(h: CfbHeader, fileSize: number, claims: SectorClaims): Reader<Directory> {
  const { S, major, numDirSectors, firstDirSector } = h;
  if (firstDirSector === ENDOFCHAIN) throw malformed('no directory sectors');
  const dirChain = claims.followChain(firstDirSector, 'the directory', Infinity, MAX_DIRECTORY_BYTES / S + 1);
  const dirLength = claims.lastChainLength;
  if (major === 4 && numDirSectors !== 0 && numDirSectors !== dirLength) {
    throw malformed(`directory chain has ${dirLength} sectors, header declares ${numDirSectors}`);
  }
  if (dirLength * S > MAX_DIRECTORY_BYTES) {
    throw malformed(`directory of ${dirLength} sectors is larger than the ${MAX_DIRECTORY_BYTES}-byte limit`);
  }
  const dir = Buffer.alloc(dirChain.length * S);
  yield* readSectors(dirChain, dirChain.length, S, (i, bytes) => bytes.copy(dir, i * S));
  return readDirectory(dir, dirChain, S, major, fileSize);
}

/** The mini stream and the mini FAT, in memory. */
interface MiniStream {
  /** the mini stream's sectors (of the file), in order */
  chain: number[];
  bytes: Buffer;
  /** mini sectors inside the mini stream */
  sectorCount: number;
  fat: Uint32Array;
  /** mini FAT entries covered (mini FAT sectors × entries per sector) */
  fatLength: number;
}

/** The mini stream (the root's content, <= MAX_MINI_STREAM_BYTES) and the mini FAT ([MS-CFB] 2.4). */
function* readMiniStream(h: CfbHeader, d: Directory, claims: SectorClaims): Reader<MiniStream> {
  const { S, numMiniFatSectors, firstMiniFatSector } = h;
  const root = d.root;
  const perFat = S / 4;
  if (root.size > MAX_MINI_STREAM_BYTES) {
    throw malformed(`mini stream of ${root.size} bytes is larger than the ${MAX_MINI_STREAM_BYTES}-byte limit`);
  }
  const rootStart = d.links.get(0)!.start;
  const miniNeeded = Math.ceil(root.size / S);
  const miniStreamChain = root.size > 0 ? claims.followChain(rootStart, 'the mini stream', miniNeeded, miniNeeded) : [];
  // no mini FAT: count 0 and ENDOFCHAIN ([MS-CFB] 2.2); FREESECT is tolerated for the start
  const miniSectorCount = Math.floor(root.size / MINI_SECTOR_SIZE);
  // only the mini FAT entries of mini sectors inside the mini stream can be followed
  const miniFatKeepSectors = Math.ceil(miniSectorCount / perFat);
  const noChain: number[] = [];
  const miniFatChain =
    numMiniFatSectors === 0 && (firstMiniFatSector === ENDOFCHAIN || firstMiniFatSector === FREESECT)
      ? noChain
      : claims.followChain(firstMiniFatSector, 'the mini FAT', Infinity, miniFatKeepSectors);
  const miniFatChainLength = miniFatChain === noChain ? 0 : claims.lastChainLength;
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
  return { chain: miniStreamChain, bytes: miniStream, sectorCount: miniSectorCount, fat: miniFat, fatLength: miniFatLength };
}

/** Where each stream's content lies: regular streams by start sector, small streams by mini sector chain. */
interface StreamChains {
  /** regular streams: only the start sector is kept; the FAT is walked again to read */
  starts: Map<number, number>;
  miniChains: Map<number, number[]>;
  miniOwner: Ownership;
}

/** Every stream's chain claimed: regular streams in the FAT, small streams in the mini FAT. */
function claimStreamChains(h: CfbHeader, d: Directory, mini: MiniStream, claims: SectorClaims): StreamChains {
  const { S } = h;
  const miniSectorCount = mini.sectorCount;
  const miniFatLength = mini.fatLength;
  const miniFat = mini.fat;
  const miniOwner = new Ownership(miniSectorCount);
  const starts = new Map<number, number>();
  const miniChains = new Map<number, number[]>();
  for (const e of d.entries) {
    if (e.type !== ENTRY_STREAM || e.size === 0) continue;
    const who = `stream ${e.path}`;
    const start = d.links.get(e.id)!.start;
    if (e.size >= MINI_STREAM_CUTOFF) {
      claims.followChain(start, who, Math.ceil(e.size / S), 0);
      starts.set(e.id, start);
      continue;
    }
    const needed = Math.ceil(e.size / MINI_SECTOR_SIZE);
    const miniId = miniOwner.idOf(who);
    const chain: number[] = [];
    let m = start;
    while (m !== ENDOFCHAIN) {
      claims.checkRegular(m, who);
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
  return { starts, miniChains, miniOwner };
}

/** Trailing bytes after the last owned sector, and sectors (and mini sectors) before it that nobody reaches. */
function accountSectors(h: CfbHeader, fileSize: number, claims: SectorClaims, mini: MiniStream, streams: StreamChains): SectorAccounting {
  const { S } = h;
  const ownerIds = claims.ownerIds;
  let lastOwned = -1;
  for (let i = claims.physical - 1; i >= 0; i--) {
    if (ownerIds[i] !== 0) {
      lastOwned = i;
      break;
    }
  }
  const end = (lastOwned + 1 + 1) * S;
  const unreachableSectors: number[] = [];
  // owned by nobody (0) or slack (< 0)
  for (let i = 0; i <= lastOwned; i++) {
    if (ownerIds[i] <= 0) unreachableSectors.push(i);
  }
  const unreachableMiniSectors: number[] = [];
  for (let i = 0; i < mini.sectorCount; i++) {
    if (streams.miniOwner.unreachable(i)) unreachableMiniSectors.push(i);
  }
  return {
    sectorSize: S,
    trailingBytes: fileSize - end,
    trailingOffset: end,
    unreachableSectors,
    unreachableMiniSectors,
    headerPaddingNonZero: h.headerPaddingNonZero,
  };
}

/** The layout's stream access: byte ranges and content pieces of a stream, bytes and ranges of a mini sector. */
function streamAccess(
  h: CfbHeader,
  claims: SectorClaims,
  mini: MiniStream,
  streams: StreamChains,
): Pick<CfbLayout, 'streamRanges' | 'contentPieces' | 'miniSectorRange' | 'miniSectorBytes'> {
  const { S } = h;
  const { fat } = claims;
  const { starts, miniChains } = streams;
  const miniStreamChain = mini.chain;
  const miniStream = mini.bytes;
  const miniSectorCount = mini.sectorCount;
  const sectorOffset = (sector: number): number => (sector + 1) * S;
  const miniSectorOffset = (m: number): number => {
    const byte = m * MINI_SECTOR_SIZE;
    return sectorOffset(miniStreamChain[Math.floor(byte / S)]) + (byte % S);
  };

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

/** The parser, over a file of `fileSize` bytes whose first 8 bytes are the signature: the steps above in order. */
export function* parseLayout(fileSize: number): Reader<CfbLayout> {
  const h = yield* readHeader(fileSize);
  /** sectors wholly present in the file */
  const physical = Math.floor((fileSize - h.S) / h.S);
  const claims = new SectorClaims(physical);
  const fatSectors = yield* readFatSectorList(h, claims);
  yield* readFat(h, fatSectors, claims);
  const directory = yield* readDirectoryChain(h, fileSize, claims);
  const mini = yield* readMiniStream(h, directory, claims);
  const streams = claimStreamChains(h, directory, mini, claims);
  return {
    fileSize,
    majorVersion: h.major,
    sectorSize: h.S,
    root: directory.root,
    entries: directory.entries,
    accounting: accountSectors(h, fileSize, claims, mini, streams),
    miniStream: mini.bytes,
    ...streamAccess(h, claims, mini, streams),
  };
}
