/**
 * The reader targets (scripts/fuzz/targets/readers.ts) fuzz what they claim to: their signed bases verify valid
 * (so the "false valid" oracles are not vacuous), their unsigned bases read as unsigned, the version-resource
 * bases read, and the CRL bases parse; the cases reach more than one outcome.
 */
import { runTarget } from '../../scripts/fuzz/runner';
import { makeTarget } from '../../scripts/fuzz/targets';
import { removeScratch } from '../../scripts/fuzz/tempdir';

afterAll(() => removeScratch());

describe('fuzz targets of the readers: their bases', () => {
  it.each([
    ['catalog', ['valid,members:40']],
    ['script', ['valid', 'unsigned']],
    ['appx', ['unsigned', 'unsigned']],
    ['cab', ['unsigned', 'unsigned']],
    ['version-resource', ['read', 'read', 'read']],
    ['crl', ['parsed:1,found', 'parsed:1,unusable,found', 'parsed:2,unusable,found']],
  ])('%s: the unmutated bases give %j', async (name, expected) => {
    const t = await makeTarget(name);
    const bases: string[] = [];
    // a case with no effective mutation (an append of nothing is not generated): run the bases through run() directly
    for (let base = 0; base < 4; base++) {
      let bytes: Buffer;
      try {
        bytes = t.bytes({ base, muts: [] });
      } catch {
        break;
      }
      if (!bytes || bytes.length === 0) break;
      const r = await t.run({ base, muts: [] }, bytes);
      expect(r.escape).toBeUndefined();
      expect(r.falseValid).toBeUndefined();
      bases.push(r.outcome);
    }
    expect(bases).toEqual(expected);
    const report = await runTarget(t, { cases: 60, seed: 11, timeLimitMs: 5000, minimise: false });
    expect(Object.keys(report.outcomes).length).toBeGreaterThan(1);
  });
});
