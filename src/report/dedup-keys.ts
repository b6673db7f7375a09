/**
 * The keys the fleet report shares work by: machines with equal facts or equal decisions share one
 * simulation per run (decisionKey, with the trust anchors as anchorsKey), one machine per distinct popup is
 * kept to render it in the other language (popupKey), and installer verifications are counted per file,
 * trust and verdict (verificationKey, with trustLabel). Keys are JSON (facts, decisions) or parts joined
 * with NUL (popups, verifications).
 */
import type { X509Certificate } from 'node:crypto';
import type { MachineProfile } from '../endpoint/profile';
import type { Readiness } from '../endpoint/types';

/** The machine's facts without its name and where they came from: equal facts, equal outcome. */
export function factsKey(profile: MachineProfile): string {
  const { name: _n, sources: _s, ...facts } = profile;
  return JSON.stringify(facts);
}

/**
 * What a path run's outcome (as the report keeps it: decision, worst case, popups, events, downloads,
 * verdict, reason codes) depends on, beyond the run's own settings: the readiness verdict and its parts, the
 * updates the popups name, the reason codes, and the trust anchors the installer file is verified against.
 * Machines whose raw facts differ (UBR, other roots, unrelated KBs) but reach the same decision share one
 * simulation; names and sources are filled in per machine.
 */
export function decisionKey(readiness: Readiness, anchors: string): string {
  return JSON.stringify([
    readiness.role,
    readiness.ready,
    readiness.os.supported,
    readiness.os.requiredKbs ?? null,
    readiness.root.trusted,
    readiness.root.via,
    readiness.reasons.map((r) => r.code),
    anchors,
  ]);
}

/** Trust anchors as a key: their sorted SHA-256 fingerprints. */
export function anchorsKey(anchors: X509Certificate[]): string {
  return anchors
    .map((c) => c.fingerprint256)
    .sort()
    .join(',');
}

/** A popup of a run as a key: the run's path and file, the popup's id and its text. */
export function popupKey(path: string, file: string | null, id: string, text: string): string {
  return `${path}\u0000${file ?? ''}\u0000${id}\u0000${text}`;
}

/** An installer file's verification as a key: the file, the machine's root trust (trustLabel) and the verdict. */
export function verificationKey(file: string, trust: string, verdict: string): string {
  return `${file}\u0000${trust}\u0000${verdict}`;
}

/** The machine's root trust as the report's verification table names it. */
export function trustLabel(r: Readiness): string {
  if (r.root.trusted === true) return r.root.via === 'auto-update' ? 'root via automatic update' : 'root in store';
  if (r.root.trusted === false) return 'root missing';
  return 'root unknown';
}
