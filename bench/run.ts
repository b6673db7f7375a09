/**
 * npm run bench: runs every row module in bench/rows/ (compiled to dist/bench/rows/) and prints a table.
 * A row module exports `run(): Promise<BenchRow | BenchRow[]>`. Figures, not pass/fail tests.
 * `npm run bench -- NAME` runs only the rows whose file name contains NAME.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BenchRow {
  name: string;
  /** the figure, e.g. "812 MB/s" or "6.2 s" */
  result: string;
  /** what it is compared with, e.g. "raw sha256 905 MB/s (89.7%)" */
  reference?: string;
  /** the target from the issue and whether it was met */
  target?: string;
  met?: boolean;
  peakRssMB?: number;
}

async function main(): Promise<void> {
  // `--row FILE`: the child process that runs one row and prints its rows as JSON on the last line.
  if (process.argv[2] === '--row') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the row module is named on the command line
    const mod = require(process.argv[3]) as { run: () => Promise<BenchRow | BenchRow[]> };
    const r = await mod.run();
    process.stdout.write(JSON.stringify(Array.isArray(r) ? r : [r]) + '\n');
    return;
  }
  const only = process.argv[2];
  const dir = path.join(__dirname, 'rows');
  const files = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => f.endsWith('.js') && (!only || f.includes(only))).sort()
    : [];
  let rows = 0;
  let failed = false;
  for (const f of files) {
    // each row in a fresh process, so that its peak RSS is its own and not an earlier row's
    process.stderr.write(`bench: ${f} …\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--row', path.join(dir, f)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const last = (child.stdout ?? '').trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !last.startsWith('[')) {
      process.stdout.write(`${f.padEnd(44)}  FAILED (exit ${child.status})\n`);
      failed = true;
      continue;
    }
    for (const row of JSON.parse(last) as BenchRow[]) {
      rows++;
      process.stdout.write(formatRow(row) + '\n');
    }
  }
  if (rows === 0 && !failed) process.stdout.write('bench: no rows\n');
  if (failed) process.exitCode = 1;
}

export function formatRow(r: BenchRow): string {
  const parts = [r.name.padEnd(44), r.result.padEnd(18)];
  if (r.reference) parts.push(r.reference);
  if (r.peakRssMB !== undefined) parts.push(`peak RSS ${r.peakRssMB.toFixed(0)} MB`);
  if (r.target) parts.push(`target ${r.target}: ${r.met ? 'met' : 'NOT met'}`);
  return parts.join('  ');
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
