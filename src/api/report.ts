/**
 * The fleet report's public functions and FleetAggregator, with their arguments checked (src/api/doors.ts)
 * before the inner code of src/report/ runs. Internal callers (cli, the report itself) use the inner ones: a
 * fleet run checks its options once, at fleetReport's door, never per machine.
 */
import * as defaults from '../report/default-deps';
import * as fleet from '../report/fleet';
import { FleetAggregator as Aggregator } from '../report/aggregate';
import * as html from '../report/html';
import { defaultFleetDeps } from '../report/default-deps';
import type { FleetDeps, FleetOptions, FleetResult, Run } from '../report/fleet';
import type { AggregateLimits, SummaryMetaInput } from '../report/aggregate';
import type { FleetSummary } from '../report/types';
import type { InstallPath } from '../installers/types';
import { door } from './doors';

/**
 * Runs the fleet report with the real verifier, readiness model and install-path machines: reads the inventory,
 * judges each machine, runs each install path × installer, and writes report.json, report.csv and report.html.
 * @param options the inventory, installers and paths, the output directory, language and clock
 * @param deps the functions it calls (default: the real ones; pass others in tests)
 * @returns the summary, the files written and the counts of simulations and verifications run
 * @throws InputError when an argument is not what it should be (naming it), an installer file (`files`, `runs`) or an
 *   inventory input cannot be read (or `outDir` is an input folder), or another run holds `options.outDir` longer
 *   than `options.lock.waitMs`; NoMachineError when no machine at all could be read (nothing is written; the error
 *   lists what was skipped and unreadable); file-system errors writing `options.outDir` (the previous report is
 *   then kept whole)
 */
export async function fleetReport(options: FleetOptions, deps: FleetDeps = defaultFleetDeps): Promise<FleetResult> {
  door('fleetReport', options, deps);
  return defaults.fleetReport(options, deps);
}

/**
 * The fleet report with the given dependencies (fleetReport passes the real ones): reads the inventory,
 * judges each machine, runs each path × installer, and writes report.json, report.csv and report.html.
 * @returns the summary, the files written and the counts of simulations and verifications run
 * @throws InputError when an inventory input cannot be read, or another run holds the output folder longer
 *   than `lock.waitMs`; NoMachineError when no machine was read; errors writing the output directory (the
 *   previous report is then kept whole)
 */
export async function runFleetReport(opts: FleetOptions, deps: FleetDeps): Promise<FleetResult> {
  door('runFleetReport', opts, deps);
  return fleet.runFleetReport(opts, deps);
}

/** The path × installer runs of a fleet report: files × paths, or per file msi / autopcc, or the paths on a declared artifact. */
export function chooseRuns(files: string[], paths: InstallPath[]): Run[] {
  door('chooseRuns', files, paths);
  return fleet.chooseRuns(files, paths);
}

/** The self-contained report.html (no external resources; every text escaped) for a fleet summary. */
export function renderHtml(s: FleetSummary): string {
  door('renderHtml', s);
  return html.renderHtml(s);
}

/** Aggregates machine rows into a FleetSummary with flat memory (counts, a bounded fix-first list and row sample). */
export class FleetAggregator extends Aggregator {
  /** `meta`: generatedAtLocal defaults to generatedAt, timeZone to UTC, assumptions to none */
  constructor(meta: SummaryMetaInput, limits: Partial<AggregateLimits> = {}) {
    door('FleetAggregator', meta, limits);
    super(meta, limits);
  }
}
