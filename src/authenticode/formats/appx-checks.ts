/**
 * The checks Windows makes on a package beyond its signature: every part has a content type; every
 * non-footprint file is in the block map with its sizes and 64 KiB block hashes, and nothing else is
 * (APPX_BLOCKMAP_MISMATCH); each part of the signed digest blob matches the package (APPX_DIGEST_MISMATCH).
 */
import { createHash } from 'node:crypto';
import { digestAlgorithmFromOid } from '../der/oids';
import { parseSignedDataContentInfo, parseSpcIndirectData } from '../pkcs7/signed-data';
import { PART_TAGS, splitAppxBlob } from './appx-digest';
import { BLOCK_MAP_PART, BLOCK_SIZE, CODE_INTEGRITY_PART, CONTENT_TYPES_PART, FOOTPRINT, MAX_DEFLATE_TAIL, malformedAppx } from './appx-parts';
import type { BlockMap, BlockMapFile, ContentTypes } from './appx-xml';
import type { BatchedDigestSource } from './file-hash';
import { streamEntry, type ZipArchive, type ZipEntry } from './zip';
import type { DigestAlgorithm, Failure } from '../types';

/** Every part has a content type in [Content_Types].xml (an Override for its name or a Default for its extension); throws MALFORMED_APPX. */
export function checkContentTypes(zip: ZipArchive, contentTypesEntry: ZipEntry, types: ContentTypes): void {
  for (const e of zip.entries) {
    if (e === contentTypesEntry || e.name.endsWith('/')) continue;
    const ext = e.name.includes('.') ? e.name.slice(e.name.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!types.overrides.has(`/${e.name}`.toLowerCase()) && !types.defaults.has(ext)) throw malformedAppx(`${CONTENT_TYPES_PART} gives part ${JSON.stringify(e.name)} no content type`);
  }
}

/** The part name a ZIP item stands for (OPC: percent-encoded in the ZIP), as the block map writes it (backslashes). */
function blockMapName(zipName: string): string {
  let decoded = zipName;
  try {
    decoded = decodeURIComponent(zipName);
  } catch {
    // not percent-encoded: taken as is
  }
  return decoded.replace(/\//g, '\\');
}

/** Each part of the signed blob against the package (APPX_DIGEST_MISMATCH per part); silent when the signature does not read. */
export async function partFailures(der: Uint8Array, blockMapAlg: DigestAlgorithm, source: BatchedDigestSource): Promise<Failure[]> {
  let alg: DigestAlgorithm | undefined;
  let signed: Uint8Array;
  try {
    const spc = parseSpcIndirectData(parseSignedDataContentInfo(der));
    alg = digestAlgorithmFromOid(spc.digestAlgorithm.oid);
    signed = spc.digest;
  } catch {
    return []; // the signature layer reports it
  }
  if (!alg) return [];
  const out: Failure[] = [];
  if (alg !== blockMapAlg) out.push({ code: 'APPX_DIGEST_MISMATCH', message: `the signature's digest algorithm (${alg}) is not the block map's HashMethod (${blockMapAlg})` });
  const expected = splitAppxBlob(signed, alg);
  if (!expected) return [...out, { code: 'APPX_DIGEST_MISMATCH', message: 'the signed digest is not an APPX digest blob ("APPX" + tagged hashes)' }];
  // the same (memoised) blob the signature layer compares, split back into its parts
  const actual = splitAppxBlob(await source.digest(alg), alg)!;
  for (const tag of PART_TAGS) {
    const a = actual.get(tag);
    const e = expected.get(tag);
    if (!a && !e) continue;
    if (!a || !e || !a.equals(e)) {
      const what = { AXPC: 'ZIP local records', AXCD: 'central directory', AXCT: CONTENT_TYPES_PART, AXBM: BLOCK_MAP_PART, AXCI: CODE_INTEGRITY_PART }[tag];
      out.push({ code: 'APPX_DIGEST_MISMATCH', message: `${tag} (${what}): ${!e ? 'not signed' : !a ? 'signed, but the part is missing' : 'differs from the signed hash'}` });
    }
  }
  for (const tag of expected.keys()) {
    if (!(PART_TAGS as readonly string[]).includes(tag)) out.push({ code: 'APPX_DIGEST_MISMATCH', message: `unknown part ${JSON.stringify(tag)} in the signed digest` });
  }
  return out;
}

/**
 * Every non-footprint file is in the block map with its sizes and 64 KiB block hashes; nothing else is.
 * `hashBlocks` false: the listing, sizes and block counts only.
 */
export async function blockMapFailures(path: string, zip: ZipArchive, map: BlockMap, hashBlocks: boolean): Promise<Failure[]> {
  const out: Failure[] = [];
  const listed = new Map<string, BlockMapFile>();
  for (const f of map.files) {
    if (listed.has(f.name.toLowerCase())) out.push({ code: 'APPX_BLOCKMAP_MISMATCH', message: `the block map lists ${JSON.stringify(f.name)} twice` });
    listed.set(f.name.toLowerCase(), f);
  }
  const seen = new Set<string>();
  for (const e of zip.entries) {
    if (FOOTPRINT.has(e.name) || e.name.endsWith('/')) continue;
    const key = blockMapName(e.name).toLowerCase();
    const f = listed.get(key);
    if (!f) {
      out.push({ code: 'APPX_BLOCKMAP_MISMATCH', message: `${JSON.stringify(e.name)} is in the package but not in the block map` });
      continue;
    }
    seen.add(key);
    const problem = sizesAgainstBlockMap(e, f) ?? (hashBlocks ? await blocksAgainstBlockMap(path, e, f, map.algorithm) : null);
    if (problem) out.push({ code: 'APPX_BLOCKMAP_MISMATCH', message: `${JSON.stringify(e.name)}: ${problem}` });
  }
  for (const [key, f] of listed) {
    if (!seen.has(key)) out.push({ code: 'APPX_BLOCKMAP_MISMATCH', message: `the block map lists ${JSON.stringify(f.name)}, which is not in the package` });
  }
  return out;
}

/** The file's size, local header size, block count and compressed block sizes against its block map entry. */
function sizesAgainstBlockMap(e: ZipEntry, f: BlockMapFile): string | null {
  if (f.size !== e.uncompressedSize) return `block map size ${f.size}, package size ${e.uncompressedSize}`;
  if (f.lfhSize !== null && f.lfhSize !== e.localHeaderLength) return `block map LfhSize ${f.lfhSize}, local header ${e.localHeaderLength} bytes`;
  const count = Math.ceil(e.uncompressedSize / BLOCK_SIZE);
  if (f.blocks.length !== count) return `${f.blocks.length} blocks in the block map, ${count} for its ${e.uncompressedSize} bytes`;
  if (e.method !== 0) {
    const sizes = f.blocks.map((b) => b.size);
    // each block is deflated on its own; the stream's final empty block (a few bytes) belongs to no block
    const sum = sizes.every((s) => s !== null) ? sizes.reduce((n, s) => n! + s!, 0)! : null;
    if (sum !== null && (sum > e.compressedSize || e.compressedSize - sum > MAX_DEFLATE_TAIL)) return `its compressed blocks add up to ${sum} bytes, the package holds ${e.compressedSize}`;
  }
  return null;
}

/** The hash of each 64 KiB block of the file's content against its block map entry (the content is streamed). */
async function blocksAgainstBlockMap(path: string, e: ZipEntry, f: BlockMapFile, alg: DigestAlgorithm): Promise<string | null> {
  let block = 0;
  let filled = 0;
  let h = createHash(alg);
  let mismatch: number | null = null;
  const close = (): void => {
    if (mismatch === null && !h.digest().equals(f.blocks[block]!.hash)) mismatch = block;
    block++;
    filled = 0;
    h = createHash(alg);
  };
  await streamEntry(path, e, (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(BLOCK_SIZE - filled, chunk.length - at);
      h.update(chunk.subarray(at, at + take));
      filled += take;
      at += take;
      if (filled === BLOCK_SIZE) close();
    }
  });
  if (filled > 0) close();
  // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- mismatch is set inside close(); TypeScript narrows it to null here
  return mismatch === null ? null : `block ${mismatch} (offset ${mismatch * BLOCK_SIZE}) does not match its block map hash`;
}
