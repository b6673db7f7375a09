/**
 * acs-gatekeeper/testing: helpers for tests that use acs-gatekeeper as the executable spec of Apex One's
 * behaviour under Azure Code Signing.
 *
 *   import { windows10, simulateOn, installAcsMatchers, SEED_SCENARIOS, runScenario } from 'acs-gatekeeper/testing';
 *   installAcsMatchers(expect);
 *   const run = await simulateOn(windows10('21H2').ubr(1288).withoutAcsRoot(), 'packager-exe');
 *   expect(run).toShowPopups(['M-BADIMAGE', 'M-NOACS']);
 *
 * Nothing here imports jest; the matchers' types extend jest's global `expect` (see matchers.ts).
 */
export {
  ProfileBuilder,
  profileOf,
  machine,
  windows10,
  windows11,
  windows7,
  windows81,
  windowsXP,
  server2008R2,
  server2012,
  server2012R2,
  server2016,
  server2019,
  server2022,
  WINDOWS_10_BUILDS,
  WINDOWS_11_BUILDS,
} from './profiles';
export type { Windows10Release, Windows11Release } from './profiles';
export { simulateOn, TEST_AT } from './simulate';
export type { SimulateOnInput } from './simulate';
export { SimulateOnInputSchema } from '../api/doors';
export { acsMatchers, installAcsMatchers } from './matchers';
export type { MatcherResult, MatcherContext, RunLike, Extensible } from './matchers';
export { SEED_SCENARIOS, runScenario } from './scenarios';
export type { SeedScenario } from './scenarios';
