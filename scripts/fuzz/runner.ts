/**
 * The fuzz loop for one target: fast-check generates cases from a seed; each case runs against the public API
 * and is judged by the target's oracle; the runner adds the generic invariants:
 *   escape        an exception other than the API's typed errors left the API
 *   false-valid   the target's oracle says a "valid" verdict is wrong (a signed byte changed, trailing data …)
 *   hang          a case took longer than the time limit (per case)
 *   alloc         a single Buffer allocation larger than the target's bound for that input (an allocation sized
 *                 by a length field the code did not check against the input)
 * and measures per case: wall time (slowest, mean), RSS (peak), JS heap (peak, growth over the run after GC).
 * Violations are re-found with the same seed and shrunk by fast-check; the minimised input is returned
 * (the CLI saves it under tests/fuzz/regressions/).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';

export type ViolationKind = 'escape' | 'false-valid' | 'hang' | 'alloc';

export interface CaseResult {
  /** short outcome label for the histogram: "valid", "malformed:MALFORMED_PE", "ExportFormatError" … */
  outcome: string;
  /** set when an untyped exception escaped the API */
  escape?: string;
  /** set when the oracle judges a "valid" verdict wrong */
  falseValid?: string;
}

export interface Target<C> {
  name: string;
  /** what the target drives, for the report */
  api: string;
  arbitrary: fc.Arbitrary<C>;
  /** the input bytes of a case (saved as the regression file; sizes the allocation bound) */
  bytes(c: C): Buffer;
  /** file extension for saved inputs */
  ext: string;
  run(c: C, bytes: Buffer): Promise<CaseResult>;
  /** largest single allocation allowed for an input of this size (default: input + 2 MiB) */
  allocBound?(bytes: Buffer): number;
  /** called once before the loop (build fixtures, temp dirs) */
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
}

export interface Violation {
  kind: ViolationKind;
  caseIndex: number;
  detail: string;
  /** the input as generated */
  input: Buffer;
  /** the minimised input (after shrinking), when shrinking ran */
  minimised?: Buffer;
  minimisedDetail?: string;
}

export interface TargetReport {
  target: string;
  api: string;
  seed: number;
  cases: number;
  escapes: number;
  falseValids: number;
  hangs: number;
  allocViolations: number;
  slowestMs: number;
  slowestCaseIndex: number;
  meanMs: number;
  p99Ms: number;
  largestAllocBytes: number;
  peakRssMb: number;
  peakHeapMb: number;
  heapGrowthMb: number;
  elapsedMs: number;
  outcomes: Record<string, number>;
  violations: Omit<Violation, 'input' | 'minimised'>[];
  /** violations with their inputs (not serialised in the summary) */
  found: Violation[];
  /** set when the run was cut short (watchdog) */
  aborted?: string;
  /** inputs the harness itself failed to build (skipped; the first message is kept) */
  harnessErrors: number;
  harnessError?: string;
}

export interface RunOptions {
  cases: number;
  seed: number;
  timeLimitMs: number;
  /** shrink violations (default true) */
  minimise?: boolean;
  /** called before each case (watchdog heartbeat) */
  onCaseStart?(index: number, input: Buffer): void;
  onProgress?(done: number, report: TargetReport): void;
  /** keep at most this many violations with inputs per kind (default 5) */
  keepPerKind?: number;
}

// ------------------------------------------------------------------ allocation watch

let allocWatch = { max: 0 };
let allocHooked = false;

/** Wrap Buffer.alloc / allocUnsafe / allocUnsafeSlow to record the largest size asked for per case. */
export function hookAllocations(): void {
  if (allocHooked) return;
  allocHooked = true;
  const B = Buffer as unknown as Record<string, (size: number, ...rest: unknown[]) => Buffer>;
  for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow']) {
    const orig = B[name]!;
    B[name] = function (this: unknown, size: number, ...rest: unknown[]): Buffer {
      if (typeof size === 'number' && size > allocWatch.max) allocWatch.max = size;
      return orig.call(this, size, ...rest);
    };
  }
}

let gcFn: (() => void) | undefined;
export function gc(): void {
  if (!gcFn) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFn = () => undefined;
    }
  }
  gcFn();
}

const MB = 1024 * 1024;

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`.slice(0, 400);
  return `non-Error thrown: ${String(e)}`.slice(0, 400);
}

export function inputHash(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex').slice(0, 12);
}

/** Run one case under the generic invariants. */
async function runCase<C>(target: Target<C>, c: C, bytes: Buffer, timeLimitMs: number): Promise<{ result: CaseResult; ms: number; alloc: number; violations: { kind: ViolationKind; detail: string }[] }> {
  allocWatch = { max: 0 };
  const t0 = performance.now();
  let result: CaseResult;
  try {
    result = await target.run(c, bytes);
  } catch (e) {
    result = { outcome: 'escape', escape: describeError(e) };
  }
  const ms = performance.now() - t0;
  const alloc = allocWatch.max;
  const violations: { kind: ViolationKind; detail: string }[] = [];
  if (result.escape) violations.push({ kind: 'escape', detail: result.escape });
  if (result.falseValid) violations.push({ kind: 'false-valid', detail: result.falseValid });
  if (ms > timeLimitMs) violations.push({ kind: 'hang', detail: `case took ${ms.toFixed(0)} ms (limit ${timeLimitMs} ms)` });
  const bound = target.allocBound ? target.allocBound(bytes) : bytes.length + 2 * MB;
  if (alloc > bound) violations.push({ kind: 'alloc', detail: `a ${alloc}-byte allocation for a ${bytes.length}-byte input (bound ${bound})` });
  return { result, ms, alloc, violations };
}

/** Shrink the first case of `kind` (same seed → same generation order) with a bounded number of evaluations. */
async function minimise<C>(target: Target<C>, opts: RunOptions, kind: ViolationKind, upTo: number): Promise<{ input: Buffer; detail: string } | undefined> {
  let budget = kind === 'hang' ? 20 : 1500;
  let last: { input: Buffer; detail: string } | undefined;
  const details = await fc.check(
    fc.asyncProperty(target.arbitrary, async (c) => {
      if (budget-- <= 0) return true;
      let bytes: Buffer;
      try {
        bytes = target.bytes(c);
      } catch {
        return true;
      }
      const r = await runCase(target, c, bytes, opts.timeLimitMs);
      const v = r.violations.find((x) => x.kind === kind);
      if (v) last = { input: bytes, detail: v.detail };
      return !v;
    }),
    { seed: opts.seed, numRuns: upTo + 1, endOnFailure: kind === 'hang' },
  );
  if (!details.failed) return last;
  const ce = details.counterexample?.[0] as C | undefined;
  if (ce === undefined) return last;
  const input = target.bytes(ce);
  const again = await runCase(target, ce, input, opts.timeLimitMs);
  const v = again.violations.find((x) => x.kind === kind);
  return { input, detail: v?.detail ?? last?.detail ?? kind };
}

export async function runTarget<C>(target: Target<C>, opts: RunOptions): Promise<TargetReport> {
  hookAllocations();
  await target.setup?.();
  const keep = opts.keepPerKind ?? 5;
  const report: TargetReport = {
    target: target.name,
    api: target.api,
    seed: opts.seed,
    cases: 0,
    escapes: 0,
    falseValids: 0,
    hangs: 0,
    allocViolations: 0,
    slowestMs: 0,
    slowestCaseIndex: -1,
    meanMs: 0,
    p99Ms: 0,
    largestAllocBytes: 0,
    peakRssMb: 0,
    peakHeapMb: 0,
    heapGrowthMb: 0,
    elapsedMs: 0,
    outcomes: {},
    violations: [],
    found: [],
    harnessErrors: 0,
  };
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const started = performance.now();
  const times: number[] = [];
  let total = 0;
  let index = 0;
  await fc.check(
    fc.asyncProperty(target.arbitrary, async (c) => {
      const i = index++;
      let bytes: Buffer;
      try {
        bytes = target.bytes(c);
      } catch (e) {
        // the harness could not build this input (not a finding about the code under test)
        report.harnessErrors++;
        report.harnessError ??= describeError(e);
        return true;
      }
      opts.onCaseStart?.(i, bytes);
      const r = await runCase(target, c, bytes, opts.timeLimitMs);
      report.cases++;
      total += r.ms;
      times.push(r.ms);
      if (r.ms > report.slowestMs) {
        report.slowestMs = r.ms;
        report.slowestCaseIndex = i;
      }
      if (r.alloc > report.largestAllocBytes) report.largestAllocBytes = r.alloc;
      report.outcomes[r.result.outcome] = (report.outcomes[r.result.outcome] ?? 0) + 1;
      for (const v of r.violations) {
        if (v.kind === 'escape') report.escapes++;
        else if (v.kind === 'false-valid') report.falseValids++;
        else if (v.kind === 'hang') report.hangs++;
        else report.allocViolations++;
        if (report.found.filter((f) => f.kind === v.kind).length < keep) report.found.push({ kind: v.kind, caseIndex: i, detail: v.detail, input: bytes });
      }
      const rss = process.memoryUsage.rss() / MB;
      if (rss > report.peakRssMb) report.peakRssMb = rss;
      if ((i & 255) === 0) {
        const heap = process.memoryUsage().heapUsed / MB;
        if (heap > report.peakHeapMb) report.peakHeapMb = heap;
        opts.onProgress?.(report.cases, report);
      }
      return true;
    }),
    { seed: opts.seed, numRuns: opts.cases },
  );
  report.elapsedMs = performance.now() - started;
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  report.heapGrowthMb = Math.max(0, (heap1 - heap0) / MB);
  report.peakHeapMb = Math.max(report.peakHeapMb, heap1 / MB);
  report.meanMs = report.cases ? total / report.cases : 0;
  times.sort((a, b) => a - b);
  report.p99Ms = times.length ? times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]! : 0;

  if (opts.minimise !== false) {
    for (const kind of ['escape', 'false-valid', 'alloc', 'hang'] as ViolationKind[]) {
      const first = report.found.find((f) => f.kind === kind);
      if (!first) continue;
      const m = await minimise(target, opts, kind, first.caseIndex);
      if (m) {
        first.minimised = m.input;
        first.minimisedDetail = m.detail;
      }
    }
  }
  report.violations = report.found.map(({ input: _i, minimised: _m, ...rest }) => rest);
  await target.teardown?.();
  return report;
}
