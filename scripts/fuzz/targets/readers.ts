/**
 * Targets for the readers of issue 22 (each bounded in time and memory by its input): the PE version resource,
 * APPX/MSIX, CAB, catalog, script and CRL readers. Each mutates base files built by the project's test
 * helpers (the generic byte mutations of mutate.ts, plus the structure's header fields rewritten to extremes)
 * and drives the reader as users reach it.
 *
 *   version-resource  readPeVersionInfo: PEs with a version resource, one of them whose resource directories
 *                     are shared by many parents (the 10^9-path tree, in small); never throws, a note or a result
 *   appx              verifyFile on unsigned packages (classic and ZIP64 with data descriptors): a "valid" is false
 *   cab               verifyFile on unsigned cabinets: a "valid" is false
 *   catalog           verifyFile and parseCatalogMembers on a catalog of 40 members signed with the test PKI:
 *                     "valid" after a change to a signed byte (the CTL, the signed attributes, the signature),
 *                     or with another length, is false
 *   script            verifyFile on a PowerShell script signed with the test PKI (and an unsigned UTF-16LE one):
 *                     "valid" after a change to the script text (what the signature covers) is false
 *   crl               parseCrlInput on DER and PEM CRLs of the test PKI (reason codes, GeneralizedTime, an
 *                     extension marked critical), then a lookup of every listed serial: only VerifyError may leave
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { resolveVerifyContext } from '../../../src/authenticode/context';
import { isVerifyError } from '../../../src/authenticode/errors';
import { parseCatalogMembers } from '../../../src/authenticode/formats/catalog';
import { readPeVersionInfo } from '../../../src/authenticode/formats/pe-version';
import { OID } from '../../../src/authenticode/der/oids';
import { parseCrlInput } from '../../../src/authenticode/trust/crl';
import type { VerifyContext } from '../../../src/authenticode/context';
import { verifyFileWithContext } from '../../../src/authenticode/verify-file';
import { buildAuthenticodeSignature, buildSignerInfo } from '../../../tests/helpers/authenticode-builder';
import * as der from '../../../tests/helpers/der';
import { buildPe, peOffsets, versionInfoBlob } from '../../../tests/helpers/pe-writer';
import { createTestPki, issuersOf, TIMES, type TestPki } from '../../../tests/helpers/pki';
import { buildAppx } from '../../../tests/authenticode/appx/appx-writer';
import { buildCab } from '../../../tests/authenticode/cab/cab-writer';
import { buildCrl, crlExtension, crlPem } from '../../../tests/authenticode/trust/crl-builder';
import { type Region, signedRegions } from '../der-walk';
import { applyMutations, changedPositions, type Mutation, mutationsArb, type Shape } from '../mutate';
import type { CaseResult, Target } from '../runner';
import { scratchFile } from '../tempdir';

interface Base {
  name: string;
  bytes: Buffer;
  shape: Shape;
  /** 1 = a byte a valid verdict depends on (for the bases that verify valid) */
  signed?: Uint8Array;
}

export interface ReaderCase {
  base: number;
  muts: Mutation[];
}

function caseArb(bases: Base[]): fc.Arbitrary<ReaderCase> {
  return fc.nat({ max: bases.length - 1 }).chain((base) => mutationsArb(bases[base]!.shape).map((muts) => ({ base, muts })));
}

const caseBytes = (bases: Base[], c: ReaderCase): Buffer => applyMutations(bases[c.base]!.bytes, bases[c.base]!.shape, c.muts);

/** A target over `bases` whose cases are written to a scratch file named `file` and judged by `judge`. */
function readerTarget(name: string, api: string, ext: string, bases: Base[], judge: (c: ReaderCase, bytes: Buffer, base: Base) => Promise<CaseResult>): Target<ReaderCase> {
  return { name, api, ext, arbitrary: caseArb(bases), bytes: (c) => caseBytes(bases, c), run: (c, bytes) => judge(c, bytes, bases[c.base]!) };
}

/** The verdict of verifyFile as an outcome label; a "valid" on a base that never verifies is false. */
async function verdictOutcome(file: string, ctx: VerifyContext, validIsFalse: string | undefined): Promise<CaseResult> {
  const r = await verifyFileWithContext(file, ctx);
  const outcome = r.verdict === 'valid' || r.verdict === 'unsigned' ? r.verdict : `${r.verdict}:${r.failures[0]?.code ?? '?'}`;
  return r.verdict === 'valid' && validIsFalse ? { outcome, falseValid: validIsFalse } : { outcome };
}

/** Offsets of every TLV boundary in a known-good DER element (truncation points, length octets). */
function derBoundaries(b: Uint8Array, from = 0, to = b.length, depth = 0, out: number[] = []): number[] {
  for (let p = from; p < to && depth < 12; ) {
    const first = b[p + 1]!;
    const n = first < 0x80 ? 0 : first & 0x7f;
    let len = first < 0x80 ? first : 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p + 2 + i]!;
    const content = p + 2 + n;
    out.push(p, p + 1, content);
    if (b[p]! & 0x20) derBoundaries(b, content, content + len, depth + 1, out);
    p = content + len;
  }
  return out;
}

const uniq = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);

// ---------------------------------------------------------------- version resource

/** A resource section (at `rva`) whose type, name and language directories are shared `fan` times each. */
function sharedResourceSection(rva: number, fan: number): Buffer {
  const dir = (entries: Array<[number, number, boolean]>): Buffer => {
    const d = Buffer.alloc(16 + entries.length * 8);
    d.writeUInt16LE(entries.length, 14);
    entries.forEach(([id, target, sub], i) => {
      d.writeUInt32LE(id, 16 + i * 8);
      d.writeUInt32LE((sub ? 0x80000000 | target : target) >>> 0, 20 + i * 8);
    });
    return d;
  };
  const size = 16 + fan * 8;
  const blob = versionInfoBlob({ fileVersion: [1, 2, 3, 4], strings: [['CompanyName', 'Shared Co.']] });
  const data = Buffer.alloc(16);
  data.writeUInt32LE(rva + 3 * size + 16, 0);
  data.writeUInt32LE(blob.length, 4);
  const ids = Array.from({ length: fan }, (_, i) => i + 1);
  return Buffer.concat([dir(ids.map((id) => [id, size, true])), dir(ids.map((id) => [id, 2 * size, true])), dir(ids.map((id) => [0x400 + id, 3 * size, false])), data, blob]);
}

function peVersionBases(): Base[] {
  const make = (name: string, pe: Buffer): Base => {
    const off = peOffsets(pe);
    const rsrcHeader = off.sectionTable + 40 * (off.numberOfSections - 1);
    const rsrc = pe.readUInt32LE(rsrcHeader + 20);
    const rsrcEnd = rsrc + pe.readUInt32LE(rsrcHeader + 16);
    const dirEntry = off.securityEntry - 16;
    const fields: Shape['fields'] = [
      { offset: dirEntry, size: 4, name: 'resource directory RVA' },
      { offset: dirEntry + 4, size: 4, name: 'resource directory size' },
      { offset: rsrcHeader + 12, size: 4, name: '.rsrc VirtualAddress' },
      { offset: rsrcHeader + 16, size: 4, name: '.rsrc SizeOfRawData' },
      { offset: rsrcHeader + 20, size: 4, name: '.rsrc PointerToRawData' },
    ];
    // the directory counts and entries of the first directories, and the data entry of the version blob
    for (let at = rsrc; at < Math.min(rsrcEnd, rsrc + 96); at += 8) fields.push({ offset: at + 4, size: 4, name: `resource word ${at - rsrc + 4}` });
    for (const d of [0, 24, 48]) fields.push({ offset: rsrc + d + 12, size: 2, name: `directory ${d} named count` }, { offset: rsrc + d + 14, size: 2, name: `directory ${d} id count` });
    return { name, bytes: pe, shape: { length: pe.length, boundaries: uniq([0, 0x3c, off.sectionTable, rsrc, rsrc + 16, rsrc + 24, rsrc + 48, rsrc + 72, rsrc + 88, rsrcEnd, pe.length]), fields, values: [rsrc, rsrcEnd, 0x3000, 0x80000000] } };
  };
  const strings: Array<[string, string]> = [
    ['CompanyName', 'Example Vendor'],
    ['ProductName', 'エージェント'],
    ['FileVersion', '14.0.0.12011'],
    ['Build Label', 'r12011 <b>&'],
  ];
  const shared = sharedResourceSection(0x3000, 40);
  const sharedPe = buildPe({
    sections: [
      { name: '.text', data: Buffer.alloc(0x200, 0xc3), characteristics: 0x60000020 },
      { name: '.data', data: Buffer.alloc(0x200, 1), characteristics: 0xc0000040 },
      { name: '.rsrc', data: shared, characteristics: 0x40000040 },
    ],
  });
  const o = peOffsets(sharedPe);
  sharedPe.writeUInt32LE(0x3000, o.securityEntry - 16);
  sharedPe.writeUInt32LE(shared.length, o.securityEntry - 12);
  return [
    make('version-x86', buildPe({ machine: 'x86', versionInfo: { fileVersion: [14, 0, 0, 12011], strings } })),
    make('version-x64', buildPe({ machine: 'x64', versionInfo: { strings, stringTable: '041104b0', lang: 0x411 } })),
    make('shared-directories', sharedPe),
  ];
}

export function versionResourceTarget(): Target<ReaderCase> {
  return readerTarget('version-resource', 'readPeVersionInfo (resource directory walk, VS_VERSIONINFO)', 'exe', peVersionBases(), async (_c, bytes) => {
    const r = await readPeVersionInfo(scratchFile('case-version.exe', bytes));
    if (r.versionInfo === null && r.note === null) return { outcome: 'neither', escape: 'readPeVersionInfo gave neither a result nor a note' };
    return { outcome: r.versionInfo ? 'read' : `note:${r.note!.replace(/[0-9]+/g, 'N').slice(0, 48)}` };
  });
}

// ---------------------------------------------------------------- APPX

function zipShape(b: Buffer): Shape {
  const boundaries = [0, b.length];
  const fields: Shape['fields'] = [];
  for (let p = b.indexOf('PK'); p >= 0; p = b.indexOf('PK', p + 2)) {
    const sig = b.readUInt32LE(p);
    boundaries.push(p);
    if (sig === 0x04034b50) fields.push({ offset: p + 18, size: 4, name: 'local compressed size' }, { offset: p + 22, size: 4, name: 'local size' }, { offset: p + 26, size: 2, name: 'local name length' }, { offset: p + 28, size: 2, name: 'local extra length' });
    else if (sig === 0x02014b50)
      fields.push({ offset: p + 20, size: 4, name: 'central compressed size' }, { offset: p + 24, size: 4, name: 'central size' }, { offset: p + 28, size: 2, name: 'central name length' }, { offset: p + 30, size: 2, name: 'central extra length' }, { offset: p + 42, size: 4, name: 'local header offset' }, { offset: p + 10, size: 2, name: 'method' });
    else if (sig === 0x06054b50) fields.push({ offset: p + 8, size: 2, name: 'entries on disk' }, { offset: p + 10, size: 2, name: 'entries' }, { offset: p + 12, size: 4, name: 'directory size' }, { offset: p + 16, size: 4, name: 'directory offset' }, { offset: p + 20, size: 2, name: 'comment length' });
    else if (sig === 0x06064b50) fields.push({ offset: p + 32, size: 4, name: 'ZIP64 entries' }, { offset: p + 40, size: 4, name: 'ZIP64 directory size' }, { offset: p + 48, size: 4, name: 'ZIP64 directory offset' });
    else if (sig === 0x07064b50) fields.push({ offset: p + 8, size: 4, name: 'ZIP64 end record offset' });
  }
  return { length: b.length, boundaries: uniq(boundaries), fields: fields.filter((f) => f.offset + f.size <= b.length) };
}

function appxBases(): Base[] {
  const exe = Buffer.alloc(70_000);
  for (let i = 0; i < exe.length; i++) exe[i] = (i * 7 + (i >> 9)) & 0xff;
  const files = [
    { name: 'AppxManifest.xml', data: Buffer.from('<?xml version="1.0"?><Package><Identity Name="Fuzz" Version="1.0.0.0"/></Package>'), deflate: true },
    { name: 'app.exe', data: exe, deflate: true },
    { name: 'Assets/logo.png', data: Buffer.from('not really a png') },
  ];
  return [buildAppx(files), buildAppx(files, { zip64: true })].map((bytes, i) => ({ name: `appx-${i}`, bytes, shape: zipShape(bytes) }));
}

export function appxTarget(): Target<ReaderCase> {
  const { ctx } = signing();
  return readerTarget('appx', 'verifyFile (APPX/MSIX: ZIP, block map, content types)', 'appx', appxBases(), (_c, bytes) =>
    verdictOutcome(scratchFile('case.appx', bytes), ctx, 'an unsigned package verified valid'),
  );
}

// ---------------------------------------------------------------- CAB

function cabBases(): Base[] {
  const one = buildCab([{ name: 'setup.inf', data: Buffer.from('[Version]\r\nSignature="$Windows NT$"\r\n') }]);
  const two = buildCab([
    { name: 'a.txt', data: Buffer.alloc(3000, 0x61) },
    { name: 'dir\\b.bin', data: Buffer.from(Array.from({ length: 700 }, (_, i) => i & 0xff)) },
  ]);
  return [one, two].map((bytes, i) => ({
    name: `cab-${i}`,
    bytes,
    shape: {
      length: bytes.length,
      boundaries: uniq([0, 36, 44, bytes.readUInt32LE(16), bytes.readUInt32LE(36), bytes.length]),
      fields: [
        { offset: 8, size: 4, name: 'cbCabinet' },
        { offset: 16, size: 4, name: 'coffFiles' },
        { offset: 26, size: 2, name: 'cFolders' },
        { offset: 28, size: 2, name: 'cFiles' },
        { offset: 30, size: 2, name: 'flags' },
        { offset: 36, size: 4, name: 'CFFOLDER coffCabStart' },
        { offset: 40, size: 2, name: 'CFFOLDER cCFData' },
        { offset: 42, size: 2, name: 'CFFOLDER typeCompress' },
        { offset: bytes.readUInt32LE(16), size: 4, name: 'CFFILE cbFile' },
        { offset: bytes.readUInt32LE(16) + 4, size: 4, name: 'CFFILE uoffFolderStart' },
      ],
      values: [bytes.length, 0xfffd, 0xfffe, 0xffff, 4],
    },
  }));
}

export function cabTarget(): Target<ReaderCase> {
  const { ctx } = signing();
  return readerTarget('cab', 'verifyFile (CAB: header, reserve area, signature)', 'cab', cabBases(), (_c, bytes) =>
    verdictOutcome(scratchFile('case.cab', bytes), ctx, 'an unsigned cabinet verified valid'),
  );
}

// ---------------------------------------------------------------- catalog and script (signed with the test PKI)

let signedPki: { pki: TestPki; ctx: VerifyContext } | undefined;
/** The test PKI and a context that trusts it, at a time inside the test leaf's validity (no timestamp needed). */
function signing(): { pki: TestPki; ctx: VerifyContext } {
  if (!signedPki) {
    const pki = createTestPki();
    signedPki = { pki, ctx: resolveVerifyContext({ trust: [pki.root.pem], acsRoots: [pki.root.pem], at: new Date(TIMES.signing.getTime() + 3600_000), strict: true }) };
  }
  return signedPki;
}

function markSigned(length: number, regions: readonly Region[], base = 0): Uint8Array {
  const s = new Uint8Array(length);
  for (const [a, b] of regions) for (let i = a; i < b; i++) s[base + i] = 1;
  return s;
}

function catalogBase(): Base {
  const { pki } = signing();
  const sha = (s: string): Buffer => createHash('sha256').update(s).digest();
  const members = Array.from({ length: 40 }, (_, i) => {
    const nv = der.seq(der.tlv(0x1e, Buffer.from('File', 'utf16le').swap16()), der.int(0x10010001), der.octets(Buffer.from(`file-${i}.inf\0`, 'utf16le')));
    const spc = der.seq(der.seq(der.oid(OID.spcCabData), der.explicit(2, der.implicitPrimitive(0, Buffer.alloc(0)))), der.seq(der.algorithm(OID.sha256), der.octets(sha(`member ${i}`))));
    return der.seq(der.octets(sha(`member ${i}`)), der.set(der.seq(der.oid(OID.spcIndirectData), der.set(spc)), der.seq(der.oid(OID.catNameValue), der.set(nv))));
  });
  const ctl = der.seq(der.seq(der.oid(OID.catalogList)), der.octets(Buffer.alloc(16, 0x42)), der.utcTime(TIMES.signing), der.seq(der.oid('1.3.6.1.4.1.311.12.1.3'), der.nul()), der.seq(...members));
  const signedAttrs = [
    der.seq(der.oid(OID.contentType), der.set(der.oid(OID.ctl))),
    der.seq(der.oid(OID.messageDigest), der.set(der.octets(createHash('sha256').update(der.contentOf(ctl)).digest()))),
  ];
  const si = buildSignerInfo({ signer: pki.leaf, digestAlgorithm: 'sha256', signedAttrs });
  const bag = der.implicitConstructed(0, der.tlv(0x31, Buffer.concat([pki.leaf, ...issuersOf(pki.leaf)].map((c) => c.der))));
  const sd = der.seq(der.int(1), der.set(der.algorithm(OID.sha256)), der.seq(der.oid(OID.ctl), der.explicit(0, ctl)), bag, der.set(si.der));
  const bytes = der.seq(der.oid(OID.signedData), der.explicit(0, sd));
  const r = signedRegions(bytes);
  const boundaries = uniq([...derBoundaries(bytes), bytes.length]);
  const fields = boundaries.filter((b) => bytes[b + 1] !== undefined && bytes[b + 1]! >= 0x81 && bytes[b + 1]! <= 0x82).map((b) => ({ offset: b + 1, size: 2 as const, name: `length at ${b}` }));
  return { name: 'catalog', bytes, signed: markSigned(bytes.length, [...r.signer, ...r.timestamp]), shape: { length: bytes.length, boundaries, fields } };
}

/** "valid" is false when the length changed or a signed byte changed. */
function signedOracle(base: Base, bytes: Buffer): string | undefined {
  const changed = changedPositions(base.bytes, bytes);
  if (changed === null) return `valid, but the file is ${bytes.length} bytes where the signed one is ${base.bytes.length}`;
  const at = changed.find((i) => base.signed![i]);
  return at === undefined ? undefined : `signed byte at 0x${at.toString(16)} changed and the file is still valid`;
}

export function catalogTarget(): Target<ReaderCase> {
  const { ctx } = signing();
  const bases = [catalogBase()];
  return readerTarget('catalog', 'verifyFile (catalog: SignedData over a CTL) + parseCatalogMembers', 'cat', bases, async (_c, bytes, base) => {
    let members: string;
    try {
      members = `members:${parseCatalogMembers(bytes).length}`;
    } catch (e) {
      if (!isVerifyError(e)) throw e;
      members = `members!${e.code}`;
    }
    const r = await verdictOutcome(scratchFile('case.cat', bytes), ctx, undefined);
    const outcome = `${r.outcome},${members}`;
    if (r.outcome !== 'valid') return { outcome };
    const why = signedOracle(base, bytes);
    return why ? { outcome, falseValid: why } : { outcome };
  });
}

const POWERSHELL_SIP = Buffer.from('1fcc3b60594b084eb724d2c6297ef351', 'hex');

function scriptBases(): Base[] {
  const { pki } = signing();
  const body = "# fuzz base\r\nparam([string]$Name = 'world')\r\nWrite-Host \"Hello, $Name\" # コメント\r\n";
  const spcData = der.seq(der.oid(OID.spcSipInfo), der.seq(der.int(65536), der.octets(POWERSHELL_SIP), der.int(0), der.int(0), der.int(0), der.int(0), der.int(0)));
  const blob = buildAuthenticodeSignature({ kind: 'pe', digestAlgorithm: 'sha256', fileDigest: createHash('sha256').update(Buffer.from(body, 'utf16le')).digest(), signer: pki.leaf, spcData });
  const lines = blob.toString('base64').match(/.{1,64}/g)!.map((l) => `# ${l}\r\n`);
  const signed = Buffer.from(`${body}\r\n# SIG # Begin signature block\r\n${lines.join('')}# SIG # End signature block\r\n`, 'utf8');
  const bodyEnd = Buffer.byteLength(body);
  const unsigned = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${body}Get-Date\r\n`, 'utf16le')]);
  const shape = (b: Buffer): Shape => {
    const boundaries = [0, b.length];
    for (let p = b.indexOf('\n'); p >= 0; p = b.indexOf('\n', p + 1)) boundaries.push(p, p + 1);
    return { length: b.length, boundaries: uniq(boundaries), fields: [] };
  };
  return [
    { name: 'signed-utf8', bytes: signed, shape: shape(signed), signed: markSigned(signed.length, [[0, bodyEnd]]) },
    { name: 'unsigned-utf16', bytes: unsigned, shape: shape(unsigned) },
  ];
}

export function scriptTarget(): Target<ReaderCase> {
  const { ctx } = signing();
  return readerTarget('script', 'verifyFile (PowerShell script signature block)', 'ps1', scriptBases(), async (_c, bytes, base) => {
    const r = await verdictOutcome(scratchFile('case.ps1', bytes), ctx, undefined);
    if (r.outcome !== 'valid') return r;
    if (!base.signed) return { ...r, falseValid: 'an unsigned script verified valid' };
    // the signed text is the body; a valid verdict needs it unchanged, at the same place
    const bodyEnd = base.signed.indexOf(0);
    if (!bytes.subarray(0, bodyEnd).equals(base.bytes.subarray(0, bodyEnd)) || bytes[bodyEnd] !== 0x0d) return { ...r, falseValid: 'the script text changed and the file is still valid' };
    return r;
  });
}

// ---------------------------------------------------------------- CRL

function crlBases(): Base[] {
  const pki = signing().pki;
  const entries = [
    ...Array.from({ length: 12 }, (_, i) => ({ serial: 0x1000n + BigInt(i), revokedAt: new Date(Date.UTC(2024, 0, 1 + i)), reason: i % 3 === 0 ? undefined : i % 11 })),
    { cert: pki.leaf, revokedAt: new Date('2051-01-01T00:00:00Z'), reason: 1 }, // GeneralizedTime
  ];
  const plain = buildCrl({ issuer: pki.issuingCa, thisUpdate: new Date('2026-11-01T00:00:00Z'), nextUpdate: new Date('2026-12-31T00:00:00Z'), entries });
  const critical = buildCrl({ issuer: pki.pca, thisUpdate: new Date('2026-11-01T00:00:00Z'), entries: entries.slice(0, 3), extensions: [crlExtension('2.5.29.28', true, der.seq(der.implicitPrimitive(4, Buffer.from([0xff]))))] });
  const pem = Buffer.from(crlPem(plain) + crlPem(critical));
  const derShape = (b: Buffer): Shape => {
    const boundaries = uniq([...derBoundaries(b), b.length]);
    return { length: b.length, boundaries, fields: boundaries.filter((x) => b[x + 1] !== undefined && b[x + 1]! >= 0x81 && b[x + 1]! <= 0x82).map((x) => ({ offset: x + 1, size: 2 as const, name: `length at ${x}` })) };
  };
  return [
    { name: 'crl-der', bytes: plain, shape: derShape(plain) },
    { name: 'crl-critical', bytes: critical, shape: derShape(critical) },
    { name: 'crl-pem', bytes: pem, shape: { length: pem.length, boundaries: [0, 25, pem.length >> 1, pem.length], fields: [] } },
  ];
}

export function crlTarget(): Target<ReaderCase> {
  const serials = [0n, 1n, 0x1000n, 0x1005n, 0x100bn, BigInt(`0x${signing().pki.leaf.x509.serialNumber}`)];
  return readerTarget('crl', 'parseCrlInput (DER / PEM CRLs, entries read in place) + entry lookups', 'crl', crlBases(), async (_c, bytes) => {
    try {
      const crls = parseCrlInput(bytes);
      let found = 0;
      for (const crl of crls) for (const s of serials) if (crl.entries.get(s)) found++;
      return { outcome: `parsed:${crls.length}${crls.some((c) => c.unusable) ? ',unusable' : ''}${found ? ',found' : ''}` };
    } catch (e) {
      if (isVerifyError(e)) return { outcome: `VerifyError:${e.code}` };
      throw e;
    }
  });
}
