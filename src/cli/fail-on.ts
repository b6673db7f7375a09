/**
 * `--fail-on WHAT` (readiness, fleet): the verdicts that make the command exit 1. Repeatable, or a comma
 * list. Without it the command exits 0 once its output is written, whatever the verdicts.
 */
import type { ParsedArgs } from './args';
import { UsageError } from './errors';

export const FAIL_ON = ['not-ready', 'unknown', 'blocked', 'unguarded', 'unreadable'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** What was seen: machines not ready / unknown, runs blocked / unguarded / unknown, inputs that could not be read. */
export interface VerdictCounts {
  notReady: number;
  /** machines whose readiness is unknown, plus runs whose decision is unknown */
  unknown: number;
  blocked?: number;
  unguarded?: number;
  unreadable: number;
}

export function parseFailOn(args: ParsedArgs, allowed: readonly FailOn[] = FAIL_ON): Set<FailOn> {
  const out = new Set<FailOn>();
  for (const raw of args.lists.get('fail-on') ?? []) {
    for (const v of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--fail-on takes ${allowed.join(', ')} (repeatable or a comma list), got "${v}"`);
      out.add(v as FailOn);
    }
  }
  return out;
}

/** The verdicts asked for that were seen (empty: exit 0). */
export function failedOn(failOn: Set<FailOn>, c: VerdictCounts): FailOn[] {
  const seen: Record<FailOn, number> = {
    'not-ready': c.notReady,
    unknown: c.unknown,
    blocked: c.blocked ?? 0,
    unguarded: c.unguarded ?? 0,
    unreadable: c.unreadable,
  };
  return FAIL_ON.filter((f) => failOn.has(f) && seen[f] > 0);
}
