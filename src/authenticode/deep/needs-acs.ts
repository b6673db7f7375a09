/**
 * The modules of an installer that need ACS support to load (ACS-signed and FORCE_INTEGRITY), from its deep
 * verification, for the install-path runs (`simulate --file`) and the fleet report (`fleet --file`).
 */
import type { X509Certificate } from 'node:crypto';
import { bundledAcsRoot } from '../trust/certificates';
import { resolveVerifyContext } from '../context';
import { isIoError, verifyFileWithContext } from '../verify-container';
import { deepVerify } from './deep-verify';
import type { CrlInput } from '../types';

export interface ModulesNeedingAcs {
  /** "outer > inner" paths of the ACS-signed FORCE_INTEGRITY modules inside the installer */
  modules: string[];
  /** files inside the installer read */
  files: number;
  /** a bound was reached: the list may be incomplete */
  truncated: boolean;
}

/**
 * Deep-verifies `file` with the given trust (plus the bundled ACS root) and returns its modules that need ACS
 * support, or null when the file holds no other files (a PE, a script) or could not be read.
 */
export async function modulesNeedingAcs(
  file: string,
  opts: { at: Date; known?: X509Certificate[]; acsRoots?: X509Certificate[]; crls?: CrlInput[] },
): Promise<ModulesNeedingAcs | null> {
  // verifyFile(file, { …, deep: true }), step by step: deep verification sits below the front door
  const ctx = resolveVerifyContext({
    at: opts.at,
    trust: [...(opts.known ?? []), bundledAcsRoot()],
    ...(opts.acsRoots ? { acsRoots: opts.acsRoots } : {}),
    ...(opts.crls ? { crls: opts.crls } : {}),
  });
  const outer = await verifyFileWithContext(file, ctx);
  if (isIoError(outer)) return null;
  const r = await deepVerify(file, outer, ctx, {});
  if (!r.deepSummary || r.format === 'pe' || r.verdict === 'malformed') return null;
  return { modules: r.deepSummary.needAcs, files: r.deepSummary.files, truncated: r.deepSummary.truncated };
}
