/**
 * Signer layer: find the signer's certificate in the bag (issuer+serial or subject key identifier) and
 * verify its signature over the authenticated attributes, with node:crypto.
 *
 * RFC 5652 §5.4: the signature covers the DER of the signed attributes with the EXPLICIT SET OF tag (0x31)
 * instead of the [0] IMPLICIT tag (0xa0) they are stored under: that one byte is the only change made to
 * the received bytes.
 */
import { constants, createHash, publicDecrypt, verify as cryptoVerify } from 'node:crypto';
import type { KeyObject, X509Certificate } from 'node:crypto';
import { bytesEqual, child, isContext, readOid, readSmallInt } from './asn1';
import { certFacts, serialValue } from '../trust/certificates';
import { digestAlgorithmFromOid, DIGEST_LENGTH, OID } from './oids';
import type { SignerIdentifier, SignerInfo } from './signed-data';
import type { DigestAlgorithm } from '../types';

/** The bag certificate the SignerInfo names, or undefined. */
export function findSignerCertificate(sid: SignerIdentifier, certs: X509Certificate[]): X509Certificate | undefined {
  for (const cert of certs) {
    let f;
    try {
      f = certFacts(cert);
    } catch {
      continue; // a bag certificate whose extensions do not parse cannot be the signer
    }
    if (sid.kind === 'issuerSerial') {
      if (bytesEqual(f.issuerDer, sid.issuer) && f.serial === serialValue(sid.serial)) return cert;
    } else if (f.ski && bytesEqual(f.ski, sid.ski)) {
      return cert;
    }
  }
  return undefined;
}

export type SignatureCheck = { ok: true } | { ok: false; code: 'BAD_SIGNATURE' | 'UNSUPPORTED_ALGORITHM'; message: string };

const RSA_SIG_HASH: Readonly<Record<string, DigestAlgorithm | 'md5'>> = {
  [OID.md5WithRSA]: 'md5',
  [OID.sha1WithRSA]: 'sha1',
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
};
const ECDSA_SIG_HASH: Readonly<Record<string, DigestAlgorithm>> = {
  [OID.ecdsaWithSha1]: 'sha1',
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
};

interface PssParams {
  hash: DigestAlgorithm;
  mgfHash: DigestAlgorithm;
  saltLength: number;
}

/** RSASSA-PSS-params (RFC 4055 §3.1) with their defaults (SHA-1, MGF1-SHA-1, salt 20, trailer 1). */
function readPssParams(params: SignerInfo['signatureAlgorithm']['params']): PssParams | string {
  let hash: DigestAlgorithm | undefined = 'sha1';
  let mgfHash: DigestAlgorithm | undefined = 'sha1';
  let saltLength = 20;
  if (!params || params.tag === 0x05) return { hash, mgfHash, saltLength };
  if (params.tag !== 0x30) return 'RSA-PSS parameters are not a SEQUENCE';
  for (const p of params.children) {
    if (isContext(p, 0)) {
      hash = digestAlgorithmFromOid(readOid(child(child(p, 0, 'PSS hash'), 0, 'PSS hash'), 'PSS hash'));
    } else if (isContext(p, 1)) {
      const mgf = child(p, 0, 'PSS mgf');
      if (readOid(child(mgf, 0, 'PSS mgf'), 'PSS mgf') !== OID.mgf1) return 'RSA-PSS mask generation function is not MGF1';
      mgfHash = digestAlgorithmFromOid(readOid(child(child(mgf, 1, 'MGF1 hash'), 0, 'MGF1 hash'), 'MGF1 hash'));
    } else if (isContext(p, 2)) {
      saltLength = readSmallInt(child(p, 0, 'PSS saltLength'), 'PSS saltLength', 1024);
    } else if (isContext(p, 3)) {
      if (readSmallInt(child(p, 0, 'PSS trailerField'), 'PSS trailerField', 10) !== 1) return 'RSA-PSS trailer field is not 1';
    }
  }
  if (!hash || !mgfHash) return 'RSA-PSS hash is not supported';
  if (hash !== mgfHash) return 'RSA-PSS with an MGF1 hash different from the message hash is not supported';
  if (saltLength > 512) return 'RSA-PSS salt length out of range';
  return { hash, mgfHash, saltLength };
}

/**
 * Verify `signature` over `data` with `key`, per the AlgorithmIdentifier `sigAlg` and the SignerInfo's
 * digest algorithm (used when the signature algorithm is a bare key algorithm like rsaEncryption).
 */
export function verifyWithAlgorithm(
  key: KeyObject,
  sigAlg: SignerInfo['signatureAlgorithm'],
  digest: DigestAlgorithm,
  data: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  const keyType = key.asymmetricKeyType;
  const bad = (message: string): SignatureCheck => ({ ok: false, code: 'BAD_SIGNATURE', message });
  const unsupported = (message: string): SignatureCheck => ({ ok: false, code: 'UNSUPPORTED_ALGORITHM', message });
  try {
    let ok: boolean;
    if (sigAlg.oid === OID.rsaEncryption || RSA_SIG_HASH[sigAlg.oid]) {
      const hash = sigAlg.oid === OID.rsaEncryption ? digest : RSA_SIG_HASH[sigAlg.oid]!;
      if (hash === 'md5') return unsupported('MD5 signatures are refused');
      if (keyType !== 'rsa') return bad(`an RSA PKCS#1 signature cannot come from a ${keyType} key`);
      ok = cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    } else if (sigAlg.oid === OID.rsaPss) {
      const p = readPssParams(sigAlg.params);
      if (typeof p === 'string') return unsupported(p);
      if (keyType !== 'rsa' && keyType !== 'rsa-pss') return bad(`an RSA-PSS signature cannot come from a ${keyType} key`);
      ok = cryptoVerify(p.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength }, signature);
    } else if (ECDSA_SIG_HASH[sigAlg.oid] || sigAlg.oid === OID.ecPublicKey) {
      const hash = ECDSA_SIG_HASH[sigAlg.oid] ?? digest;
      if (keyType !== 'ec') return bad(`an ECDSA signature cannot come from a ${keyType} key`);
      ok = cryptoVerify(hash, data, { key, dsaEncoding: 'der' }, signature);
    } else {
      return unsupported(`signature algorithm ${sigAlg.oid} is not supported`);
    }
    return ok ? { ok: true } : bad('the signature does not verify with the signer certificate key');
  } catch (e) {
    return bad(`the signature does not verify (${(e as Error).message})`);
  }
}

/** Verify a SignerInfo's signature over its signed attributes with `cert`'s key. */
export function verifySignerSignature(si: SignerInfo, cert: X509Certificate, digest: DigestAlgorithm): SignatureCheck {
  if (!si.signedAttrsBytes) return { ok: false, code: 'BAD_SIGNATURE', message: 'the SignerInfo has no authenticated attributes' };
  const data = Buffer.from(si.signedAttrsBytes); // a copy: the original bytes stay as received
  data[0] = 0x31;
  return verifyWithAlgorithm(cert.publicKey, si.signatureAlgorithm, digest, data, si.signature);
}

/**
 * Legacy RSA block without DigestInfo: the PKCS#1 v1.5 type-1 block, once the public key is applied, holds the
 * bare hash of the signed attributes (no AlgorithmIdentifier). VeriSign-era PKCS#9 counter-signatures (time
 * stamps) were made this way and Windows accepts them; only SHA-1/SHA-2 hashes are compared (MD5 stays refused).
 * The padding is checked by node:crypto publicDecrypt (RSA_PKCS1_PADDING); the recovered block must be exactly
 * the hash.
 */
export function verifyBareHashRsa(si: SignerInfo, cert: X509Certificate, digest: DigestAlgorithm): boolean {
  if (!si.signedAttrsBytes) return false;
  if (si.signatureAlgorithm.oid !== OID.rsaEncryption && RSA_SIG_HASH[si.signatureAlgorithm.oid] !== digest) return false;
  const key = cert.publicKey;
  if (key.asymmetricKeyType !== 'rsa') return false;
  const data = Buffer.from(si.signedAttrsBytes);
  data[0] = 0x31;
  try {
    const block = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, si.signature);
    return bytesEqual(block, createHash(digest).update(data).digest());
  } catch {
    return false;
  }
}

/** The messageDigest attribute's value bytes (validated as one OCTET STRING of the digest's length). */
export function messageDigestValue(si: SignerInfo, digest: DigestAlgorithm): Uint8Array | string {
  const found = si.signedAttrs.filter((a) => a.type === OID.messageDigest);
  if (found.length !== 1 || found[0]!.values.length !== 1) return 'the messageDigest attribute must occur once with one value';
  const v = found[0]!.values[0]!;
  if (v.tag !== 0x04) return 'the messageDigest attribute is not an OCTET STRING';
  if (v.content.length !== DIGEST_LENGTH[digest]) return `the messageDigest attribute is ${v.content.length} bytes, ${digest} gives ${DIGEST_LENGTH[digest]}`;
  return v.content;
}

/** The contentType attribute's OID, or a message when absent/duplicated. */
export function contentTypeValue(si: SignerInfo): string | undefined {
  const found = si.signedAttrs.filter((a) => a.type === OID.contentType);
  if (found.length !== 1 || found[0]!.values.length !== 1) return undefined;
  try {
    return readOid(found[0]!.values[0], 'contentType attribute');
  } catch {
    return undefined;
  }
}

