/**
 * npm run bench: runs every row module in bench/rows/ (compiled to dist/bench/rows/) and prints a table.
 * A row module exports `run(): Promise<BenchRow | BenchRow[]>`. Figures, not pass/fail tests.
 * `npm run bench -- NAME` runs only the rows whose file name contains NAME.
 */
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
  const only = process.argv[2];
  const dir = path.join(__dirname, 'rows');
  const files = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => f.endsWith('.js') && (!only || f.includes(only))).sort()
    : [];
  const rows: BenchRow[] = [];
  for (const f of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, f)) as { run: () => Promise<BenchRow | BenchRow[]> };
    process.stderr.write(`bench: ${f} …\n`);
    const r = await mod.run();
    for (const row of Array.isArray(r) ? r : [r]) {
      rows.push(row);
      process.stdout.write(formatRow(row) + '\n');
    }
  }
  if (rows.length === 0) process.stdout.write('bench: no rows\n');
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
