/**
 * The two functions the ACS check needs from the other layers, behind one seam so tests and callers can
 * pass their own (e.g. a counting spy) and the check stays "one verifier call per decision".
 * The default is the real verifier (imported plainly: installers sit above authenticode and endpoint, see
 * docs/architecture.md).
 */
import type { X509Certificate } from 'node:crypto';
import type { VerificationResult, VerifyOptions } from '../authenticode/types';
import type { MachineProfile } from '../endpoint/profile';
import type { Readiness } from '../endpoint/types';
import { verifyFile } from '../authenticode/verify-file';
import { machineTrustAnchors } from '../endpoint/trust';

/** The verifier the ACS check calls (simulate's `verifier` option): pass your own to stub or count calls. */
export interface AcsVerifier {
  verifyFile(path: string, options?: VerifyOptions): Promise<VerificationResult>;
  machineTrustAnchors(profile: MachineProfile, readiness: Readiness, known: X509Certificate[]): X509Certificate[];
}

export const defaultVerifier: AcsVerifier = {
  verifyFile(path, options) {
    return verifyFile(path, options);
  },
  machineTrustAnchors(profile, readiness, known) {
    return machineTrustAnchors(profile, readiness, known);
  },
};
