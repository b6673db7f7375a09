/**
 * ACS (Microsoft Trusted Signing) policy, applied to a signature that is already valid:
 *   - its chain ends at one of ctx.acsRoots (matched by SHA-256 fingerprint of the exact certificate), and
 *   - the leaf carries 1.3.6.1.4.1.311.97.1.0 plus at least one more 1.3.6.1.4.1.311.97.* EKU
 *     (the Trusted Signing profile OID), as Microsoft documents and NuGet's UserCertificateValidator applies.
 * Intermediates are never pinned (AOC/EOC CA 01–04 rotate). Failing the policy yields notes
 * (NOT_ACS_ROOT, ACS_EKU_MISSING) that do not make a valid signature invalid.
 */
import type { X509Certificate } from 'node:crypto';
import { certFacts } from './certificates';
import { ACS_EKU_PREFIX, OID } from '../der/oids';
import type { Failure } from '../types';

export interface AcsDecision {
  acs: boolean;
  notes: Failure[];
}

/** Judge ACS for a valid chain (leaf first, anchor last). */
export function evaluateAcsPolicy(chain: X509Certificate[], acsRoots: X509Certificate[]): AcsDecision {
  const notes: Failure[] = [];
  const top = chain[chain.length - 1];
  const leaf = chain[0];
  if (!top || !leaf) return { acs: false, notes: [{ code: 'NOT_ACS_ROOT', message: 'no chain to judge' }] };
  const topFp = top.fingerprint256;
  if (!acsRoots.some((r) => r.fingerprint256 === topFp)) {
    notes.push({ code: 'NOT_ACS_ROOT', message: `the chain ends at "${certFacts(top).subject}", which is not an ACS root` });
  }
  const eku = certFacts(leaf).eku ?? [];
  const profile = eku.filter((o) => o.startsWith(ACS_EKU_PREFIX) && o !== OID.ekuAcsPublicTrust);
  if (!eku.includes(OID.ekuAcsPublicTrust) || profile.length === 0) {
    notes.push({
      code: 'ACS_EKU_MISSING',
      message: `the leaf needs EKU ${OID.ekuAcsPublicTrust} and a profile EKU ${ACS_EKU_PREFIX}*; it has ${eku.length ? eku.join(', ') : 'no EKU extension'}`,
    });
  }
  return { acs: notes.length === 0, notes };
}
