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
 * Files: msi-cfb-base.ts (types, bounds, errors, the Reader drivers), msi-cfb-layout.ts (the parser's steps:
 * header, DIFAT, FAT, directory, mini stream, stream chains, accounting, stream access), msi-cfb-directory.ts
 * (directory entries and trees), msi-cfb-sectors.ts (sector ownership and FAT chains). This file is the
 * reader's public face: parse from bytes or from an open file, and read streams of the parsed layout.
 *
 * References: [MS-CFB] Compound File Binary File Format, sections 2.2 (header), 2.3 (FAT), 2.4 (mini FAT),
 * 2.5 (DIFAT), 2.6 (directory entries).
 */
import { asBuffer, type ByteRange, type CfbEntry, type CfbLayout, type CompoundFile, isCompoundFile, malformed, type Reader, readSectors, runAsync, runSync } from './msi-cfb-base';
import { parseLayout } from './msi-cfb-layout';
import type { RandomAccess } from './pe-reader';

export {
  type ByteRange,
  type CfbEntry,
  type CfbLayout,
  type CompoundFile,
  type ContentPiece,
  ENTRY_ROOT,
  ENTRY_STORAGE,
  ENTRY_STREAM,
  MAX_READ,
  type ReadRequest,
  type Reader,
  runAsync,
  runSync,
  type SectorAccounting } from './msi-cfb-base';

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
