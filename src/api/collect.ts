/**
 * The collector's public functions, with their arguments checked (src/api/doors.ts) before the inner function
 * of src/collect/ runs. Internal callers (cli) call the inner functions directly.
 */
import * as collection from '../collect/collect';
import { nodeRunner as innerNodeRunner, systemToolRunner as innerSystemToolRunner } from '../collect/runner';
import * as replay from '../collect/replay';
import type { CollectOptions, CollectSummary } from '../collect/collect';
import type { CommandRunner } from '../collect/runner';
import { door } from './doors';

/**
 * Runs the collector's commands through `o.runner`, writes OUT/<computerName>/ (COLLECT_FILES) whole or not at
 * all, and returns what was written and what failed. A failing command never aborts the collection; only an
 * unusable computer name, a `tempDir` that is not a directory or an output folder that cannot be written throws
 * CollectError (at once: the folder is made one level at a time, never by a recursive mkdir that can spin).
 */
export async function collect(o: CollectOptions): Promise<CollectSummary> {
  door('collect', o);
  return collection.collect(o);
}

/** Runs the real program (no shell: arguments are passed as they are), stops it after opts.timeoutMs. */
export const nodeRunner: CommandRunner = (cmd, args, opts) => {
  try {
    door('nodeRunner', cmd, args, opts);
  } catch (e) {
    return Promise.reject(e);
  }
  return innerNodeRunner(cmd, args, opts);
};

/**
 * On Windows: run the collector's tools from %SystemRoot%\System32 by full path (never a same-named program
 * from the current folder or PATH), through Sysnative when a 32-bit Node runs on 64-bit Windows (else the
 * registry and System32 would be the 32-bit views).
 */
export function systemToolRunner(env: Record<string, string | undefined>, arch: string = process.arch, base: CommandRunner = nodeRunner): CommandRunner {
  door('systemToolRunner', env, arch, base);
  return innerSystemToolRunner(env, arch, base);
}

/** A CommandRunner replaying the recording in `dir` (layout above) instead of running anything. */
export function replayRunner(dir: string): CommandRunner {
  door('replayRunner', dir);
  return replay.replayRunner(dir);
}
