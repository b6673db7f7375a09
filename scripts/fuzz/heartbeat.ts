/** What the main thread hands a fuzz worker, and the layout of the shared heartbeat it watches. */
export interface WorkerInput {
  target: string;
  cases: number;
  seed: number;
  timeLimitMs: number;
  minimise: boolean;
  heartbeat: SharedArrayBuffer;
}

/** Heartbeat layout: Float64Array [caseIndex, caseStartEpochMs, inputLength], then the input bytes. */
export const HEARTBEAT_HEADER = 32;
export const HEARTBEAT_INPUT_MAX = 4 * 1024 * 1024;
