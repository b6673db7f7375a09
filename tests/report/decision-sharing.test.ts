/**
 * Fleet cost follows the decisions, not the raw facts (issue 14): machines whose facts all differ (UBRs,
 * other roots, unrelated KBs) but reach the same decision share one simulation, and every machine's
 * outcomes are exactly what simulating that machine on its own gives.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeDistinctInventory } from '../../bench/distinct-fleet';
import { bundledAcsRoot } from '../../src/authenticode/trust/certificates';
import { knownCertificates, loadCertificates } from '../../src/cli/certs';
import { loadInventory } from '../../src/endpoint/inventory';
import { assessReadiness } from '../../src/endpoint/readiness';
import { simulate } from '../../src/installers/simulate';
import { defaultFleetDeps, fleetReport } from '../../src/report/default-deps';
import { factsKey, toOutcome, type Run } from '../../src/report/fleet';
import type { SimulateInput } from '../../src/installers/types';

const ROOT = path.join(__dirname, '..', '..');
const AT = new Date('2026-01-15T00:00:00Z');
const MACHINES = 400;

describe('fleet runs shared by decision', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-decision-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const testRoot = loadCertificates([path.join(ROOT, 'samples', 'installers', 'test-acs-root.pem')]);
  const known = knownCertificates(testRoot, bundledAcsRoot());
  const inventory = path.join(tmp, 'fleet.jsonl');
  writeDistinctInventory(inventory, testRoot[0]!.fingerprint.replace(/:/g, ''), MACHINES);
  const runs: Run[] = [
    { path: 'autopcc', file: path.join(ROOT, 'samples', 'installers', 'AutoPcc.exe') },
    { path: 'msi', file: path.join(ROOT, 'samples', 'installers', 'ApexOneAgent.msi') },
    { path: 'agent-update', file: path.join(ROOT, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll') },
    { path: 'packager-exe', file: null },
  ];

  it('simulates far fewer times than there are distinct machines, and each machine gets its own exact outcomes', async () => {
    const r = await fleetReport({ inventory: [inventory], runs, outDir: path.join(tmp, 'out'), lang: 'en', at: AT, known, acsRoots: known });
    const rows = (JSON.parse(fs.readFileSync(r.outputs.json, 'utf8')) as { machines: { name: string; outcomes: unknown[] }[] }).machines;
    expect(rows).toHaveLength(MACHINES);

    const profiles = [];
    for await (const item of loadInventory([inventory])) if (item.ok) profiles.push(item.profile);
    const distinct = new Set(profiles.map(factsKey)).size;
    expect(distinct).toBeGreaterThan(MACHINES * 0.95);
    // 1 600 path runs over ~400 distinct fact sets; the decisions they reach are a few dozen per path
    expect(r.simulations).toBeLessThan((MACHINES * runs.length) / 5);

    // ground truth: every 7th machine simulated on its own, path by path, compared with its row in report.json
    const byName = new Map(rows.map((m) => [m.name, m]));
    for (const profile of profiles.filter((_, i) => i % 7 === 0)) {
      const readiness = assessReadiness(profile, { lang: 'en' });
      const expected = [];
      for (const run of runs) {
        const input: SimulateInput = {
          machine: profile,
          readiness,
          artifact: run.file ? { kind: 'file', path: run.file } : { kind: 'declared' },
          at: AT,
          lang: 'en',
          trust: { known, acsRoots: known },
        };
        expected.push(toOutcome(run, await simulate(run.path, input, { verifier: defaultFleetDeps.verifier })));
      }
      const slim = JSON.parse(JSON.stringify(expected.map((o) => ({ ...o, popups: o.popups.map((p) => p.id), events: o.events.map((e) => e.id), ...(o.worstCase ? { worstCase: { ...o.worstCase, popups: o.worstCase.popups.map((p) => p.id), events: o.worstCase.events.map((e) => e.id) } } : {}) }))));
      expect([profile.name, byName.get(profile.name)!.outcomes]).toEqual([profile.name, slim]);
    }
  });
});
