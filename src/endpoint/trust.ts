/**
 * The trust anchors the Authenticode verifier should use for one machine.
 *
 * Design:
 *  - Every PEM certificate in the machine's rootStore is an anchor (it IS in the machine's Root store).
 *  - A `known` certificate (the bundled Microsoft root, or a test root the caller passes) is an anchor when
 *    its SHA-1 thumbprint is listed in rootStore: a thumbprint-only store export names certificates that the
 *    caller has to supply.
 *  - Automatic root update: when rootAutoUpdate === true AND online === true, Windows would download any root
 *    of Microsoft's Certificate Trust List the first time it sees a chain to it (Trusted Signing FAQ). Which of
 *    the `known` certificates are CTL-distributed is the caller's statement, passed as
 *    `options.autoUpdateRoots`; when the option is absent, the CTL set is the bundled ACS root
 *    (Microsoft Identity Verification Root CA 2020) only. Those certificates are anchors for such a machine.
 *  - Unknown facts never add anchors: unknown rootAutoUpdate or online gives no auto-update anchors, and an
 *    unknown rootStore gives none from the store. The verifier then fails closed (UNTRUSTED_ROOT), while
 *    readiness says 'unknown' with the missing fact.
 *  - Anchors are deduplicated by SHA-256 fingerprint. Matching is by fingerprint, never by subject name;
 *    fingerprints and PEM entries' certificates come from the one cache of fingerprints.ts.
 * `readiness` is accepted so the caller can pass the verdict it already computed: when it says the root is
 * NOT trusted (false), auto-update anchors are not added even if the profile facts would allow it.
 */
import { X509Certificate } from 'node:crypto';
import { ACS_ROOT_2020_PEM } from '../authenticode/trust/bundled-roots';
import { pemCertificate, thumbprints } from './fingerprints';
import type { MachineProfile } from './profile';
import type { Readiness } from './types';

/** Options of machineTrustAnchors. */
export interface TrustAnchorOptions {
  /** certificates Windows' automatic root update would fetch (Microsoft CTL roots); default: the bundled ACS root */
  autoUpdateRoots?: X509Certificate[];
}

let bundledRoot: X509Certificate | undefined;
export function bundledAcsRoot(): X509Certificate {
  bundledRoot ??= new X509Certificate(ACS_ROOT_2020_PEM);
  return bundledRoot;
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
  const store = profile.rootStore ?? [];
  if (known.length <= 16 && store.every((e) => typeof e === 'string')) return thumbprintAnchors(store as string[], profile, readiness, known, options);
  const out = new Map<string, X509Certificate>();
  const add = (c: X509Certificate): void => {
    const k = thumbprints(c).sha256;
    if (!out.has(k)) out.set(k, c);
  };
  const thumbs = new Set<string>();
  for (const e of profile.rootStore ?? []) {
    if (typeof e === 'string') {
      thumbs.add(e);
      continue;
    }
    if (e.pem) {
      const pc = pemCertificate(e.pem);
      if (pc) {
        add(pc.cert);
        continue;
      }
      /* unreadable PEM: fall back to its thumbprint */
    }
    if (e.thumbprint) thumbs.add(e.thumbprint);
  }
  for (const c of known) if (thumbs.has(thumbprints(c).sha1)) add(c);
  if (profile.rootAutoUpdate === true && profile.online === true && readiness.root.trusted !== false) {
    for (const c of options.autoUpdateRoots ?? [bundledAcsRoot()]) add(c);
  }
  return [...out.values()];
}

/**
 * machineTrustAnchors for a root store of thumbprints only (what admin exports give: the fleet's usual case),
 * without the Map and Set the general case builds: a fleet judges 100 000 machines with this. The same
 * anchors in the same order: `known` certificates the store names, then the automatic update's roots,
 * each SHA-256 fingerprint once (a short list scanned: at most 16 known certificates and the update's roots).
 */
function thumbprintAnchors(store: string[], profile: MachineProfile, readiness: Readiness, known: X509Certificate[], options: TrustAnchorOptions): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen: string[] = [];
  // a long store is looked up in a Set; a short one (the usual handful) by a scan
  const set = store.length > 16 ? new Set(store) : undefined;
  for (const c of known) {
    const t = thumbprints(c);
    if ((set ? set.has(t.sha1) : store.includes(t.sha1)) && !seen.includes(t.sha256)) {
      seen.push(t.sha256);
      out.push(c);
    }
  }
  if (profile.rootAutoUpdate === true && profile.online === true && readiness.root.trusted !== false) {
    for (const c of options.autoUpdateRoots ?? [bundledAcsRoot()]) {
      const k = thumbprints(c).sha256;
      if (!seen.includes(k)) {
        seen.push(k);
        out.push(c);
      }
    }
  }
  return out;
}
