/**
 * Certificates: caller input to X509Certificate, the bundled Microsoft certificates, and the facts
 * node:crypto does not expose (EKU, basicConstraints, keyUsage, SKI/AKI, raw names, validity as Dates),
 * read by walking the certificate's own DER with der/asn1.ts.
 */
import { X509Certificate } from 'node:crypto';
import {
  ACS_ROOT_2020_PEM,
  ID_VERIFIED_CS_AOC_CA_02_PEM,
  ID_VERIFIED_CS_PCA_2021_PEM,
  PUBLIC_RSA_TIMESTAMPING_CA_2020_PEM,
} from './bundled-roots';
import { type Asn1Node, child, isContext, parseDer, readBitString, readBoolean, readOctetString, readOid, readSmallInt, readString, readTime, TAG } from '../der/asn1';
import { VerifyError, verifyErrorOf } from '../errors';
import { issuerSignatureHolds, parseCertificate } from './x509-cache';
import { NAME_ATTRIBUTES, OID } from '../der/oids';
import type { CertificateInput } from '../types';

// ---------------------------------------------------------------- input

const PEM_RE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/;

/** DER bytes, PEM text or an X509Certificate, as an X509Certificate. Garbage gives VerifyError BAD_TRUST_INPUT. */
export function toX509(input: CertificateInput): X509Certificate {
  if (input instanceof X509Certificate) return input;
  let der: Buffer;
  if (typeof input === 'string') {
    const m = PEM_RE.exec(input);
    if (!m) throw new VerifyError('BAD_TRUST_INPUT', 'not a PEM certificate (no BEGIN/END CERTIFICATE block)');
    der = Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  } else if (input instanceof Uint8Array) {
    der = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  } else {
    throw new VerifyError('BAD_TRUST_INPUT', 'certificate input must be DER bytes, PEM text or an X509Certificate');
  }
  try {
    parseDer(der, { code: 'BAD_TRUST_INPUT', what: 'certificate' });
    return parseCertificate(der);
  } catch (e) {
    const v = verifyErrorOf(e);
    if (v) throw v;
    throw new VerifyError('BAD_TRUST_INPUT', `not a certificate: ${(e as Error).message}`);
  }
}

/** Every PEM certificate block in a text (for trust files holding several). */
export function pemCertificates(text: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  const re = new RegExp(PEM_RE.source, 'g');
  for (const m of text.matchAll(re)) out.push(toX509(m[0]));
  return out;
}

let bundledRoot: X509Certificate | undefined;

/** The bundled Microsoft Identity Verification Root Certificate Authority 2020 (the default anchor and ACS root). */
export function bundledAcsRoot(): X509Certificate {
  bundledRoot ??= toX509(ACS_ROOT_2020_PEM);
  return bundledRoot;
}

/** All bundled Microsoft certificates: the root, PCA 2021, AOC CA 02, Public RSA Timestamping CA 2020. */
export function bundledMicrosoftCertificates(): X509Certificate[] {
  return [bundledAcsRoot(), ...[ID_VERIFIED_CS_PCA_2021_PEM, ID_VERIFIED_CS_AOC_CA_02_PEM, PUBLIC_RSA_TIMESTAMPING_CA_2020_PEM].map(toX509)];
}

// ---------------------------------------------------------------- the certificate's own facts

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';
const KEY_USAGE_BITS: KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export interface CertFacts {
  x509: X509Certificate;
  der: Buffer;
  /** SHA-256 fingerprint, upper-case hex without colons */
  sha256: string;
  /** DER of the subject / issuer Name (original bytes) */
  subjectDer: Uint8Array;
  issuerDer: Uint8Array;
  /** "CN=…, O=…, C=…" (most specific first, as Windows shows it) */
  subject: string;
  issuer: string;
  serial: bigint;
  notBefore: Date;
  notAfter: Date;
  /** undefined when the certificate has no such extension */
  ski?: Uint8Array;
  aki?: Uint8Array;
  eku?: string[];
  basicConstraints?: { ca: boolean; pathLen?: number };
  keyUsage?: Set<KeyUsageName>;
}

const factsCache = new WeakMap<X509Certificate, CertFacts>();

/** Read the facts of a certificate (memoised per X509Certificate object). Malformed DER gives VerifyError. */
export function certFacts(x509: X509Certificate): CertFacts {
  const hit = factsCache.get(x509);
  if (hit) return hit;
  const facts = readFacts(x509);
  factsCache.set(x509, facts);
  return facts;
}

function readFacts(x509: X509Certificate): CertFacts {
  const what = 'certificate';
  const root = parseDer(x509.raw, { what });
  const tbs = child(root, 0, 'TBSCertificate', TAG.SEQUENCE);
  let i = 0;
  if (isContext(tbs.children[0], 0)) i++; // version
  const serialNode = child(tbs, i, 'serialNumber', TAG.INTEGER);
  const issuer = child(tbs, i + 2, 'issuer', TAG.SEQUENCE);
  const validity = child(tbs, i + 3, 'validity', TAG.SEQUENCE);
  const subject = child(tbs, i + 4, 'subject', TAG.SEQUENCE);
  const facts: CertFacts = {
    x509,
    der: x509.raw,
    sha256: x509.fingerprint256.replace(/:/g, '').toUpperCase(),
    subjectDer: subject.bytes,
    issuerDer: issuer.bytes,
    subject: nameToString(subject),
    issuer: nameToString(issuer),
    serial: serialValue(serialNode.content),
    notBefore: readTime(child(validity, 0, 'notBefore'), 'notBefore'),
    notAfter: readTime(child(validity, 1, 'notAfter'), 'notAfter'),
  };
  const extsWrapper = tbs.children.find((c) => isContext(c, 3));
  if (extsWrapper) {
    const exts = child(extsWrapper, 0, 'extensions', TAG.SEQUENCE);
    for (const ext of exts.children) readExtension(ext, facts);
  }
  return facts;
}

/** Serial number as an unsigned value of its content octets (as Windows compares serials: by bytes). */
export function serialValue(content: Uint8Array): bigint {
  let v = 0n;
  for (const b of content.subarray(0, 64)) v = (v << 8n) | BigInt(b);
  return v;
}

function readExtension(ext: Asn1Node, facts: CertFacts): void {
  const oid = readOid(child(ext, 0, 'extension'), 'extension id');
  const valueNode = ext.children[ext.children.length - 1];
  const value = readOctetString(valueNode, 'extension value');
  switch (oid) {
    case OID.extKeyUsage: {
      const seq = parseDer(value, { what: 'extKeyUsage' });
      facts.eku = seq.children.map((c) => readOid(c, 'EKU'));
      break;
    }
    case OID.basicConstraints: {
      const seq = parseDer(value, { what: 'basicConstraints' });
      let ca = false;
      let pathLen: number | undefined;
      for (const c of seq.children) {
        if (c.tag === TAG.BOOLEAN) ca = readBoolean(c, 'cA');
        else if (c.tag === TAG.INTEGER) pathLen = readSmallInt(c, 'pathLenConstraint', 1000);
      }
      facts.basicConstraints = pathLen === undefined ? { ca } : { ca, pathLen };
      break;
    }
    case OID.keyUsage: {
      const bits = readBitString(parseDer(value, { what: 'keyUsage' }), 'keyUsage');
      const set = new Set<KeyUsageName>();
      KEY_USAGE_BITS.forEach((name, bit) => {
        const byte = bits.bytes[bit >> 3];
        if (byte !== undefined && byte & (0x80 >> (bit & 7))) set.add(name);
      });
      facts.keyUsage = set;
      break;
    }
    case OID.subjectKeyIdentifier:
      facts.ski = readOctetString(parseDer(value, { what: 'subjectKeyIdentifier' }), 'subjectKeyIdentifier');
      break;
    case OID.authorityKeyIdentifier: {
      const seq = parseDer(value, { what: 'authorityKeyIdentifier' });
      const kid = seq.children.find((c) => c.cls === 'context' && c.tagNumber === 0 && !c.constructed);
      if (kid) facts.aki = kid.content;
      break;
    }
    default:
      break;
  }
}

/** Render a Name as "CN=…, O=…, C=…" (RDNs in reverse DER order, as RFC 4514 and Windows show them). */
export function nameToString(name: Asn1Node): string {
  const parts: string[] = [];
  for (const rdn of name.children) {
    const inner: string[] = [];
    for (const atv of rdn.children) {
      const type = readOid(child(atv, 0, 'attribute type'), 'attribute type');
      const label = NAME_ATTRIBUTES[type] ?? type;
      inner.push(`${label}=${readString(atv.children[1], 'attribute value')}`);
    }
    parts.push(inner.join(' + '));
  }
  return parts.reverse().join(', ');
}

/** Whether `issuer`'s key verifies `cert`'s signature (never throws). */
export function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return issuerSignatureHolds(cert, issuer);
}

