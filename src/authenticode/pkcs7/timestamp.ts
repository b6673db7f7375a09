/**
 * Timestamp layer: an RFC 3161 token (unsigned attribute 1.3.6.1.4.1.311.3.3.1, as Windows writes it) or a
 * legacy PKCS#9 counter-signature (1.2.840.113549.1.9.6). Either stamps the signer's signature value
 * (encryptedDigest). A valid one moves the time the signer's chain is judged at to the stamped time.
 *
 * RFC 3161 §2.4.2: TSTInfo { version, policy, messageImprint { hashAlgorithm, hashedMessage }, serialNumber,
 * genTime, … }; the token is a SignedData whose eContent is the DER of TSTInfo; its signer's messageDigest
 * covers that DER; the TSA certificate must carry id-kp-timeStamping.
 */
import { createHash } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { type Asn1Node, bytesEqual, child, expectTag, parseDer, readOctetString, readOid, readTime, TAG } from '../der/asn1';
import { buildChain } from '../trust/chain';
import { verifyErrorOf } from '../errors';
import { digestAlgorithmFromOid, OID } from '../der/oids';
import { parseSignedDataNode, parseSignerInfo, type SignerInfo, singleAttributeValue } from './signed-data';
import { contentTypeValue, findSignerCertificate, messageDigestValue, verifyBareHashRsa, verifySignerSignature } from './signer';
import type { DigestAlgorithm } from '../types';
import type { VerifyContext } from '../context';

export type TimestampKind = 'rfc3161' | 'pkcs9';

export type TimestampOutcome =
  | {
      kind: TimestampKind;
      ok: true;
      time: Date;
      /** the TSA's chain, TSA certificate first, up to its anchor (for revocation) */
      tsaChain: X509Certificate[];
      /** the counter-signature's RSA block held the bare hash (no DigestInfo), as VeriSign-era TSAs signed */
      legacyBareHash: boolean;
    }
  | { kind: TimestampKind; ok: false; message: string };

interface Stamped {
  time: Date;
  tsaChain: X509Certificate[];
  legacyBareHash: boolean;
}

/** The signer's timestamp attribute (RFC 3161 preferred), or undefined when it has none. */
export function findTimestamp(si: SignerInfo): { kind: TimestampKind; value: Asn1Node } | undefined {
  for (const [type, kind] of [
    [OID.rfc3161Timestamp, 'rfc3161'],
    [OID.counterSignature, 'pkcs9'],
  ] as const) {
    const attr = si.unsignedAttrs.find((a) => a.type === type);
    if (attr) {
      const value = attr.values[0];
      if (value) return { kind, value };
    }
  }
  return undefined;
}

class TimestampError extends Error {}
const fail = (message: string): never => {
  throw new TimestampError(message);
};

function digestOf(oid: string, what: string): DigestAlgorithm {
  const alg = digestAlgorithmFromOid(oid);
  if (!alg) fail(`${what} uses ${oid === OID.md5 ? 'MD5, which is refused' : `unsupported digest ${oid}`}`);
  return alg!;
}

const hash = (alg: DigestAlgorithm, data: Uint8Array): Buffer => createHash(alg).update(data).digest();

/**
 * Verify the timestamp on `si` (if any). `bag` = the outer SignedData's certificates (PKCS#9 TSAs ship
 * theirs there; RFC 3161 tokens normally carry their own). Never throws.
 */
export function verifyTimestamp(si: SignerInfo, bag: X509Certificate[], ctx: VerifyContext): TimestampOutcome | undefined {
  const found = findTimestamp(si);
  if (!found) return undefined;
  try {
    const stamped = found.kind === 'rfc3161' ? verifyRfc3161(found.value, si.signature, bag, ctx) : verifyPkcs9(found.value, si.signature, bag, ctx);
    return { kind: found.kind, ok: true, ...stamped };
  } catch (e) {
    if (e instanceof TimestampError || verifyErrorOf(e)) return { kind: found.kind, ok: false, message: (e as Error).message };
    return { kind: found.kind, ok: false, message: `timestamp could not be read (${(e as Error).message})` };
  }
}

function verifyRfc3161(tokenNode: Asn1Node, stamped: Uint8Array, bag: X509Certificate[], ctx: VerifyContext): Stamped {
  const token = parseSignedDataNode(tokenNode, 'timestamp token');
  if (token.contentType !== OID.tstInfo) fail(`timestamp token content type ${token.contentType} is not TSTInfo`);
  const tstBytes = readOctetString(token.content, 'TSTInfo eContent');
  const tst = expectTag(parseDer(tstBytes, { what: 'TSTInfo' }), TAG.SEQUENCE, 'TSTInfo');
  readOid(child(tst, 1, 'TSTInfo policy'), 'TSTInfo policy');
  const imprint = child(tst, 2, 'TSTInfo messageImprint', TAG.SEQUENCE);
  const imprintAlg = digestOf(readOid(child(child(imprint, 0, 'imprint algorithm', TAG.SEQUENCE), 0, 'imprint algorithm'), 'imprint algorithm'), 'the timestamp imprint');
  const imprintValue = readOctetString(child(imprint, 1, 'imprint value'), 'imprint value');
  const genTime = readTime(child(tst, 4, 'TSTInfo genTime', TAG.GeneralizedTime), 'TSTInfo genTime');
  if (!bytesEqual(hash(imprintAlg, stamped), imprintValue)) fail('the timestamp imprint does not match the signature it claims to stamp');

  if (token.signerInfos.length !== 1) fail(`the timestamp token has ${token.signerInfos.length} signers, expected 1`);
  const tsi = token.signerInfos[0]!;
  if (contentTypeValue(tsi) !== OID.tstInfo) fail('the timestamp signer contentType attribute is missing or not TSTInfo');
  return { time: genTime, ...checkSignerAndChain(tsi, tstBytes, [...token.certificates, ...bag], genTime, ctx, false) };
}

function verifyPkcs9(value: Asn1Node, stamped: Uint8Array, bag: X509Certificate[], ctx: VerifyContext): Stamped {
  const csi = parseSignerInfo(value);
  const timeNode = singleAttributeValue(csi.signedAttrs, OID.signingTime, 'counter-signature signingTime');
  if (!timeNode) fail('the counter-signature has no signingTime');
  const time = readTime(timeNode, 'counter-signature signingTime');
  return { time, ...checkSignerAndChain(csi, stamped, bag, time, ctx, true) };
}

/**
 * messageDigest over `covered`, the TSA's signature, and its chain (time-stamping EKU) at `time`.
 * `legacy` (PKCS#9 counter-signatures): an RSA block holding the bare hash is accepted, as Windows accepts it.
 */
function checkSignerAndChain(
  tsi: SignerInfo,
  covered: Uint8Array,
  pool: X509Certificate[],
  time: Date,
  ctx: VerifyContext,
  legacy: boolean,
): { tsaChain: X509Certificate[]; legacyBareHash: boolean } {
  const alg = digestOf(tsi.digestAlgorithm.oid, 'the timestamp signer');
  const md = messageDigestValue(tsi, alg);
  if (typeof md === 'string') fail(`timestamp: ${md}`);
  if (!bytesEqual(hash(alg, covered), md as Uint8Array)) fail('the timestamp messageDigest does not match what it covers (imprint tampered)');
  const cert = findSignerCertificate(tsi.sid, pool);
  if (!cert) fail('the timestamp signer certificate is not in the signature');
  const sig = verifySignerSignature(tsi, cert!, alg);
  const legacyBareHash = !sig.ok && legacy && verifyBareHashRsa(tsi, cert!, alg);
  if (!sig.ok && !legacyBareHash) fail(`the timestamp signature does not verify: ${sig.message}`);
  const chain = buildChain({ leaf: cert!, pool, anchors: ctx.trust, at: time, purpose: 'timeStamping', budget: ctx.chainBudget });
  if (!chain.ok) fail(`the timestamp authority chain fails: ${chain.failures.map((f) => `${f.code}: ${f.message}`).join('; ')}`);
  return { tsaChain: chain.path, legacyBareHash };
}
