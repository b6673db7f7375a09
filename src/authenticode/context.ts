/**
 * Options → VerifyContext with defaults applied. The one place the verifier reads the clock: when the
 * caller gives no `at`, verification happens "now" (documented default). Inner layers only read ctx.at.
 */
import { bundledAcsRoot, toX509 } from './trust/certificates';
import { VerifyError } from './errors';
import { parseCrlInput } from './trust/revocation';
import type { VerifyContext, VerifyOptions } from './types';

/**
 * Defaults: trust = [bundled Microsoft Identity Verification Root CA 2020], acsRoots = [same],
 * at = the current time, strict = true, no CRLs. Bad certificate or CRL input throws VerifyError BAD_TRUST_INPUT.
 */
export function resolveVerifyContext(options: VerifyOptions = {}): VerifyContext {
  const at = options.at ?? new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new VerifyError('BAD_TRUST_INPUT', 'verification time (at) is not a valid date');
  return {
    trust: options.trust ? options.trust.map(toX509) : [bundledAcsRoot()],
    acsRoots: options.acsRoots ? options.acsRoots.map(toX509) : [bundledAcsRoot()],
    at,
    strict: options.strict ?? true,
    crls: (options.crls ?? []).flatMap(parseCrlInput),
    ...(options.catalogs?.length ? { catalogs: [...options.catalogs] } : {}),
  };
}
