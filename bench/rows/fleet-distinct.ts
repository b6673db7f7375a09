/**
 * Bench row: the fleet report over 100 000 machines whose facts nearly all differ (bench/distinct-fleet.ts),
 * three install paths on real files. Target (issue 14): under 10 s and 200 MB peak RSS on the 2-core machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledAcsRoot } from '../../src/authenticode/trust/certificates';
import { loadCertificates, knownCertificates } from '../../src/cli/certs';
import { packageRoot } from '../../src/cli/commands/demo';
import { fleetReport } from '../../src/report/default-deps';
import { MACHINES, prepareDistinctInventory } from '../distinct-fleet';
import type { BenchRow } from '../run';

export async function run(): Promise<BenchRow> {
  const root = packageRoot(__dirname);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-bench-distinct-'));
  try {
    const testRoot = loadCertificates([path.join(root, 'samples', 'installers', 'test-acs-root.pem')]);
    const inventory = path.join(tmp, 'fleet.jsonl');
    const distinct = prepareDistinctInventory(inventory, testRoot[0]!.fingerprint.replace(/:/g, ''));
    const known = knownCertificates(testRoot, bundledAcsRoot());
    const t0 = process.hrtime.bigint();
    const result = await fleetReport({
      inventory: [inventory],
      runs: [
        { path: 'autopcc', file: path.join(root, 'samples', 'installers', 'AutoPcc.exe') },
        { path: 'msi', file: path.join(root, 'samples', 'installers', 'ApexOneAgent.msi') },
        { path: 'agent-update', file: path.join(root, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll') },
      ],
      outDir: path.join(tmp, 'out'),
      lang: 'ja',
      at: new Date('2026-01-15T00:00:00Z'),
      known,
      acsRoots: known,
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    return {
      name: `fleet report: ${MACHINES.toLocaleString('en-US')} distinct machines × 3 paths`,
      result: `${seconds.toFixed(1)} s`,
      reference: `${distinct.toLocaleString('en-US')} distinct fact sets; ${result.simulations} simulations, ${result.verifications} file verifications`,
      target: '< 10 s, peak RSS < 200 MB',
      met: seconds < 10 && peakRssMB < 200 && result.summary.totals.machines === MACHINES,
      peakRssMB,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
