/**
 * Cabinet extraction ([MS-CAB]): CFHEADER, CFFOLDER, CFFILE and CFDATA read with bounds checks, every CFDATA
 * checksum checked (cab-checksum.ts), folders decoded block by block (stored, MSZIP through node:zlib, LZX
 * through lzx.ts; Quantum is refused with a note) and their bytes handed to the members that cover them, as
 * they are decoded: memory is one data block plus the decoder's window, whatever the cabinet's size.
 *
 * Cabinet-level problems (no "MSCF", a header, a folder table, a file table or a name that runs past the
 * end or does not hold together, no folders or files) throw CabError. Member-level problems (a member whose
 * folder does not exist, that continues from / into another cabinet of a set, whose data fails its checksum
 * or does not decode, or lies past the end of its folder) are that member's error; the others are still
 * extracted. Bounds (`CabLimits`): members (more are listed as not extracted), bytes decoded in total
 * (a decompression bomb stops there), each with a clear note.
 */
import { LzxDecoder, LzxError, LZX_MAX_WINDOW_BITS, LZX_MIN_WINDOW_BITS } from './lzx';
import { MszipDecoder, MszipError } from './mszip';
import { cfdataChecksum } from './cab-checksum';
import type { RandomAccess } from '../formats/pe-reader';

export class CabError extends Error {
  constructor(message: string) {
    super(`cabinet: ${message}`);
    this.name = 'CabError';
  }
}

export const COMPRESS_NONE = 0;
export const COMPRESS_MSZIP = 1;
export const COMPRESS_QUANTUM = 2;
export const COMPRESS_LZX = 3;

const FLAG_PREV_CABINET = 0x0001;
const FLAG_NEXT_CABINET = 0x0002;
const FLAG_RESERVE_PRESENT = 0x0004;
const IFOLD_CONTINUED_FROM_PREV = 0xfffd;
const IFOLD_CONTINUED_TO_NEXT = 0xfffe;
const IFOLD_CONTINUED_PREV_AND_NEXT = 0xffff;
/** attribs: the name is UTF-8 (else a code page; read here as ISO-8859-1) */
export const ATTR_NAME_IS_UTF = 0x80;
const MAX_NAME = 256;
/** [MS-CAB]: a data block holds at most 32 KiB of output (Quantum and LZX frames included) */
const MAX_BLOCK_OUTPUT = 32768;

export interface CabLimits {
  /** members extracted; further ones are listed as not extracted */
  maxFiles: number;
  /** bytes decoded over all folders */
  maxTotalBytes: number;
}

export const DEFAULT_CAB_LIMITS: CabLimits = { maxFiles: 65535, maxTotalBytes: 4 * 1024 ** 3 };

export interface CabFolder {
  index: number;
  dataOffset: number;
  blocks: number;
  typeCompress: number;
  /** 'none' | 'mszip' | 'lzx' | 'quantum' | 'unknown' */
  method: string;
}

export interface CabMember {
  /** index in the CFFILE table */
  index: number;
  /** the name as stored (UTF-8 when ATTR_NAME_IS_UTF, else ISO-8859-1), with its backslashes */
  name: string;
  nameBytes: Buffer;
  size: number;
  /** iFolder as stored */
  folderField: number;
  offset: number;
  attributes: number;
}

export interface CabMemberResult {
  member: CabMember;
  /** all `size` bytes were handed to the sink */
  ok: boolean;
  /** why not (absent when ok, or when the sink skipped it) */
  error?: string;
  skipped?: boolean;
}

export interface CabInfo {
  /** offset of "MSCF" in the file */
  offset: number;
  cbCabinet: number;
  flags: number;
  setID: number;
  iCabinet: number;
  folders: CabFolder[];
  members: CabMember[];
  cbCFFolder: number;
  cbCFData: number;
  prevCabinet: string | null;
  nextCabinet: string | null;
}

export interface CabExtraction {
  info: CabInfo;
  results: CabMemberResult[];
  /** bounds reached, methods refused, a set the cabinet belongs to … */
  notes: string[];
  bytesDecoded: number;
}

/** What receives members' bytes: `open` returns a writer for the member, or null to skip it. */
export interface CabSink {
  open(member: CabMember): ((chunk: Buffer) => void) | null;
  /** called once per member opened, after its last byte or its error */
  close?(member: CabMember, result: CabMemberResult): void;
}

function methodName(type: number): string {
  switch (type & 0x0f) {
    case COMPRESS_NONE:
      return 'none';
    case COMPRESS_MSZIP:
      return 'mszip';
    case COMPRESS_QUANTUM:
      return 'quantum';
    case COMPRESS_LZX:
      return 'lzx';
    default:
      return 'unknown';
  }
}

async function readAt(access: RandomAccess, offset: number, length: number, what: string): Promise<Buffer> {
  if (offset < 0 || length < 0 || offset + length > access.size) throw new CabError(`${what} [${offset}, ${offset + length}) runs past the end of the ${access.size}-byte file`);
  const u = await access.read(offset, length);
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Reads the cabinet's header, folder table and file table at `base`. */
export async function readCabInfo(access: RandomAccess, base = 0): Promise<CabInfo> {
  const head = await readAt(access, base, 36, 'the 36-byte CFHEADER');
  if (head.toString('latin1', 0, 4) !== 'MSCF') throw new CabError('no "MSCF" signature');
  const cbCabinet = head.readUInt32LE(8);
  const coffFiles = head.readUInt32LE(16);
  const versionMinor = head[24]!;
  const versionMajor = head[25]!;
  const cFolders = head.readUInt16LE(26);
  const cFiles = head.readUInt16LE(28);
  const flags = head.readUInt16LE(30);
  const setID = head.readUInt16LE(32);
  const iCabinet = head.readUInt16LE(34);
  if (versionMajor !== 1) throw new CabError(`format version ${versionMajor}.${versionMinor} (cabinets are 1.3)`);
  if (cFolders === 0) throw new CabError('no folders');
  if (cFiles === 0) throw new CabError('no files');
  let at = base + 36;
  let cbCFHeader = 0;
  let cbCFFolder = 0;
  let cbCFData = 0;
  if (flags & FLAG_RESERVE_PRESENT) {
    const r = await readAt(access, at, 4, 'the reserve sizes');
    cbCFHeader = r.readUInt16LE(0);
    cbCFFolder = r[2]!;
    cbCFData = r[3]!;
    at += 4 + cbCFHeader;
    if (at > access.size) throw new CabError(`the ${cbCFHeader}-byte header reserve runs past the end of the file`);
  }
  const readName = async (what: string): Promise<Buffer> => {
    const chunk = await readAt(access, at, Math.min(MAX_NAME, access.size - at), what);
    const nul = chunk.indexOf(0);
    if (nul < 0) throw new CabError(`${what} at ${at} is not a NUL-terminated string of at most 255 bytes`);
    at += nul + 1;
    return chunk.subarray(0, nul);
  };
  let prevCabinet: string | null = null;
  let nextCabinet: string | null = null;
  if (flags & FLAG_PREV_CABINET) {
    prevCabinet = (await readName('the previous cabinet name')).toString('latin1');
    await readName('the previous disk name');
  }
  if (flags & FLAG_NEXT_CABINET) {
    nextCabinet = (await readName('the next cabinet name')).toString('latin1');
    await readName('the next disk name');
  }
  const folderSize = 8 + cbCFFolder;
  const ft = await readAt(access, at, cFolders * folderSize, `the ${cFolders} CFFOLDER entries`);
  const folders: CabFolder[] = [];
  for (let i = 0; i < cFolders; i++) {
    const o = i * folderSize;
    const typeCompress = ft.readUInt16LE(o + 6);
    folders.push({ index: i, dataOffset: base + ft.readUInt32LE(o), blocks: ft.readUInt16LE(o + 4), typeCompress, method: methodName(typeCompress) });
  }
  const members: CabMember[] = [];
  let fo = base + coffFiles;
  for (let i = 0; i < cFiles; i++) {
    const fh = await readAt(access, fo, 16, `CFFILE entry ${i}`);
    const nameChunk = await readAt(access, fo + 16, Math.min(MAX_NAME, access.size - fo - 16), `the name of CFFILE entry ${i}`);
    const nul = nameChunk.indexOf(0);
    if (nul < 0) throw new CabError(`the name of CFFILE entry ${i} is not a NUL-terminated string of at most 255 bytes`);
    const nameBytes = Buffer.from(nameChunk.subarray(0, nul));
    const attributes = fh.readUInt16LE(14);
    members.push({
      index: i,
      name: nameBytes.toString(attributes & ATTR_NAME_IS_UTF ? 'utf8' : 'latin1'),
      nameBytes,
      size: fh.readUInt32LE(0),
      offset: fh.readUInt32LE(4),
      folderField: fh.readUInt16LE(8),
      attributes,
    });
    fo += 16 + nul + 1;
  }
  return { offset: base, cbCabinet, flags, setID, iCabinet, folders, members, cbCFFolder, cbCFData, prevCabinet, nextCabinet };
}

/**
 * Offsets of the cabinets inside a file (as cabextract finds cabinets after other data): each "MSCF" whose
 * header and tables read; the search resumes after a cabinet found. At most `max` cabinets.
 */
export async function findCabinets(access: RandomAccess, max = 64): Promise<number[]> {
  const found: number[] = [];
  const CHUNK = 1 << 20;
  let pos = 0;
  while (pos + 36 <= access.size && found.length < max) {
    const len = Math.min(CHUNK + 3, access.size - pos);
    const buf = await readAt(access, pos, len, 'the search window');
    let hit = -1;
    for (let i = buf.indexOf('MSCF', 0, 'latin1'); i >= 0 && i + 4 <= len; i = buf.indexOf('MSCF', i + 1, 'latin1')) {
      try {
        const info = await readCabInfo(access, pos + i);
        if (info.cbCabinet < 36) continue;
        hit = pos + i;
        found.push(hit);
        break;
      } catch {
        // not a cabinet here: keep looking
      }
    }
    if (hit >= 0) {
      const info = await readCabInfo(access, hit);
      pos = hit + Math.max(36, info.cbCabinet);
    } else pos += CHUNK;
  }
  return found;
}

interface Decoder {
  decode(input: Uint8Array, outLen: number): Buffer;
}

function decoderFor(folder: CabFolder): Decoder | string {
  switch (folder.method) {
    case 'none':
      return {
        decode(input, outLen) {
          if (input.length !== outLen) throw new CabError(`a stored block holds ${input.length} bytes, its header says ${outLen}`);
          return Buffer.from(input);
        },
      };
    case 'mszip': {
      const d = new MszipDecoder();
      return { decode: (input, outLen) => d.decodeBlock(input, outLen) };
    }
    case 'lzx': {
      const bits = (folder.typeCompress >> 8) & 0x1f;
      if (bits < LZX_MIN_WINDOW_BITS || bits > LZX_MAX_WINDOW_BITS) return `LZX with a window of 2^${bits} bytes (cabinets use 2^15 to 2^21)`;
      const d = new LzxDecoder(bits);
      return { decode: (input, outLen) => d.decodeFrame(input, outLen) };
    }
    case 'quantum':
      return 'Quantum compression is not supported (refused: no member of a Quantum folder is extracted)';
    default:
      return `compression type ${folder.typeCompress & 0x0f} is not one of stored, MSZIP, Quantum, LZX`;
  }
}

/** Extracts the cabinet at `base`, handing each member's bytes to `sink` in order of its folder's data. */
export async function extractCabinet(access: RandomAccess, sink: CabSink, limits: CabLimits = DEFAULT_CAB_LIMITS, base = 0): Promise<CabExtraction> {
  const info = await readCabInfo(access, base);
  const notes: string[] = [];
  if (info.prevCabinet !== null || info.nextCabinet !== null) {
    notes.push(
      `part ${info.iCabinet} of a cabinet set (${[info.prevCabinet && `previous: ${info.prevCabinet}`, info.nextCabinet && `next: ${info.nextCabinet}`].filter(Boolean).join(', ')}); read alone, members that continue into another part cannot be completed`,
    );
  }
  const results: CabMemberResult[] = info.members.map((member) => ({ member, ok: false }));
  const byFolder = new Map<number, CabMemberResult[]>();
  for (const r of results) {
    const m = r.member;
    if (m.index >= limits.maxFiles) {
      r.error = `not extracted: the cabinet lists ${info.members.length} members, more than the ${limits.maxFiles} read`;
      continue;
    }
    let folder = m.folderField;
    if (folder === IFOLD_CONTINUED_FROM_PREV || folder === IFOLD_CONTINUED_PREV_AND_NEXT) {
      r.error = `continues from the previous cabinet of its set${info.prevCabinet ? ` (${info.prevCabinet})` : ''}`;
      continue;
    }
    if (folder === IFOLD_CONTINUED_TO_NEXT) folder = info.folders.length - 1;
    if (folder >= info.folders.length) throw new CabError(`member ${m.index} names folder ${folder}, which does not exist (the cabinet has ${info.folders.length})`);
    if (m.nameBytes.length === 0) {
      r.error = `member ${m.index} has an empty name`;
      continue;
    }
    const list = byFolder.get(folder) ?? [];
    list.push(r);
    byFolder.set(folder, list);
  }
  if (info.members.length > limits.maxFiles) notes.push(`${info.members.length} members: only the first ${limits.maxFiles} were extracted (bound on members)`);

  let bytesDecoded = 0;
  const budget = { left: limits.maxTotalBytes };
  for (const folder of info.folders) {
    const list = byFolder.get(folder.index);
    if (!list) continue;
    const decoded = await extractFolder(access, info, folder, list, sink, budget, notes);
    bytesDecoded += decoded;
  }
  if (budget.left <= 0) notes.push(`decoding stopped after ${limits.maxTotalBytes} bytes (bound on total expansion)`);
  return { info, results, notes, bytesDecoded };
}

interface Active {
  r: CabMemberResult;
  write: ((chunk: Buffer) => void) | null;
}

async function extractFolder(
  access: RandomAccess,
  info: CabInfo,
  folder: CabFolder,
  list: CabMemberResult[],
  sink: CabSink,
  budget: { left: number },
  notes: string[],
): Promise<number> {
  const members = [...list].sort((a, b) => a.member.offset - b.member.offset || a.member.index - b.member.index);
  const opened = new Map<CabMemberResult, Active>();
  const finish = (a: Active, error?: string): void => {
    if (error !== undefined) a.r.error = error;
    else a.r.ok = true;
    opened.delete(a.r);
    if (a.write) sink.close?.(a.r.member, a.r);
  };
  const open = (r: CabMemberResult): Active => {
    const write = sink.open(r.member);
    if (!write) r.skipped = true;
    const a = { r, write };
    opened.set(r, a);
    return a;
  };
  const fail = (from: number, message: string): void => {
    for (const a of [...opened.values()]) finish(a, message);
    for (let i = from; i < members.length; i++) {
      const r = members[i]!;
      if (r.error === undefined && !r.ok) r.error = message;
    }
  };
  const need = members.reduce((m, r) => Math.max(m, r.member.offset + r.member.size), 0);
  let next = 0;
  // zero-length members at offset 0 complete without data
  const startDue = (upTo: number): void => {
    while (next < members.length && (members[next]!.member.offset < upTo || (members[next]!.member.size === 0 && members[next]!.member.offset <= upTo))) {
      const a = open(members[next]!);
      next++;
      if (a.r.member.size === 0) finish(a);
    }
  };
  startDue(0);
  if (next >= members.length && opened.size === 0) return 0;

  const decoder = decoderFor(folder);
  if (typeof decoder === 'string') {
    notes.push(`folder ${folder.index}: ${decoder}`);
    fail(next, decoder);
    return 0;
  }
  const hdrSize = 8 + info.cbCFData;
  let pos = folder.dataOffset;
  let produced = 0;
  for (let b = 0; b < folder.blocks && produced < need; b++) {
    let block: Buffer;
    let hdr: Buffer;
    try {
      hdr = await readAt(access, pos, hdrSize, `CFDATA block ${b} of folder ${folder.index}`);
      const cbData = hdr.readUInt16LE(4);
      block = await readAt(access, pos + hdrSize, cbData, `the data of CFDATA block ${b} of folder ${folder.index}`);
    } catch (e) {
      fail(next, e instanceof Error ? e.message.replace(/^cabinet: /, '') : String(e));
      return produced;
    }
    const csum = hdr.readUInt32LE(0);
    const cbUncomp = hdr.readUInt16LE(6);
    pos += hdrSize + block.length;
    if (csum !== 0 && csum !== cfdataChecksum(hdr.subarray(4, 8), block)) {
      fail(next, `CFDATA block ${b} of folder ${folder.index} fails its checksum (stored 0x${csum.toString(16).padStart(8, '0')}, computed 0x${cfdataChecksum(hdr.subarray(4, 8), block).toString(16).padStart(8, '0')})`);
      return produced;
    }
    if (cbUncomp === 0) {
      fail(next, `the data of folder ${folder.index} continues in the next cabinet of its set${info.nextCabinet ? ` (${info.nextCabinet})` : ''}`);
      return produced;
    }
    if (cbUncomp > MAX_BLOCK_OUTPUT) {
      fail(next, `CFDATA block ${b} of folder ${folder.index} declares ${cbUncomp} bytes of output (at most ${MAX_BLOCK_OUTPUT})`);
      return produced;
    }
    if (budget.left < cbUncomp) {
      budget.left = 0;
      fail(next, 'not extracted: the bound on total expansion was reached');
      return produced;
    }
    let out: Buffer;
    try {
      out = decoder.decode(block, cbUncomp);
    } catch (e) {
      const why = e instanceof LzxError || e instanceof MszipError || e instanceof CabError ? e.message.replace(/^cabinet: /, '') : `decoder failure: ${String(e)}`;
      fail(next, `CFDATA block ${b} of folder ${folder.index}: ${why}`);
      return produced;
    }
    budget.left -= out.length;
    const start = produced;
    const end = produced + out.length;
    startDue(end);
    for (const a of [...opened.values()]) {
      const m = a.r.member;
      const from = Math.max(start, m.offset);
      const to = Math.min(end, m.offset + m.size);
      if (to > from && a.write) {
        try {
          a.write(out.subarray(from - start, to - start));
        } catch (e) {
          finish(a, `the sink failed: ${e instanceof Error ? e.message : String(e)}`);
          continue;
        }
      }
      if (m.offset + m.size <= end) finish(a);
    }
    produced = end;
  }
  if (produced < need) fail(next, `the folder's ${folder.blocks} data blocks end at ${produced} bytes, before the member's data`);
  return produced;
}
