/**
 * PE structure reader: just enough of the headers to find what Authenticode needs — the checksum field, the
 * security (certificate table) directory entry, the section table — with every offset bounds-checked.
 *
 * Layout (Microsoft PE/COFF specification):
 *   DOS header        e_magic "MZ" at 0, e_lfanew (u32) at 0x3C
 *   at e_lfanew       "PE\0\0", then the 20-byte COFF header, then the optional header
 *   optional header   Magic 0x10B (PE32) / 0x20B (PE32+), SizeOfHeaders +60, CheckSum +64, Subsystem +68,
 *                     NumberOfRvaAndSizes +92 / +108, data directories +96 / +112 (8 bytes each)
 *   data directory 4  the certificate table; unlike every other directory it holds a FILE offset, not an RVA
 *   section table     after the optional header, 40 bytes per section
 * Any machine type is accepted (x86, x64, ARM, ARM64, EFI byte code …): Authenticode does not depend on it.
 */
import type { FileHandle } from 'node:fs/promises';
import { ByteReader, hex } from './byte-reader';
import { VerifyError } from '../errors';
import type { Failure } from '../types';

/** Random access to a file's bytes (a file handle, or a Buffer in tests). */
export interface RandomAccess {
  readonly size: number;
  /** exactly `length` bytes at `offset`; callers keep the range inside `size` */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function fileAccess(handle: FileHandle, size: number): RandomAccess {
  return {
    size,
    async read(offset, length) {
      const buf = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buf, done, length - done, offset + done);
        if (bytesRead === 0) {
          throw new VerifyError('TRUNCATED_FILE', `file ended while reading ${length} byte(s) at ${hex(offset)}`);
        }
        done += bytesRead;
      }
      return buf;
    },
  };
}

export function bufferAccess(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.byteLength,
    async read(offset, length) {
      return bytes.subarray(offset, offset + length);
    },
  };
}

// DOS header
const DOS_HEADER_SIZE = 64;
const E_LFANEW = 0x3c;
const MZ = 0x5a4d;
// NT headers (offsets from e_lfanew)
const PE_SIGNATURE = 0x00004550; // "PE\0\0"
const COFF_MACHINE = 4;
const COFF_NUMBER_OF_SECTIONS = 6;
const COFF_SIZE_OF_OPTIONAL_HEADER = 20;
const OPTIONAL_HEADER = 24;
// optional header (offsets from its start)
const OPT_MAGIC = 0;
const OPT_SIZE_OF_HEADERS = 60;
const OPT_CHECKSUM = 64;
const OPT_SUBSYSTEM = 68;
const PE32_MAGIC = 0x10b;
const PE32PLUS_MAGIC = 0x20b;
const PE32_NUMBER_OF_RVA_AND_SIZES = 92;
const PE32PLUS_NUMBER_OF_RVA_AND_SIZES = 108;
const PE32_DATA_DIRECTORIES = 96;
const PE32PLUS_DATA_DIRECTORIES = 112;
const DATA_DIRECTORY_SIZE = 8;
const SECURITY_DIRECTORY_INDEX = 4;
const RESOURCE_DIRECTORY_INDEX = 2;
// section header
const SECTION_HEADER_SIZE = 40;
const SEC_VIRTUAL_SIZE = 8;
const SEC_VIRTUAL_ADDRESS = 12;
const SEC_SIZE_OF_RAW_DATA = 16;
const SEC_POINTER_TO_RAW_DATA = 20;

/** Certificate tables larger than this are refused (signatures are kilobytes; this bounds memory). */
export const MAX_CERT_TABLE_SIZE = 32 * 1024 * 1024;

export interface PeSection {
  name: string;
  pointerToRawData: number;
  sizeOfRawData: number;
  /** the section's RVA (where it is loaded) and its size in memory: what maps a data directory's RVA to the file */
  virtualAddress: number;
  virtualSize: number;
}

export interface PeLayout {
  fileSize: number;
  /** e_lfanew: file offset of "PE\0\0" */
  peOffset: number;
  machine: number;
  pe32plus: boolean;
  subsystem: number;
  /** file offset of the 4-byte CheckSum field */
  checksumOffset: number;
  numberOfRvaAndSizes: number;
  /** file offset of the 8-byte security directory entry; null when the image has fewer than 5 directories */
  securityEntryOffset: number | null;
  /** the security directory's (file offset, size) as written; null when absent or both zero */
  securityDirectory: { offset: number; size: number } | null;
  /** the resource directory (data directory 2) as written, an RVA and a size; null when absent or both zero */
  resourceDirectory: { rva: number; size: number } | null;
  sizeOfHeaders: number;
  /** file offset just past the section table */
  sectionTableEnd: number;
  sections: PeSection[];
}

/** Reads and checks the PE headers. Throws VerifyError (MALFORMED_PE / TRUNCATED_FILE) on bad structure. */
export async function readPeLayout(src: RandomAccess): Promise<PeLayout> {
  const fileSize = src.size;
  if (fileSize < DOS_HEADER_SIZE) {
    throw new VerifyError('TRUNCATED_FILE', `DOS header: file is ${fileSize} byte(s), the header needs ${DOS_HEADER_SIZE}`);
  }
  const dos = new ByteReader(await src.read(0, DOS_HEADER_SIZE));
  if (dos.u16(0, 'e_magic') !== MZ) throw new VerifyError('MALFORMED_PE', 'DOS header: e_magic is not "MZ"');
  const peOffset = dos.u32(E_LFANEW, 'e_lfanew');
  if (peOffset >= fileSize) {
    throw new VerifyError('MALFORMED_PE', `e_lfanew ${hex(peOffset)} points past the end of the file (${hex(fileSize)})`);
  }

  // Fixed part: signature + COFF header + the optional header's first fields (magic). Read the whole NT
  // header region in one go once its size is known; everything is bounded by the file size.
  const coffEnd = peOffset + OPTIONAL_HEADER;
  if (coffEnd > fileSize) {
    throw new VerifyError('TRUNCATED_FILE', `COFF header at ${hex(peOffset + 4)} runs past the end of the file (${hex(fileSize)})`);
  }
  const coff = new ByteReader(await src.read(peOffset, OPTIONAL_HEADER), { base: peOffset });
  if (coff.u32(peOffset, 'PE signature') !== PE_SIGNATURE) {
    throw new VerifyError('MALFORMED_PE', `no "PE\\0\\0" signature at e_lfanew ${hex(peOffset)}`);
  }
  const machine = coff.u16(peOffset + COFF_MACHINE, 'Machine');
  const numberOfSections = coff.u16(peOffset + COFF_NUMBER_OF_SECTIONS, 'NumberOfSections');
  const sizeOfOptionalHeader = coff.u16(peOffset + COFF_SIZE_OF_OPTIONAL_HEADER, 'SizeOfOptionalHeader');

  const opt = peOffset + OPTIONAL_HEADER;
  const sectionTable = opt + sizeOfOptionalHeader;
  const sectionTableEnd = sectionTable + numberOfSections * SECTION_HEADER_SIZE;
  if (sizeOfOptionalHeader < 2) {
    throw new VerifyError('MALFORMED_PE', `SizeOfOptionalHeader ${sizeOfOptionalHeader} leaves no optional header`);
  }
  if (sectionTableEnd > fileSize) {
    const what = opt + sizeOfOptionalHeader > fileSize ? `optional header at ${hex(opt)}` : `section table at ${hex(sectionTable)}`;
    throw new VerifyError('TRUNCATED_FILE', `${what} runs past the end of the file (${hex(fileSize)})`);
  }
  const nt = new ByteReader(await src.read(opt, sectionTableEnd - opt), {
    base: opt,
    outOfRange: 'MALFORMED_PE',
    what: `optional header (SizeOfOptionalHeader ${sizeOfOptionalHeader})`,
  });

  const magic = nt.u16(opt + OPT_MAGIC, 'optional header Magic');
  if (magic !== PE32_MAGIC && magic !== PE32PLUS_MAGIC) {
    throw new VerifyError('MALFORMED_PE', `optional header Magic ${hex(magic)} is neither PE32 (0x10b) nor PE32+ (0x20b)`);
  }
  const pe32plus = magic === PE32PLUS_MAGIC;
  const dirs = opt + (pe32plus ? PE32PLUS_DATA_DIRECTORIES : PE32_DATA_DIRECTORIES);
  if (dirs > sectionTable) {
    throw new VerifyError('MALFORMED_PE', `SizeOfOptionalHeader ${sizeOfOptionalHeader} is smaller than the ${pe32plus ? 'PE32+' : 'PE32'} fixed fields`);
  }
  const sizeOfHeaders = nt.u32(opt + OPT_SIZE_OF_HEADERS, 'SizeOfHeaders');
  const checksumOffset = opt + OPT_CHECKSUM;
  const subsystem = nt.u16(opt + OPT_SUBSYSTEM, 'Subsystem');
  const numberOfRvaAndSizes = nt.u32(opt + (pe32plus ? PE32PLUS_NUMBER_OF_RVA_AND_SIZES : PE32_NUMBER_OF_RVA_AND_SIZES), 'NumberOfRvaAndSizes');
  const usedDirs = Math.min(numberOfRvaAndSizes, 16);
  if (dirs + usedDirs * DATA_DIRECTORY_SIZE > sectionTable) {
    throw new VerifyError(
      'MALFORMED_PE',
      `NumberOfRvaAndSizes ${numberOfRvaAndSizes} does not fit in SizeOfOptionalHeader ${sizeOfOptionalHeader}`,
    );
  }
  if (sizeOfHeaders > fileSize) {
    throw new VerifyError('MALFORMED_PE', `SizeOfHeaders ${hex(sizeOfHeaders)} is past the end of the file (${hex(fileSize)})`);
  }

  let securityEntryOffset: number | null = null;
  let securityDirectory: PeLayout['securityDirectory'] = null;
  if (usedDirs > SECURITY_DIRECTORY_INDEX) {
    securityEntryOffset = dirs + SECURITY_DIRECTORY_INDEX * DATA_DIRECTORY_SIZE;
    const offset = nt.u32(securityEntryOffset, 'security directory VirtualAddress');
    const size = nt.u32(securityEntryOffset + 4, 'security directory Size');
    if (offset !== 0 || size !== 0) securityDirectory = { offset, size };
  }

  let resourceDirectory: PeLayout['resourceDirectory'] = null;
  if (usedDirs > RESOURCE_DIRECTORY_INDEX) {
    const entry = dirs + RESOURCE_DIRECTORY_INDEX * DATA_DIRECTORY_SIZE;
    const rva = nt.u32(entry, 'resource directory VirtualAddress');
    const size = nt.u32(entry + 4, 'resource directory Size');
    if (rva !== 0 || size !== 0) resourceDirectory = { rva, size };
  }

  const sections: PeSection[] = [];
  for (let i = 0; i < numberOfSections; i++) {
    const at = sectionTable + i * SECTION_HEADER_SIZE;
    const rawName = nt.slice(at, 8, 'section Name');
    const nul = rawName.indexOf(0);
    const name = Buffer.from(rawName.subarray(0, nul < 0 ? 8 : nul)).toString('latin1');
    const sizeOfRawData = nt.u32(at + SEC_SIZE_OF_RAW_DATA, 'SizeOfRawData');
    const pointerToRawData = nt.u32(at + SEC_POINTER_TO_RAW_DATA, 'PointerToRawData');
    const virtualSize = nt.u32(at + SEC_VIRTUAL_SIZE, 'VirtualSize');
    const virtualAddress = nt.u32(at + SEC_VIRTUAL_ADDRESS, 'VirtualAddress');
    sections.push({ name, pointerToRawData, sizeOfRawData, virtualAddress, virtualSize });
  }
  const layout: PeLayout = {
    fileSize,
    peOffset,
    machine,
    pe32plus,
    subsystem,
    checksumOffset,
    numberOfRvaAndSizes,
    securityEntryOffset,
    securityDirectory,
    resourceDirectory,
    sizeOfHeaders,
    sectionTableEnd,
    sections,
  };
  // Only a signed image's sections are held to these rules: they are what makes the linear digest the one the
  // signer computed. Windows loads images whose sections overlap (and says "no signature" for an unsigned one
  // whatever its sections look like), so an unsigned image stays "unsigned", never "malformed", for them.
  if (securityDirectory) checkSections(layout);
  return layout;
}

/** Section raw data must lie after the headers, inside the file, and not overlap another section's (signed images). */
export function checkSections(layout: PeLayout): void {
  const withData = layout.sections.filter((s) => s.sizeOfRawData > 0);
  for (const s of withData) {
    const end = s.pointerToRawData + s.sizeOfRawData;
    if (s.pointerToRawData < layout.sectionTableEnd) {
      throw new VerifyError('MALFORMED_PE', `section "${s.name}" raw data at ${hex(s.pointerToRawData)} overlaps the headers (end ${hex(layout.sectionTableEnd)})`);
    }
    if (end > layout.fileSize) {
      throw new VerifyError('TRUNCATED_FILE', `section "${s.name}" raw data ${hex(s.pointerToRawData)}..${hex(end)} runs past the end of the file (${hex(layout.fileSize)})`);
    }
  }
  const sorted = [...withData].sort((a, b) => a.pointerToRawData - b.pointerToRawData);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev.pointerToRawData + prev.sizeOfRawData > cur.pointerToRawData) {
      throw new VerifyError('MALFORMED_PE', `sections "${prev.name}" and "${cur.name}" have overlapping raw data at ${hex(cur.pointerToRawData)}`);
    }
  }
}

export interface CertTableLocation {
  offset: number;
  size: number;
  /** container failures found while locating it (TRAILING_DATA) */
  failures: Failure[];
}

/**
 * Where the certificate table is, after checking it can be trusted as a container: inside the file, 8-byte
 * aligned, after the headers, clear of every section's raw data, the last structure in the file.
 * Returns null for an unsigned image. Fatal problems throw; bytes after the table are reported as
 * TRAILING_DATA (verdict invalid: those bytes are covered by no signature).
 */
export function locateCertificateTable(layout: PeLayout): CertTableLocation | null {
  const dir = layout.securityDirectory;
  if (!dir) return null;
  const { offset, size } = dir;
  const end = offset + size;
  const where = `certificate table (offset ${hex(offset)}, size ${hex(size)})`;
  if (size === 0) throw new VerifyError('BAD_CERT_TABLE', `${where}: the security directory has an offset but size 0`);
  if (offset === 0) throw new VerifyError('BAD_CERT_TABLE', `${where}: the security directory has a size but offset 0`);
  if (offset >= layout.fileSize) {
    throw new VerifyError('BAD_CERT_TABLE', `${where} points past the end of the file (${hex(layout.fileSize)})`);
  }
  if (end > layout.fileSize) {
    throw new VerifyError('TRUNCATED_FILE', `${where} runs past the end of the file (${hex(layout.fileSize)})`);
  }
  if (size < 8) throw new VerifyError('BAD_CERT_TABLE', `${where} is smaller than one WIN_CERTIFICATE header`);
  if (size > MAX_CERT_TABLE_SIZE) {
    throw new VerifyError('BAD_CERT_TABLE', `${where} is larger than the ${MAX_CERT_TABLE_SIZE} byte limit`);
  }
  if (offset % 8 !== 0) throw new VerifyError('BAD_CERT_TABLE', `${where} is not 8-byte aligned`);
  const headersEnd = Math.max(layout.sectionTableEnd, layout.sizeOfHeaders);
  if (offset < headersEnd) {
    throw new VerifyError('MALFORMED_PE', `${where} lies inside the headers (which end at ${hex(headersEnd)})`);
  }
  for (const s of layout.sections) {
    if (s.sizeOfRawData === 0) continue;
    const sEnd = s.pointerToRawData + s.sizeOfRawData;
    if (s.pointerToRawData < end && sEnd > offset) {
      throw new VerifyError('MALFORMED_PE', `${where} overlaps the raw data of section "${s.name}" (${hex(s.pointerToRawData)}..${hex(sEnd)})`);
    }
    if (s.pointerToRawData >= end) {
      throw new VerifyError('CERT_TABLE_NOT_AT_END', `${where} is followed by the raw data of section "${s.name}" at ${hex(s.pointerToRawData)}`);
    }
  }
  const failures: Failure[] = [];
  if (end < layout.fileSize) {
    failures.push({
      code: 'TRAILING_DATA',
      message: `${layout.fileSize - end} byte(s) after the certificate table (${hex(end)}..${hex(layout.fileSize)}) are covered by no signature`,
    });
  }
  return { offset, size, failures };
}
