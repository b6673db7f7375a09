/**
 * Readiness of a generated 100 000-machine JSON Lines fleet: streamed through loadInventory + assessReadiness.
 * Target (issue 4): under 10 s on the 2-core machine, memory flat (peak RSS reported).
 */
import { createWriteStream, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchRow } from '../run';
import { loadInventory } from '../../src/endpoint/inventory';
import { assessReadiness } from '../../src/endpoint/readiness';

const N = Number(process.env["ACS_BENCH_MACHINES"] ?? 100_000);
const ACS = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';
const VERSIONS = ['10.0.19044', '10.0.19045', '10.0.22631', '10.0.17763', '6.3.9600', '10.0.14393', '10.0.20348', '6.1.7601'];

function machine(i: number): string {
  const v = VERSIONS[i % VERSIONS.length]!;
  const p: Record<string, unknown> = {
    name: `pc-${String(i).padStart(6, '0')}`,
    role: i % 50 === 0 ? 'server' : 'endpoint',
    os: { version: v, ...(i % 3 === 0 ? {} : { ubr: (i * 37) % 5000 }), ...(v === '10.0.20348' ? { productType: 'server' } : {}) },
    hotfixes: i % 4 === 0 ? undefined : ['KB5003791', i % 7 === 0 ? 'KB5011487' : 'KB5006714', `KB50${String(10000 + (i % 9000))}`],
    rootStore: i % 5 === 0 ? undefined : ['CDD4EEAE6000AC7F40C3802C171E30148030C072', ...(i % 2 ? [ACS] : [])],
    rootAutoUpdate: i % 6 === 0 ? undefined : i % 3 !== 1,
    online: i % 11 === 0 ? undefined : i % 4 !== 0,
  };
  return JSON.stringify(p);
}

async function writeFleet(file: string): Promise<void> {
  const ws = createWriteStream(file);
  for (let i = 0; i < N; i++) {
    if (!ws.write(machine(i) + '\n')) await new Promise<void>((r) => ws.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => ws.end((e?: Error | null) => (e ? j(e) : r())));
}

export async function run(): Promise<BenchRow> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'acs-bench-readiness-'));
  const file = path.join(dir, 'fleet.jsonl');
  try {
    await writeFleet(file);
    const size = (await fsp.stat(file)).size;
    (globalThis as { gc?: () => void }).gc?.();
    const rssStart = process.memoryUsage().rss;
    let peak = rssStart;
    const counts = { true: 0, false: 0, unknown: 0, errors: 0 };
    const t0 = process.hrtime.bigint();
    let n = 0;
    for await (const item of loadInventory([file])) {
      if (!item.ok) {
        counts.errors++;
        continue;
      }
      const r = assessReadiness(item.profile);
      counts[String(r.ready) as 'true' | 'false' | 'unknown']++;
      if (++n % 5000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      name: `readiness: ${N} machines (JSONL ${(size / 1048576).toFixed(0)} MB)`,
      result: `${secs.toFixed(2)} s`,
      reference: `${Math.round(N / secs)} machines/s; ready ${counts.true}, not ready ${counts.false}, unknown ${counts.unknown}, errors ${counts.errors}; RSS +${((peak - rssStart) / 1048576).toFixed(0)} MB over start`,
      target: '< 10 s',
      met: secs < 10 && counts.errors === 0,
      peakRssMB: peak / 1048576,
    };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
