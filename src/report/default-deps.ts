/** The real library functions behind the fleet report. */
import { loadInventory } from '../endpoint/inventory';
import { assessReadiness } from '../endpoint/readiness';
import { simulate } from '../installers/simulate';
import { defaultVerifier } from '../installers/verifier';
import { runFleetReport, type FleetDeps, type FleetOptions, type FleetResult } from './fleet';

export const defaultFleetDeps: FleetDeps = { loadInventory, assessReadiness, simulate, verifier: defaultVerifier };

/** Runs the fleet report with the real verifier, readiness model and install-path machines. */
export function fleetReport(options: FleetOptions, deps: FleetDeps = defaultFleetDeps): Promise<FleetResult> {
  return runFleetReport(options, deps);
}
