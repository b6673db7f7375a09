/**
 * Catalog files (.cat): the whole file is one PKCS#7 ContentInfo(SignedData) whose content is a certificate
 * trust list (szOID_CTL 1.3.6.1.4.1.311.10.1) listing file hashes. The catalog's own signature covers the CTL
 * (its messageDigest attribute is the hash of the CTL's content octets); signature.ts verifies it with kind
 * 'catalog'. This module reads the container and the CTL's members.
 *
 * CTL (Microsoft's CertificateTrustList, as catalogs use it):
 *   SEQUENCE { subjectUsage SEQUENCE OF OID (1.3.6.1.4.1.311.12.1.1 catalog list), listIdentifier OCTET STRING
 *     OPTIONAL, sequenceNumber INTEGER OPTIONAL, thisUpdate Time, nextUpdate Time OPTIONAL,
 *     subjectAlgorithm AlgorithmIdentifier (12.1.2 catalog v1 / 12.1.3 v2), trustedSubjects SEQUENCE OF
 *     SEQUENCE { identifier OCTET STRING (the member "tag"), attributes SET OF Attribute } OPTIONAL,
 *     extensions [0] OPTIONAL }
 * A member's attributes: SPC_INDIRECT_DATA (1.3.6.1.4.1.311.2.1.4) holding an SpcIndirectDataContent whose
 * DigestInfo is the member's hash (Authenticode hash for PE, the SIP hash for other SIP formats, a hash of the
 * whole file for flat files such as .inf); CAT_NAMEVALUE (12.2.1) { tag BMPString "File", flags, value
 * UTF-16LE name }.
 *
 * Reader rules: the file must start as DER SEQUENCE { OID signedData, … } (detect.ts); bytes after that one
 * element are TRAILING_DATA (invalid); a file that is not DER past that point is left to the signature layer,
 * which reports MALFORMED_SIGNATURE (invalid), as a corrupted catalog is a catalog whose signature fails.
 */
import { child, derChildren, expectTag, MAX_DEPTH, parseDer, readOctetString, readOid, TAG, type Asn1Node } from '../der/asn1';
import { VerifyError, verifyErrorOf } from '../errors';
import { withOpenFile } from './open-file';
import { digestAlgorithmFromOid, OID } from '../der/oids';
import { OPAQUE_ENCAPSULATED_CONTENT, parseSignedDataContentInfo } from '../pkcs7/signed-data';
import type { DigestAlgorithm, DigestSource, Failure, SignedContainer } from '../types';

/** Catalogs larger than this are refused (real ones reach a few MiB; Windows' largest system catalogs ~30 MiB). */
export const MAX_CATALOG_SIZE = 64 * 1024 * 1024;
/** Members read from one catalog. */
export const MAX_CATALOG_MEMBERS = 500_000;

export interface CatalogMemberHash {
  algorithm: DigestAlgorithm;
  digest: Buffer;
  /** the SpcIndirectDataContent data type (SpcPeImageData for PE, SPC_CAB_DATA for flat files, SpcSipInfo …) */
  dataType: string;
}

export interface CatalogMember {
  /** the member tag (subject identifier), hex */
  tag: string;
  /** the "File" name/value attribute, when present */
  name: string | null;
  hashes: CatalogMemberHash[];
}

/** A DigestSource a catalog never uses (its signature signs the CTL, not a file digest). */
const NO_FILE_DIGEST: DigestSource = {
  digest: () => Promise.reject(new VerifyError('MALFORMED_CATALOG', 'a catalog has no file digest')),
};

/** Reads the catalog at `path`: its signature blob (the file's one DER element) and trailing-data failures. */
export async function readCatalogContainer(path: string): Promise<SignedContainer> {
  const bytes = await readWholeFile(path, MAX_CATALOG_SIZE, 'MALFORMED_CATALOG', 'catalog');
  return catalogContainerOf(bytes);
}

/** As readCatalogContainer, from bytes in memory. */
export function catalogContainerOf(bytes: Buffer): SignedContainer {
  const failures: Failure[] = [];
  const end = derElementEnd(bytes);
  let blob: Uint8Array = bytes;
  if (end !== null && end < bytes.length) {
    failures.push({ code: 'TRAILING_DATA', message: `${bytes.length - end} bytes follow the catalog's PKCS#7 element (offset ${end}); they are not covered by its signature` });
    blob = bytes.subarray(0, end);
  }
  return { format: 'catalog', signatures: [blob], digestSource: NO_FILE_DIGEST, failures };
}

/** End offset of the DER element at offset 0 (definite length), or null when the header does not read. */
function derElementEnd(b: Uint8Array): number | null {
  if (b.length < 2) return null;
  const first = b[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return null;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len;
}

export async function readWholeFile(path: string, max: number, code: Failure['code'], what: string): Promise<Buffer> {
  return withOpenFile(path, async (fh) => {
    const st = await fh.stat();
    if (!st.isFile()) throw new VerifyError('IO_ERROR', `${path}: not a regular file`);
    if (st.size > max) throw new VerifyError(code, `${path}: ${st.size} bytes is more than the ${max}-byte limit of a ${what}`);
    const buf = Buffer.alloc(st.size);
    let done = 0;
    while (done < st.size) {
      const { bytesRead } = await fh.read(buf, done, st.size - done, done);
      if (bytesRead === 0) throw new VerifyError('IO_ERROR', `${path} ended early while being read (changed while being read?)`);
      done += bytesRead;
    }
    return buf;
  });
}

const malformed = (msg: string): VerifyError => new VerifyError('MALFORMED_CATALOG', `catalog: ${msg}`);

/**
 * The members of a catalog (its CTL's trusted subjects). Throws VerifyError MALFORMED_CATALOG.
 *
 * The members are walked one at a time: the SignedData is parsed with its CTL left unread, the CTL with its
 * trustedSubjects left unread, then each member is parsed on its own (each under the ASN.1 element bound) and
 * kept only as its CatalogMember. Time is linear in the catalog's size, memory in its members' results.
 */
export function parseCatalogMembers(der: Uint8Array): CatalogMember[] {
  let ctl: Asn1Node;
  try {
    const sd = parseSignedDataContentInfo(der, 'catalog', { opaque: OPAQUE_ENCAPSULATED_CONTENT });
    if (sd.contentType !== OID.ctl) throw malformed(`content type ${sd.contentType} is not szOID_CTL`);
    const opaqueCtl = expectTag(sd.content, TAG.SEQUENCE, 'CTL');
    // the CTL's own elements, its trustedSubjects (the SEQUENCE after subjectAlgorithm) left unread
    ctl = parseDer(opaqueCtl.bytes, { what: 'catalog CTL', maxDepth: MAX_DEPTH - opaqueCtl.depth, opaque: (n, p) => p.length === 1 && n.tag === TAG.SEQUENCE && p[0]!.children.slice(1).some((c) => c.tag === TAG.SEQUENCE) });
  } catch (e) {
    if (verifyErrorOf(e)?.code === 'MALFORMED_CATALOG') throw e;
    throw malformed(e instanceof Error ? e.message : String(e));
  }
  try {
    return membersOf(ctl);
  } catch (e) {
    if (verifyErrorOf(e)?.code === 'MALFORMED_CATALOG') throw e;
    throw malformed(e instanceof Error ? e.message : String(e));
  }
}

function membersOf(ctl: Asn1Node): CatalogMember[] {
  const usage = child(ctl, 0, 'CTL subjectUsage', TAG.SEQUENCE);
  const usages = usage.children.map((u) => readOid(u, 'CTL subjectUsage'));
  if (!usages.includes(OID.catalogList)) throw malformed(`the CTL's usage (${usages.join(', ')}) is not a catalog list (${OID.catalogList})`);
  // skip listIdentifier, sequenceNumber, thisUpdate, nextUpdate up to subjectAlgorithm (the next SEQUENCE)
  let i = 1;
  while (i < ctl.children.length && ctl.children[i]!.tag !== TAG.SEQUENCE) i++;
  child(ctl, i, 'CTL subjectAlgorithm', TAG.SEQUENCE);
  const subjects = ctl.children[i + 1];
  if (!subjects || subjects.tag !== TAG.SEQUENCE) return [];
  const members: CatalogMember[] = [];
  for (const subject of subjects.opaque ? derChildren(subjects, { what: 'catalog member' }) : subjects.children) {
    if (members.length >= MAX_CATALOG_MEMBERS) throw malformed(`more than ${MAX_CATALOG_MEMBERS} members`);
    members.push(memberOf(subject));
  }
  return members;
}

function memberOf(subject: Asn1Node): CatalogMember {
  expectTag(subject, TAG.SEQUENCE, 'CTL trusted subject');
  const tag = Buffer.from(readOctetString(child(subject, 0, 'CTL subject identifier'), 'CTL subject identifier')).toString('hex');
  const attrs = subject.children[1];
  const member: CatalogMember = { tag, name: null, hashes: [] };
  if (!attrs) return member;
  expectTag(attrs, TAG.SET, 'CTL subject attributes');
  for (const a of attrs.children) {
    expectTag(a, TAG.SEQUENCE, 'CTL subject attribute');
    const type = readOid(child(a, 0, 'CTL subject attribute type'));
    const values = a.children[1]?.tag === TAG.SET ? a.children[1].children : [];
    for (const v of values) {
      if (type === OID.spcIndirectData) {
        const h = memberHash(v);
        if (h) member.hashes.push(h);
      } else if (type === OID.catNameValue && member.name === null) {
        member.name = fileName(v);
      }
    }
  }
  return member;
}

/** SpcIndirectDataContent { data { type, value }, DigestInfo { algorithm, digest } } → the member's hash. */
function memberHash(spc: Asn1Node): CatalogMemberHash | null {
  expectTag(spc, TAG.SEQUENCE, 'member SpcIndirectDataContent');
  const data = child(spc, 0, 'member SpcIndirectDataContent data', TAG.SEQUENCE);
  const dataType = readOid(child(data, 0, 'member data type'));
  const di = child(spc, 1, 'member DigestInfo', TAG.SEQUENCE);
  const algOid = readOid(child(child(di, 0, 'member DigestInfo algorithm', TAG.SEQUENCE), 0, 'member digest algorithm'));
  const algorithm = digestAlgorithmFromOid(algOid);
  if (!algorithm) return null; // MD5 or unknown: never matched
  return { algorithm, dataType, digest: Buffer.from(readOctetString(child(di, 1, 'member digest'), 'member digest')) };
}

/** CAT_NAMEVALUE { tag BMPString, flags INTEGER, value OCTET STRING (UTF-16LE, NUL-terminated) }: the "File" name. */
function fileName(nv: Asn1Node): string | null {
  if (nv.tag !== TAG.SEQUENCE || nv.children.length < 3) return null;
  const tagNode = nv.children[0]!;
  const valueNode = nv.children[2]!;
  if (tagNode.tag !== TAG.BMPString || valueNode.tag !== TAG.OCTET_STRING) return null;
  const tagText = Buffer.from(tagNode.content.subarray(0, tagNode.content.length & ~1)).swap16().toString('utf16le').replace(/\0+$/, '');
  if (tagText.toLowerCase() !== 'file') return null;
  const even = valueNode.content.length & ~1;
  return Buffer.from(valueNode.content.subarray(0, even)).toString('utf16le').replace(/\0+$/, '');
}
