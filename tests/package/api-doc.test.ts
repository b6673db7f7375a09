/** docs/api.md is generated from the sources (scripts/gen-api.ts); CI keeps it current and every export documented. */
import { readFileSync } from 'node:fs';
import { API_DOC, collectApi, generateApiDoc } from '../../scripts/gen-api';

const api = collectApi();
const lib = api.find((e) => e.specifier === 'acs-gatekeeper')!.entries;

describe('docs/api.md', () => {
  it('is current: regenerating it from the sources changes nothing (run scripts/gen-api.ts if this fails)', () => {
    expect(readFileSync(API_DOC, 'utf8')).toBe(generateApiDoc());
  });

  it('documents every export of both entry points', () => {
    const undocumented = api.flatMap((e) => e.entries.filter((x) => x.doc === '').map((x) => `${e.specifier}: ${x.name} (${x.source})`));
    expect(undocumented).toEqual([]);
  });

  it('says what the main functions take, return and throw', () => {
    const throwing = ['verifyFile', 'assessReadiness', 'loadInventory', 'parseProfile', 'simulate', 'fleetReport', 'runFleetReport'];
    for (const name of [...throwing, 'machineTrustAnchors']) {
      const e = lib.find((x) => x.name === name);
      expect({ name, kind: e?.kind }).toEqual({ name, kind: 'function' });
      const tags = e!.tags.join('\n');
      expect({ name, returns: /@returns /.test(tags), throws: /@throws /.test(tags) }).toEqual({ name, returns: true, throws: throwing.includes(name) });
    }
  });

  it('exports the option types of every entry function', () => {
    const names = lib.map((e) => e.name);
    for (const t of ['VerifyOptions', 'ReadinessOptions', 'SimulateOptions', 'SimulateInput', 'FleetOptions', 'TrustAnchorOptions', 'MachineProfileInput', 'ProfileError']) {
      expect(names).toContain(t);
    }
  });
});
