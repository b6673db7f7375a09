/**
 * A short run of the fuzz harness (scripts/fuzz) inside `npm test`: every target, a few hundred cases each,
 * the same invariants as `npm run fuzz` (no exception but the API's typed errors, no false "valid", no case
 * over the time limit, no allocation sized by an unchecked length). The full run (≥ 200 000 cases) is
 * `npm run fuzz`; its figures are in docs/security.md.
 */
import { runTarget } from '../../scripts/fuzz/runner';
import { makeTarget, TARGET_NAMES } from '../../scripts/fuzz/targets';
import { removeScratch } from '../../scripts/fuzz/tempdir';

const CASES: Record<string, number> = { pe: 200, msi: 200, inventory: 120, asn1: 250, adversarial: 12, cli: 60 };
const DEFAULT_CASES = 300;
/** generous under jest (parallel workers on a shared machine); the full run uses 2 s */
const TIME_LIMIT_MS = 5000;

afterAll(() => removeScratch());

describe('fuzz smoke run (scripts/fuzz, seeded)', () => {
  it.each(TARGET_NAMES)('%s: no escapes, no false valid, no hangs, no unbounded allocation', async (name) => {
    const report = await runTarget(await makeTarget(name), { cases: CASES[name] ?? DEFAULT_CASES, seed: 7_000_000 + TARGET_NAMES.indexOf(name), timeLimitMs: TIME_LIMIT_MS, minimise: false });
    const problems = report.violations.map((v) => `${v.kind} (case ${v.caseIndex}): ${v.detail}`);
    expect(problems).toEqual([]);
    expect(report.harnessErrors).toBe(0);
    expect(report.cases).toBe(CASES[name] ?? DEFAULT_CASES);
  });
});
