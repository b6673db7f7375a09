/**
 * Bench rows of issue 18 item 8: the CLI against a bare node script over the same 100 000 distinct machines
 * (bench/distinct-fleet.ts), each as a process of its own with standard output to /dev/null:
 *  - bare node read + parse + write (bench/bare-read-parse-write.ts): the reference;
 *  - `acs-gate readiness FILE --json`: target within 1.5× the reference;
 *  - `acs-gate fleet FILE` with three installer files (the run of fleet-distinct.ts): target within 3×.
 * Each is run three times, interleaved; the median wall time counts. The CPU time (user + system, all threads)
 * is given beside it: on the shared 2-core machine, under other jobs, it is the steadier of the two.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../src/cli/commands/demo';
import { MACHINES, prepareDistinctInventory } from '../distinct-fleet';
import { fleetBench } from '../fleet-setup';
import type { BenchRow } from '../run';

const RUNS = 3;

function timed(args: string[]): { seconds: number; cpu: number; peakRssMB: number } {
  const out = fs.openSync('/dev/null', 'w');
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', path.join(__dirname, '..', 'rss-on-exit.js'), ...args], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const kib = /bench-maxrss-kib:(\d+)/.exec(r.stderr ?? '')?.[1];
    if (r.status !== 0 || !kib) throw new Error(`bench speed: ${args.slice(0, 3).join(' ')}: exit ${r.status}: ${(r.stderr ?? '').slice(-500)}`);
    const cpuMs = Number(/bench-cpu-ms:(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
    return { seconds, cpu: cpuMs / 1000, peakRssMB: Number(kib) / 1024 };
  } finally {
    fs.closeSync(out);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchRow[]> {
  const root = packageRoot(__dirname);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-bench-speed-'));
  try {
    const bench = fleetBench(root);
    const inventory = path.join(tmp, 'fleet.jsonl');
    prepareDistinctInventory(inventory, bench.testRootSha1);
    const bin = path.join(root, 'bin', 'acs-gate.js');
    const testRoot = path.join(root, 'samples', 'installers', 'test-acs-root.pem');
    const msRoot = path.join(root, 'certs', 'microsoft-identity-verification-root-ca-2020.pem');
    const commands = {
      bare: [path.join(__dirname, '..', 'bare-read-parse-write.js'), inventory],
      readiness: [bin, 'readiness', inventory, '--json', '--lang', 'ja'],
      fleet: [
        bin, 'fleet', inventory,
        '--file', path.join(root, 'samples', 'installers', 'AutoPcc.exe'),
        '--file', path.join(root, 'samples', 'installers', 'ApexOneAgent.msi'),
        '--file', path.join(root, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll'),
        '--trust', testRoot, '--acs-root', testRoot, '--acs-root', msRoot,
        '--at', '2026-01-15T00:00:00Z', '--lang', 'ja', '--out', path.join(tmp, 'out'),
      ],
    };
    const times: Record<keyof typeof commands, number[]> = { bare: [], readiness: [], fleet: [] };
    const cpus: Record<keyof typeof commands, number[]> = { bare: [], readiness: [], fleet: [] };
    const rss: Record<keyof typeof commands, number> = { bare: 0, readiness: 0, fleet: 0 };
    for (let i = 0; i < RUNS; i++) {
      for (const k of Object.keys(commands) as (keyof typeof commands)[]) {
        const t = timed(commands[k]);
        times[k].push(t.seconds);
        cpus[k].push(t.cpu);
        rss[k] = Math.max(rss[k], t.peakRssMB);
      }
    }
    const bare = median(times.bare);
    const readiness = median(times.readiness);
    const fleet = median(times.fleet);
    const cpu = { bare: median(cpus.bare), readiness: median(cpus.readiness), fleet: median(cpus.fleet) };
    const n = MACHINES.toLocaleString('en-US');
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} s`;
    return [
      { name: `bare node read+parse+write: ${n} machines`, result: `${bare.toFixed(2)} s`, reference: `reference of the two rows below; runs ${range(times.bare)}; CPU ${cpu.bare.toFixed(2)} s`, peakRssMB: rss.bare },
      {
        name: `acs-gate readiness --json: ${n} distinct`,
        result: `${readiness.toFixed(2)} s (${(readiness / bare).toFixed(2)}×)`,
        reference: `${(readiness / bare).toFixed(2)}× bare node; runs ${range(times.readiness)}; CPU ${cpu.readiness.toFixed(2)} s (${(cpu.readiness / cpu.bare).toFixed(2)}×)`,
        target: 'within 1.5× bare node',
        met: readiness <= 1.5 * bare,
        peakRssMB: rss.readiness,
      },
      {
        name: `acs-gate fleet, 3 paths: ${n} distinct`,
        result: `${fleet.toFixed(2)} s (${(fleet / bare).toFixed(2)}×)`,
        reference: `${(fleet / bare).toFixed(2)}× bare node; runs ${range(times.fleet)}; CPU ${cpu.fleet.toFixed(2)} s (${(cpu.fleet / cpu.bare).toFixed(2)}×)`,
        target: 'within 3× bare node',
        met: fleet <= 3 * bare,
        peakRssMB: rss.fleet,
      },
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
