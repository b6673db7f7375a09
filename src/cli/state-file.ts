/**
 * `--state FILE`: the event-log memory, shared by every run on the same file and kept whatever happens.
 * Under the exclusive lock of state-lock.ts, the state is read (a regular file within the state size cap; a
 * FIFO or device is an input error at once), the run's own changes are merged onto what is in the file now,
 * and the file is replaced by write-temp, fsync, rename: kill -9 at any moment leaves the old or the new state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedMachines, mergeMemory, parseMemory, serializeMemory } from '../eventlog/memory';
import type { EventLogMemory } from '../eventlog/types';
import { syncDirectory, tempPathFor, FileWriteError } from '../report/sink';
import { CliInputError } from './errors';
import { checkRegularFile, readRegularFile } from './io';
import { lockState } from './state-lock';

export { lockState, type StateLock } from './state-lock';

/** The state in the file (undefined when the file does not exist yet); a bad file is an input error naming it. */
export function readState(statePath: string): EventLogMemory | undefined {
  if (!fs.existsSync(statePath)) {
    // a dangling symbolic link or a path in a missing folder is still an error worth naming
    try {
      fs.lstatSync(statePath);
    } catch {
      return undefined;
    }
  }
  const bytes = readRegularFile(statePath, 'state', { flag: '--state' });
  try {
    return parseMemory(bytes.toString('utf8'));
  } catch (e) {
    throw new CliInputError(`${statePath}: not an event-log state file (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
}

/** Replaces the state file: temporary file beside it, fsync, rename, fsync of the folder. */
export function writeState(statePath: string, memory: EventLogMemory): void {
  const tmp = tempPathFor(statePath);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    const data = Buffer.from(serializeMemory(memory), 'utf8');
    let off = 0;
    while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, statePath);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* not created */
    }
    const err = e as NodeJS.ErrnoException;
    throw new FileWriteError(statePath, 'write the state', err.code, err.message?.split(', ')[0] ?? String(e));
  }
  syncDirectory(path.dirname(path.resolve(statePath)));
}

/**
 * Runs `fn` with the state read under the lock, then merges what the run changed onto the file's state
 * (re-read, in case a writer that does not lock changed it) and replaces the file. The lock is released
 * whatever happens; the file is untouched when `fn` throws.
 */
export async function withState<T>(
  statePath: string,
  fn: (memory: EventLogMemory | undefined) => Promise<{ result: T; memory: EventLogMemory }>,
  options: { waitMs?: number } = {},
): Promise<T> {
  // a FIFO or a device as --state is refused before anything is created beside it; a symbolic link's
  // target is the state (locked and replaced), not the link
  if (fs.existsSync(statePath)) {
    checkRegularFile(statePath, 'state', { flag: '--state' });
    statePath = fs.realpathSync(statePath);
  }
  const lock = await lockState(statePath, options.waitMs);
  try {
    const before = readState(statePath);
    const { result, memory } = await fn(before);
    const base = readState(statePath) ?? { version: 1 as const, machines: Object.create(null) as EventLogMemory['machines'] };
    const changed = changedMachines(before ?? { version: 1, machines: Object.create(null) as EventLogMemory['machines'] }, memory);
    writeState(statePath, mergeMemory(base, memory, changed));
    return result;
  } finally {
    lock.release();
  }
}
