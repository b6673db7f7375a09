/**
 * The install paths' public functions, with their arguments checked (src/api/doors.ts) before the inner
 * function of src/installers/ runs. Internal callers (report, testing, cli) call the inner functions directly.
 */
import type { PromiseActorLogic } from 'xstate';
import * as simulation from '../installers/simulate';
import * as machines from '../installers/machines/setup';
import type { SimulateOptions } from '../installers/simulate';
import type { AcsCheckAnswer, AcsCheckRequest } from '../installers/context';
import type { InstallPath, PathRun, SimulateInput } from '../installers/types';
import { door } from './doors';

/**
 * Runs one install path to completion on one machine: the ACS check, the popups (each answered with [OK]),
 * the events, the downloads of update cycles.
 * @param path the install path, one of INSTALL_PATH_IDS
 * @param input the machine (a profile; its readiness is assessed when not given), the program, the clock,
 *   the path's settings, cycles and the event-log memory of an earlier run
 * @param options the verifier seam (default: the real verifier)
 * @returns the PathRun: decision, popups and events in order, downloads, reasons, remediation, memory to persist
 * @throws ProfileError naming the field when `input.machine` is not a machine profile; Error for an unknown
 *   path, a missing clock or a bad cycle count
 */
export async function simulate(path: InstallPath, input: SimulateInput, options: SimulateOptions = {}): Promise<PathRun> {
  door('simulate', path, input, options);
  return simulation.simulate(path, input, options);
}

/**
 * Wraps a check function as the `acsCheck` actor a machine invokes: `fn` gets the machine's request and
 * answers whether the artifact holds (it may return more, e.g. an AcsOutcome). A rejection is the check's
 * error transition: the machine never turns it into "allowed" (see docs/behavior.md).
 */
export function acsCheckActor<T extends AcsCheckAnswer>(fn: (request: AcsCheckRequest) => Promise<T>): PromiseActorLogic<AcsCheckAnswer, AcsCheckRequest> {
  door('acsCheckActor', fn);
  return machines.acsCheckActor(fn);
}
