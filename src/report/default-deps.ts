/** The real library functions behind the fleet report. */
import { loadInventory } from '../endpoint/inventory';
import { assessReadiness } from '../endpoint/readiness';
import { simulate } from '../installers/simulate';
import { defaultVerifier } from '../installers/verifier';
import { readableInstallers } from './readable-installers';
import { runFleetReport, type FleetDeps, type FleetOptions, type FleetResult } from './fleet';

/** The real loadInventory, assessReadiness, simulate and verifier, as fleetReport uses them by default. */
export const defaultFleetDeps: FleetDeps = { loadInventory, assessReadiness, simulate, verifier: defaultVerifier };

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
  if (deps.verifier === defaultVerifier) await readableInstallers('fleetReport', options);
  return runFleetReport(options, deps);
}
