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
  // built by hand, not JSON.stringify of an array (a tenth of a fleet's per-machine work): the parts are the
  // model's own identifiers (role, tri-states, KB ids of its tables, reason codes) and hex fingerprints, which
  // never hold the separators, so equal keys still mean equal parts
  const kbs = readiness.os.requiredKbs;
  let codes = '';
  for (const r of readiness.reasons) codes += r.code + '\u0001';
  return (
    readiness.role + SEP + String(readiness.ready) + SEP + String(readiness.os.supported) + SEP + (kbs === undefined ? '\u0002' : kbs.join('\u0001')) + SEP +
    String(readiness.root.trusted) + SEP + String(readiness.root.via) + SEP + codes + SEP + anchors
  );
}

const SEP = '\u0000';

/** SHA-256 fingerprints already read (an X509Certificate's getter costs a lookup each time); weak: follows the certificates */
const fingerprintOf = new WeakMap<X509Certificate, string>();

/** Trust anchors as a key: their sorted SHA-256 fingerprints. */
export function anchorsKey(anchors: X509Certificate[]): string {
  if (anchors.length === 0) return '';
  const fps = anchors.map((c) => {
    let f = fingerprintOf.get(c);
    if (f === undefined) fingerprintOf.set(c, (f = c.fingerprint256));
    return f;
  });
  return fps.length === 1 ? fps[0]! : fps.sort().join(',');
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
