/**
 * CMS layer: ContentInfo → SignedData → encapsulated content, certificate bag, SignerInfos; and the
 * Authenticode content SpcIndirectDataContent. Everything keeps views of the original bytes.
 * Errors are VerifyError MALFORMED_SIGNATURE, or DerError from the DER reader (read as MALFORMED_SIGNATURE by
 * errors.ts verifyErrorOf); the signature layer turns them into a report.
 *
 * RFC 5652 §5: SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo,
 *   [0] IMPLICIT certificates OPTIONAL, [1] IMPLICIT crls OPTIONAL, signerInfos SET }
 * Authenticode: SpcIndirectDataContent ::= SEQUENCE { data SpcAttributeTypeAndOptionalValue,
 *   messageDigest DigestInfo }.
 */
import type { X509Certificate } from 'node:crypto';
import { parseCertificate } from '../trust/x509-cache';
import { type Asn1Node, child, expectTag, isContext, parseDer, type ParseOptions, readOctetString, readOid, readSmallInt, TAG } from '../der/asn1';
import { VerifyError } from '../errors';
import { OID } from '../der/oids';
import { readAlgorithm, type AlgorithmIdentifier } from '../der/algorithm';

/** More certificates than any real bag holds (Windows bags carry 3-6). */
export const MAX_BAG_CERTIFICATES = 64;

const malformed = (msg: string): VerifyError => new VerifyError('MALFORMED_SIGNATURE', msg);

export interface Attribute {
  type: string;
  values: Asn1Node[];
}

export type SignerIdentifier =
  | { kind: 'issuerSerial'; issuer: Uint8Array; serial: Uint8Array }
  | { kind: 'ski'; ski: Uint8Array };

export interface SignerInfo {
  version: number;
  sid: SignerIdentifier;
  digestAlgorithm: AlgorithmIdentifier;
  /** the [0] IMPLICIT signedAttrs element as received (re-tag its first byte to 0x31 to verify) */
  signedAttrsBytes?: Uint8Array;
  signedAttrs: Attribute[];
  signatureAlgorithm: AlgorithmIdentifier;
  /** the signature value (encryptedDigest): what a timestamp stamps */
  signature: Uint8Array;
  unsignedAttrs: Attribute[];
}

export interface SignedData {
  digestAlgorithms: AlgorithmIdentifier[];
  contentType: string;
  /** the encapsulated content element ([0] EXPLICIT's single child), if any */
  content?: Asn1Node;
  certificates: X509Certificate[];
  signerInfos: SignerInfo[];
}

export interface SpcIndirectData {
  /** SpcPeImageData (PE) or SpcSipInfo (MSI and other SIPs) */
  dataType: string;
  kind: 'pe' | 'msi' | 'cab' | 'script' | 'appx' | 'catalog' | 'unknown';
  digestAlgorithm: AlgorithmIdentifier;
  digest: Uint8Array;
  /** the content octets of the SpcIndirectDataContent SEQUENCE (what messageDigest hashes) */
  contentOctets: Uint8Array;
}

/** The MSI SIP GUID {000C10F1-0000-0000-C000-000000000046} as SpcSipInfo stores it (mixed-endian GUID bytes). */
export const MSI_SIP_GUID = Uint8Array.from([0xf1, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46]);

export function readAttributes(node: Asn1Node, what: string): Attribute[] {
  return node.children.map((a) => {
    expectTag(a, TAG.SEQUENCE, what);
    const type = readOid(child(a, 0, what), `${what} type`);
    const values = child(a, 1, what, TAG.SET).children;
    return { type, values };
  });
}

/** The single value of an attribute that must occur once with one value; undefined when absent. */
export function singleAttributeValue(attrs: Attribute[], type: string, what: string): Asn1Node | undefined {
  const found = attrs.filter((a) => a.type === type);
  if (found.length === 0) return undefined;
  if (found.length > 1 || found[0]!.values.length !== 1) throw malformed(`${what} attribute must occur once with one value`);
  return found[0]!.values[0];
}

/**
 * ParseOptions.opaque for a ContentInfo(SignedData): the encapsulated content (ContentInfo → [0] → SignedData →
 * encapContentInfo → [0] → content) is left unread (`opaque`), its bytes checked to lie inside its parents.
 * For catalogs, whose CTL holds up to MAX_CATALOG_MEMBERS members (tens of elements each): the signature
 * needs only the CTL's bytes; the members are walked one at a time (formats/catalog.ts).
 */
export const OPAQUE_ENCAPSULATED_CONTENT: NonNullable<ParseOptions['opaque']> = (_node, p) =>
  p.length === 5 &&
  p[0]!.children.length === 1 &&
  p[1]!.tag === 0xa0 &&
  p[2]!.tag === TAG.SEQUENCE &&
  p[2]!.children.length === 2 &&
  p[3]!.tag === TAG.SEQUENCE &&
  p[3]!.children.length === 1 &&
  p[4]!.tag === 0xa0 &&
  p[4]!.children.length === 0;

/** Parse a ContentInfo holding SignedData. `der` must be exactly one element. */
export function parseSignedDataContentInfo(der: Uint8Array, what = 'signature', opts: Pick<ParseOptions, 'opaque'> = {}): SignedData {
  return parseSignedDataNode(parseDer(der, { what, ...opts }), what);
}

export function parseSignedDataNode(contentInfo: Asn1Node, what = 'signature'): SignedData {
  expectTag(contentInfo, TAG.SEQUENCE, `${what} ContentInfo`);
  const type = readOid(child(contentInfo, 0, `${what} ContentInfo`), 'contentType');
  if (type !== OID.signedData) throw malformed(`${what}: ContentInfo type ${type} is not signedData`);
  const wrapper = child(contentInfo, 1, `${what} ContentInfo`, 0xa0);
  const sd = child(wrapper, 0, 'SignedData', TAG.SEQUENCE);

  readSmallInt(child(sd, 0, 'SignedData version'), 'SignedData version', 5);
  const digestAlgorithms = child(sd, 1, 'digestAlgorithms', TAG.SET).children.map((n) => readAlgorithm(n, 'digestAlgorithm'));
  const encap = child(sd, 2, 'encapContentInfo', TAG.SEQUENCE);
  const contentType = readOid(child(encap, 0, 'encapContentInfo'), 'eContentType');
  let content: Asn1Node | undefined;
  if (encap.children[1]) {
    const explicit = expectTag(encap.children[1], 0xa0, 'eContent');
    content = child(explicit, 0, 'eContent');
  }

  let pos = 3;
  let certificates: X509Certificate[] = [];
  if (isContext(sd.children[pos], 0)) certificates = readCertificateBag(sd.children[pos++]!);
  if (isContext(sd.children[pos], 1)) pos++; // CRLs: not used
  const signerInfosNode = child(sd, pos, 'signerInfos', TAG.SET);
  if (sd.children.length !== pos + 1) throw malformed('SignedData: unexpected elements after signerInfos');
  const signerInfos = signerInfosNode.children.map(parseSignerInfo);
  return { digestAlgorithms, contentType, content, certificates, signerInfos };
}

function readCertificateBag(bag: Asn1Node): X509Certificate[] {
  if (!bag.constructed) throw malformed('certificates: not a SET');
  if (bag.children.length > MAX_BAG_CERTIFICATES) throw malformed(`certificates: more than ${MAX_BAG_CERTIFICATES} certificates`);
  const out: X509Certificate[] = [];
  for (const c of bag.children) {
    if (c.tag !== TAG.SEQUENCE) continue; // other CertificateChoices (attribute certificates …) are not used
    try {
      out.push(parseCertificate(c.bytes));
    } catch (e) {
      throw malformed(`certificates: a certificate in the bag does not parse (${(e as Error).message})`);
    }
  }
  return out;
}

export function parseSignerInfo(node: Asn1Node): SignerInfo {
  expectTag(node, TAG.SEQUENCE, 'SignerInfo');
  const version = readSmallInt(child(node, 0, 'SignerInfo version'), 'SignerInfo version', 5);
  const sidNode = child(node, 1, 'SignerInfo sid');
  let sid: SignerIdentifier;
  if (sidNode.tag === TAG.SEQUENCE) {
    const issuer = child(sidNode, 0, 'issuerAndSerialNumber issuer', TAG.SEQUENCE);
    const serial = child(sidNode, 1, 'issuerAndSerialNumber serial', TAG.INTEGER);
    sid = { kind: 'issuerSerial', issuer: issuer.bytes, serial: serial.content };
  } else if (sidNode.tag === 0x80) {
    sid = { kind: 'ski', ski: sidNode.content };
  } else {
    throw malformed('SignerInfo: signer identifier is neither issuerAndSerialNumber nor subjectKeyIdentifier');
  }
  const digestAlgorithm = readAlgorithm(child(node, 2, 'SignerInfo digestAlgorithm'), 'SignerInfo digestAlgorithm');
  let pos = 3;
  let signedAttrsBytes: Uint8Array | undefined;
  let signedAttrs: Attribute[] = [];
  const maybeSigned = node.children[pos];
  if (maybeSigned && maybeSigned.tag === 0xa0) {
    signedAttrsBytes = maybeSigned.bytes;
    signedAttrs = readAttributes(maybeSigned, 'signed attribute');
    pos++;
  }
  const signatureAlgorithm = readAlgorithm(child(node, pos, 'SignerInfo signatureAlgorithm'), 'SignerInfo signatureAlgorithm');
  const signature = readOctetString(child(node, pos + 1, 'SignerInfo signature'), 'SignerInfo signature');
  let unsignedAttrs: Attribute[] = [];
  const maybeUnsigned = node.children[pos + 2];
  if (maybeUnsigned) {
    if (maybeUnsigned.tag !== 0xa1) throw malformed('SignerInfo: unexpected element after the signature');
    unsignedAttrs = readAttributes(maybeUnsigned, 'unsigned attribute');
  }
  if (node.children.length > pos + 3) throw malformed('SignerInfo: unexpected trailing elements');
  return { version, sid, digestAlgorithm, signedAttrsBytes, signedAttrs, signatureAlgorithm, signature, unsignedAttrs };
}

/** SpcIndirectDataContent from SignedData's encapsulated content. */
export function parseSpcIndirectData(sd: SignedData): SpcIndirectData {
  if (sd.contentType !== OID.spcIndirectData) throw malformed(`content type ${sd.contentType} is not SPC_INDIRECT_DATA (not Authenticode)`);
  const spc = expectTag(sd.content, TAG.SEQUENCE, 'SpcIndirectDataContent');
  const data = child(spc, 0, 'SpcIndirectDataContent data', TAG.SEQUENCE);
  const dataType = readOid(child(data, 0, 'SpcAttributeTypeAndOptionalValue'), 'SpcIndirectDataContent data type');
  const digestInfo = child(spc, 1, 'SpcIndirectDataContent messageDigest', TAG.SEQUENCE);
  const digestAlgorithm = readAlgorithm(child(digestInfo, 0, 'DigestInfo'), 'DigestInfo digestAlgorithm');
  const digest = readOctetString(child(digestInfo, 1, 'DigestInfo digest'), 'DigestInfo digest');
  let kind: SpcIndirectData['kind'] = 'unknown';
  if (dataType === OID.spcPeImageData) kind = 'pe';
  else if (dataType === OID.spcSipInfo && isMsiSipInfo(data.children[1])) kind = 'msi';
  else if (dataType === OID.spcCabData) kind = 'cab';
  else if (dataType === OID.spcSipInfo) kind = sipKind(data.children[1]);
  return { dataType, kind, digestAlgorithm, digest, contentOctets: spc.content };
}

/** SIP GUIDs of the other SpcSipInfo formats, as SpcSipInfo stores them (mixed-endian GUID bytes). */
const SIP_GUIDS: ReadonlyArray<readonly [SpcIndirectData['kind'], string]> = [
  ['script', '1fcc3b60594b084eb724d2c6297ef351'], // PowerShell SIP {603BCC1F-4B59-4E08-B724-D2C6297EF351}
  ['appx', '4bdfc50a07cee24db76e23c839a09fd1'], // APPX SIP {0AC5DF4B-CE07-4DE2-B76E-23C839A09FD1}
  ['appx', 'b3585f0fdeaa9a4ba43495742d92eceb'], // APPX bundle SIP {0F5F58B3-AADE-4B9A-A434-95742D92ECEB}
];

function sipKind(node: Asn1Node | undefined): SpcIndirectData['kind'] {
  const guid = node?.tag === TAG.SEQUENCE ? node.children[1] : undefined;
  if (!guid || guid.tag !== TAG.OCTET_STRING || guid.content.length !== 16) return 'unknown';
  const hex = Buffer.from(guid.content).toString('hex');
  return SIP_GUIDS.find(([, g]) => g === hex)?.[0] ?? 'unknown';
}

/** SpcSipInfo ::= SEQUENCE { version INTEGER, guid OCTET STRING (16), reserved INTEGER × 5 }; MSI uses MSI_SIP_GUID. */
function isMsiSipInfo(node: Asn1Node | undefined): boolean {
  if (!node || node.tag !== TAG.SEQUENCE) return false;
  const guid = node.children[1];
  if (!guid || guid.tag !== TAG.OCTET_STRING || guid.content.length !== 16) return false;
  return guid.content.every((b, i) => b === MSI_SIP_GUID[i]);
}
