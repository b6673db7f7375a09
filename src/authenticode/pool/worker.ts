/**
 * The verify worker thread: resolves the options once, then verifies each file it is sent and posts the
 * result back with the request's id. Several requests may be in flight: their I/O overlaps.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveVerifyContext } from '../context';
import { verifyFileWithContext } from '../verify-container';
import type { VerificationResult, VerifyOptions } from '../types';

export interface WorkerRequest {
  id: number;
  file: string;
}
export type WorkerReply = { id: number; result: VerificationResult } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  const ctx = resolveVerifyContext((workerData as { options: VerifyOptions }).options);
  port.on('message', (req: WorkerRequest) => {
    verifyFileWithContext(req.file, ctx).then(
      (result) => port.postMessage({ id: req.id, result } satisfies WorkerReply),
      (e: unknown) => port.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
    );
  });
}
