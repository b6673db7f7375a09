/**
 * The two functions the ACS check needs from the other layers, behind one seam so tests and callers can
 * pass their own (e.g. a counting spy) and the check stays "one verifier call per decision".
 * The default loads the real verifier lazily, on the first real file: runs over declared artifacts never
 * load the Authenticode layer.
 */
import type { X509Certificate } from 'node:crypto';
import type { VerificationResult, VerifyOptions } from '../authenticode/types';
import type { MachineProfile } from '../endpoint/profile';
import type { Readiness } from '../endpoint/types';

/** The verifier the ACS check calls (simulate's `verifier` option): pass your own to stub or count calls. */
export interface AcsVerifier {
  verifyFile(path: string, options?: VerifyOptions): Promise<VerificationResult>;
  machineTrustAnchors(profile: MachineProfile, readiness: Readiness, known: X509Certificate[]): X509Certificate[];
}

type VerifyFileModule = typeof import('../authenticode/verify-file');
type TrustModule = typeof import('../endpoint/trust');

export const defaultVerifier: AcsVerifier = {
  verifyFile(path, options) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: the installer layer must not import the verifier at load time
    const m = require('../authenticode/verify-file') as VerifyFileModule;
    return m.verifyFile(path, options);
  },
  machineTrustAnchors(profile, readiness, known) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: the installer layer must not import endpoint/ at load time
    const m = require('../endpoint/trust') as TrustModule;
    return m.machineTrustAnchors(profile, readiness, known);
  },
};
