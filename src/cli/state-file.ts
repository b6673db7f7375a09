/**
 * `--state FILE`: the event-log memory, shared by every run on the same file and kept whatever happens.
 *
 *  - An exclusive lock: `FILE.lock`, created with O_EXCL, holding the owner as the report folder's lock writes
 *    it (report/out-lock.ts: host, pid, process start time, PID namespace, boot id, token), its mtime refreshed
 *    every HEARTBEAT_MS while held. A run waits for the lock (up to `waitMs`); a lock is stale by the one rule
 *    of out-lock.ts (staleRule): in our PID space when its process is gone or its pid was reused, otherwise when
 *    the file stayed unchanged for `staleMs`; a stale lock is taken over under a second short-lived
 *    `FILE.lock.takeover` lock so two runs never both take it over (takeOverIfStale).
 *  - Under the lock: the state is read (a regular file within the state size cap; a FIFO or device is an
 *    input error at once), the run's own changes are merged onto what is in the file now, and the file is
 *    replaced by write-temp, fsync, rename: kill -9 at any moment leaves the old or the new state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedMachines, mergeMemory, parseMemory, serializeMemory } from '../eventlog/memory';
import type { EventLogMemory } from '../eventlog/types';
import { currentOwner, DEFAULT_STALE_MS, HEARTBEAT_MS, look, staleRule, takeOverIfStale } from '../report/out-lock';
import { syncDirectory, tempPathFor, FileWriteError } from '../report/sink';
import { CliInputError } from './errors';
import { checkRegularFile, readRegularFile } from './io';

export { processStart } from '../report/out-lock';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Creates `file` with `content` if it does not exist: the open fd, or undefined when it exists. The content
 * is written to `file.<token>` first and linked to `file` (link fails when `file` exists), so a lock file
 * never exists without its owner (a run killed while creating it leaves no unreadable lock behind).
 */
function tryCreate(file: string, content: string): number | undefined {
  const tmp = `${file}.${tokenOf(content)}`;
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
  } catch (e) {
    throw new CliInputError(`${file}: cannot create the lock file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
    fs.linkSync(tmp, file);
  } catch (e) {
    fs.closeSync(fd);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return undefined;
    // a file system without hard links (FAT, some network shares): created in place, as O_EXCL allows
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createInPlace(file, content);
    if (code) throw new CliInputError(`${file}: cannot create the lock file (${code})`);
    throw e;
  } finally {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* ignore */
    }
  }
  return fd;
}

function createInPlace(file: string, content: string): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new CliInputError(`${file}: cannot create the lock file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  return fd;
}

/** The owner's token in a lock's content (names the lock's temporary file). */
function tokenOf(content: string): string {
  return (JSON.parse(content) as { token: string }).token;
}

export interface StateLock {
  readonly lockPath: string;
  release(): void;
}

/**
 * Takes the exclusive lock of `statePath` (waiting up to `waitMs`), taking over a stale one (`staleMs`: how
 * long a lock whose pid cannot be checked here must stay unchanged; default 30 s).
 */
export async function lockState(statePath: string, waitMs = 30_000, staleMs = DEFAULT_STALE_MS): Promise<StateLock> {
  const lockPath = `${statePath}.lock`;
  const me = currentOwner();
  const content = JSON.stringify(me) + '\n';
  const rule = staleRule(me, staleMs);
  const deadline = Date.now() + waitMs;
  let delay = 5;
  let fd: number | undefined;
  for (;;) {
    fd = tryCreate(lockPath, content);
    if (fd !== undefined) break;
    const cur = look(lockPath);
    if (cur && takeOverIfStale(lockPath, cur, content, rule, tryCreate)) continue;
    if (Date.now() >= deadline) {
      const who = cur?.owner ? `process ${cur.owner.pid} on ${cur.owner.host}` : 'another process';
      throw new CliInputError(`${statePath}: locked by ${who} (${lockPath}); waited ${Math.round(waitMs / 1000)} s`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
  const held = fd;
  // a sign of life for waiters that cannot check our pid (another host or PID namespace)
  const timer = setInterval(() => {
    try {
      const t = new Date();
      fs.futimesSync(held, t, t);
    } catch {
      /* a file system without futimes: waiters then only see the content */
    }
  }, HEARTBEAT_MS);
  timer.unref();
  let released = false;
  return {
    lockPath,
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      try {
        fs.closeSync(held);
      } catch {
        /* ignore */
      }
      const cur = look(lockPath);
      if (cur && cur.text === content) {
        try {
          fs.unlinkSync(lockPath);
        } catch {
          /* gone */
        }
      }
    },
  };
}

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
