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
import { BatchedDigestSource, hashFilePieces } from './file-hash';
import {
  ENTRY_ROOT,
  ENTRY_STORAGE,
  ENTRY_STREAM,
  MAX_READ,
  type CfbEntry,
  type CfbLayout,
  type CompoundFile,
  type ContentPiece,
} from './msi-cfb';
import type { DigestAlgorithm } from '../types';

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

/**
 * The MSI Authenticode digests of the package at `path` (parsed as `layout`), one per algorithm, in a
 * single streamed pass (file-hash.ts): stream ranges read from the file, in-memory pieces (mini stream,
 * CLSIDs) hashed in their place, the MsiDigitalSignatureEx pre-hash first when the package carries one.
 */
export function hashMsiFile(
  path: string,
  layout: CfbLayout,
  algorithms: DigestAlgorithm[],
  withDse: boolean,
): Promise<Map<DigestAlgorithm, Buffer>> {
  return hashFilePieces(path, algorithms, contentInput(layout), {
    expectedSize: layout.fileSize,
    maxRead: MAX_READ,
    prefix: withDse ? (a) => msiPreHash(layout, a) : undefined,
  });
}

/**
 * DigestSource over a parsed compound file: read from `path` (streamed) or, for a CompoundFile parsed from
 * bytes in memory, from its buffer. One pass for the algorithms asked for together.
 */
export class MsiDigestSource extends BatchedDigestSource {
  constructor(cf: CfbLayout | CompoundFile, withDse: boolean, path: string | null = null) {
    super(async (algorithms) =>
      path === null
        ? new Map(algorithms.map((a) => [a, msiDigest(cf as CompoundFile, a, withDse)]))
        : hashMsiFile(path, cf, algorithms, withDse),
    );
  }
}
