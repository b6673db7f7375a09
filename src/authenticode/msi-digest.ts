/**
 * The MSI Authenticode digests.
 *
 * Content digest (the value signed in SpcIndirectDataContent), as osslsigncode's msi.c computes it
 * (msi_hash_dir) and as its signatures verify on Windows:
 *   hash_storage(S) = for each child C of S in hash order, skipping (in the root storage only) the streams
 *                     "\u0005DigitalSignature" and "\u0005MsiDigitalSignatureEx":
 *                       a stream  -> its content bytes (empty streams add nothing)
 *                       a storage -> hash_storage(C)            (recursion)
 *                     then the 16 CLSID bytes of S itself.
 *   So every storage's CLSID is included, after its children; the root's CLSID comes last.
 *
 * Hash order of siblings: the UTF-16LE name bytes *including the two-byte null terminator* are compared
 * bytewise (memcmp) over the shorter length; on a tie the longer name comes first. Because the shorter
 * name's terminator (00 00) takes part, a name that is a prefix of another sorts first ("shorter first").
 * Bytewise comparison of little-endian units is not code-unit order: U+0141 (41 01) sorts before U+0042
 * (42 00). Checked against osslsigncode-signed fixtures (tests/authenticode/msi/osslsigncode-digest.test.ts).
 *
 * MsiDigitalSignatureEx (osslsigncode msi_prehash_dir / prehash_metadata): when the stream is present the
 * digest is hash(preHash ‖ content digest input …) where preHash = hash(metadata), metadata being, for a
 * storage S (the root first): metadata(S) then, for each child in hash order (skipping the two signature
 * streams in the root), metadata(stream) or the recursion into a storage, with
 *   metadata(entry) = [name bytes without terminator, not for the root]
 *                     ‖ (stream ? low 4 bytes of the size field : 16 CLSID bytes)
 *                     ‖ 4 state bits bytes
 *                     ‖ [creation FILETIME 8 bytes ‖ modified FILETIME 8 bytes, not for the root].
 * The MsiDigitalSignatureEx stream holds preHash itself (its length is the digest length).
 */
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { VerifyError } from './errors';
import {
  ENTRY_ROOT,
  ENTRY_STORAGE,
  ENTRY_STREAM,
  MAX_READ,
  type ByteRange,
  type CfbEntry,
  type CfbLayout,
  type CompoundFile,
  type ContentPiece,
} from './msi-cfb';
import type { DigestAlgorithm, DigestSource } from './types';

export const DIGITAL_SIGNATURE_NAME = '\u0005DigitalSignature';
export const MSI_DIGITAL_SIGNATURE_EX_NAME = '\u0005MsiDigitalSignatureEx';

const DS_BYTES = Buffer.from(DIGITAL_SIGNATURE_NAME, 'utf16le');
const DSE_BYTES = Buffer.from(MSI_DIGITAL_SIGNATURE_EX_NAME, 'utf16le');
const TERMINATOR = Buffer.alloc(2);

export const DIGEST_LENGTHS: Record<DigestAlgorithm, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

/** The digest algorithm whose output has this length, or null. */
export function algorithmForLength(length: number): DigestAlgorithm | null {
  for (const [alg, n] of Object.entries(DIGEST_LENGTHS) as [DigestAlgorithm, number][]) if (n === length) return alg;
  return null;
}

/**
 * Sibling order for hashing: memcmp of the UTF-16LE names with their null terminators over the shorter
 * length; on equality the longer name first.
 */
export function compareForHash(a: Buffer, b: Buffer): number {
  return compareTerminated(Buffer.concat([a, TERMINATOR]), Buffer.concat([b, TERMINATOR]));
}

function compareTerminated(an: Buffer, bn: Buffer): number {
  const n = Math.min(an.length, bn.length);
  const diff = Buffer.compare(an.subarray(0, n), bn.subarray(0, n));
  if (diff !== 0) return diff;
  return an.length > bn.length ? -1 : an.length < bn.length ? 1 : 0;
}

export function isSignatureStream(parent: CfbEntry, child: CfbEntry): boolean {
  return parent.type === ENTRY_ROOT && (child.nameBytes.equals(DS_BYTES) || child.nameBytes.equals(DSE_BYTES));
}

/** Children of a storage in hash order, without the signature streams. */
export function hashOrder(storage: CfbEntry): CfbEntry[] {
  // keys built once per entry, not once per comparison
  return storage.children
    .filter((c) => !isSignatureStream(storage, c))
    .map((c) => ({ c, key: Buffer.concat([c.nameBytes, TERMINATOR]) }))
    .sort((x, y) => compareTerminated(x.key, y.key))
    .map((x) => x.c);
}

/**
 * The content digest input in hash order: stream contents (as in-memory pieces or file ranges) and, after
 * each storage's children, its CLSID. Iterative (an explicit stack): no recursion depth limit.
 */
export function* contentInput(cf: CfbLayout): Generator<ContentPiece, void, undefined> {
  const stack: { storage: CfbEntry; kids: CfbEntry[]; i: number }[] = [{ storage: cf.root, kids: hashOrder(cf.root), i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.i < top.kids.length) {
      const child = top.kids[top.i++];
      if (child.type === ENTRY_STREAM) yield* cf.contentPieces(child);
      else if (child.type === ENTRY_STORAGE) stack.push({ storage: child, kids: hashOrder(child), i: 0 });
    } else {
      yield top.storage.clsid;
      stack.pop();
    }
  }
}

function updateMetadata(entry: CfbEntry, hash: Hash): void {
  if (entry.type !== ENTRY_ROOT) hash.update(entry.nameBytes);
  if (entry.type === ENTRY_STREAM) hash.update(entry.sizeField.subarray(0, 4));
  else hash.update(entry.clsid);
  hash.update(entry.stateBits);
  if (entry.type !== ENTRY_ROOT) {
    hash.update(entry.creationTime);
    hash.update(entry.modifiedTime);
  }
}

/** metadata(root), then each child in hash order: a stream's metadata, or a storage's (pre-order). */
function updatePreHash(root: CfbEntry, hash: Hash): void {
  const stack: CfbEntry[] = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    updateMetadata(e, hash);
    if (e.type === ENTRY_ROOT || e.type === ENTRY_STORAGE) {
      const kids = hashOrder(e);
      for (let i = kids.length - 1; i >= 0; i--) if (kids[i].type === ENTRY_STREAM || kids[i].type === ENTRY_STORAGE) stack.push(kids[i]);
    }
  }
}

/** The MsiDigitalSignatureEx pre-hash: hash of the metadata of every entry but the signature streams. */
export function msiPreHash(cf: CfbLayout, algorithm: DigestAlgorithm): Buffer {
  const h = createHash(algorithm);
  updatePreHash(cf.root, h);
  return h.digest();
}

/**
 * The MSI Authenticode digest of a compound file in memory. withDse: prefix the pre-hash (the file carries
 * MsiDigitalSignatureEx). Stream contents are hashed in place, range by range.
 */
export function msiDigest(cf: CompoundFile, algorithm: DigestAlgorithm, withDse: boolean): Buffer {
  const h = createHash(algorithm);
  if (withDse) h.update(msiPreHash(cf, algorithm));
  for (const p of contentInput(cf)) h.update(Buffer.isBuffer(p) ? p : cf.buffer.subarray(p[0], p[1]));
  return h.digest();
}

async function readFully(fh: FileHandle, buf: Buffer, len: number, pos: number): Promise<Buffer> {
  let done = 0;
  while (done < len) {
    const { bytesRead } = await fh.read(buf, done, len - done, pos + done);
    if (bytesRead === 0) throw new VerifyError('IO_ERROR', `the file ended at ${pos + done} while hashing (changed while being read?)`);
    done += bytesRead;
  }
  return buf.subarray(0, len);
}

/**
 * The MSI Authenticode digests of the package at `path` (parsed as `layout`), one per algorithm, in a
 * single pass: file ranges of at most MAX_READ bytes read into two reusable buffers, the next read in
 * flight while the current chunk is hashed; in-memory pieces (mini stream, CLSIDs) hashed in their place.
 */
export async function hashMsiFile(
  path: string,
  layout: CfbLayout,
  algorithms: DigestAlgorithm[],
  withDse: boolean,
): Promise<Map<DigestAlgorithm, Buffer>> {
  const hashes: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
  if (withDse) for (const [a, h] of hashes) h.update(msiPreHash(layout, a));
  const update = (b: Buffer): void => {
    for (const [, h] of hashes) h.update(b);
  };
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new VerifyError('IO_ERROR', `cannot open ${path}: ${(e as Error).message}`);
  }
  try {
    const { size } = await fh.stat();
    if (size !== layout.fileSize) {
      throw new VerifyError('IO_ERROR', `${path} changed size while being verified (${layout.fileSize} → ${size})`);
    }
    const bufSize = Math.max(1, Math.min(MAX_READ, layout.fileSize));
    const bufs = [Buffer.allocUnsafe(bufSize), Buffer.allocUnsafe(bufSize)];
    let reads = 0;
    const start = (r: ByteRange): Promise<Buffer> => readFully(fh, bufs[reads++ % 2], r[1] - r[0], r[0]);
    /** the read of the file piece next in hash order, and the in-memory pieces that follow it */
    let current: Promise<Buffer> | null = null;
    let after: Buffer[] = [];
    for (const p of contentInput(layout)) {
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
 * DigestSource over a parsed compound file: read from `path` (streamed) or, for a CompoundFile parsed from
 * bytes in memory, from its buffer. Memoised per algorithm; requests made in the same turn of the event
 * loop share one pass over the file.
 */
export class MsiDigestSource implements DigestSource {
  private readonly memo = new Map<DigestAlgorithm, Promise<Buffer>>();
  private batch: { algorithms: Set<DigestAlgorithm>; result: Promise<Map<DigestAlgorithm, Buffer>> } | null = null;

  constructor(
    private readonly cf: CfbLayout | CompoundFile,
    private readonly withDse: boolean,
    private readonly path: string | null = null,
  ) {}

  digest(algorithm: DigestAlgorithm): Promise<Buffer> {
    const known = this.memo.get(algorithm);
    if (known) return known;
    let p: Promise<Buffer>;
    if (this.path === null) {
      const cf = this.cf as CompoundFile;
      p = new Promise<Buffer>((resolve, reject) => {
        try {
          resolve(msiDigest(cf, algorithm, this.withDse));
        } catch (e) {
          reject(e);
        }
      });
    } else if (!(algorithm in DIGEST_LENGTHS)) {
      // not one of ours (whatever node:crypto makes of it): its own pass, so it cannot fail a shared one
      p = hashMsiFile(this.path, this.cf, [algorithm], this.withDse).then((m) => m.get(algorithm)!);
    } else {
      if (!this.batch) {
        const algorithms = new Set<DigestAlgorithm>();
        const path = this.path;
        const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
          this.batch = null;
          return hashMsiFile(path, this.cf, [...algorithms], this.withDse);
        });
        this.batch = { algorithms, result };
      }
      this.batch.algorithms.add(algorithm);
      p = this.batch.result.then((m) => m.get(algorithm)!);
    }
    this.memo.set(algorithm, p);
    return p;
  }
}
