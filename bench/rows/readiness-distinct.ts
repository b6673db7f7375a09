/**
 * Bench row: readiness of 100 000 machines whose facts nearly all differ (bench/distinct-fleet.ts), streamed
 * and judged as `acs-gate readiness` does. Target (issue 14): under 2 s.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCertificates } from '../../src/cli/certs';
import { packageRoot } from '../../src/cli/commands/demo';
import { loadInventory } from '../../src/endpoint/inventory';
import { assessReadiness } from '../../src/endpoint/readiness';
import { MACHINES, prepareDistinctInventory } from '../distinct-fleet';
import type { BenchRow } from '../run';

export async function run(): Promise<BenchRow> {
  const root = packageRoot(__dirname);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-bench-rdistinct-'));
  try {
    const testRoot = loadCertificates([path.join(root, 'samples', 'installers', 'test-acs-root.pem')]);
    const inventory = path.join(tmp, 'fleet.jsonl');
    const distinct = prepareDistinctInventory(inventory, testRoot[0]!.fingerprint.replace(/:/g, ''));
    const t0 = process.hrtime.bigint();
    let judged = 0;
    for await (const item of loadInventory([inventory])) {
      if (!item.ok) continue;
      assessReadiness(item.profile, { lang: 'ja' });
      judged++;
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return {
      name: `readiness: ${MACHINES.toLocaleString('en-US')} distinct machines`,
      result: `${seconds.toFixed(2)} s`,
      reference: `${distinct.toLocaleString('en-US')} distinct fact sets; ${Math.round(judged / seconds).toLocaleString('en-US')} machines/s`,
      target: '< 2 s',
      met: seconds < 2 && judged === MACHINES,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
