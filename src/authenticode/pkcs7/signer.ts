/**
 * Signer layer: find the signer's certificate in the bag (issuer+serial or subject key identifier) and
 * verify its signature over the authenticated attributes, with node:crypto.
 *
 * RFC 5652 §5.4: the signature covers the DER of the signed attributes with the EXPLICIT SET OF tag (0x31)
 * instead of the [0] IMPLICIT tag (0xa0) they are stored under: that one byte is the only change made to
 * the received bytes.
 */
import { constants, createHash, publicDecrypt } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { bytesEqual, readOid } from '../der/asn1';
import { RSA_SIG_HASH, type SignatureCheck, verifyWithAlgorithm } from '../der/algorithm';
import { certFacts, serialValue } from '../trust/certificates';
import { DIGEST_LENGTH, OID } from '../der/oids';
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

