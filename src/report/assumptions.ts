/**
 * Facts an estate does not collect, assumed on purpose: `--assume-online` (the machines can reach Windows
 * Update's root certificate list) and `--assume-root-auto-update` (automatic root certificate update is on).
 * An assumption fills a fact only where the profile does not give it, is named in the profile's `sources`,
 * and is listed per machine and in the report's header: never a silent default.
 */
import type { MachineProfile } from '../endpoint/profile';
import { group, type Bilingual } from '../messages/texts';

export const ASSUMABLE_FACTS = ['online', 'rootAutoUpdate'] as const;
export type AssumableFact = (typeof ASSUMABLE_FACTS)[number];

export interface Assumptions {
  online?: boolean;
  rootAutoUpdate?: boolean;
}

/** The command-line flag that makes each assumption. */
export const ASSUMPTION_FLAGS: Record<AssumableFact, string> = {
  online: '--assume-online',
  rootAutoUpdate: '--assume-root-auto-update',
};

/** The facts assumed, in a fixed order (for headers and JSON). */
export function assumedFacts(a: Assumptions | undefined): AssumableFact[] {
  return ASSUMABLE_FACTS.filter((f) => a?.[f] === true);
}

function anyAssumed(a: Assumptions | undefined): boolean {
  if (a === undefined) return false;
  for (let i = 0; i < ASSUMABLE_FACTS.length; i++) if (a[ASSUMABLE_FACTS[i]!] === true) return true;
  return false;
}

/** The profile with the assumed facts filled where it lacks them, and which ones were filled. */
export function applyAssumptions(profile: MachineProfile, a: Assumptions | undefined): { profile: MachineProfile; assumed: AssumableFact[] } {
  // no assumption asked (the common run): nothing filled, without the two filtered lists for every machine
  if (!anyAssumed(a)) return { profile, assumed: [] };
  const assumed = assumedFacts(a).filter((f) => profile[f] === undefined);
  if (!assumed.length) return { profile, assumed };
  const filled: MachineProfile = { ...profile, sources: [...(profile.sources ?? []), ...assumed.map((f) => `assumed: ${f} (${ASSUMPTION_FLAGS[f]})`)] };
  for (const f of assumed) filled[f] = true;
  return { profile: filled, assumed };
}

/** How each assumption is named to the reader, in both languages (the text home's keys `assumption.*`). */
export const ASSUMPTION_LABELS: Readonly<Record<AssumableFact, Bilingual>> = group('assumption.');
