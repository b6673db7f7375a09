/**
 * Worker thread: runs one target and reports back. The main thread watches a shared heartbeat (case index,
 * case start time, the case's input bytes) so that a case that never returns (an infinite loop in synchronous
 * parser code) can be stopped with worker.terminate() and its input saved.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTarget } from './runner';
import { makeTarget } from './targets';
import { removeScratch } from './tempdir';

import { HEARTBEAT_HEADER, HEARTBEAT_INPUT_MAX, type WorkerInput } from './heartbeat';

async function main(): Promise<void> {
  const w = workerData as WorkerInput;
  const head = new Float64Array(w.heartbeat, 0, 3);
  const body = new Uint8Array(w.heartbeat, HEARTBEAT_HEADER);
  const target = await makeTarget(w.target);
  let lastProgress = Date.now();
  try {
    const report = await runTarget(target, {
      cases: w.cases,
      seed: w.seed,
      timeLimitMs: w.timeLimitMs,
      minimise: w.minimise,
      onCaseStart(index, input) {
        head[0] = index;
        head[1] = Date.now();
        const n = Math.min(input.length, HEARTBEAT_INPUT_MAX);
        head[2] = input.length;
        body.set(input.subarray(0, n));
      },
      onProgress(done, r) {
        if (Date.now() - lastProgress > 5000) {
          lastProgress = Date.now();
          parentPort!.postMessage({ type: 'progress', done, slowestMs: r.slowestMs, violations: r.escapes + r.falseValids + r.hangs + r.allocViolations });
        }
      },
    });
    head[1] = 0;
    parentPort!.postMessage({ type: 'done', report });
  } finally {
    removeScratch();
  }
}

if (parentPort) {
  main().catch((e: unknown) => {
    parentPort!.postMessage({ type: 'crash', message: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  });
}
