/**
 * Valid signed base fixtures for the fuzzer, made by the project's own test helpers (test PKI in code,
 * PE / MSI writers, Authenticode builder), with a map of which bytes are SIGNED: a change to any of them must
 * never leave the file "valid".
 *
 * Signed bytes (the oracle's "must not verify" set):
 *  - PE: every byte the Authenticode digest covers (0 … certificate table, minus CheckSum and the security
 *    directory entry), and inside the primary PKCS#7 blob the SpcIndirectDataContent, the signed attributes
 *    and the signature value, plus the timestamp's signed parts (the verification time is after the 72-hour
 *    leaf expired, so the timestamp is relied on).
 *  - MSI: the content of every stream but the two signature streams, every storage's CLSID; with
 *    MsiDigitalSignatureEx also the metadata it pre-hashes (names, sizes, state bits, times) and the stream
 *    itself; and the primary blob's signed regions inside "\u0005DigitalSignature".
 * Not signed (may change without invalidating): CheckSum, the security directory entry, the certificate bag,
 * unsigned attributes other than the relied-on timestamp, algorithm parameters, other signatures.
 */
import { createHash } from 'node:crypto';
import { resolveVerifyContext } from '../../src/authenticode/context';
import { parseCompoundFile } from '../../src/authenticode/formats/msi-cfb';
import { DIGITAL_SIGNATURE_NAME, MSI_DIGITAL_SIGNATURE_EX_NAME, msiDigest } from '../../src/authenticode/formats/msi-digest';
import type { DigestAlgorithm, VerifyOptions } from '../../src/authenticode/types';
import type { VerifyContext } from '../../src/authenticode/context';
import { buildPe, peOffsets } from '../../tests/helpers/pe-writer';
import { createTestPki, TIMES } from '../../tests/helpers/pki';
import { signMsiDetailed } from '../../tests/helpers/sign-msi';
import { peDigest, signPe } from '../../tests/helpers/sign-pe';
import { sampleMsi } from '../../tests/helpers/msi-writer';
import { type Region, signedRegions, tlvAt } from './der-walk';

export const ALGORITHMS: DigestAlgorithm[] = ['sha1', 'sha256', 'sha384', 'sha512'];

export interface CertEntryInfo {
  offset: number;
  dwLength: number;
  /** [start, end) of the DER blob in the file */
  blob: Region;
}

export interface PeFixture {
  name: string;
  bytes: Buffer;
  checksumOffset: number;
  securityEntryOffset: number;
  tableOffset: number;
  tableSize: number;
  entries: CertEntryInfo[];
  sectionTable: number;
  numberOfSections: number;
  /** interesting offsets for truncation and field rewrites */
  boundaries: number[];
  /** offsets of u32 / u16 header fields worth rewriting to extremes */
  fields: { offset: number; size: 2 | 4; name: string }[];
  /** Authenticode digest of the signed image per algorithm (what the signatures sign) */
  digests: Record<DigestAlgorithm, Buffer>;
  /** 1 = signed byte */
  signed: Uint8Array;
}

export interface MsiFixture {
  name: string;
  bytes: Buffer;
  sectorSize: number;
  /** offsets of header fields and directory entry fields worth rewriting */
  fields: { offset: number; size: 4; name: string }[];
  boundaries: number[];
  signed: Uint8Array;
  /** 1 = a byte the MSI digest itself covers (signed minus the PKCS#7 blob's own signed regions) */
  covered: Uint8Array;
  /** the digest the signature signs */
  digest: Buffer;
  digestAlgorithm: DigestAlgorithm;
}

export interface BlobFixture {
  name: string;
  blob: Buffer;
  kind: 'pe' | 'msi';
  digests: Record<DigestAlgorithm, Buffer>;
  /** 1 = signed byte of the blob */
  signed: Uint8Array;
  /** the TLV boundaries inside the blob (truncation points, length bytes) */
  boundaries: number[];
}

export interface Fixtures {
  options: VerifyOptions;
  ctx: VerifyContext;
  pe: PeFixture[];
  msi: MsiFixture[];
  blobs: BlobFixture[];
}

function markRegion(signed: Uint8Array, [a, b]: Region, base = 0): void {
  for (let i = a; i < b; i++) signed[base + i] = 1;
}

/** Every TLV start / content start / end in a known-good DER blob (for truncation and length rewrites). */
function derBoundaries(buf: Uint8Array): number[] {
  const out = new Set<number>();
  const walk = (pos: number, end: number, depth: number): void => {
    while (pos < end && depth < 64) {
      const t = tlvAt(buf, pos);
      out.add(t.start);
      out.add(t.start + 1);
      out.add(t.contentStart);
      out.add(t.end);
      if (t.tag & 0x20) walk(t.contentStart, t.end, depth + 1);
      pos = t.end;
    }
  };
  walk(0, buf.length, 0);
  return [...out].filter((x) => x <= buf.length).sort((a, b) => a - b);
}

async function peFixture(name: string, unsigned: Buffer, specs: Parameters<typeof signPe>[1]): Promise<PeFixture> {
  const bytes = await signPe(unsigned, specs);
  const off = peOffsets(bytes);
  const tableOffset = bytes.readUInt32LE(off.securityEntry);
  const tableSize = bytes.readUInt32LE(off.securityEntry + 4);
  const entries: CertEntryInfo[] = [];
  for (let p = tableOffset; p < tableOffset + tableSize; ) {
    const dwLength = bytes.readUInt32LE(p);
    const derLen = derLength(bytes, p + 8);
    entries.push({ offset: p, dwLength, blob: [p + 8, p + 8 + derLen] });
    p += Math.ceil(dwLength / 8) * 8;
  }
  const signed = new Uint8Array(bytes.length);
  for (let i = 0; i < tableOffset; i++) signed[i] = 1;
  for (let i = 0; i < 4; i++) signed[off.checksum + i] = 0;
  for (let i = 0; i < 8; i++) signed[off.securityEntry + i] = 0;
  const primary = entries[0]!;
  const regions = signedRegions(bytes.subarray(primary.blob[0], primary.blob[1]));
  for (const r of [...regions.signer, ...regions.timestamp]) markRegion(signed, r, primary.blob[0]);

  const digests = {} as Record<DigestAlgorithm, Buffer>;
  for (const a of ALGORITHMS) digests[a] = await peDigest(unsigned, a);

  const sections: number[] = [];
  const fields: PeFixture['fields'] = [
    { offset: 0x3c, size: 4, name: 'e_lfanew' },
    { offset: off.peOffset, size: 4, name: 'PE signature' },
    { offset: off.peOffset + 6, size: 2, name: 'NumberOfSections' },
    { offset: off.peOffset + 20, size: 2, name: 'SizeOfOptionalHeader' },
    { offset: off.optionalHeader, size: 2, name: 'Magic' },
    { offset: off.optionalHeader + 60, size: 4, name: 'SizeOfHeaders' },
    { offset: off.checksum, size: 4, name: 'CheckSum' },
    { offset: off.optionalHeader + (off.pe32plus ? 108 : 92), size: 4, name: 'NumberOfRvaAndSizes' },
    { offset: off.securityEntry, size: 4, name: 'security directory offset' },
    { offset: off.securityEntry + 4, size: 4, name: 'security directory size' },
  ];
  for (let i = 0; i < off.numberOfSections; i++) {
    const at = off.sectionTable + i * 40;
    fields.push({ offset: at + 16, size: 4, name: `section ${i} SizeOfRawData` }, { offset: at + 20, size: 4, name: `section ${i} PointerToRawData` });
    const ptr = bytes.readUInt32LE(at + 20);
    sections.push(ptr, ptr + bytes.readUInt32LE(at + 16));
  }
  entries.forEach((e, i) => {
    fields.push(
      { offset: e.offset, size: 4, name: `WIN_CERTIFICATE ${i} dwLength` },
      { offset: e.offset + 4, size: 2, name: `WIN_CERTIFICATE ${i} wRevision` },
      { offset: e.offset + 6, size: 2, name: `WIN_CERTIFICATE ${i} wCertificateType` },
    );
  });
  const boundaries = [
    0,
    2,
    0x3c,
    0x40,
    off.peOffset,
    off.peOffset + 4,
    off.peOffset + 24,
    off.optionalHeader + 2,
    off.checksum,
    off.securityEntry,
    off.sectionTable,
    off.sectionTable + off.numberOfSections * 40,
    ...sections,
    tableOffset,
    ...entries.flatMap((e) => [e.offset, e.offset + 8, e.blob[1], ...derBoundaries(bytes.subarray(e.blob[0], e.blob[1])).map((b) => b + e.blob[0])]),
    bytes.length,
  ];
  return {
    name,
    bytes,
    checksumOffset: off.checksum,
    securityEntryOffset: off.securityEntry,
    tableOffset,
    tableSize,
    entries,
    sectionTable: off.sectionTable,
    numberOfSections: off.numberOfSections,
    boundaries: [...new Set(boundaries)].sort((a, b) => a - b),
    fields,
    digests,
    signed,
  };
}

function derLength(b: Buffer, pos: number): number {
  const first = b[pos + 1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[pos + 2 + i]!;
  return 2 + n + len;
}

function msiFixture(name: string, unsigned: Buffer, alg: DigestAlgorithm, dse: boolean, timestamp: 'rfc3161' | 'pkcs9'): MsiFixture {
  const pki = createTestPki();
  const s = signMsiDetailed(unsigned, { signer: pki.leaf, digestAlgorithm: alg, dse, timestamp: { kind: timestamp, tsa: pki.tsa, time: TIMES.signing } });
  const bytes = s.bytes;
  const cf = parseCompoundFile(bytes);
  const signed = new Uint8Array(bytes.length);
  const blobRegions = new Uint8Array(bytes.length);
  const regions = signedRegions(s.signature);
  const fields: MsiFixture['fields'] = [
    { offset: 0x2c, size: 4, name: 'numFatSectors' },
    { offset: 0x30, size: 4, name: 'firstDirSector' },
    { offset: 0x3c, size: 4, name: 'firstMiniFatSector' },
    { offset: 0x40, size: 4, name: 'numMiniFatSectors' },
    { offset: 0x44, size: 4, name: 'firstDifatSector' },
    { offset: 0x48, size: 4, name: 'numDifatSectors' },
    { offset: 0x4c, size: 4, name: 'DIFAT[0]' },
    { offset: 0x50, size: 4, name: 'DIFAT[1]' },
  ];
  const boundaries = new Set<number>([0, 8, 0x1c, 0x4c, 512, bytes.length]);
  for (let o = cf.sectorSize; o <= bytes.length; o += cf.sectorSize) boundaries.add(o);
  for (const e of cf.entries) {
    const o = e.offset;
    fields.push(
      { offset: o + 0x44, size: 4, name: `${e.path || 'root'} left` },
      { offset: o + 0x48, size: 4, name: `${e.path || 'root'} right` },
      { offset: o + 0x4c, size: 4, name: `${e.path || 'root'} child` },
      { offset: o + 0x74, size: 4, name: `${e.path || 'root'} start` },
      { offset: o + 0x78, size: 4, name: `${e.path || 'root'} size` },
    );
    boundaries.add(o);
    const isSig = e.name === DIGITAL_SIGNATURE_NAME || e.name === MSI_DIGITAL_SIGNATURE_EX_NAME;
    const parentIsRoot = !e.path.includes('/');
    if (isSig && parentIsRoot) {
      if (e.name === DIGITAL_SIGNATURE_NAME) {
        // map blob offsets to file offsets through the stream's ranges
        const map: number[] = [];
        for (const [a, b] of cf.streamRanges(e)) for (let i = a; i < b; i++) map.push(i);
        for (const [a, b] of [...regions.signer, ...regions.timestamp]) for (let i = a; i < b; i++) signed[map[i]!] = blobRegions[map[i]!] = 1;
      } else {
        for (const [a, b] of cf.streamRanges(e)) markRegion(signed, [a, b]); // DSE content must equal the pre-hash
      }
      continue;
    }
    if (e.type === 2) for (const [a, b] of cf.streamRanges(e)) markRegion(signed, [a, b]);
    else markRegion(signed, [o + 0x50, o + 0x60]); // CLSID of the root and of storages
    if (dse) {
      if (e.type !== 5) markRegion(signed, [o, o + e.nameBytes.length]);
      if (e.type === 2) markRegion(signed, [o + 0x78, o + 0x7c]);
      markRegion(signed, [o + 0x60, o + 0x64]);
      if (e.type !== 5) markRegion(signed, [o + 0x64, o + 0x74]);
    }
  }
  return {
    name,
    bytes,
    sectorSize: cf.sectorSize,
    fields,
    boundaries: [...boundaries].sort((a, b) => a - b),
    signed,
    covered: signed.map((v, i) => (blobRegions[i] ? 0 : v)),
    digest: msiDigest(cf, alg, dse),
    digestAlgorithm: alg,
  };
}

function blobFixture(name: string, blob: Buffer, kind: 'pe' | 'msi', digests: Record<DigestAlgorithm, Buffer>): BlobFixture {
  const signed = new Uint8Array(blob.length);
  const r = signedRegions(blob);
  for (const x of [...r.signer, ...r.timestamp]) markRegion(signed, x);
  return { name, blob, kind, digests, signed, boundaries: derBoundaries(blob) };
}

let cached: Promise<Fixtures> | undefined;

/** The base fixtures (built once per process; key generation takes a second or two). */
export function loadFixtures(): Promise<Fixtures> {
  cached ??= buildFixtures();
  return cached;
}

async function buildFixtures(): Promise<Fixtures> {
  const pki = createTestPki();
  const options: VerifyOptions = { trust: [pki.root.pem, pki.tsaRoot.pem], acsRoots: [pki.root.pem], at: TIMES.later, strict: true };
  const ctx = resolveVerifyContext(options);
  const pkcs9 = { kind: 'pkcs9' as const, tsa: pki.tsa, time: TIMES.signing };

  const pe = [
    await peFixture('pe32-x86-sha256-rfc3161', buildPe({ machine: 'x86' }), {}),
    await peFixture(
      'pe32plus-x64-two-entries-nested',
      buildPe({ machine: 'x64', overlay: Buffer.from('installer payload '.repeat(8)) }),
      [{ digestAlgorithm: 'sha256', nested: [{ digestAlgorithm: 'sha1', timestamp: pkcs9 }] }, { digestAlgorithm: 'sha384', timestamp: pkcs9 }],
    ),
  ];

  const msi = [
    msiFixture('msi-v3-sha256-rfc3161', sampleMsi('fuzz-a'), 'sha256', false, 'rfc3161'),
    msiFixture('msi-v3-sha384-dse-pkcs9', sampleMsi('fuzz-b', { largeStreamBytes: 5000 }), 'sha384', true, 'pkcs9'),
  ];

  const peDigests = pe[0]!.digests;
  const primaryBlob = (f: PeFixture, i = 0): Buffer => Buffer.from(f.bytes.subarray(f.entries[i]!.blob[0], f.entries[i]!.blob[1]));
  const blobs = [
    blobFixture('pkcs7-sha256-rfc3161', primaryBlob(pe[0]!), 'pe', peDigests),
    blobFixture('pkcs7-sha256-nested-sha1-pkcs9', primaryBlob(pe[1]!), 'pe', pe[1]!.digests),
    blobFixture('pkcs7-sha384-pkcs9', primaryBlob(pe[1]!, 1), 'pe', pe[1]!.digests),
  ];
  return { options, ctx, pe, msi, blobs };
}

export const sha = (alg: DigestAlgorithm, ...parts: Uint8Array[]): Buffer => {
  const h = createHash(alg);
  for (const p of parts) h.update(p);
  return h.digest();
};
