/** Collecting the inputs on a Windows machine: see docs/collect.md. */
export { collect, CollectError, type CollectOptions, type CollectSummary, type StepRecord, type StepResult, type StepId } from './collect';
export { COLLECT_FILES, type CollectFile } from './files';
export { replayRunner } from './replay';
export { nodeRunner, systemToolRunner, type CommandRunner, type RunOptions, type RunResult } from './runner';
