/**
 * CRL parsing (RFC 5280 §5): DER or PEM input → ParsedCrl, read level by level with the one DER reader
 * (der/asn1.ts), the revoked entries in place into a compact table (crl-entries.ts). Judging what a CRL says about
 * a certificate is revocation.ts. Bad input is VerifyError BAD_TRUST_INPUT ("CRL: …"); a CRL over a documented
 * bound is CrlLimitError.
 */
import { type Asn1Node, child, expectTag, parseDer, readBitString, readBoolean, readOctetString, readOid, readTime, readTlvHeader, shallowElements, TAG, type TlvHeader } from '../der/asn1';
import { readAlgorithm, type AlgorithmIdentifier } from '../der/algorithm';
import { VerifyError } from '../errors';
import { nameToString } from './certificates';
import { CrlEntries } from './crl-entries';
import type { CrlInput } from '../types';

const EXT = {
  authorityKeyIdentifier: '2.5.29.35',
  crlNumber: '2.5.29.20',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  freshestCrl: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  reasonCode: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  certificateIssuer: '2.5.29.29',
} as const;

/**
 * Bound on the entries read from one CRL (public code-signing CA CRLs hold thousands to a few hundred thousand;
 * the CLI also caps a CRL file at 64 MiB). Entries are read one by one, never as one tree, and kept compactly
 * (CrlEntries): about 30 bytes each besides the CRL's own bytes.
 */
export const MAX_CRL_ENTRIES = 2_000_000;

export interface ParsedCrl {
  der: Buffer;
  issuerDer: Uint8Array;
  issuer: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  aki?: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  /** serial (unsigned value of the INTEGER's octets, as certificates' serials are compared) → entry */
  entries: CrlEntries;
  /** the CRL may prove a revocation but not its absence (delta CRL, partitioned CRL) */
  partial?: string;
  /** why the CRL cannot be used at all (a critical extension not understood …) */
  unusable?: string;
}

const bad = (msg: string): VerifyError => new VerifyError('BAD_TRUST_INPUT', `CRL: ${msg}`);

/** A CRL over a documented limit: it may well be a CRL, it is not read (the CLI says so instead of "not a CRL"). */
export class CrlLimitError extends VerifyError {
  constructor(msg: string) {
    super('BAD_TRUST_INPUT', `CRL: ${msg}`);
  }
}

const PEM_CRL_RE = /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]+?)-----END X509 CRL-----/g;

/** CRLs already parsed, by their input bytes (the CLI checks a --crl file, then verification reads it: once). */
const parsedInputs = new WeakMap<Uint8Array, ParsedCrl[]>();

/** DER bytes or PEM text (one or more "X509 CRL" blocks) → parsed CRLs. Garbage gives VerifyError BAD_TRUST_INPUT. */
export function parseCrlInput(input: CrlInput): ParsedCrl[] {
  if (typeof input === 'string') return pemBlocks(input);
  if (!(input instanceof Uint8Array)) throw bad('input must be DER bytes or PEM text');
  const known = parsedInputs.get(input);
  if (known) return known;
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const parsed = buf.length > 0 && buf[0] === 0x30 ? [parseCrlDer(buf)] : pemBlocks(buf.toString('latin1'));
  parsedInputs.set(input, parsed);
  return parsed;
}

function pemBlocks(text: string): ParsedCrl[] {
  const out: ParsedCrl[] = [];
  for (const m of text.matchAll(new RegExp(PEM_CRL_RE.source, 'g'))) out.push(parseCrlDer(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
  if (out.length === 0) throw bad('neither DER nor PEM (no BEGIN/END X509 CRL block)');
  return out;
}

function readExtensions(wrapper: Asn1Node | undefined, what: string): { oid: string; critical: boolean; value: Uint8Array }[] {
  if (!wrapper) return [];
  const seq = wrapper.tag === TAG.SEQUENCE ? wrapper : child(wrapper, 0, what, TAG.SEQUENCE);
  return seq.children.map((ext) => {
    const oid = readOid(child(ext, 0, what), `${what} id`);
    const critical = ext.children.length === 3 ? readBoolean(ext.children[1], `${what} critical`) : false;
    const value = readOctetString(ext.children[ext.children.length - 1], `${what} value`);
    return { oid, critical, value };
  });
}

/** One DER CertificateList. Throws VerifyError BAD_TRUST_INPUT when it is not one. */
export function parseCrlDer(der: Buffer): ParsedCrl {
  try {
    return readCrl(der);
  } catch (e) {
    // errors of this module already say "CRL: "; those of the ASN.1 readers name what they read
    if (e instanceof VerifyError && e.code === 'BAD_TRUST_INPUT' && e.message.startsWith('CRL: ')) throw e;
    throw bad((e as Error).message);
  }
}

const parseSmall = (bytes: Uint8Array, what: string): Asn1Node => parseDer(bytes, { code: 'BAD_TRUST_INPUT', what });

/**
 * CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }. Read level by
 * level: every element is parsed on its own, so a CRL of many entries never builds one tree of millions of nodes.
 */
function readCrl(der: Buffer): ParsedCrl {
  const [outer, ...extra] = shallowElements(der, { code: 'BAD_TRUST_INPUT', what: 'DER' });
  if (!outer || extra.length || outer.tag !== TAG.SEQUENCE) throw bad('not one DER SEQUENCE');
  const top = shallowElements(outer.content, { code: 'BAD_TRUST_INPUT', what: 'CertificateList' });
  if (top.length !== 3 || top[0]!.tag !== TAG.SEQUENCE) throw bad('a CertificateList has three elements: TBSCertList, algorithm, signature');
  const tbsTlv = top[0]!;
  const signatureAlgorithm = readAlgorithm(parseSmall(top[1]!.bytes, 'CRL signatureAlgorithm'), 'CRL signatureAlgorithm');
  const sigBits = readBitString(parseSmall(top[2]!.bytes, 'CRL signature'), 'CRL signature');
  if (sigBits.unusedBits !== 0) throw bad('the signature BIT STRING has unused bits');
  const tbs = shallowElements(tbsTlv.content, { code: 'BAD_TRUST_INPUT', what: 'TBSCertList' });
  let i = 0;
  if (tbs[0]?.tag === TAG.INTEGER) i++; // version (v2)
  const at = (k: number, what: string): Asn1Node => {
    const t = tbs[k];
    if (!t) throw bad(`TBSCertList: ${what} missing`);
    return parseSmall(t.bytes, what);
  };
  const innerAlg = readAlgorithm(at(i, 'TBSCertList signature'), 'TBSCertList signature');
  if (innerAlg.oid !== signatureAlgorithm.oid) throw bad('the signature algorithm inside and outside the TBSCertList differ');
  const issuer = expectTag(at(i + 1, 'CRL issuer'), TAG.SEQUENCE, 'CRL issuer');
  const thisUpdate = readTime(at(i + 2, 'thisUpdate'), 'thisUpdate');
  let pos = i + 3;
  let nextUpdate: Date | undefined;
  const maybeNext = tbs[pos];
  if (maybeNext && (maybeNext.tag === TAG.UTCTime || maybeNext.tag === TAG.GeneralizedTime)) {
    nextUpdate = readTime(parseSmall(maybeNext.bytes, 'nextUpdate'), 'nextUpdate');
    pos++;
  }
  const crl: ParsedCrl = {
    der,
    issuerDer: issuer.bytes,
    issuer: nameToString(issuer),
    thisUpdate,
    ...(nextUpdate ? { nextUpdate } : {}),
    tbs: tbsTlv.bytes,
    signatureAlgorithm,
    signature: sigBits.bytes,
    entries: new CrlEntries(),
  };
  const maybeRevoked = tbs[pos];
  if (maybeRevoked && maybeRevoked.tag === TAG.SEQUENCE) {
    readEntries(Buffer.from(maybeRevoked.content.buffer, maybeRevoked.content.byteOffset, maybeRevoked.content.byteLength), crl);
    pos++;
  }
  const maybeExts = tbs[pos];
  if (maybeExts) {
    if (maybeExts.tag !== 0xa0) throw bad('unexpected element after the revoked certificates');
    for (const ext of readExtensions(parseSmall(maybeExts.bytes, 'CRL extensions'), 'CRL extension')) readCrlExtension(ext, crl);
    pos++;
  }
  if (tbs.length !== pos) throw bad('unexpected trailing elements in the TBSCertList');
  return crl;
}

/** A TLV header read in place (reused: no object per element). */
interface Header {
  tag: number;
  contentStart: number;
  end: number;
}

/** The decoder's header, reused as `h` is. */
const tlv: TlvHeader = { id: 0, tagNumber: 0, headerLength: 0, length: 0 };

/** The header of the TLV at `pos`, which must end by `limit`, read by the one TLV reader (der/asn1.ts). */
function headerAt(b: Buffer, pos: number, limit: number, what: string, h: Header): Header {
  readTlvHeader(b, pos, limit, tlv, 'BAD_TRUST_INPUT', what);
  h.tag = tlv.id;
  h.contentStart = pos + tlv.headerLength;
  h.end = h.contentStart + tlv.length;
  return h;
}

/**
 * A UTCTime "YYMMDDHHMMSSZ" read in place (the form CRL entries use), as readTime reads it; NaN for anything
 * else (the caller then asks readTime, which reads the other forms and names what is wrong).
 */
function utcTimeMs(b: Buffer, start: number, end: number): number {
  if (end - start !== 13 || b[end - 1] !== 0x5a) return NaN;
  const d = (i: number): number => {
    const x = b[start + i]! - 0x30;
    const y = b[start + i + 1]! - 0x30;
    return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : NaN;
  };
  const yy = d(0);
  const month = d(2);
  const day = d(4);
  const hour = d(6);
  const minute = d(8);
  const second = d(10);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60)) return NaN;
  const ms = Date.UTC(yy >= 50 ? 1900 + yy : 2000 + yy, month - 1, day, hour, minute, second);
  return new Date(ms).getUTCDate() === day ? ms : NaN;
}

/** reasonCode 2.5.29.21 and invalidityDate 2.5.29.24, as OID content octets */
const OID_REASON_CODE = Buffer.from([0x55, 0x1d, 0x15]);
const OID_INVALIDITY_DATE = Buffer.from([0x55, 0x1d, 0x18]);

/**
 * revokedCertificates ::= SEQUENCE OF SEQUENCE { userCertificate INTEGER, revocationDate Time,
 * crlEntryExtensions Extensions OPTIONAL }, read in place entry by entry: no node, no array of entries; each
 * entry leaves a hex key, a time and a reason code in crl.entries.
 */
function readEntries(c: Buffer, crl: ParsedCrl): void {
  const h: Header = { tag: 0, contentStart: 0, end: 0 };
  const x: Header = { tag: 0, contentStart: 0, end: 0 };
  // count first (headers only): a CRL over the limit is refused before any entry is read
  let count = 0;
  for (let p = 0; p < c.length; p = headerAt(c, p, c.length, 'CRL entry', h).end) {
    if (++count > MAX_CRL_ENTRIES) throw new CrlLimitError(`more than ${MAX_CRL_ENTRIES} entries: over the limit of one CRL, not read`);
  }
  const entries = new CrlEntries(c, count);
  crl.entries = entries;
  for (let p = 0; p < c.length; ) {
    if (headerAt(c, p, c.length, 'CRL entry', h).tag !== TAG.SEQUENCE) throw bad(`CRL entry at offset ${p}: not a SEQUENCE`);
    const entryEnd = h.end;
    let q = h.contentStart;
    if (headerAt(c, q, entryEnd, 'CRL entry serial', h).tag !== TAG.INTEGER || h.end === h.contentStart) throw bad(`CRL entry at offset ${p}: no serial number`);
    const serialStart = h.contentStart;
    const serialEnd = h.end;
    q = h.end;
    const timeTag = headerAt(c, q, entryEnd, 'CRL entry revocationDate', h).tag;
    let revokedAt = timeTag === TAG.UTCTime ? utcTimeMs(c, h.contentStart, h.end) : NaN;
    // anything but a plain UTCTime (GeneralizedTime, or a bad time, which readTime names) through readTime
    if (Number.isNaN(revokedAt)) revokedAt = readTime({ tag: timeTag, content: c.subarray(h.contentStart, h.end), offset: q } as unknown as Asn1Node, 'CRL entry revocationDate').getTime();
    q = h.end;
    let reason: number | undefined;
    if (q < entryEnd) {
      if (headerAt(c, q, entryEnd, 'CRL entry extensions', h).tag !== TAG.SEQUENCE || h.end !== entryEnd) throw bad(`CRL entry at offset ${p}: unexpected element after the revocation date`);
      for (let e = h.contentStart; e < entryEnd; ) {
        // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
        if (headerAt(c, e, entryEnd, 'CRL entry extension', x).tag !== TAG.SEQUENCE) throw bad('CRL entry extension: not a SEQUENCE');
        const extEnd = x.end;
        if (headerAt(c, x.contentStart, extEnd, 'CRL entry extension id', x).tag !== TAG.OID) throw bad('CRL entry extension: no extension id');
        const oid = c.subarray(x.contentStart, x.end);
        let critical = false;
        let valueTag = headerAt(c, x.end, extEnd, 'CRL entry extension', x).tag;
        if (valueTag === TAG.BOOLEAN) {
          if (x.end - x.contentStart !== 1) throw bad('CRL entry extension critical: bad length');
          critical = c[x.contentStart] !== 0;
          valueTag = headerAt(c, x.end, extEnd, 'CRL entry extension value', x).tag;
        }
        if (valueTag !== TAG.OCTET_STRING || x.end !== extEnd) throw bad('CRL entry extension: no value');
        if (oid.equals(OID_REASON_CODE)) {
          const v = headerAt(c, x.contentStart, x.end, 'reasonCode', x);
          if (v.tag !== 0x0a || v.end - v.contentStart !== 1 || v.end !== extEnd) throw bad('reasonCode is not a one-octet ENUMERATED');
          reason = c[v.contentStart]!;
        } else if (oid.equals(OID_INVALIDITY_DATE)) {
          // not used: Windows judges by the revocation date
        } else if (critical) {
          // certificateIssuer (indirect CRLs) and anything else critical: the CRL's scope is not understood
          crl.unusable ??= `its entries carry a critical extension ${readOid({ tag: TAG.OID, content: oid, offset: e } as unknown as Asn1Node, 'CRL entry extension id')} that is not supported (indirect CRL?)`;
        }
        e = extEnd;
      }
    }
    entries.add(serialStart, serialEnd, revokedAt, reason);
    p = entryEnd;
  }
}

function readCrlExtension(ext: { oid: string; critical: boolean; value: Uint8Array }, crl: ParsedCrl): void {
  switch (ext.oid) {
    case EXT.authorityKeyIdentifier: {
      const seq = parseDer(ext.value, { code: 'BAD_TRUST_INPUT', what: 'authorityKeyIdentifier' });
      const kid = seq.children.find((c) => c.cls === 'context' && c.tagNumber === 0 && !c.constructed);
      if (kid) crl.aki = kid.content;
      break;
    }
    case EXT.crlNumber:
    case EXT.freshestCrl:
    case EXT.authorityInfoAccess:
      break;
    case EXT.deltaCrlIndicator:
      crl.partial = 'a delta CRL';
      break;
    case EXT.issuingDistributionPoint: {
      // IssuingDistributionPoint ::= SEQUENCE { [0] distributionPoint, [1] onlyContainsUserCerts, [2] onlyContainsCACerts,
      //   [3] onlySomeReasons, [4] indirectCRL, [5] onlyContainsAttributeCerts }
      const idp = parseDer(ext.value, { code: 'BAD_TRUST_INPUT', what: 'issuingDistributionPoint' });
      for (const f of idp.children) {
        if (f.cls !== 'context') continue;
        if (f.tagNumber === 0 || f.tagNumber === 3) crl.partial = 'a partitioned CRL (issuingDistributionPoint)';
        else if (f.tagNumber === 4 || f.tagNumber === 5) crl.unusable ??= 'an indirect or attribute-certificate CRL, which is not supported';
        else crl.partial = 'a CRL limited to user or CA certificates (issuingDistributionPoint)';
      }
      break;
    }
    default:
      if (ext.critical) crl.unusable ??= `it has a critical extension ${ext.oid} that is not supported`;
  }
}
