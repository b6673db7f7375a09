/**
 * Unknown stays unknown: a run whose outcome rests on a fact the machine's profile does not give
 * (readiness 'unknown') gets decision 'unknown'. What the machines computed for it is the worst case (the
 * ACS check treats a missing fact as unfavourable), so it moves to `worstCase`; the run itself then claims
 * no popup, event or download, and leaves the "logged once" memory as it was (nothing is known to be logged).
 */
import type { EventLogMemory } from '../eventlog/types';
import type { KnownDecision, PathRun } from './types';

/** The run as callers see it: `computed` is the machines' run (worst case when uncertain). */
export function withUnknownDecision(computed: PathRun, memoryBefore: EventLogMemory): PathRun {
  if (!computed.uncertain || computed.decision === 'allowed' || computed.decision === 'unknown') return { ...computed, uncertain: false };
  const { cycles, ...rest } = computed;
  return {
    ...rest,
    decision: 'unknown',
    uncertain: true,
    worstCase: {
      decision: computed.decision as KnownDecision,
      popups: computed.popups,
      events: computed.events,
      downloads: computed.downloads,
      ...(cycles ? { cycles } : {}),
    },
    popups: [],
    events: [],
    downloads: 0,
    memory: memoryBefore,
  };
}

/** The decision a run comes to when its unknown facts turn out unfavourable (the decision itself when known). */
export function worstDecision(run: Pick<PathRun, 'decision' | 'worstCase'>): KnownDecision {
  return run.decision === 'unknown' ? (run.worstCase?.decision ?? 'blocked') : run.decision;
}
