/**
 * The keys the fleet report shares work by: machines with equal facts or equal decisions share one
 * simulation per run (decisionKey, with the trust anchors as anchorsKey), one machine per distinct popup is
 * kept to render it in the other language (popupKey), and installer verifications are counted per file,
 * trust and verdict (verificationKey, with trustLabel). Keys are JSON (facts, decisions) or parts joined
 * with NUL (popups, verifications).
 */
import type { X509Certificate } from 'node:crypto';
import type { MachineProfile } from '../endpoint/profile';
import { BoundedMemo } from '../text/bounded-memo';
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

/**
 * Each SHA-256 fingerprint as a short number, so a decision key stays short: the outcome cache hashes and
 * compares it per machine (X509Certificate caches its fingerprint string). Bounded: past the limit the numbers
 * are forgotten and a fingerprint seen again gets a new number, never one given before (a key never names
 * another set of anchors; at worst a decision is simulated once more).
 */
const fingerprintIds = new BoundedMemo<number>(100_000);
let nextId = 0;
const newId = (): number => nextId++;

function anchorId(c: X509Certificate): number {
  return fingerprintIds.get(c.fingerprint256, newId);
}

/** Trust anchors as a key: their fingerprints' numbers, sorted (equal sets of fingerprints, equal keys). */
export function anchorsKey(anchors: X509Certificate[]): string {
  if (anchors.length === 0) return '';
  if (anchors.length === 1) return String(anchorId(anchors[0]!));
  if (anchors.length === 2) {
    // the usual pair (a test root and the Microsoft root): in order without an array to sort
    const a = anchorId(anchors[0]!);
    const b = anchorId(anchors[1]!);
    return a < b ? `${a},${b}` : `${b},${a}`;
  }
  return anchors
    .map(anchorId)
    .sort((a, b) => a - b)
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
