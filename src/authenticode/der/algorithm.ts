/**
 * Algorithms as DER names them: reading an AlgorithmIdentifier, and verifying a signature made with the
 * algorithm one names (RSA PKCS#1 v1.5, RSA-PSS, ECDSA) with node:crypto. Shared by CMS SignerInfos
 * (pkcs7/), certificates and CRLs (trust/). A bad signature is a result (SignatureCheck), never a throw;
 * an AlgorithmIdentifier that does not parse is a DerError.
 */
import { verify as cryptoVerify, constants } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { type Asn1Node, child, expectTag, isContext, readOid, readSmallInt, TAG } from './asn1';
import { digestAlgorithmFromOid, OID } from './oids';
import type { DigestAlgorithm } from '../types';

export interface AlgorithmIdentifier {
  oid: string;
  /** the parameters element, when present */
  params?: Asn1Node;
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL } */
export function readAlgorithm(node: Asn1Node | undefined, what: string): AlgorithmIdentifier {
  const seq = expectTag(node, TAG.SEQUENCE, what);
  const oid = readOid(child(seq, 0, what), what);
  const params = seq.children[1];
  return params ? { oid, params } : { oid };
}

export type SignatureCheck = { ok: true } | { ok: false; code: 'BAD_SIGNATURE' | 'UNSUPPORTED_ALGORITHM'; message: string };

export const RSA_SIG_HASH: Readonly<Record<string, DigestAlgorithm | 'md5'>> = {
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
function readPssParams(params: AlgorithmIdentifier['params']): PssParams | string {
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
  sigAlg: AlgorithmIdentifier,
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
