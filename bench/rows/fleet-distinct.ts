/**
 * Bench rows: the fleet report over 100 000 machines whose facts nearly all differ (bench/distinct-fleet.ts),
 * three install paths on real files. Target (issue 14): under 10 s and 200 MB peak RSS on the 2-core machine.
 *  - the library (fleetReport) in this process;
 *  - the CLI as a user runs it (`acs-gate fleet` with three installer files), in a process of its own.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../src/cli/commands/demo';
import { fleetReport } from '../../src/report/default-deps';
import { MACHINES, prepareDistinctInventory } from '../distinct-fleet';
import { fleetBench } from '../fleet-setup';
import type { BenchRow } from '../run';

export async function run(): Promise<BenchRow[]> {
  const root = packageRoot(__dirname);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-bench-distinct-'));
  try {
    const bench = fleetBench(root);
    const inventory = path.join(tmp, 'fleet.jsonl');
    const distinct = prepareDistinctInventory(inventory, bench.testRootSha1);
    const t0 = process.hrtime.bigint();
    const result = await fleetReport(bench.options(inventory, path.join(tmp, 'out')));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    const library: BenchRow = {
      name: `fleet report: ${MACHINES.toLocaleString('en-US')} distinct machines × 3 paths`,
      result: `${seconds.toFixed(1)} s`,
      reference: `${distinct.toLocaleString('en-US')} distinct fact sets; ${result.simulations} simulations, ${result.verifications} file verifications`,
      target: '< 10 s, peak RSS < 200 MB',
      met: seconds < 10 && peakRssMB < 200 && result.summary.totals.machines === MACHINES,
      peakRssMB,
    };
    return [library, cliRow(root, inventory, path.join(tmp, 'cli-out'))];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `acs-gate fleet INVENTORY --file AutoPcc.exe --file ApexOneAgent.msi --file DLL` (runs autopcc, msi, autopcc). */
function cliRow(root: string, inventory: string, out: string): BenchRow {
  const testRoot = path.join(root, 'samples', 'installers', 'test-acs-root.pem');
  const msRoot = path.join(root, 'certs', 'microsoft-identity-verification-root-ca-2020.pem');
  const args = [
    '-r',
    path.join(__dirname, '..', 'rss-on-exit.js'),
    path.join(root, 'bin', 'acs-gate.js'),
    'fleet',
    inventory,
    '--file',
    path.join(root, 'samples', 'installers', 'AutoPcc.exe'),
    '--file',
    path.join(root, 'samples', 'installers', 'ApexOneAgent.msi'),
    '--file',
    path.join(root, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll'),
    '--trust',
    testRoot,
    '--acs-root',
    testRoot,
    '--acs-root',
    msRoot,
    '--at',
    '2026-01-15T00:00:00Z',
    '--lang',
    'ja',
    '--json',
    '--out',
    out,
  ];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const kib = /bench-maxrss-kib:(\d+)/.exec(r.stderr ?? '')?.[1];
  if (r.status !== 0 || !kib) throw new Error(`bench fleet CLI: exit ${r.status}: ${(r.stderr ?? '').slice(-500)}`);
  const machines = (JSON.parse(r.stdout) as { totals: { machines: number } }).totals.machines;
  const peakRssMB = Number(kib) / 1024;
  return {
    name: `acs-gate fleet (CLI): ${MACHINES.toLocaleString('en-US')} distinct machines × 3 files`,
    result: `${seconds.toFixed(1)} s`,
    reference: 'end to end: start-up, report.json / .csv / .html written',
    target: '< 10 s, peak RSS < 200 MB',
    met: seconds < 10 && peakRssMB < 200 && machines === MACHINES,
    peakRssMB,
  };
}
