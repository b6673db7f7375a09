/**
 * Streamed hashing shared by the container readers (PE, MSI): one pass over a file that feeds several
 * node:crypto hashes at once, and the DigestSource that batches the algorithms asked for together.
 *
 * A digest is described as a sequence of pieces in hash order: byte ranges of the file, read through two
 * reusable buffers (the next read in flight while the current chunk is hashed), and small in-memory pieces
 * (an MSI's mini-stream data and CLSIDs, a PE's zero padding) hashed in their place. Nothing sized by the
 * file is ever allocated: memory is two buffers of at most `maxRead` bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { VerifyError } from '../errors';
import { withOpenFile } from './open-file';
import type { DigestAlgorithm, DigestSource } from '../types';

export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['sha1', 'sha256', 'sha384', 'sha512'];
/** the largest single read: 4 MiB */
export const MAX_READ = 4 * 1024 * 1024;

/** [start, end) of the file, or bytes already in memory */
export type HashPiece = readonly [number, number] | Buffer;

/** Refuses what the verifier does not hash with: MD5 (WEAK_DIGEST) and anything unknown. */
export function checkAlgorithm(alg: string): asserts alg is DigestAlgorithm {
  if (!(DIGEST_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new VerifyError(alg === 'md5' ? 'WEAK_DIGEST' : 'UNSUPPORTED_ALGORITHM', `digest algorithm ${alg} is not supported`);
  }
}

async function readFully(fh: FileHandle, buf: Buffer, len: number, pos: number): Promise<Buffer> {
  let done = 0;
  while (done < len) {
    const { bytesRead } = await fh.read(buf, done, len - done, pos + done);
    if (bytesRead === 0) throw new VerifyError('IO_ERROR', `the file ended at 0x${(pos + done).toString(16)} while hashing (changed while being read?)`);
    done += bytesRead;
  }
  return buf.subarray(0, len);
}

/** Ranges cut to reads of at most `maxRead` bytes; in-memory pieces pass through. */
function* reads(pieces: Iterable<HashPiece>, maxRead: number): Generator<HashPiece> {
  for (const p of pieces) {
    if (Buffer.isBuffer(p)) yield p;
    else for (let s = p[0]; s < p[1]; s += maxRead) yield [s, Math.min(p[1], s + maxRead)];
  }
}

export interface HashFileOptions {
  /** the size the file had when its structure was read: a file that changed since is an I/O error */
  expectedSize: number;
  /** bytes hashed first, per algorithm (an MSI's MsiDigitalSignatureEx pre-hash) */
  prefix?: (algorithm: DigestAlgorithm) => Buffer;
  maxRead?: number;
}

/** One pass over `pieces` of the file at `path`, in order, into one hash per algorithm. */
export async function hashFilePieces(
  path: string,
  algorithms: DigestAlgorithm[],
  pieces: Iterable<HashPiece>,
  opts: HashFileOptions,
): Promise<Map<DigestAlgorithm, Buffer>> {
  algorithms.forEach(checkAlgorithm);
  const maxRead = Math.max(1, opts.maxRead ?? MAX_READ);
  const hashes: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
  if (opts.prefix) for (const [a, h] of hashes) h.update(opts.prefix(a));
  const update = (b: Buffer): void => {
    for (const [, h] of hashes) h.update(b);
  };
  await withOpenFile(path, async (fh) => {
    const { size } = await fh.stat();
    if (size !== opts.expectedSize) {
      throw new VerifyError('IO_ERROR', `${path} changed size while being verified (${opts.expectedSize} → ${size})`);
    }
    const bufSize = Math.max(1, Math.min(maxRead, opts.expectedSize));
    const bufs = [Buffer.allocUnsafe(bufSize), Buffer.allocUnsafe(bufSize)];
    let readCount = 0;
    const start = (r: readonly [number, number]): Promise<Buffer> => readFully(fh, bufs[readCount++ % 2]!, r[1] - r[0], r[0]);
    // the read in flight, and the in-memory pieces that come after it in hash order
    let current: Promise<Buffer> | null = null;
    let after: Buffer[] = [];
    for (const p of reads(pieces, maxRead)) {
      if (Buffer.isBuffer(p)) {
        if (current) after.push(p);
        else update(p);
        continue;
      }
      if (current) {
        const chunk = await current;
        current = start(p); // into the other buffer, while this chunk is hashed
        update(chunk);
        for (const b of after) update(b);
        after = [];
      } else {
        current = start(p);
      }
    }
    if (current) update(await current);
    for (const b of after) update(b);
  });
  return new Map(hashes.map(([a, h]) => [a, h.digest()]));
}

/**
 * A DigestSource over one pass function. Memoised per algorithm; the algorithms asked for in the same turn
 * of the event loop (a primary SHA-256 and a nested SHA-1 signature, say) share one pass.
 */
export class BatchedDigestSource implements DigestSource {
  private readonly memo = new Map<DigestAlgorithm, Promise<Buffer>>();
  private batch: { algorithms: Set<DigestAlgorithm>; result: Promise<Map<DigestAlgorithm, Buffer>> } | null = null;
  private passCount = 0;

  constructor(private readonly pass: (algorithms: DigestAlgorithm[]) => Promise<Map<DigestAlgorithm, Buffer>>) {}

  /** passes made so far (diagnostics, tests) */
  get passes(): number {
    return this.passCount;
  }

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
        return this.pass([...algorithms]);
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
    return new Map(algorithms.map((a, i) => [a, out[i]!]));
  }
}
