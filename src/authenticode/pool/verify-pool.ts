/**
 * Many files, in input order, using the machine's cores. A pipeline verifying its build output gives
 * hundreds of files in one call: they are verified by a pool of worker threads (one per core, each with a
 * few files in flight so reads overlap), and yielded in input order as soon as each one and all before it
 * are done. Few files, or one core, are verified in this thread with the same overlap and no thread start-up.
 * Per-file work that repeats across files (certificate parsing, issuer signature checks) is shared within a
 * thread (trust/x509-cache.ts).
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { resolveVerifyContext } from '../context';
import type { VerificationResult, VerifyOptions } from '../types';
import { verifyFileWithContext } from '../verify-container';
import { readableCatalogs } from '../readable-catalogs';
import { transferableOptions } from './options';
import type { WorkerReply } from './worker';

export interface PoolOptions {
  /** worker threads (default: the machine's cores; 0 or 1 = verify in this thread) */
  workers?: number;
  /** files in flight per thread (default 4) */
  inFlight?: number;
  /** a JavaScript file to run as each worker (default: the compiled pool/worker.js); it must load pool/worker */
  workerEntry?: string;
}

/** Below this many files a thread pool costs more to start than it saves. */
export const POOL_MIN_FILES = 16;

function workerCount(files: number, opts: PoolOptions): number {
  const wanted = opts.workers ?? availableParallelism();
  if (wanted <= 1 || files < POOL_MIN_FILES || !workerEntry(opts)) return 0;
  return Math.min(wanted, Math.ceil(files / 8));
}

/**
 * The worker's entry: `opts.workerEntry` when given, else the compiled worker.js beside this file. Run from
 * TypeScript sources (no compiled worker), files are verified in this thread unless an entry is given.
 */
function workerEntry(opts: PoolOptions): string | undefined {
  if (opts.workerEntry) return opts.workerEntry;
  return __filename.endsWith('.js') ? path.join(__dirname, 'worker.js') : undefined;
}

/** Yields one result per path, in the order of `paths`. Never throws for file content (see verifyFile). */
export async function* verifyInOrder(paths: readonly string[], options: VerifyOptions = {}, opts: PoolOptions = {}): AsyncGenerator<VerificationResult> {
  const inFlight = Math.max(1, opts.inFlight ?? 4);
  const workers = workerCount(paths.length, opts);
  const done = new Map<number, VerificationResult>();
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const settle = (i: number, r: VerificationResult): void => {
    done.set(i, r);
    wake?.();
  };
  const fail = (e: Error): void => {
    failure ??= e;
    wake?.();
  };
  let next = 0;
  const stops: (() => Promise<unknown>)[] = [];

  if (workers === 0) {
    const ctx = resolveVerifyContext(options);
    const pump = (): void => {
      const i = next++;
      if (i >= paths.length) return;
      verifyFileWithContext(paths[i]!, ctx).then((r) => {
        settle(i, r);
        pump();
      }, fail);
    };
    for (let k = 0; k < inFlight; k++) pump();
  } else {
    resolveVerifyContext(options); // bad trust input throws here, in the caller's thread, as verifyFile does
    const shared = transferableOptions(options);
    for (let w = 0; w < workers; w++) {
      const worker = new Worker(workerEntry(opts)!, { workerData: { options: shared } });
      stops.push(() => worker.terminate());
      const send = (): void => {
        const i = next++;
        if (i < paths.length) worker.postMessage({ id: i, file: paths[i]! });
      };
      worker.on('message', (m: WorkerReply) => {
        if ('error' in m) fail(new Error(`${paths[m.id]}: ${m.error}`));
        else settle(m.id, m.result);
        send();
      });
      worker.on('error', fail);
      for (let k = 0; k < inFlight; k++) send();
    }
  }

  try {
    for (let i = 0; i < paths.length; i++) {
      while (!done.has(i)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      const r = done.get(i)!;
      done.delete(i);
      yield r;
    }
  } finally {
    await Promise.all(stops.map((stop) => stop()));
  }
}

/**
 * Verifies several files with one set of options; the results are in the order of `paths`. Many files use
 * a pool of worker threads sized to the machine (see pool/verify-pool.ts; `pool.workers: 0` keeps them in
 * this thread).
 */
export async function verifyFiles(paths: string[], options?: VerifyOptions, pool?: PoolOptions): Promise<VerificationResult[]> {
  await readableCatalogs(options?.catalogs);
  const out: VerificationResult[] = [];
  for await (const r of verifyInOrder(paths, options, pool)) out.push(r);
  return out;
}
