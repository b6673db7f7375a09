/**
 * The verifier's public functions, with their arguments checked (src/api/doors.ts) before the inner function
 * of src/authenticode/ runs. Internal callers (installers, report, cli) call the inner functions directly.
 */
import type { X509Certificate } from 'node:crypto';
import * as verifier from '../authenticode/verify-file';
import * as certificates from '../authenticode/trust/certificates';
import type { PoolOptions } from '../authenticode/pool/verify-pool';
import type { CertificateInput, VerificationResult, VerifyOptions } from '../authenticode/types';
import { door } from './doors';

/**
 * Verifies one file's Authenticode signature (PE, MSI, CAB, catalog, APPX/MSIX told apart by content; PowerShell
 * scripts and .inf files by extension) and says whether it is ACS; with `catalogs`, a file listed in a validly
 * signed catalog is valid through it (`result.catalog`).
 * @param path the file to verify
 * @param options trust anchors, ACS roots, the verification time (default now), strict mode, catalogs; `deep`
 *   also verifies every file inside an MSI, CAB or APPX/MSIX (bundle), recursively (`contents`, `deepSummary`)
 * @returns the VerificationResult: verdict 'valid' | 'invalid' | 'unsigned' | 'malformed', `acs`, the failure
 *   codes and every signature's report. Bad file content never throws: it is a verdict (an unreadable file is
 *   'malformed' with IO_ERROR).
 * @throws VerifyError (BAD_TRUST_INPUT) when a certificate in `options` cannot be read, (IO_ERROR) when a catalog in
 *   `options.catalogs` is missing or not a readable file; InputError naming the argument when one is of the wrong type
 */
export async function verifyFile(path: string, options?: VerifyOptions): Promise<VerificationResult> {
  door('verifyFile', path, options);
  return verifier.verifyFile(path, options);
}

/**
 * Verifies several files with one set of options; the results are in the order of `paths`. Many files use
 * a pool of worker threads sized to the machine (see pool/verify-pool.ts; `pool.workers: 0` keeps them in
 * this thread).
 */
export async function verifyFiles(paths: string[], options?: VerifyOptions, pool?: PoolOptions): Promise<VerificationResult[]> {
  door('verifyFiles', paths, options, pool);
  return verifier.verifyFiles(paths, options, pool);
}

/** True when the result stands for a file that could not be read (the CLI's exit code 2). */
export function isIoError(result: VerificationResult): boolean {
  door('isIoError', result);
  return verifier.isIoError(result);
}

/** Every PEM certificate block in a text (for trust files holding several). */
export function pemCertificates(text: string): X509Certificate[] {
  door('pemCertificates', text);
  return certificates.pemCertificates(text);
}

/** DER bytes, PEM text or an X509Certificate, as an X509Certificate. Garbage gives VerifyError BAD_TRUST_INPUT. */
export function toX509(input: CertificateInput): X509Certificate {
  door('toX509', input);
  return certificates.toX509(input);
}
