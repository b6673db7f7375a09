/**
 * Revocation from CRLs given offline (no network at run time): parse X.509 CRLs (RFC 5280 §5), decide which
 * CRL speaks for a certificate, and judge each certificate of a chain as good, revoked or unknown.
 *
 * A CRL speaks for a certificate only when
 *   - its issuer Name is byte-equal to the certificate's issuer Name,
 *   - its authorityKeyIdentifier (when both it and the issuer's subjectKeyIdentifier exist) names the issuer's key,
 *   - the issuer's key verifies the CRL's signature (node:crypto), and the issuer's keyUsage (when present)
 *     allows cRLSign,
 *   - it is inside its time window at the verification time: thisUpdate <= at <= nextUpdate (as Windows
 *     judges CRL freshness: at the time of the check, not at the signing time),
 *   - it has no critical extension this reader does not understand (RFC 5280 §5.2).
 * A CRL that fails any of these is not used; when no usable CRL speaks for a certificate its status is
 * "unknown" with the reasons, never "revoked". A CRL that is partitioned (issuingDistributionPoint naming a
 * distribution point or limited to some reasons) or a delta CRL can prove a revocation but never its absence.
 *
 * What a revocation means for a signature is decided by the caller (signature.ts) with judgeRevocation:
 * the revocation date (never invalidityDate, which Windows does not read) against the time the signature
 * is proven to exist. See docs/architecture.md, "Revocation".
 */
import type { X509Certificate } from 'node:crypto';
import { type Asn1Node, bytesEqual, child, expectTag, parseDer, readBitString, readBoolean, readOctetString, readOid, readTime, TAG } from '../der/asn1';
import { readAlgorithm, type AlgorithmIdentifier, verifyWithAlgorithm } from '../der/algorithm';
import { VerifyError } from '../errors';
import { certFacts, nameToString } from './certificates';
import type { CrlInput, RevocationDetail } from '../types';

/** CRL entry reason codes (RFC 5280 §5.3.1); 7 is unused. */
export const CRL_REASONS: Readonly<Record<number, string>> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};

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

export interface CrlEntry {
  revokedAt: Date;
  /** RFC 5280 reason code, undefined when the entry has none */
  reason?: number;
}

const NO_REASON = 0xffff;

/** FNV-1a over bytes[start, end). */
function fnv1a(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

/** The serial's significant octets: its INTEGER content's first 64 octets (as serialValue reads them), leading zeros dropped. */
function significant(b: Uint8Array, start: number, end: number): [number, number] {
  const stop = Math.min(end, start + 64);
  let s = start;
  while (s < stop && b[s] === 0) s++;
  return [s, stop];
}

/** A certificate serial (its unsigned value, as certFacts gives it) as big-endian octets without leading zeros. */
function serialOctets(serial: bigint): Buffer {
  if (serial <= 0n) return Buffer.alloc(0);
  const hex = serial.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/**
 * The revoked serials of one CRL, with no object or string per entry: each slot is the serial's place in the
 * CRL's bytes (kept anyway), its revocation time and reason code, in typed arrays sized from the entry count;
 * an open-addressing hash table (FNV-1a of the serial's octets, linear probing, octets compared) finds a
 * serial. About 30 bytes per entry besides the CRL's own bytes. When a serial is listed twice, the later entry wins.
 */
export class CrlEntries {
  private count = 0;
  private readonly starts: Uint32Array;
  private readonly lengths: Uint8Array;
  private readonly times: Float64Array;
  private readonly reasons: Uint16Array;
  private readonly table: Int32Array;
  private readonly mask: number;

  /** `bytes`: the buffer the serials are read from (held); `capacity`: the number of entries that will be added */
  constructor(
    private readonly bytes: Uint8Array = new Uint8Array(0),
    capacity = 0,
  ) {
    this.starts = new Uint32Array(capacity);
    this.lengths = new Uint8Array(capacity);
    this.times = new Float64Array(capacity);
    this.reasons = new Uint16Array(capacity);
    let size = 8;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The slot of the octets [start, end) of `b`, or the table position where it would go (as -1 - position). */
  private find(b: Uint8Array, start: number, end: number): number {
    const len = end - start;
    for (let pos = fnv1a(b, start, end) & this.mask; ; pos = (pos + 1) & this.mask) {
      const slot = this.table[pos]!;
      if (slot < 0) return -1 - pos;
      if (this.lengths[slot] !== len) continue;
      const at = this.starts[slot]!;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.bytes[at + i] !== b[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return slot;
    }
  }

  /** Adds the entry whose serial INTEGER content is bytes[start, end) of the buffer given to the constructor. */
  add(start: number, end: number, revokedAtMs: number, reason: number | undefined): void {
    const [s, e] = significant(this.bytes, start, end);
    let slot = this.find(this.bytes, s, e);
    if (slot < 0) {
      if (this.count === this.starts.length) throw new Error('CrlEntries: more entries than its capacity');
      this.table[-1 - slot] = this.count;
      slot = this.count++;
      this.starts[slot] = s;
      this.lengths[slot] = e - s;
    }
    this.times[slot] = revokedAtMs;
    this.reasons[slot] = reason ?? NO_REASON;
  }

  /** The entry for a certificate serial (its unsigned value, as certFacts gives it). */
  get(serial: bigint): CrlEntry | undefined {
    const octets = serialOctets(serial);
    const [s, e] = significant(octets, 0, octets.length);
    const slot = this.find(octets, s, e);
    if (slot < 0) return undefined;
    const reason = this.reasons[slot]!;
    return { revokedAt: new Date(this.times[slot]!), ...(reason !== NO_REASON ? { reason } : {}) };
  }
}

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

/** One TLV's header: a shallow step, for the revokedCertificates list (which may hold many entries). */
interface Tlv {
  tag: number;
  /** the whole TLV */
  bytes: Uint8Array;
  content: Uint8Array;
}

/** The TLVs inside `content`, without parsing their insides (DER: definite lengths, at most 4 length octets). */
function shallowChildren(content: Uint8Array, what: string): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < content.length) {
    const start = pos;
    const tag = content[pos++]!;
    if ((tag & 0x1f) === 0x1f) throw bad(`${what}: high tag numbers are not expected`);
    if (pos >= content.length) throw bad(`${what}: truncated length at offset ${start}`);
    const first = content[pos++]!;
    let length = first;
    if (first === 0x80) throw bad(`${what}: indefinite length (BER) is not DER`);
    if (first > 0x80) {
      const n = first & 0x7f;
      if (n > 4 || pos + n > content.length) throw bad(`${what}: bad length at offset ${start}`);
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + content[pos++]!;
    }
    if (length > content.length - pos) throw bad(`${what}: element at offset ${start} runs past its container`);
    out.push({ tag, bytes: content.subarray(start, pos + length), content: content.subarray(pos, pos + length) });
    pos += length;
  }
  return out;
}

const parseSmall = (bytes: Uint8Array, what: string): Asn1Node => parseDer(bytes, { code: 'BAD_TRUST_INPUT', what });

/**
 * CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }. Read level by
 * level: every element is parsed on its own, so a CRL of many entries never builds one tree of millions of nodes.
 */
function readCrl(der: Buffer): ParsedCrl {
  const [outer, ...extra] = shallowChildren(der, 'DER');
  if (!outer || extra.length || outer.tag !== TAG.SEQUENCE) throw bad('not one DER SEQUENCE');
  const top = shallowChildren(outer.content, 'CertificateList');
  if (top.length !== 3 || top[0]!.tag !== TAG.SEQUENCE) throw bad('a CertificateList has three elements: TBSCertList, algorithm, signature');
  const tbsTlv = top[0]!;
  const signatureAlgorithm = readAlgorithm(parseSmall(top[1]!.bytes, 'CRL signatureAlgorithm'), 'CRL signatureAlgorithm');
  const sigBits = readBitString(parseSmall(top[2]!.bytes, 'CRL signature'), 'CRL signature');
  if (sigBits.unusedBits !== 0) throw bad('the signature BIT STRING has unused bits');
  const tbs = shallowChildren(tbsTlv.content, 'TBSCertList');
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

/** The header of the TLV at `pos`, which must end by `limit` (DER: definite lengths, at most 4 length octets). */
function headerAt(b: Buffer, pos: number, limit: number, what: string, h: Header): Header {
  const start = pos;
  if (pos + 2 > limit) throw bad(`${what}: truncated at offset ${start}`);
  const tag = b[pos++]!;
  if ((tag & 0x1f) === 0x1f) throw bad(`${what}: high tag numbers are not expected`);
  const first = b[pos++]!;
  let length = first;
  if (first === 0x80) throw bad(`${what}: indefinite length (BER) is not DER`);
  if (first > 0x80) {
    const n = first & 0x7f;
    if (n > 4 || pos + n > limit) throw bad(`${what}: bad length at offset ${start}`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + b[pos++]!;
  }
  if (length > limit - pos) throw bad(`${what}: element at offset ${start} runs past its container`);
  h.tag = tag;
  h.contentStart = pos;
  h.end = pos + length;
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

// ---------------------------------------------------------------- status of one certificate

export type CertificateRevocationStatus =
  | { status: 'good'; crls: number }
  | { status: 'revoked'; revokedAt: Date; reason?: number }
  | { status: 'unknown'; why: string };

const iso = (d: Date): string => d.toISOString();

/** Why `crl` cannot speak for certificates issued by `issuer` at `at`, or undefined when it can. */
export function crlProblem(crl: ParsedCrl, issuer: X509Certificate, at: Date): string | undefined {
  if (crl.unusable) return `the CRL from "${crl.issuer}" is not used: ${crl.unusable}`;
  const f = certFacts(issuer);
  if (crl.aki && f.ski && !bytesEqual(crl.aki, f.ski)) return `the CRL from "${crl.issuer}" names another key of that issuer (authorityKeyIdentifier)`;
  if (f.keyUsage && !f.keyUsage.has('cRLSign')) return `"${f.subject}" may not sign CRLs (keyUsage without cRLSign)`;
  const check = verifyWithAlgorithm(issuer.publicKey, crl.signatureAlgorithm, 'sha256', crl.tbs, crl.signature);
  if (!check.ok) return `the CRL from "${crl.issuer}" is not signed by the issuer's key (${check.message})`;
  if (at.getTime() < crl.thisUpdate.getTime()) return `the CRL from "${crl.issuer}" is not yet valid at ${iso(at)} (thisUpdate ${iso(crl.thisUpdate)})`;
  if (crl.nextUpdate && at.getTime() > crl.nextUpdate.getTime())
    return `the CRL from "${crl.issuer}" expired at ${iso(crl.nextUpdate)} (nextUpdate; judged at ${iso(at)})`;
  return undefined;
}

/** The revocation status of `cert` (issued by `issuer`) from the CRLs, at the verification time `at`. */
export function certificateStatus(cert: X509Certificate, issuer: X509Certificate, crls: readonly ParsedCrl[], at: Date): CertificateRevocationStatus {
  const f = certFacts(cert);
  const problems: string[] = [];
  let complete = 0;
  let revoked: CrlEntry | undefined;
  for (const crl of crls) {
    if (!bytesEqual(crl.issuerDer, f.issuerDer)) continue;
    const problem = crlProblem(crl, issuer, at);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const entry = crl.entries.get(f.serial);
    if (entry && entry.reason !== 8) {
      // several usable CRLs listing it: the earliest revocation date is kept
      if (!revoked || entry.revokedAt.getTime() < revoked.revokedAt.getTime()) revoked = entry;
    } else if (!crl.partial) complete++;
    else problems.push(`the CRL from "${crl.issuer}" is ${crl.partial}: it cannot show that a certificate is not revoked`);
  }
  if (revoked) return { status: 'revoked', revokedAt: revoked.revokedAt, ...(revoked.reason !== undefined ? { reason: revoked.reason } : {}) };
  if (complete > 0) return { status: 'good', crls: complete };
  if (problems.length) return { status: 'unknown', why: problems.join('; ') };
  return { status: 'unknown', why: `no CRL from "${f.issuer}" was given` };
}

// ---------------------------------------------------------------- judging a chain

/** Reason codes after which a time-stamping authority's earlier tokens stay valid (RFC 3161 §4, item 1). */
const TSA_BENIGN_REASONS = new Set([0, 3, 4, 5]);

export interface ChainRevocation {
  details: RevocationDetail[];
  /** the certificates whose revocation makes the signature fail (CERT_REVOKED), one message each */
  failures: string[];
}

/**
 * Judge every certificate of `path` (leaf first; the last one, the anchor or the end of the path, is not
 * checked: it has no issuer in the path) against the CRLs.
 *   signer chain: revoked when the revocation date is not after `signedAt` (the valid timestamp's time, else
 *     the verification time) — whatever the reason code, as Windows does for code signing (the CA sets the
 *     revocation date; for a key compromise it dates it back to the compromise).
 *   timestamp chain: a TSA key whose certificate is revoked without a reason code, or for any reason other than
 *     unspecified / affiliationChanged / superseded / cessationOfOperation, may have stamped any time: every
 *     token it signed fails (RFC 3161 §4); for those four reasons tokens stamped before the revocation date stay valid.
 */
export function judgeChainRevocation(
  path: readonly X509Certificate[],
  kind: 'signer' | 'timestamp',
  signedAt: Date,
  crls: readonly ParsedCrl[],
  at: Date,
): ChainRevocation {
  const out: ChainRevocation = { details: [], failures: [] };
  for (let i = 0; i + 1 < path.length; i++) {
    const cert = path[i]!;
    const f = certFacts(cert);
    const s = certificateStatus(cert, path[i + 1]!, crls, at);
    const base = { chain: kind, subject: f.subject, serial: f.serial.toString(16).toUpperCase() };
    if (s.status === 'good') {
      out.details.push({ ...base, status: 'good', message: `not revoked (${s.crls} CRL${s.crls > 1 ? 's' : ''} from "${f.issuer}")` });
      continue;
    }
    if (s.status === 'unknown') {
      out.details.push({ ...base, status: 'unknown', message: s.why });
      continue;
    }
    const reason = s.reason !== undefined ? (CRL_REASONS[s.reason] ?? `reason ${s.reason}`) : undefined;
    const what = `"${f.subject}" was revoked at ${iso(s.revokedAt)}${reason ? ` (${reason})` : ' (no reason code)'}`;
    const withReason = { ...base, revokedAt: iso(s.revokedAt), ...(reason ? { reason } : {}) };
    const before = s.revokedAt.getTime() > signedAt.getTime();
    const tsaAnyTime = kind === 'timestamp' && (s.reason === undefined || !TSA_BENIGN_REASONS.has(s.reason));
    if (before && !tsaAnyTime) {
      out.details.push({ ...withReason, status: 'revoked-after-signing', message: `${what}, after ${kind === 'signer' ? 'the signature was made' : 'the time stamped'} (${iso(signedAt)}): it still holds` });
    } else {
      const message = tsaAnyTime
        ? `${what}: a time-stamping key revoked for that reason may have stamped any time, so no token it signed is trusted`
        : `${what}, not after ${kind === 'signer' ? 'the time the signature is proven to exist' : 'the time stamped'} (${iso(signedAt)})`;
      out.details.push({ ...withReason, status: 'revoked', message });
      out.failures.push(`${kind === 'timestamp' ? 'timestamp authority chain: ' : ''}${message}`);
    }
  }
  return out;
}

/** Summary status of a set of details: revoked > unknown > good. */
export function overallStatus(details: readonly RevocationDetail[]): 'good' | 'revoked' | 'unknown' {
  if (details.some((d) => d.status === 'revoked')) return 'revoked';
  if (details.length === 0 || details.some((d) => d.status === 'unknown')) return 'unknown';
  return 'good';
}
