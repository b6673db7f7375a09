/**
 * A verifier for the install-path simulator that verifies each file once per distinct trust: the key is
 * the file, the trust anchors' and ACS roots' SHA-256 fingerprints, the CRLs' SHA-256, the time and the strict flag.
 * 100 000 machines that share a handful of root stores cost a handful of verifications.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import { toX509 } from '../authenticode/trust/certificates';
import type { CertificateInput, CrlInput, VerificationResult, VerifyOptions } from '../authenticode/types';
import type { AcsVerifier } from '../installers/verifier';

export interface CachingVerifier extends AcsVerifier {
  /** verifications actually run (cache misses) */
  readonly verifications: () => number;
}

function fingerprints(certs: CertificateInput[] | undefined): string {
  if (!certs) return '-';
  return certs
    .map((c) => (toX509(c) as X509Certificate).fingerprint256)
    .sort()
    .join(',');
}

function crlDigests(crls: CrlInput[] | undefined): string {
  if (!crls) return '-';
  return crls
    .map((c) => createHash('sha256').update(c).digest('hex'))
    .sort()
    .join(',');
}

export function cachingVerifier(inner: AcsVerifier, maxEntries = 10000): CachingVerifier {
  const cache = new Map<string, Promise<VerificationResult>>();
  let runs = 0;
  return {
    machineTrustAnchors: (profile, readiness, known) => inner.machineTrustAnchors(profile, readiness, known),
    verifyFile(file: string, options: VerifyOptions = {}) {
      const key = [file, fingerprints(options.trust), fingerprints(options.acsRoots), crlDigests(options.crls), options.at?.getTime() ?? 'now', options.strict ?? true].join('\u0000');
      let hit = cache.get(key);
      if (!hit) {
        runs++;
        hit = inner.verifyFile(file, options);
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
        cache.set(key, hit);
      }
      return hit;
    },
    verifications: () => runs,
  };
}
