/**
 * npm run fuzz — property-based and mutation fuzzing of every parser behind the public API.
 *
 *   node dist/scripts/fuzz.js [--cases N] [--target NAME[,NAME…]]… [--seed S] [--time-limit-ms MS]
 *                             [--no-minimise] [--summary FILE] [--in-process]
 *
 *   --cases N          total cases, split over the chosen targets by their shares (default 297 300 over all)
 *   --target NAME      only these targets (repeatable, or comma-separated); see TARGET_SHARES
 *   --seed S           base seed (default 20261126); target i runs with seed S + i, so any run is reproducible
 *   --time-limit-ms MS a case slower than this is a violation ("hang"; default 2000)
 *   --no-minimise      do not shrink violations
 *   --summary FILE     JSON summary (default tmp/fuzz-summary.json)
 *   --in-process       no worker threads (no watchdog for a case that never returns)
 *
 * Each target runs in a worker thread; the main thread is a watchdog: a case running longer than
 * max(10 × limit, 20 s) is stopped (worker.terminate()) and recorded as a hang with its input.
 * Prints per target: cases, escapes, false valids, hangs, allocation violations, slowest case, peak RSS;
 * saves every violating input (minimised when shrinking succeeded) under tests/fuzz/regressions/;
 * exits 1 on any violation, 2 on bad usage.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { inputHash, runTarget, type TargetReport, type Violation, type ViolationKind } from './fuzz/runner';
import { DEFAULT_TOTAL_CASES, makeTarget, splitCases, TARGET_NAMES } from './fuzz/targets';
import { HEARTBEAT_HEADER, HEARTBEAT_INPUT_MAX, type WorkerInput } from './fuzz/heartbeat';

interface Args {
  cases: number;
  targets: string[];
  seed: number;
  timeLimitMs: number;
  minimise: boolean;
  summary: string;
  inProcess: boolean;
}

/** The package root: the nearest directory above this script holding package.json (dist/scripts → repo). */
function packageRoot(): string {
  for (let d = __dirname; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return process.cwd();
  }
}
const ROOT = packageRoot();

function usage(msg: string): never {
  process.stderr.write(`fuzz: ${msg}\nusage: npm run fuzz -- [--cases N] [--target NAME] [--seed S] [--time-limit-ms MS] [--no-minimise] [--summary FILE] [--in-process]\ntargets: ${TARGET_NAMES.join(', ')}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { cases: DEFAULT_TOTAL_CASES, targets: [], seed: 20261126, timeLimitMs: 2000, minimise: true, summary: path.join(ROOT, 'tmp', 'fuzz-summary.json'), inProcess: false };
  const num = (v: string | undefined, name: string): number => {
    const n = Number(v);
    if (v === undefined || !Number.isSafeInteger(n) || n < 0) usage(`${name} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--cases':
        a.cases = num(value(), '--cases');
        break;
      case '--target':
        a.targets.push(...(value() ?? usage('--target needs a name')).split(',').filter(Boolean));
        break;
      case '--seed':
        a.seed = num(value(), '--seed');
        break;
      case '--time-limit-ms':
        a.timeLimitMs = Math.max(1, num(value(), '--time-limit-ms'));
        break;
      case '--no-minimise':
        a.minimise = false;
        break;
      case '--summary':
        a.summary = path.resolve(value() ?? usage('--summary needs a file'));
        break;
      case '--in-process':
        a.inProcess = true;
        break;
      case '--help':
      case '-h':
        usage('help');
      // eslint-disable-next-line no-fallthrough -- usage() exits the process
      default:
        usage(`unknown option ${arg}`);
    }
  }
  for (const t of a.targets) if (!TARGET_NAMES.includes(t)) usage(`unknown target "${t}"`);
  if (a.targets.length === 0) a.targets = [...TARGET_NAMES];
  return a;
}

function emptyReport(target: string, seed: number): TargetReport {
  return {
    target, api: '', seed, cases: 0, escapes: 0, falseValids: 0, hangs: 0, allocViolations: 0, slowestMs: 0, slowestCaseIndex: -1, meanMs: 0, p99Ms: 0,
    largestAllocBytes: 0, peakRssMb: 0, peakHeapMb: 0, heapGrowthMb: 0, elapsedMs: 0, outcomes: {}, violations: [], found: [], harnessErrors: 0,
  };
}

/** Run one target in a worker thread under the watchdog. */
function runInWorker(target: string, cases: number, seed: number, args: Args): Promise<TargetReport> {
  const heartbeat = new SharedArrayBuffer(HEARTBEAT_HEADER + HEARTBEAT_INPUT_MAX);
  const head = new Float64Array(heartbeat, 0, 3);
  const body = new Uint8Array(heartbeat, HEARTBEAT_HEADER);
  const data: WorkerInput = { target, cases, seed, timeLimitMs: args.timeLimitMs, minimise: args.minimise, heartbeat };
  const hardLimit = Math.max(10 * args.timeLimitMs, 20_000);
  const started = Date.now();
  let peakRss = 0;
  return new Promise((resolve) => {
    const worker = new Worker(path.join(__dirname, 'fuzz', 'worker.js'), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 1536 } });
    let settled = false;
    const current = (): Buffer => Buffer.from(body.subarray(0, Math.min(head[2]!, HEARTBEAT_INPUT_MAX)));
    const finish = (r: TargetReport): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      r.peakRssMb = Math.max(r.peakRssMb, peakRss);
      resolve(r);
    };
    const abort = (kind: ViolationKind, why: string): void => {
      const r = emptyReport(target, seed);
      r.cases = head[0]! + 1;
      r.aborted = why;
      r.elapsedMs = Date.now() - started;
      if (kind === 'hang') r.hangs = 1;
      else if (kind === 'alloc') r.allocViolations = 1;
      else r.escapes = 1;
      r.found = [{ kind, caseIndex: head[0]!, detail: why, input: current() }];
      r.violations = r.found.map(({ input: _i, ...v }) => v);
      void worker.terminate();
      finish(r);
    };
    const timer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss() / (1024 * 1024));
      const start = head[1]!;
      if (start > 0 && Date.now() - start > hardLimit) abort('hang', `case ${head[0]} still running after ${hardLimit} ms: stopped`);
    }, 250);
    worker.on('message', (m: { type: string; report?: TargetReport; done?: number; slowestMs?: number; violations?: number; message?: string }) => {
      if (m.type === 'progress') {
        process.stderr.write(`  ${target}: ${m.done}/${cases} cases, slowest ${m.slowestMs!.toFixed(1)} ms, ${m.violations} violation(s)\n`);
      } else if (m.type === 'done') {
        const r = m.report!;
        r.found = r.found.map((f) => ({ ...f, input: Buffer.from(f.input), ...(f.minimised ? { minimised: Buffer.from(f.minimised) } : {}) }));
        finish(r);
      } else if (m.type === 'crash') {
        abort('escape', `the harness crashed: ${m.message}`);
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') abort('alloc', `out of memory in case ${head[0]} (heap limit 1536 MB)`);
      else abort('escape', `uncaught in worker during case ${head[0]}: ${e.message}`);
    });
    worker.on('exit', (code) => {
      if (!settled) abort('escape', `worker exited with code ${code} during case ${head[0]}`);
    });
  });
}

const EXT: Record<string, string> = {
  pe: 'exe', 'pe-layout': 'exe', 'cert-table': 'bin', asn1: 'der', 'signed-data': 'p7b', timestamp: 'p7b', msi: 'msi', 'msi-container': 'msi', importers: 'txt', inventory: 'bin', adversarial: 'bin',
  'version-resource': 'exe', appx: 'appx', cab: 'cab', catalog: 'cat', script: 'ps1', crl: 'crl', lzx: 'bin', 'cab-extract': 'cab',
};

function saveViolations(r: TargetReport): string[] {
  const dir = path.join(ROOT, 'tests', 'fuzz', 'regressions');
  const saved: string[] = [];
  const seen = new Set<string>();
  for (const v of r.found as Violation[]) {
    const input = v.minimised ?? v.input;
    const h = inputHash(input);
    if (seen.has(h)) continue;
    seen.add(h);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${r.target}-${v.kind}-${h}.${EXT[r.target] ?? 'bin'}`);
    writeFileSync(file, input);
    writeFileSync(`${file}.json`, JSON.stringify({ target: r.target, kind: v.kind, seed: r.seed, caseIndex: v.caseIndex, detail: v.minimisedDetail ?? v.detail, minimised: !!v.minimised }, null, 2) + '\n');
    saved.push(path.relative(ROOT, file));
  }
  return saved;
}

function pad(s: string | number, n: number): string {
  return String(s).padStart(n);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const split = splitCases(args.cases, args.targets);
  process.stderr.write(`fuzz: ${Object.values(split).reduce((a, b) => a + b, 0)} cases over ${args.targets.length} target(s), seed ${args.seed}, limit ${args.timeLimitMs} ms per case\n`);
  const reports: TargetReport[] = [];
  const savedFiles: Record<string, string[]> = {};
  const t0 = Date.now();
  for (const name of args.targets) {
    const seed = args.seed + TARGET_NAMES.indexOf(name);
    process.stderr.write(`fuzz: ${name} (${split[name]} cases, seed ${seed})\n`);
    const r = args.inProcess
      ? await runTarget(await makeTarget(name), { cases: split[name]!, seed, timeLimitMs: args.timeLimitMs, minimise: args.minimise })
      : await runInWorker(name, split[name]!, seed, args);
    reports.push(r);
    savedFiles[name] = saveViolations(r);
  }
  const header = `${'target'.padEnd(14)}${pad('cases', 9)}${pad('escapes', 9)}${pad('false valid', 13)}${pad('hangs', 7)}${pad('alloc', 7)}${pad('slowest ms', 12)}${pad('p99 ms', 9)}${pad('mean ms', 9)}${pad('peak RSS MB', 13)}${pad('heap +MB', 10)}`;
  const lines = [header, '-'.repeat(header.length)];
  for (const r of reports) {
    lines.push(
      `${r.target.padEnd(14)}${pad(r.cases, 9)}${pad(r.escapes, 9)}${pad(r.falseValids, 13)}${pad(r.hangs, 7)}${pad(r.allocViolations, 7)}${pad(r.slowestMs.toFixed(1), 12)}${pad(r.p99Ms.toFixed(2), 9)}${pad(r.meanMs.toFixed(2), 9)}${pad(r.peakRssMb.toFixed(0), 13)}${pad(r.heapGrowthMb.toFixed(1), 10)}${r.aborted ? `  ABORTED: ${r.aborted}` : ''}`,
    );
  }
  const total = (k: keyof TargetReport): number => reports.reduce((a, r) => a + (r[k] as number), 0);
  lines.push('-'.repeat(header.length));
  lines.push(
    `${'total'.padEnd(14)}${pad(total('cases'), 9)}${pad(total('escapes'), 9)}${pad(total('falseValids'), 13)}${pad(total('hangs'), 7)}${pad(total('allocViolations'), 7)}${pad(Math.max(...reports.map((r) => r.slowestMs)).toFixed(1), 12)}${pad('', 9)}${pad('', 9)}${pad(Math.max(...reports.map((r) => r.peakRssMb)).toFixed(0), 13)}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
  for (const r of reports) {
    for (const v of r.violations) process.stdout.write(`  ${r.target} ${v.kind} (case ${v.caseIndex}): ${v.minimisedDetail ?? v.detail}\n`);
    for (const f of savedFiles[r.target] ?? []) process.stdout.write(`  saved ${f}\n`);
    if (r.harnessErrors) process.stdout.write(`  ${r.target}: ${r.harnessErrors} input(s) the harness could not build (skipped), first: ${r.harnessError}\n`);
  }
  const violations = total('escapes') + total('falseValids') + total('hangs') + total('allocViolations');
  const summary = {
    date: new Date().toISOString(),
    node: process.version,
    seed: args.seed,
    timeLimitMs: args.timeLimitMs,
    elapsedMs: Date.now() - t0,
    totals: {
      cases: total('cases'),
      escapes: total('escapes'),
      falseValids: total('falseValids'),
      hangs: total('hangs'),
      allocViolations: total('allocViolations'),
      slowestMs: Math.max(...reports.map((r) => r.slowestMs)),
      peakRssMb: Math.max(...reports.map((r) => r.peakRssMb)),
    },
    targets: reports.map(({ found: _f, ...r }) => ({ ...r, saved: savedFiles[r.target] ?? [] })),
  };
  mkdirSync(path.dirname(args.summary), { recursive: true });
  writeFileSync(args.summary, JSON.stringify(summary, null, 2) + '\n');
  process.stdout.write(`summary: ${path.relative(process.cwd(), args.summary) || args.summary}; ${violations === 0 ? 'no violations' : `${violations} violation(s)`}\n`);
  process.exit(violations === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  process.stderr.write(`fuzz: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(2);
});
