/**
 * The signature layer, the entry the container readers (PE, MSI) call: one PKCS#7 Authenticode blob in,
 * one SignatureReport per signature out (the blob's own, then its nested signatures).
 *
 * The rules, in the order they are applied (each failure code is documented in docs/failure-codes.md):
 *   1. the blob parses as ContentInfo(SignedData(SpcIndirectDataContent)) for this kind of file
 *   2. digest algorithm: supported, not MD5, the same in SignedData, SpcIndirectDataContent and SignerInfo
 *   3. file digest = the digest in SpcIndirectDataContent
 *   4. messageDigest attribute = hash of SpcIndirectDataContent's content octets
 *   5. signer certificate found; its signature over the authenticated attributes verifies
 *   6. timestamp (RFC 3161 or PKCS#9) verifies; if so the chain is judged at the stamped time. With CRLs
 *      given, a revoked certificate in the TSA's chain fails it (CERT_REVOKED; trust/revocation.ts)
 *   7. chain to a trust anchor: links, CA constraints, validity, EKU (code signing), key usage
 *   8. revocation of the signer's chain from the CRLs given (CERT_REVOKED unless a valid timestamp proves
 *      the signature was made before the revocation date)
 *   9. notes (never make a valid signature invalid): ACS policy, a PE signature whose SpcIndirectDataContent
 *      names a non-standard data type (judged by its digest, as Windows' PE SIP does)
 * Bad input never throws: it gives a report with a failure code.
 * Nested signatures are read from the primary SignerInfo only (signtool /as appends every extra signature
 * there); a nested signature's own nested attribute is not followed.
 */
import { createHash } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { evaluateAcsPolicy } from './trust/acs-policy';
import { bytesEqual, checkDerContent, expectTag, MAX_DEPTH, parseDer, TAG } from './der/asn1';
import { certFacts } from './trust/certificates';
import { buildChain } from './trust/chain';
import { type ChainRevocation, judgeChainRevocation, overallStatus } from './trust/revocation';
import { verifyErrorOf, VerifyError } from './errors';
import { digestAlgorithmFromOid, DIGEST_LENGTH, OID } from './der/oids';
import { OPAQUE_ENCAPSULATED_CONTENT, parseSignedDataNode, parseSpcIndirectData, type SignedData, type SignerInfo, type SpcIndirectData } from './pkcs7/signed-data';
import { contentTypeValue, findSignerCertificate, messageDigestValue, verifySignerSignature } from './pkcs7/signer';
import { verifyTimestamp } from './pkcs7/timestamp';
import type { CertificateSummary, DigestAlgorithm, DigestSource, Failure, RevocationDetail, RevocationReport, SignatureReport, SignedFormat } from './types';
import type { VerifyContext } from './context';

/** Nested signatures verified per blob (more are reported as one MALFORMED_SIGNATURE). */
export const MAX_NESTED_SIGNATURES = 16;
/** WIN_CERTIFICATE entries are 8-byte aligned: up to 7 zero bytes may follow the DER blob. */
const MAX_ALIGNMENT_PADDING = 7;

interface ParsedAuthenticode {
  signedData: SignedData;
  spc: SpcIndirectData;
  signerInfo: SignerInfo;
  nested: Uint8Array[];
  /** a PE signature whose SpcIndirectDataContent names a data type other than SpcPeImageData */
  nonstandardDataType?: string;
}

/** The revocation report of a signature nothing was checked for. */
export function notCheckedRevocation(why = 'no CRL was given'): RevocationReport {
  return { checked: false, status: 'not-checked', details: [], summary: `revocation not checked: ${why}` };
}

/**
 * Verify one PKCS#7 Authenticode signature and its nested signatures (attribute 1.3.6.1.4.1.311.2.4.1,
 * each verified on its own with its own digest algorithm through `source`). Returns
 * [this signature's report (index firstIndex), ...nested reports (index firstIndex+1…, nested=true)].
 * Never throws for bad input.
 */
export async function verifyPkcs7Signature(
  der: Uint8Array,
  source: DigestSource,
  ctx: VerifyContext,
  kind: SignedFormat,
  firstIndex = 0,
): Promise<SignatureReport[]> {
  const primary = await verifyOne(der, source, ctx, kind, firstIndex, false);
  const reports = [primary.report];
  let index = firstIndex + 1;
  for (const nestedDer of primary.nested.slice(0, MAX_NESTED_SIGNATURES)) {
    reports.push((await verifyOne(nestedDer, source, ctx, kind, index++, true)).report);
  }
  if (primary.nested.length > MAX_NESTED_SIGNATURES) {
    const r = emptyReport(index, true);
    r.failures.push({ code: 'MALFORMED_SIGNATURE', message: `more than ${MAX_NESTED_SIGNATURES} nested signatures; the rest were not verified` });
    reports.push(r);
  }
  return reports;
}

/** A report for a signature that was not (or could not be) verified: every check false, no failures yet. */
export function emptyReport(index: number, nested: boolean): SignatureReport {
  return {
    index,
    nested,
    digestAlgorithm: 'unknown',
    digestMatches: null,
    signer: null,
    chain: [],
    timestamp: null,
    timestampKind: null,
    valid: false,
    acs: false,
    failures: [],
    revocation: notCheckedRevocation(),
  };
}

/** A certificate as `signtool verify /v` lists it: names, validity, SHA-1 thumbprint. */
export function certificateSummary(c: X509Certificate): CertificateSummary {
  const f = certFacts(c);
  return {
    subject: f.subject,
    issuer: f.issuer,
    notBefore: f.notBefore.toISOString(),
    notAfter: f.notAfter.toISOString(),
    sha1: c.fingerprint.replace(/:/g, '').toUpperCase(),
  };
}

function toFailure(e: unknown, fallback: Failure['code']): Failure {
  const v = verifyErrorOf(e);
  if (v) return { code: v.code, message: v.message };
  return { code: fallback, message: e instanceof Error ? e.message : String(e) };
}

async function verifyOne(
  der: Uint8Array,
  source: DigestSource,
  ctx: VerifyContext,
  kind: SignedFormat,
  index: number,
  nested: boolean,
): Promise<{ report: SignatureReport; nested: Uint8Array[] }> {
  const report = emptyReport(index, nested);
  let parsed: ParsedAuthenticode;
  try {
    parsed = parseAuthenticode(der, kind);
  } catch (e) {
    report.failures.push(toFailure(e, 'MALFORMED_SIGNATURE'));
    if (ctx.crls?.length) report.revocation = notCheckedRevocation('the signature could not be read');
    return { report, nested: [] };
  }
  try {
    await new SignatureVerification(parsed, source, ctx, report).run();
  } catch (e) {
    // defensive: a rule that met input it could not read
    report.failures.push(toFailure(e, 'MALFORMED_SIGNATURE'));
    report.valid = false;
    report.acs = false;
  }
  if (ctx.crls?.length && !report.revocation.checked) report.revocation = notCheckedRevocation('the signature failed before its chain was built');
  return { report, nested: parsed.nested };
}

/** Rule 1: the structure. Throws VerifyError MALFORMED_SIGNATURE. */
function parseAuthenticode(der: Uint8Array, kind: SignedFormat): ParsedAuthenticode {
  // a catalog's CTL (members by the hundred thousand) is not held as a tree: catalogSignature checks it streamed
  const root = parseDer(der, { what: 'PKCS#7 signature', allowTrailing: true, ...(kind === 'catalog' ? { opaque: OPAQUE_ENCAPSULATED_CONTENT } : {}) });
  const used = root.headerLength + root.length;
  const trailing = der.subarray(used);
  if (trailing.length > MAX_ALIGNMENT_PADDING || trailing.some((b) => b !== 0))
    throw new VerifyError('MALFORMED_SIGNATURE', `PKCS#7 signature: ${trailing.length} unexpected bytes after the ContentInfo`);
  const signedData = parseSignedDataNode(root, 'PKCS#7 signature');
  if (kind === 'catalog') return catalogSignature(signedData);
  const spc = parseSpcIndirectData(signedData);
  // A PE whose SpcIndirectDataContent names another data type (sbsign writes 1.3.6.1.4.1.311.2.1.21) is judged
  // by its digest, as Windows' PE SIP, signify, osslsigncode, pesign and sbverify judge it; a note says so.
  const nonstandardDataType = kind === 'pe' && spc.kind === 'unknown' ? spc.dataType : undefined;
  if (spc.kind !== kind && !nonstandardDataType) {
    const what = spc.kind === 'unknown' ? `data type ${spc.dataType}` : `a ${spc.kind.toUpperCase()} signature`;
    throw new VerifyError('MALFORMED_SIGNATURE', `SpcIndirectDataContent holds ${what}, but the file is ${kind.toUpperCase()}`);
  }
  if (signedData.signerInfos.length !== 1)
    throw new VerifyError('MALFORMED_SIGNATURE', `Authenticode needs exactly one SignerInfo, found ${signedData.signerInfos.length}`);
  const signerInfo = signedData.signerInfos[0]!;
  if (!signerInfo.signedAttrsBytes) throw new VerifyError('MALFORMED_SIGNATURE', 'the SignerInfo has no authenticated attributes');
  if (contentTypeValue(signerInfo) !== OID.spcIndirectData)
    throw new VerifyError('MALFORMED_SIGNATURE', 'the contentType attribute is missing or is not SPC_INDIRECT_DATA');
  const nested = signerInfo.unsignedAttrs.filter((a) => a.type === OID.nestedSignature).flatMap((a) => a.values.map((v) => v.bytes));
  return { signedData, spc, signerInfo, nested, ...(nonstandardDataType ? { nonstandardDataType } : {}) };
}

/**
 * A catalog's own signature: SignedData over a certificate trust list (szOID_CTL), not Authenticode. The
 * messageDigest attribute covers the CTL's content octets (as it covers SpcIndirectDataContent's); there is no
 * file digest to compare (rule 3 is skipped), the rest of the rules apply as they are.
 */
function catalogSignature(signedData: SignedData): ParsedAuthenticode {
  if (signedData.contentType !== OID.ctl) throw new VerifyError('MALFORMED_SIGNATURE', `catalog content type ${signedData.contentType} is not szOID_CTL`);
  const ctl = expectTag(signedData.content, TAG.SEQUENCE, 'catalog CTL');
  // the CTL must be DER throughout (as when it was parsed as a tree), checked without building nodes
  checkDerContent(ctl.content, { what: 'catalog CTL', maxDepth: MAX_DEPTH - ctl.depth - 1 });
  if (signedData.signerInfos.length !== 1)
    throw new VerifyError('MALFORMED_SIGNATURE', `a catalog needs exactly one SignerInfo, found ${signedData.signerInfos.length}`);
  const signerInfo = signedData.signerInfos[0]!;
  if (!signerInfo.signedAttrsBytes) throw new VerifyError('MALFORMED_SIGNATURE', 'the SignerInfo has no authenticated attributes');
  if (contentTypeValue(signerInfo) !== OID.ctl) throw new VerifyError('MALFORMED_SIGNATURE', 'the contentType attribute is missing or is not szOID_CTL');
  const spc: SpcIndirectData = { dataType: OID.ctl, kind: 'catalog', digestAlgorithm: signerInfo.digestAlgorithm, digest: new Uint8Array(0), contentOctets: ctl.content };
  const nested = signerInfo.unsignedAttrs.filter((a) => a.type === OID.nestedSignature).flatMap((a) => a.values.map((v) => v.bytes));
  return { signedData, spc, signerInfo, nested };
}

const hash = (alg: DigestAlgorithm, data: Uint8Array): Buffer => createHash(alg).update(data).digest();

class SignatureVerification {
  private readonly si: SignerInfo;
  private readonly bag: X509Certificate[];

  constructor(
    private readonly p: ParsedAuthenticode,
    private readonly source: DigestSource,
    private readonly ctx: VerifyContext,
    private readonly report: SignatureReport,
  ) {
    this.si = p.signerInfo;
    this.bag = p.signedData.certificates;
  }

  async run(): Promise<void> {
    await this.rules();
    const type = this.p.nonstandardDataType;
    if (type && this.report.digestMatches === true)
      this.fail(
        'NONSTANDARD_DATA_TYPE',
        `SpcIndirectDataContent names data type ${type}, not SpcPeImageData (${OID.spcPeImageData}); the signature was judged by its PE digest, which matches`,
      );
  }

  private async rules(): Promise<void> {
    const signerCert = findSignerCertificate(this.si.sid, this.bag);
    if (signerCert) this.report.signer = certFacts(signerCert).subject;

    const alg = this.digestAlgorithm();
    if (!alg) return this.finish();
    if (!(await this.fileDigest(alg))) return this.finish();
    this.messageDigest(alg);
    if (!this.signerSignature(signerCert, alg)) return this.finish();
    const stamp = this.timestamp(signerCert!);
    const chain = this.chain(signerCert!, stamp.judgedAt);
    this.revocation(chain.path, stamp);
    this.finish();
    if (this.report.valid && chain.anchored) this.acsPolicy(chain.path);
  }

  private fail(code: Failure['code'], message: string): void {
    this.report.failures.push({ code, message });
  }

  private finish(): void {
    this.report.valid = this.report.failures.length === 0;
  }

  /** Rule 2: one supported, non-MD5 digest algorithm across SignedData, SpcIndirectDataContent and SignerInfo. */
  private digestAlgorithm(): DigestAlgorithm | undefined {
    const { signedData, spc } = this.p;
    const spcAlg = digestAlgorithmFromOid(spc.digestAlgorithm.oid);
    this.report.digestAlgorithm = spcAlg ?? (spc.digestAlgorithm.oid === OID.md5 ? 'md5' : spc.digestAlgorithm.oid);
    const all = [
      ...signedData.digestAlgorithms.map((a) => ['SignedData.digestAlgorithms', a.oid] as const),
      ['SpcIndirectDataContent', spc.digestAlgorithm.oid] as const,
      ['SignerInfo.digestAlgorithm', this.si.digestAlgorithm.oid] as const,
    ];
    const md5 = all.find(([, oid]) => oid === OID.md5);
    if (md5) {
      this.fail('WEAK_DIGEST', `${md5[0]} is MD5, which is refused`);
      return undefined;
    }
    const unknown = all.find(([, oid]) => !digestAlgorithmFromOid(oid));
    if (unknown) {
      this.fail('UNSUPPORTED_ALGORITHM', `${unknown[0]} uses unsupported digest algorithm ${unknown[1]}`);
      return undefined;
    }
    // APPX: SpcIndirectDataContent's algorithm is the package's (its block map's HashMethod) and may differ from
    // the signer's, as packages are signed (formats/appx-reader.ts); the signer's algorithms must still agree
    const agreeing = this.p.spc.kind === 'appx' ? all.filter(([w]) => w !== 'SpcIndirectDataContent') : all;
    if (signedData.digestAlgorithms.length !== 1 || new Set(agreeing.map(([, oid]) => oid)).size !== 1) {
      this.fail('DIGEST_ALGORITHM_MISMATCH', `digest algorithms disagree: ${all.map(([w, oid]) => `${w}=${digestAlgorithmFromOid(oid)}`).join(', ')}`);
      return undefined;
    }
    return this.p.spc.kind === 'appx' ? digestAlgorithmFromOid(this.si.digestAlgorithm.oid) : spcAlg;
  }

  /** Rule 3: the file's Authenticode digest equals the digest inside SpcIndirectDataContent. */
  private async fileDigest(alg: DigestAlgorithm): Promise<boolean> {
    if (this.p.spc.kind === 'catalog') return true; // a catalog signs its CTL directly: no file digest
    if (this.p.spc.kind === 'appx') alg = digestAlgorithmFromOid(this.p.spc.digestAlgorithm.oid)!; // the package's algorithm
    let actual: Buffer;
    try {
      actual = await this.source.digest(alg);
    } catch (e) {
      const f = toFailure(e, 'IO_ERROR');
      this.fail(f.code, `the file digest could not be computed: ${f.message}`);
      return false;
    }
    const expected = this.p.spc.digest;
    if (this.p.nonstandardDataType && expected.length !== DIGEST_LENGTH[alg]) {
      this.fail(
        'UNSUPPORTED_DATA_TYPE',
        `SpcIndirectDataContent names data type ${this.p.nonstandardDataType} and holds ${expected.length} bytes, not a ${alg} digest of this PE file: nothing to compare`,
      );
      return false;
    }
    // an APPX signs a blob of tagged part hashes ("APPX" "AXPC" h …), not one hash (formats/appx-reader.ts)
    const lengthOk = this.p.spc.kind === 'appx' || expected.length === DIGEST_LENGTH[alg];
    this.report.digestMatches = lengthOk && bytesEqual(actual, expected);
    if (!this.report.digestMatches)
      this.fail('DIGEST_MISMATCH', `the file's ${alg} digest ${actual.toString('hex')} differs from the signed ${Buffer.from(expected).toString('hex')}`);
    return true;
  }

  /** Rule 4: messageDigest = hash of SpcIndirectDataContent's content octets (without its tag and length). */
  private messageDigest(alg: DigestAlgorithm): void {
    const md = messageDigestValue(this.si, alg);
    if (typeof md === 'string') return this.fail('MESSAGE_DIGEST_MISMATCH', md);
    if (!bytesEqual(hash(alg, this.p.spc.contentOctets), md))
      this.fail('MESSAGE_DIGEST_MISMATCH', 'the messageDigest attribute does not match SpcIndirectDataContent');
  }

  /** Rule 5: the signer certificate is in the bag and its key verifies the authenticated attributes. */
  private signerSignature(cert: X509Certificate | undefined, alg: DigestAlgorithm): boolean {
    if (!cert) {
      const sid = this.si.sid;
      const who = sid.kind === 'ski' ? `subject key identifier ${Buffer.from(sid.ski).toString('hex')}` : 'issuer and serial number';
      this.fail('SIGNER_NOT_FOUND', `no certificate in the signature matches the signer's ${who}`);
      return false;
    }
    const check = verifySignerSignature(this.si, cert, alg);
    if (!check.ok) this.fail(check.code, check.message);
    return true;
  }

  /**
   * Rule 6: a valid timestamp moves the time the chain is judged at; an invalid one is a failure.
   * A leaf with the lifetime-signing EKU (1.3.6.1.4.1.311.10.3.13) is judged at ctx.at even when stamped,
   * as Windows does.
   */
  private timestamp(signer: X509Certificate): Stamp {
    const none: Stamp = { judgedAt: this.ctx.at };
    const ts = verifyTimestamp(this.si, this.bag, this.ctx);
    if (!ts) return none;
    this.report.timestampKind = ts.kind;
    if (!ts.ok) {
      this.fail('TIMESTAMP_INVALID', ts.message);
      return none;
    }
    this.report.timestampChain = ts.tsaChain.map(certificateSummary);
    const crls = this.ctx.crls ?? [];
    const tsaRevocation = crls.length ? judgeChainRevocation(ts.tsaChain, 'timestamp', ts.time, crls, this.ctx.at) : undefined;
    if (tsaRevocation?.failures.length) {
      for (const m of tsaRevocation.failures) this.fail('CERT_REVOKED', m);
      return { ...none, tsaRevocation };
    }
    if (certFacts(signer).eku?.includes(OID.ekuLifetimeSigning)) return { ...none, ...(tsaRevocation ? { tsaRevocation } : {}) };
    this.report.timestamp = ts.time.toISOString();
    return { judgedAt: ts.time, stamped: true, ...(tsaRevocation ? { tsaRevocation } : {}) };
  }

  /** Rule 7: the chain from the signer to a trust anchor, judged at `at`. */
  private chain(signer: X509Certificate, at: Date): { path: X509Certificate[]; anchored: boolean } {
    const result = buildChain({ leaf: signer, pool: this.bag, anchors: this.ctx.trust, at, purpose: 'codeSigning', budget: this.ctx.chainBudget });
    this.report.chain = result.path.map((c) => certFacts(c).subject);
    this.report.chainCertificates = result.path.map(certificateSummary);
    for (const f of result.failures) this.fail(f.code, f.message);
    return { path: result.path, anchored: result.anchor !== undefined };
  }

  /**
   * Rule 8: the signer's chain against the CRLs given: a revocation dated at or before the time the signature
   * is proven to exist (the valid timestamp's time, else the verification time) fails it (CERT_REVOKED).
   */
  private revocation(path: X509Certificate[], stamp: Stamp): void {
    const crls = this.ctx.crls ?? [];
    if (!crls.length) return;
    const signer = judgeChainRevocation(path, 'signer', stamp.judgedAt, crls, this.ctx.at);
    for (const m of signer.failures) this.fail('CERT_REVOKED', m);
    const details: RevocationDetail[] = [...signer.details, ...(stamp.tsaRevocation?.details ?? [])];
    const status = overallStatus(details);
    this.report.revocation = { checked: true, status, details, summary: revocationSummary(status, details, stamp) };
  }

  /** Rule 9: ACS policy notes. */
  private acsPolicy(chain: X509Certificate[]): void {
    const decision = evaluateAcsPolicy(chain, this.ctx.acsRoots);
    this.report.acs = decision.acs;
    this.report.failures.push(...decision.notes);
  }
}

interface Stamp {
  /** the time the chain is judged at and the signature is proven to exist */
  judgedAt: Date;
  /** a valid timestamp moved judgedAt */
  stamped?: boolean;
  tsaRevocation?: ChainRevocation;
}

function revocationSummary(status: RevocationReport['status'], details: RevocationDetail[], stamp: Stamp): string {
  const n = details.length;
  const certs = `${n} certificate${n === 1 ? '' : 's'}`;
  if (status === 'revoked') return `revoked: ${details.find((d) => d.status === 'revoked')!.message}`;
  if (status === 'unknown') {
    const unknown = details.filter((d) => d.status === 'unknown');
    if (n === 0) return 'unknown: no certificate below the anchor to check';
    return `unknown: ${unknown.length} of ${certs} could not be checked (${unknown[0]!.message})`;
  }
  const after = details.filter((d) => d.status === 'revoked-after-signing').length;
  const when = stamp.stamped ? 'the timestamp' : 'the verification time';
  return after
    ? `good: ${certs} checked; ${after} revoked only after ${when}, so the signature holds`
    : `good: none of ${certs} is revoked`;
}
