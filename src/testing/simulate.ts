/**
 * simulateOn(machine, path): simulate() with what a test does not care about filled in: the readiness
 * assessed from the machine, an ACS-signed program, a fixed clock.
 */
import { assessReadiness } from '../endpoint/readiness';
import type { MachineProfileInput } from '../endpoint/profile';
import type { Readiness } from '../endpoint/types';
import { simulate, type SimulateOptions } from '../installers/simulate';
import type { InstallPath, PathRun, SimulateInput } from '../installers/types';
import { profileOf, type ProfileBuilder } from './profiles';
import { door } from '../api/doors';

/** The clock simulateOn uses unless told otherwise: 2026-11-26T09:00:00Z (tests stay deterministic). */
export const TEST_AT: Date = new Date('2026-11-26T09:00:00.000Z');

/** What simulateOn takes besides the machine: every field of SimulateInput, all optional. */
export interface SimulateOnInput extends Partial<Omit<SimulateInput, 'machine' | 'readiness'>> {
  /** default: assessReadiness(machine, { lang }) */
  readiness?: Readiness;
}

/**
 * Runs one install path on a machine.
 * @param machine a builder (windows10('21H2')...) or a profile written by hand
 * @param path the install path, e.g. 'packager-exe'
 * @param input anything of SimulateInput to set; defaults: artifact `{ kind: 'declared', acsSigned: true }` (an
 *   ACS-signed program), `at` TEST_AT, readiness assessed from the machine in `lang` (English when not given)
 * @param options simulate()'s options (e.g. your own verifier)
 * @returns simulate()'s PathRun
 * @throws ProfileError when the machine profile is malformed; whatever simulate() throws
 */
export async function simulateOn(
  machine: ProfileBuilder | MachineProfileInput,
  path: InstallPath,
  input: SimulateOnInput = {},
  options: SimulateOptions = {},
): Promise<PathRun> {
  door('simulateOn', machine, path, input, options);
  const profile = profileOf(machine);
  const readiness = input.readiness ?? assessReadiness(profile, input.lang ? { lang: input.lang } : {});
  return simulate(path, { artifact: { kind: 'declared', acsSigned: true }, at: TEST_AT, ...input, machine: profile, readiness }, options);
}
