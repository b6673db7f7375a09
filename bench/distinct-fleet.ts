/**
 * A fleet as real estates are, for the bench rows: 100 000 machines whose facts nearly all differ (seven
 * Windows lines, wide UBR ranges, root stores holding a few other roots, unrelated KBs), generated
 * deterministically as JSON Lines.
 */
import * as fs from 'node:fs';

export const MACHINES = 100_000;
const ACS_ROOT_SHA1 = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';

/** A small deterministic generator, so every run benches the same fleet. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINES = [
  { caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', ubr: [1000, 5000] },
  { caption: 'Microsoft Windows 10 Enterprise', version: '10.0.19045', ubr: [2000, 5500] },
  { caption: 'Microsoft Windows 11 Pro', version: '10.0.22631', ubr: [1000, 4500] },
  { caption: 'Microsoft Windows 10 Enterprise LTSC 2019', version: '10.0.17763', ubr: [1500, 6500] },
  { caption: 'Microsoft Windows Server 2016 Standard', version: '10.0.14393', ubr: [4000, 7500], server: true },
  { caption: 'Microsoft Windows Server 2022 Standard', version: '10.0.20348', ubr: [100, 3000], server: true },
  { caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', server: true, kbs: ['KB5022899', 'KB5006714', 'KB4566425'] },
] as const;

/** 20 other roots a store may hold (thumbprints that match no known certificate, as real stores do). */
const OTHER_ROOTS = Array.from({ length: 20 }, (_, i) => (i * 2654435761 + 0x9e3779b9).toString(16).padStart(8, '0').repeat(5).slice(0, 40).toUpperCase());

export function writeDistinctInventory(file: string, testRootSha1: string, machines = MACHINES): void {
  const r = rng(20261130);
  const fd = fs.openSync(file, 'w');
  let buf = '';
  for (let i = 0; i < machines; i++) {
    const line = LINES[Math.floor(r() * LINES.length)]!;
    const roots: string[] = [];
    if (r() < 0.8) roots.push(ACS_ROOT_SHA1);
    if (r() < 0.7) roots.push(testRootSha1);
    for (let k = Math.floor(r() * 6); k > 0; k--) roots.push(OTHER_ROOTS[Math.floor(r() * OTHER_ROOTS.length)]!);
    const hotfixes = Array.from({ length: Math.floor(r() * 5) }, () => `KB${4000000 + Math.floor(r() * 1100000)}`);
    if ('kbs' in line) hotfixes.push(line.kbs[Math.floor(r() * line.kbs.length)]!);
    const ubr = 'ubr' in line ? line.ubr[0] + Math.floor(r() * (line.ubr[1] - line.ubr[0])) : undefined;
    const m = {
      name: `PC-${String(i).padStart(6, '0')}`,
      ...('server' in line ? { role: 'server' } : {}),
      os: { caption: line.caption, version: line.version, ...(ubr !== undefined ? { ubr } : {}) },
      hotfixes,
      rootStore: roots,
      ...(r() < 0.9 ? { rootAutoUpdate: r() < 0.7 } : {}),
      ...(r() < 0.9 ? { online: r() < 0.6 } : {}),
    };
    buf += JSON.stringify(m) + '\n';
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/**
 * The number of distinct fact sets (machines without their names) in an inventory file. Called by name in the
 * child process of prepareDistinctInventory (hence exported; knip cannot see that call).
 * @public
 */
export function distinctFacts(file: string): number {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  return new Set(lines.map((l) => { const { name: _n, ...facts } = JSON.parse(l) as Record<string, unknown>; return JSON.stringify(facts); })).size;
}

/**
 * Writes the inventory and counts its distinct fact sets in a child process, so that the row measuring it
 * starts without the generator's memory in its peak RSS.
 */
export function prepareDistinctInventory(file: string, testRootSha1: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- child_process is needed only by this helper, loaded on use
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const code = `const m = require(${JSON.stringify(__filename)}); m.writeDistinctInventory(${JSON.stringify(file)}, ${JSON.stringify(testRootSha1)}); process.stdout.write(String(m.distinctFacts(${JSON.stringify(file)})));`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`distinct fleet: generator failed: ${r.stderr}`);
  return Number(r.stdout);
}
