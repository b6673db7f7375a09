/**
 * The readiness layer's public functions, with their arguments checked (src/api/doors.ts) before the inner
 * function of src/endpoint/ runs. Internal callers (installers, report, cli) call the inner functions directly.
 */
import type { X509Certificate } from 'node:crypto';
import * as readiness from '../endpoint/readiness';
import * as trust from '../endpoint/trust';
import * as inventory from '../endpoint/inventory';
import type { MachineProfile, MachineProfileInput } from '../endpoint/profile';
import type { Readiness, ReadinessOptions } from '../endpoint/types';
import type { TrustAnchorOptions } from '../endpoint/trust';
import type { InventoryItem, LoadOptions } from '../endpoint/inventory';
import { door } from './doors';

/**
 * Judges one machine's ACS readiness: Windows support (KB5022661's minimums) and trust in the Microsoft
 * Identity Verification Root CA 2020. A missing fact gives `'unknown'` with a FACT_UNKNOWN reason naming it,
 * never `false`.
 * @param input a machine profile: the canonical one from loadInventory, or one written by hand (defaults
 *   are applied: role "endpoint", os {})
 * @param options `lang` of the reasons' messages and of the remediation ('en' by default)
 * @returns the verdict (`ready`: true / false / 'unknown'), the reasons and the remediation steps in order
 * @throws ProfileError naming the field when `input` is not a machine profile (e.g. from plain JavaScript)
 */
export function assessReadiness(input: MachineProfileInput, options: ReadinessOptions = {}): Readiness {
  door('assessReadiness', input, options);
  return readiness.assessReadiness(input, options);
}

/**
 * The trust anchors a machine would verify a file with: the certificates of `known` its Root store names
 * (matched by thumbprint), plus the roots automatic root update fetches when readiness says it does.
 * @param profile the machine
 * @param readiness its assessReadiness verdict
 * @param known certificates the store may name (e.g. the bundled Microsoft roots, a test root)
 * @param options the roots automatic root update would fetch (default: the bundled ACS root)
 * @returns the anchors, for VerifyOptions.trust
 */
export function machineTrustAnchors(
  profile: MachineProfile,
  readiness: Readiness,
  known: X509Certificate[],
  options: TrustAnchorOptions = {},
): X509Certificate[] {
  door('machineTrustAnchors', profile, readiness, known, options);
  return trust.machineTrustAnchors(profile, readiness, known, options);
}

/**
 * Reads machine profiles from what administrators export: machine directories (systeminfo, Get-HotFix,
 * certutil -store Root, registry exports, machine.json ... as Windows writes them: UTF-16LE with BOM, CRLF,
 * cp932), JSON Lines, JSON arrays and CSV fleet files. Streams: memory stays flat for any fleet size.
 * @param inputs files and directories (a share of machine folders: share.ts)
 * @param options how inventory CSVs are read (`columns`)
 * @returns an async iterator of items: `{ ok: true, profile, source }`, or `{ ok: false, source, line, error, skipped? }`
 *   for content that cannot be read as a profile (the file and line are named; the rest goes on)
 * @throws InputError when an input cannot be read at all (missing, permission, not a file or directory)
 */
export async function* loadInventory(inputs: string[], options: LoadOptions = {}): AsyncGenerator<InventoryItem> {
  door('loadInventory', inputs, options);
  yield* inventory.loadInventory(inputs, options);
}
