/** Collecting the inputs on a Windows machine: see docs/collect.md. */
export { collect, checkComputerName, CollectError, EXPORT_STEPS, STEP_IDS, type CollectOptions, type CollectSummary, type StepRecord, type StepResult, type StepId } from './collect';
export { COLLECT_FILES, COLLECT_LOG_FILE, type CollectFile } from './files';
export { replayRunner, replayComputerName } from './replay';
export { nodeRunner, systemToolRunner, MAX_OUTPUT_BYTES, type CommandRunner, type RunOptions, type RunResult } from './runner';
