/**
 * Options → VerifyContext with defaults applied. The one place the verifier reads the clock: when the
 * caller gives no `at`, verification happens "now" (documented default). Inner layers only read ctx.at.
 */
import { bundledAcsRoot, toX509 } from './trust/certificates';
import { VerifyError } from './errors';
import { parseCrlInput } from './trust/crl';
import type { X509Certificate } from 'node:crypto';
import type { ParsedCrl } from './trust/crl';
import type { VerifyOptions } from './types';

/** Options with defaults applied, as the inner layers receive them. */
export interface VerifyContext {
  trust: X509Certificate[];
  acsRoots: X509Certificate[];
  at: Date;
  strict: boolean;
  /** parsed CRLs (absent or empty: revocation not checked) */
  crls?: ParsedCrl[];
  /**
   * Work budget of one file: signature checks chain building may still spend over all its signatures,
   * nested ones and timestamps included. Set per file by verifyFileWithContext; absent = no file budget.
   */
  chainBudget?: { checks: number };
  /** catalog files to look the file's hash up in (VerifyOptions.catalogs) */
  catalogs?: string[];
}

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
