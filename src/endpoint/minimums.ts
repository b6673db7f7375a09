/**
 * Typed loader for data/windows-acs-minimums.json: the KB5022661 table and the later updates of each line
 * (sources in the data).
 * `findLines` returns every Windows line a version could be; the caller narrows by product type.
 */
import raw from './data/windows-acs-minimums.json';
import type { Minimums, UpdateSeries, WindowsLine } from './minimums-schema';

export type { Minimums, UpdateSeries, WindowsLine } from './minimums-schema';

/**
 * The table as shipped. Checked against MinimumsSchema by tests/endpoint/minimums-data.test.ts (every field,
 * and parsing it returns the same data), not at each start: zod is loaded only for input a user gives.
 */
export const MINIMUMS: Minimums = raw as Minimums;

export interface ParsedVersion {
  major: number;
  minor: number;
  build: number;
}

export function parseVersion(v: string): ParsedVersion | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), build: Number(m[3]) };
}

/** Lines whose version range covers v (client and server candidates both, when the build is shared). */
export function findLines(v: ParsedVersion, table: Minimums = MINIMUMS): WindowsLine[] {
  return table.lines.filter((l) => {
    if (l.major !== v.major) return false;
    if (l.minor !== undefined && l.minor !== v.minor) return false;
    if (l.builds) return l.builds.includes(v.build);
    if (l.buildFrom !== undefined) return v.build >= l.buildFrom;
    return true;
  });
}

export function sourceUrl(line: WindowsLine, table: Minimums = MINIMUMS): string | undefined {
  return table.sources[line.source];
}

export function kbNumber(kb: string): number {
  // Number(kb without a leading "KB", any case), without a regular expression: every hotfix of a rollup-based
  // line is numbered on each machine (newerThanTable)
  const c0 = kb.charCodeAt(0) | 0x20;
  const c1 = kb.charCodeAt(1) | 0x20;
  return Number(c0 === 0x6b && c1 === 0x62 ? kb.slice(2) : kb);
}

/** The later updates that contain this line's fix: its series' updates released after the month of the fix. */
export function laterUpdates(line: WindowsLine, table: Minimums = MINIMUMS): { series: UpdateSeries; updates: UpdateSeries['updates'] } | undefined {
  if (!line.laterSeries) return undefined;
  // the bundled table never changes: its answer is computed once per line (a fleet asks for each machine)
  if (table === MINIMUMS) {
    let r = laterCache.get(line);
    if (r === undefined) laterCache.set(line, (r = laterUpdatesOf(line, table) ?? null));
    return r ?? undefined;
  }
  return laterUpdatesOf(line, table);
}
type Later = { series: UpdateSeries; updates: UpdateSeries['updates'] };
const laterCache = new WeakMap<WindowsLine, Later | null>();
function laterUpdatesOf(line: WindowsLine, table: Minimums): Later | undefined {
  if (!line.laterSeries) return undefined;
  const series = table.series[line.laterSeries];
  if (!series) return undefined;
  const after = (line.released ?? '0000-00').slice(0, 7);
  return { series, updates: series.updates.filter((u) => u.month > after) };
}

/**
 * Every KB the table knows to contain this line's fix: the fix KBs, then the later updates of its series.
 * The newest of them bounds what the table can judge: see `newerThanTable`.
 */
export function knownFixKbs(line: WindowsLine, table: Minimums = MINIMUMS): string[] {
  if (table !== MINIMUMS) return [...line.kbs, ...(laterUpdates(line, table)?.updates.map((u) => u.kb) ?? [])];
  // the bundled table's list is computed once per line; each caller gets its own copy
  let known = knownCache.get(line);
  if (known === undefined) knownCache.set(line, (known = [...line.kbs, ...(laterUpdates(line, table)?.updates.map((u) => u.kb) ?? [])]));
  return known.slice();
}
const knownCache = new WeakMap<WindowsLine, readonly string[]>();
/** the highest KB number knownFixKbs gives for a line of the bundled table (NaN: none) */
const maxKnownCache = new WeakMap<WindowsLine, number>();

/**
 * Installed KBs the table cannot judge for this line: numbered above every update the table knows for it (the
 * fix, its series through `through`). Microsoft numbers KBs in the order it creates them, and the regular
 * releases of every series in the table rise month by month (an out-of-band release may carry a higher number
 * than the next regular one, so the bound is the highest number known, not the last month's), so a rollup
 * released after the table's last month has a higher number than all of it; a KB at or below the highest known
 * one that is not in the list is not a rollup of this line up to that month. Such a KB may be a later rollup (or anything else: an SSU, a .NET update): the table cannot tell, so
 * the verdict is unknown, never false. Returned highest first.
 */
export function newerThanTable(line: WindowsLine, hotfixes: readonly string[], table: Minimums = MINIMUMS): string[] {
  let max = table === MINIMUMS ? maxKnownCache.get(line) : undefined;
  if (max === undefined) {
    const known = knownFixKbs(line, table);
    max = known.length === 0 ? NaN : Math.max(...known.map(kbNumber));
    if (table === MINIMUMS) maxKnownCache.set(line, max);
  }
  const bound = max;
  if (Number.isNaN(bound)) return [];
  return [...new Set(hotfixes.filter((h) => kbNumber(h) > bound))].sort((a, b) => kbNumber(b) - kbNumber(a));
}
