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
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { hex } from './byte-reader';
import { VerifyError } from './errors';
import type { PeLayout } from './pe-reader';
import type { DigestAlgorithm, DigestSource } from './types';

export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['sha1', 'sha256', 'sha384', 'sha512'];
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

function checkAlgorithm(alg: string): asserts alg is DigestAlgorithm {
  if (!(DIGEST_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new VerifyError(alg === 'md5' ? 'WEAK_DIGEST' : 'UNSUPPORTED_ALGORITHM', `digest algorithm ${alg} is not supported`);
  }
}

/** Digest of the plan over bytes in memory (tests, signing helpers). */
export function digestBytes(bytes: Uint8Array, plan: PeDigestPlan, alg: DigestAlgorithm): Buffer {
  checkAlgorithm(alg);
  const h = createHash(alg);
  for (const r of plan.ranges) h.update(bytes.subarray(r.start, r.end));
  if (plan.zeroPad) h.update(Buffer.alloc(plan.zeroPad));
  return h.digest();
}

async function readFully(fh: import('node:fs/promises').FileHandle, buf: Buffer, len: number, pos: number): Promise<Buffer> {
  let done = 0;
  while (done < len) {
    const { bytesRead } = await fh.read(buf, done, len - done, pos + done);
    if (bytesRead === 0) throw new VerifyError('IO_ERROR', `the file ended at ${hex(pos + done)} while hashing (changed while being read?)`);
    done += bytesRead;
  }
  return buf.subarray(0, len);
}

/**
 * Streams the plan's ranges of the file at `path` into one hash per algorithm, in a single pass: two reusable
 * buffers, the next read in flight while the current chunk is hashed.
 */
export async function hashFileRanges(
  path: string,
  plan: PeDigestPlan,
  algorithms: DigestAlgorithm[],
  chunkSize = DEFAULT_CHUNK,
): Promise<Map<DigestAlgorithm, Buffer>> {
  algorithms.forEach(checkAlgorithm);
  const hashes: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
  const pieces: { pos: number; len: number }[] = [];
  for (const r of plan.ranges) {
    for (let p = r.start; p < r.end; p += chunkSize) pieces.push({ pos: p, len: Math.min(chunkSize, r.end - p) });
  }
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new VerifyError('IO_ERROR', `cannot open ${path}: ${(e as Error).message}`);
  }
  try {
    const { size } = await fh.stat();
    if (size !== plan.fileSize) {
      throw new VerifyError('IO_ERROR', `${path} changed size while being verified (${plan.fileSize} → ${size})`);
    }
    const bufs = [Buffer.allocUnsafe(Math.min(chunkSize, plan.fileSize) || 1), Buffer.allocUnsafe(Math.min(chunkSize, plan.fileSize) || 1)];
    let inFlight = pieces.length > 0 ? readFully(fh, bufs[0], pieces[0].len, pieces[0].pos) : null;
    for (let i = 0; i < pieces.length; i++) {
      const chunk = await inFlight!;
      inFlight = i + 1 < pieces.length ? readFully(fh, bufs[(i + 1) % 2], pieces[i + 1].len, pieces[i + 1].pos) : null;
      for (const [, h] of hashes) h.update(chunk);
    }
    if (plan.zeroPad) for (const [, h] of hashes) h.update(Buffer.alloc(plan.zeroPad));
  } catch (e) {
    if (!(e instanceof VerifyError) && typeof (e as NodeJS.ErrnoException | null)?.code === 'string') {
      throw new VerifyError('IO_ERROR', `reading ${path}: ${(e as Error).message}`);
    }
    throw e;
  } finally {
    await fh.close();
  }
  return new Map(hashes.map(([a, h]) => [a, h.digest()]));
}

/**
 * DigestSource over a file on disk. Memoised per algorithm; requests made in the same turn of the event loop
 * (e.g. a primary SHA-256 and a nested SHA-1 signature) share one pass over the file.
 */
export class PeDigestSource implements DigestSource {
  private readonly memo = new Map<DigestAlgorithm, Promise<Buffer>>();
  private batch: { algorithms: Set<DigestAlgorithm>; result: Promise<Map<DigestAlgorithm, Buffer>> } | null = null;
  private passCount = 0;

  /** passes made over the file so far (diagnostics, tests) */
  get passes(): number {
    return this.passCount;
  }

  constructor(
    readonly path: string,
    readonly plan: PeDigestPlan,
    private readonly chunkSize = DEFAULT_CHUNK,
  ) {}

  digest(algorithm: DigestAlgorithm): Promise<Buffer> {
    const known = this.memo.get(algorithm);
    if (known) return known;
    try {
      checkAlgorithm(algorithm);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!this.batch) {
      const algorithms = new Set<DigestAlgorithm>();
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.batch = null;
        this.passCount++;
        return hashFileRanges(this.path, this.plan, [...algorithms], this.chunkSize);
      });
      this.batch = { algorithms, result };
    }
    this.batch.algorithms.add(algorithm);
    const p = this.batch.result.then((m) => m.get(algorithm)!);
    this.memo.set(algorithm, p);
    return p;
  }

  /** several algorithms in one pass */
  async digestAll(algorithms: DigestAlgorithm[]): Promise<Map<DigestAlgorithm, Buffer>> {
    const out = await Promise.all(algorithms.map((a) => this.digest(a)));
    return new Map(algorithms.map((a, i) => [a, out[i]]));
  }
}
