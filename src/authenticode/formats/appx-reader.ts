/**
 * APPX / MSIX packages and bundles (.appx .msix .appxbundle .msixbundle): a ZIP (zip.ts) whose signature is
 * the part AppxSignature.p7x = "PKCX" + a PKCS#7 ContentInfo, the last record of the archive.
 *
 * The signed digest (SpcIndirectDataContent with the APPX SIP's SpcSipInfo) is not one hash but a blob:
 *   "APPX" "AXPC" H(local records) "AXCD" H(central directory) "AXCT" H([Content_Types].xml)
 *   "AXBM" H(AppxBlockMap.xml) ["AXCI" H(AppxMetadata/CodeIntegrity.cat)]
 * with H the signature's digest algorithm, which must be the block map's HashMethod:
 *   AXPC  the bytes of every local record (header, data, descriptor) except the signature's: [0, its offset)
 *   AXCD  the central directory entries except the signature's, then the end records as they would be
 *         without it (entry counts, directory size and offset recomputed; disk numbers zero)
 *   AXCT/AXBM/AXCI  the uncompressed content of those parts
 * (Layout learned from osslsigncode's APPX support and packages made by MakeAppx; the differential tests
 * compare with osslsigncode.) Each part is compared on its own (APPX_DIGEST_MISMATCH names it), and the whole
 * blob again by the signature layer (DIGEST_MISMATCH).
 *
 * Checked beyond the digest, as Windows checks a package before it installs it:
 *   - the block map: every file of the ZIP but the footprint files ([Content_Types].xml, AppxBlockMap.xml,
 *     AppxSignature.p7x, AppxMetadata/CodeIntegrity.cat) is listed with its size and local header size, and
 *     the hash of each 64 KiB block of its uncompressed content; nothing else is listed
 *     (APPX_BLOCKMAP_MISMATCH);
 *   - [Content_Types].xml gives every part a content type (Override or Default), the signature included
 *     (MALFORMED_APPX);
 *   - the ZIP: records end to end, local headers agree with the directory, sizes and CRC-32 hold, the
 *     signature is the last record, nothing follows the end record (TRAILING_DATA).
 * A ZIP without AppxBlockMap.xml is no package: UNKNOWN_FORMAT.
 */
import { createHash, type Hash } from 'node:crypto';
import { VerifyError } from '../errors';
import { withOpenFile } from './open-file';
import { digestAlgorithmFromOid, DIGEST_LENGTH } from '../der/oids';
import { parseSignedDataContentInfo, parseSpcIndirectData } from '../pkcs7/signed-data';
import { BatchedDigestSource, checkAlgorithm, hashFilePieces } from './file-hash';
import { fileAccess } from './pe-reader';
import { readEntry, readZip, streamEntry, type ZipArchive, type ZipEntry } from './zip';
import type { DigestAlgorithm, Failure, SignedContainer } from '../types';

export const SIGNATURE_PART = 'AppxSignature.p7x';
export const BLOCK_MAP_PART = 'AppxBlockMap.xml';
export const CONTENT_TYPES_PART = '[Content_Types].xml';
export const CODE_INTEGRITY_PART = 'AppxMetadata/CodeIntegrity.cat';
const FOOTPRINT = new Set([SIGNATURE_PART, BLOCK_MAP_PART, CONTENT_TYPES_PART, CODE_INTEGRITY_PART]);
export const BLOCK_SIZE = 64 * 1024;
/** bytes a deflated file may hold beyond its blocks' compressed sizes (the final empty deflate block: 2 bytes) */
const MAX_DEFLATE_TAIL = 16;
/** XML parts and the signature are read into memory up to this size. */
export const MAX_PART_SIZE = 64 * 1024 * 1024;

const HASH_METHODS: Record<string, DigestAlgorithm> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

const bad = (msg: string): VerifyError => new VerifyError('MALFORMED_APPX', `APPX: ${msg}`);

// ---------------------------------------------------------------- minimal XML reading (attributes of elements)

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

interface XmlElement {
  name: string;
  attrs: Map<string, string>;
  /** true for an end tag </name> */
  end: boolean;
}

/** The start, empty and end tags of an XML document, in order (no DTDs; comments and PIs skipped). */
function* xmlTags(xml: string): Generator<XmlElement> {
  const tag = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const attr = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (!m[2]) continue;
    const attrs = new Map<string, string>();
    for (let a = attr.exec(m[3] ?? ''); a; a = attr.exec(m[3] ?? '')) attrs.set(a[1]!, decodeXml(a[2] ?? a[3] ?? ''));
    attr.lastIndex = 0;
    const local = m[2].includes(':') ? m[2].slice(m[2].indexOf(':') + 1) : m[2];
    yield { name: local, attrs, end: m[1] === '/' };
    if (m[4] === '/') yield { name: local, attrs: new Map(), end: true };
  }
}

function xmlText(bytes: Buffer, what: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw bad(`${what} is not UTF-8`);
  return text.replace(/^\ufeff/, '');
}

export interface BlockMapFile {
  name: string;
  size: number;
  lfhSize: number | null;
  blocks: { hash: Buffer; size: number | null }[];
}

export interface BlockMap {
  algorithm: DigestAlgorithm;
  files: BlockMapFile[];
}

export function parseBlockMap(bytes: Buffer): BlockMap {
  const xml = xmlText(bytes, BLOCK_MAP_PART);
  let algorithm: DigestAlgorithm | undefined;
  const files: BlockMapFile[] = [];
  let current: BlockMapFile | null = null;
  const num = (v: string | undefined, what: string): number => {
    if (v === undefined || !/^\d{1,15}$/.test(v)) throw bad(`block map: ${what} ${JSON.stringify(v)} is not a number`);
    return Number(v);
  };
  for (const t of xmlTags(xml)) {
    if (t.name === 'BlockMap' && !t.end) {
      const method = t.attrs.get('HashMethod');
      algorithm = method ? HASH_METHODS[method] : undefined;
      if (!algorithm) throw bad(`block map: HashMethod ${JSON.stringify(method)} is not SHA-256, SHA-384 or SHA-512`);
    } else if (t.name === 'File' && !t.end) {
      if (!algorithm) throw bad('block map: a File outside BlockMap');
      current = { name: t.attrs.get('Name') ?? '', size: num(t.attrs.get('Size'), 'File Size'), lfhSize: t.attrs.has('LfhSize') ? num(t.attrs.get('LfhSize'), 'LfhSize') : null, blocks: [] };
      files.push(current);
    } else if (t.name === 'File' && t.end) {
      current = null;
    } else if (t.name === 'Block' && !t.end) {
      if (!current) throw bad('block map: a Block outside File');
      const hash = Buffer.from(t.attrs.get('Hash') ?? '', 'base64');
      if (hash.length !== DIGEST_LENGTH[algorithm!]) throw bad(`block map: a block hash of ${current.name} is not a ${algorithm} hash`);
      current.blocks.push({ hash, size: t.attrs.has('Size') ? num(t.attrs.get('Size'), 'Block Size') : null });
    }
  }
  if (!algorithm) throw bad('block map: no BlockMap element');
  return { algorithm, files };
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function parseContentTypes(bytes: Buffer): ContentTypes {
  const xml = xmlText(bytes, CONTENT_TYPES_PART);
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  let types = false;
  for (const t of xmlTags(xml)) {
    if (t.end) continue;
    if (t.name === 'Types') types = true;
    else if (t.name === 'Default') defaults.set((t.attrs.get('Extension') ?? '').toLowerCase(), t.attrs.get('ContentType') ?? '');
    else if (t.name === 'Override') overrides.set((t.attrs.get('PartName') ?? '').toLowerCase(), t.attrs.get('ContentType') ?? '');
  }
  if (!types) throw bad(`${CONTENT_TYPES_PART} has no Types element`);
  return { defaults, overrides };
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

// ---------------------------------------------------------------- the container

interface Parts {
  zip: ZipArchive;
  signatureEntry: ZipEntry | null;
  contentTypes: ZipEntry;
  blockMap: ZipEntry;
  codeIntegrity: ZipEntry | null;
}

const PART_TAGS = ['AXPC', 'AXCD', 'AXCT', 'AXBM', 'AXCI'] as const;
type PartTag = (typeof PART_TAGS)[number];

/** The APPX digest blob, all parts computed in one go per set of algorithms. */
class AppxDigest {
  constructor(
    private readonly path: string,
    private readonly p: Parts,
  ) {}

  /** AXCD's bytes: directory entries but the signature's, and the end records recomputed. */
  private centralDirectoryBytes(): Buffer {
    const { zip, signatureEntry } = this.p;
    const kept = zip.entries.filter((e) => e !== signatureEntry);
    const cdSize = kept.reduce((n, e) => n + e.centralRaw.length, 0);
    const cdOffset = signatureEntry ? signatureEntry.localHeaderOffset : zip.cdStart;
    const out: Buffer[] = kept.map((e) => e.centralRaw);
    const end = zip.end;
    if (end.zip64) {
      const z = Buffer.alloc(56);
      z.writeUInt32LE(0x06064b50, 0);
      z.writeBigUInt64LE(end.zip64.recordSize, 4);
      z.writeUInt16LE(end.zip64.versionMadeBy, 12);
      z.writeUInt16LE(end.zip64.versionNeeded, 14);
      z.writeUInt32LE(end.zip64.disk, 16);
      z.writeUInt32LE(end.zip64.cdDisk, 20);
      z.writeBigUInt64LE(BigInt(kept.length), 24);
      z.writeBigUInt64LE(BigInt(kept.length), 32);
      z.writeBigUInt64LE(BigInt(cdSize), 40);
      z.writeBigUInt64LE(BigInt(cdOffset), 48);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeUInt32LE(end.zip64.locatorDisk, 4);
      loc.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
      loc.writeUInt32LE(end.zip64.totalDisks, 16);
      out.push(z, end.zip64.extensible, loc);
    }
    const e = Buffer.alloc(22);
    e.writeUInt32LE(0x06054b50, 0);
    e.writeUInt16LE(end.entriesOnDisk === 0xffff ? 0xffff : kept.length, 8);
    e.writeUInt16LE(end.entries === 0xffff ? 0xffff : kept.length, 10);
    e.writeUInt32LE(end.cdSize === 0xffffffff ? 0xffffffff : cdSize, 12);
    e.writeUInt32LE(end.cdOffset === 0xffffffff ? 0xffffffff : cdOffset, 16);
    e.writeUInt16LE(end.comment.length, 20);
    out.push(e, end.comment);
    return Buffer.concat(out);
  }

  async parts(algorithms: DigestAlgorithm[]): Promise<Map<DigestAlgorithm, Map<PartTag, Buffer>>> {
    algorithms.forEach(checkAlgorithm);
    const { zip, signatureEntry } = this.p;
    const out = new Map(algorithms.map((a) => [a, new Map<PartTag, Buffer>()]));
    const axpc = await hashFilePieces(this.path, algorithms, [[0, signatureEntry ? signatureEntry.localHeaderOffset : zip.cdStart]], { expectedSize: zip.size });
    const cd = this.centralDirectoryBytes();
    const contentHash = async (e: ZipEntry): Promise<Map<DigestAlgorithm, Buffer>> => {
      const hs: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
      await streamEntry(this.path, e, (c) => hs.forEach(([, h]) => h.update(c)));
      return new Map(hs.map(([a, h]) => [a, h.digest()]));
    };
    const ct = await contentHash(this.p.contentTypes);
    const bm = await contentHash(this.p.blockMap);
    const ci = this.p.codeIntegrity ? await contentHash(this.p.codeIntegrity) : null;
    for (const a of algorithms) {
      const m = out.get(a)!;
      m.set('AXPC', axpc.get(a)!);
      m.set('AXCD', createHash(a).update(cd).digest());
      m.set('AXCT', ct.get(a)!);
      m.set('AXBM', bm.get(a)!);
      if (ci) m.set('AXCI', ci.get(a)!);
    }
    return out;
  }
}

export function appxBlob(parts: Map<PartTag, Buffer>): Buffer {
  const out: Buffer[] = [Buffer.from('APPX', 'latin1')];
  for (const tag of PART_TAGS) {
    const h = parts.get(tag);
    if (h) out.push(Buffer.from(tag, 'latin1'), h);
  }
  return Buffer.concat(out);
}

/** The parts of a signed APPX digest blob; null when it is not one. */
export function splitAppxBlob(blob: Uint8Array, alg: DigestAlgorithm): Map<string, Buffer> | null {
  const len = DIGEST_LENGTH[alg];
  const b = Buffer.from(blob);
  if (b.length < 4 || b.toString('latin1', 0, 4) !== 'APPX' || (b.length - 4) % (4 + len) !== 0) return null;
  const out = new Map<string, Buffer>();
  for (let p = 4; p < b.length; p += 4 + len) {
    const tag = b.toString('latin1', p, p + 4);
    if (out.has(tag)) return null;
    out.set(tag, b.subarray(p + 4, p + 4 + len));
  }
  return out;
}

export async function readAppxContainer(path: string): Promise<SignedContainer> {
  const zip = await withOpenFile(path, async (fh) => readZip(fileAccess(fh, (await fh.stat()).size)));
  return appxContainerOf(path, zip);
}

async function appxContainerOf(path: string, zip: ZipArchive): Promise<SignedContainer> {
  const byName = new Map<string, ZipEntry>();
  for (const e of zip.entries) {
    const key = e.name.toLowerCase();
    if (byName.has(key)) throw bad(`two entries named ${JSON.stringify(e.name)}`);
    byName.set(key, e);
  }
  const blockMapEntry = byName.get(BLOCK_MAP_PART.toLowerCase());
  if (!blockMapEntry) throw new VerifyError('UNKNOWN_FORMAT', `${path}: a ZIP archive without ${BLOCK_MAP_PART} is no APPX/MSIX package`);
  const contentTypesEntry = byName.get(CONTENT_TYPES_PART.toLowerCase());
  if (!contentTypesEntry) throw bad(`no ${CONTENT_TYPES_PART}`);
  const signatureEntry = byName.get(SIGNATURE_PART.toLowerCase()) ?? null;
  if (signatureEntry && signatureEntry !== zip.entries[zip.entries.length - 1]) throw bad(`${SIGNATURE_PART} is not the last record of the package`);
  const parts: Parts = { zip, signatureEntry, contentTypes: contentTypesEntry, blockMap: blockMapEntry, codeIntegrity: byName.get(CODE_INTEGRITY_PART.toLowerCase()) ?? null };

  const failures: Failure[] = [];
  if (zip.trailing > 0) failures.push({ code: 'TRAILING_DATA', message: `${zip.trailing} bytes follow the ZIP end record; they are not covered by the signature` });

  // content types: every part has one
  const types = parseContentTypes(await readEntry(path, contentTypesEntry, MAX_PART_SIZE));
  for (const e of zip.entries) {
    if (e === contentTypesEntry || e.name.endsWith('/')) continue;
    const ext = e.name.includes('.') ? e.name.slice(e.name.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!types.overrides.has(`/${e.name}`.toLowerCase()) && !types.defaults.has(ext)) throw bad(`${CONTENT_TYPES_PART} gives part ${JSON.stringify(e.name)} no content type`);
  }

  // block map against the files
  const blockMap = parseBlockMap(await readEntry(path, blockMapEntry, MAX_PART_SIZE));
  // an unsigned package's block hashes are not computed: nothing they say could make it valid, and their cost
  // is the package's declared content (up to 1 032 times the file's size), not the file's
  failures.push(...(await blockMapFailures(path, zip, blockMap, signatureEntry !== null)));

  let signatures: Uint8Array[] = [];
  if (signatureEntry) {
    const p7x = await readEntry(path, signatureEntry, MAX_PART_SIZE);
    if (p7x.length < 4 || p7x.toString('latin1', 0, 4) !== 'PKCX') throw bad(`${SIGNATURE_PART} does not start with "PKCX"`);
    signatures = [p7x.subarray(4)];
  }

  const digest = new AppxDigest(path, parts);
  const source = new BatchedDigestSource(async (algorithms) => {
    const all = await digest.parts(algorithms);
    return new Map(algorithms.map((a) => [a, appxBlob(all.get(a)!)]));
  });
  if (signatures.length) failures.push(...(await partFailures(signatures[0]!, blockMap.algorithm, source)));
  return { format: 'appx', signatures, failures, digestSource: source };
}

/** Each part of the signed blob against the package (APPX_DIGEST_MISMATCH per part); silent when the signature does not read. */
async function partFailures(der: Uint8Array, blockMapAlg: DigestAlgorithm, source: BatchedDigestSource): Promise<Failure[]> {
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
async function blockMapFailures(path: string, zip: ZipArchive, map: BlockMap, hashBlocks: boolean): Promise<Failure[]> {
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
  return mismatch === null ? null : `block ${mismatch} (offset ${mismatch * BLOCK_SIZE}) does not match its block map hash`;
}
