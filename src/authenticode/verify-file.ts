/**
 * verifyFile: the verifier's front door. Resolves the options (context.ts), verifies the file
 * (verify-container.ts: container, signatures, verdict, catalogs) and, with `deep`, every file inside it
 * (deep/). verifyFiles (many files, worker pool) lives in pool/verify-pool.ts and is re-exported here, as are
 * the per-file entry points, so that callers keep one module to import.
 * Bad file content never throws; only bad options (unreadable trust certificates) do.
 */
import { resolveVerifyContext } from './context';
import { deepVerify } from './deep/deep-verify';
import { isIoError, verifyFileWithContext } from './verify-container';
import type { VerificationResult, VerifyOptions } from './types';
import { readableCatalogs } from './readable-catalogs';

export {
  digestAlgorithmHints,
  isIoError,
  MAX_SIGNATURE_ENTRIES,
  prefetchDigests,
  verifyFileWithContext } from './verify-container';
export { verifyFiles } from './pool/verify-pool';

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
  await readableCatalogs(options?.catalogs);
  const ctx = resolveVerifyContext(options);
  const result = await verifyFileWithContext(path, ctx);
  if (!options?.deep || isIoError(result)) return result;
  return deepVerify(path, result, ctx, options.deep === true ? {} : options.deep);
}
