/**
 * A CommandRunner that replays outputs recorded on a Windows machine (tests, `acs-gate collect --replay DIR`,
 * ACS_GATE_COLLECT_REPLAY=DIR). A recording directory holds, per collector step (the StepId values of collect.ts):
 *   <step>.stdout   the bytes the command wrote to its standard output (as Windows wrote them)
 *   <step>.stderr   optional: its standard error
 *   <step>.exit     optional: its exit code as text ("0", "1", "-2147012889"), or "timeout"; default 0
 *   <step>.files/   optional: files the command created in the directory given as its last argument
 *                   (certutil -syncWithWU DIR)
 * A step with none of these was not recorded: it replays as "program not found". `COMPUTERNAME` (optional)
 * holds the computer name to use.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { CommandRunner, RunResult } from './runner';

async function readOptional(file: string): Promise<Buffer | undefined> {
  try {
    return await fsp.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A CommandRunner replaying the recording in `dir` (layout above) instead of running anything. */
export function replayRunner(dir: string): CommandRunner {
  return async (_cmd, args, { step }) => {
    if (!/^[a-z0-9-]+$/.test(step)) throw new Error(`replay: bad step name ${JSON.stringify(step)}`);
    const base = path.join(dir, step);
    const stdout = await readOptional(`${base}.stdout`);
    const stderr = await readOptional(`${base}.stderr`);
    const exitText = (await readOptional(`${base}.exit`))?.toString('utf8').trim();
    let filesDir: string | undefined = `${base}.files`;
    try {
      if (!(await fsp.stat(filesDir)).isDirectory()) filesDir = undefined;
    } catch {
      filesDir = undefined;
    }
    const empty = Buffer.alloc(0);
    if (stdout === undefined && stderr === undefined && exitText === undefined && filesDir === undefined) {
      return { stdout: empty, stderr: empty, code: null, notFound: true, error: 'ENOENT (not recorded)' };
    }
    if (filesDir) {
      const dest = args[args.length - 1];
      if (dest) {
        for (const e of await fsp.readdir(filesDir, { withFileTypes: true })) {
          if (e.isFile()) await fsp.copyFile(path.join(filesDir, e.name), path.join(dest, e.name));
        }
      }
    }
    const r: RunResult = { stdout: stdout ?? empty, stderr: stderr ?? empty, code: 0 };
    if (exitText === 'timeout') return { ...r, code: null, timedOut: true };
    if (exitText !== undefined) {
      if (!/^-?\d+$/.test(exitText)) throw new Error(`replay: ${base}.exit: not an exit code: ${JSON.stringify(exitText.slice(0, 40))}`);
      r.code = Number(exitText);
    }
    return r;
  };
}

/** The recorded computer name (COMPUTERNAME file), if any. */
export async function replayComputerName(dir: string): Promise<string | undefined> {
  const b = await readOptional(path.join(dir, 'COMPUTERNAME'));
  const t = b?.toString('utf8').trim();
  return t ? t : undefined;
}
