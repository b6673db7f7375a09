/**
 * The Authenticode digest of a PE file ("Windows Authenticode Portable Executable Signature Format", Microsoft):
 * the image with three things left out — the optional header's CheckSum field (4 bytes), the certificate table
 * directory entry (8 bytes) and the certificate table itself.
 *
 * The spec describes hashing the headers, then each section's raw data in PointerToRawData order, then the data
 * after the last section minus the certificate table. For a file whose table is last (the only kind this
 * reader accepts; sections overlapping each other or the table are rejected) that is every byte from 0 to the
 * table's start, in file order, minus the two fields; so the digest is three contiguous ranges, streamed:
 *   [0, CheckSum) · [CheckSum + 4, SecurityEntry) · [SecurityEntry + 8, CertTable | EOF)
 * Bytes after the table (TRAILING_DATA) are not part of any signature and are not hashed.
 *
 * Unsigned files: signing tools append zero bytes so the table starts 8-byte aligned, and hash them (the
 * padding becomes part of the signed image). The digest of an unsigned file is therefore the digest of the file
 * zero-padded to a multiple of 8, which is what a signer computes and what an aligned signed file re-hashes to.
 */
import { hex } from './byte-reader';
import { VerifyError } from '../errors';
import { BatchedDigestSource, hashFilePieces, type HashPiece } from './file-hash';
import type { PeLayout } from './pe-reader';
import type { DigestAlgorithm } from '../types';

const DEFAULT_CHUNK = 1024 * 1024;

export interface DigestRange {
  start: number;
  end: number;
}

export interface PeDigestPlan {
  fileSize: number;
  ranges: DigestRange[];
  /** zero bytes hashed after the ranges (unsigned file padded to 8) */
  zeroPad: number;
}

/** The byte ranges of the Authenticode digest; `certTableOffset` null for an unsigned file. */
export function peDigestPlan(layout: PeLayout, certTableOffset: number | null): PeDigestPlan {
  const end = certTableOffset ?? layout.fileSize;
  const holes: DigestRange[] = [{ start: layout.checksumOffset, end: layout.checksumOffset + 4 }];
  if (layout.securityEntryOffset !== null) {
    holes.push({ start: layout.securityEntryOffset, end: layout.securityEntryOffset + 8 });
  }
  const ranges: DigestRange[] = [];
  let pos = 0;
  for (const h of holes) {
    if (h.end > end) throw new VerifyError('MALFORMED_PE', `header field at ${hex(h.start)} lies past the hashed image end ${hex(end)}`);
    if (h.start > pos) ranges.push({ start: pos, end: h.start });
    pos = Math.max(pos, h.end);
  }
  if (end > pos) ranges.push({ start: pos, end });
  const zeroPad = certTableOffset === null ? (8 - (layout.fileSize % 8)) % 8 : 0;
  return { fileSize: layout.fileSize, ranges, zeroPad };
}

function* planPieces(plan: PeDigestPlan): Generator<HashPiece> {
  for (const r of plan.ranges) yield [r.start, r.end];
  if (plan.zeroPad) yield Buffer.alloc(plan.zeroPad);
}

/** Streams the plan's ranges of the file at `path` into one hash per algorithm, in a single pass. */
export function hashFileRanges(
  path: string,
  plan: PeDigestPlan,
  algorithms: DigestAlgorithm[],
  chunkSize = DEFAULT_CHUNK,
): Promise<Map<DigestAlgorithm, Buffer>> {
  return hashFilePieces(path, algorithms, planPieces(plan), { expectedSize: plan.fileSize, maxRead: chunkSize });
}

/** DigestSource over a PE file on disk: one pass for the algorithms asked for together. */
export class PeDigestSource extends BatchedDigestSource {
  constructor(
    readonly path: string,
    readonly plan: PeDigestPlan,
    chunkSize = DEFAULT_CHUNK,
  ) {
    super((algorithms) => hashFileRanges(path, plan, algorithms, chunkSize));
  }
}
