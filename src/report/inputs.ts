/** The fleet report's account of its inputs: files read / skipped / unreadable, and the error when no machine was read. */
import type { InputFileStats } from '../endpoint/discover';
import type { JsonReportWriter } from './json';
import { NoMachineError } from './no-machines';
import type { FleetSummary } from './types';

/** The summary with the counts of input files and of skipped entries that may hold machines. */
export function withInputs(summary: FleetSummary, stats: InputFileStats, unread: number): FleetSummary {
  return {
    ...summary,
    ...(summary.skipped ? { skipped: { ...summary.skipped, unread } } : {}),
    inputFiles: { read: stats.read, skipped: stats.skipped, unreadable: stats.unreadable },
  };
}

/** The error fleetReport throws when no machine was read (with the full lists the report would have held). */
export function noMachine(inputs: string[], stats: InputFileStats, summary: FleetSummary, json: JsonReportWriter): NoMachineError {
  const { skipped, importErrors } = json.collected();
  return new NoMachineError(inputs, { ...stats }, skipped.length ? skipped : (summary.skipped?.items ?? []), importErrors.length ? importErrors : summary.importErrors);
}
