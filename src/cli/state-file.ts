/**
 * `--state FILE`: the event-log memory, shared by every run on the same file and kept whatever happens.
 *
 *  - An exclusive lock: `FILE.lock`, created with O_EXCL, holding `{ pid, start, host }` (start: the
 *    process's start time as /proc gives it, so a reused pid is not mistaken for the owner). A run waits for the
 *    lock (up to `waitMs`); a lock whose process is gone (killed with -9) is stale and is taken over, under a
 *    second short-lived `FILE.lock.takeover` lock so two runs never both take it over.
 *  - Under the lock: the state is read (a regular file within the state size cap; a FIFO or device is an
 *    input error at once), the run's own changes are merged onto what is in the file now, and the file is
 *    replaced by write-temp, fsync, rename: kill -9 at any moment leaves the old or the new state.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changedMachines, mergeMemory, parseMemory, serializeMemory } from '../eventlog/memory';
import type { EventLogMemory } from '../eventlog/types';
import { syncDirectory, tempPathFor, FileWriteError } from '../report/sink';
import { CliInputError } from './errors';
import { checkRegularFile, readRegularFile } from './io';

interface LockOwner {
  pid: number;
  start: string | null;
  host: string;
}

/** This process's start time, as the kernel records it (clock ticks since boot), or null off Linux. */
export function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // field 22 of proc(5), counted after "pid (comm) "
  } catch {
    return null;
  }
}

function ownerIsGone(o: LockOwner): boolean {
  if (o.host !== os.hostname()) return false; // another machine's process: cannot tell, wait for it
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  // the pid lives: the owner only if it is the same process (not a reused pid)
  const start = processStart(o.pid);
  return o.start !== null && start !== null && start !== o.start;
}

function readOwner(lockPath: string): { owner: LockOwner | undefined; text: string; mtimeMs: number } | undefined {
  try {
    const text = fs.readFileSync(lockPath, 'utf8');
    const mtimeMs = fs.statSync(lockPath).mtimeMs;
    try {
      const o = JSON.parse(text) as LockOwner;
      if (typeof o.pid === 'number' && typeof o.host === 'string') return { owner: o, text, mtimeMs };
    } catch {
      /* being written, or garbage */
    }
    return { owner: undefined, text, mtimeMs };
  } catch {
    return undefined; // gone
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function tryCreate(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new CliInputError(`${file}: cannot create the lock file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** A lock file without a readable owner (its writer was killed between create and write) counts as stale after this. */
const UNREADABLE_LOCK_STALE_MS = 5000;

export interface StateLock {
  readonly lockPath: string;
  release(): void;
}

/** Takes the exclusive lock of `statePath` (waiting up to `waitMs`), taking over a stale one. */
export async function lockState(statePath: string, waitMs = 30_000): Promise<StateLock> {
  const lockPath = `${statePath}.lock`;
  const me: LockOwner = { pid: process.pid, start: processStart(process.pid), host: os.hostname() };
  const content = JSON.stringify(me) + '\n';
  const deadline = Date.now() + waitMs;
  let delay = 5;
  for (;;) {
    if (tryCreate(lockPath, content)) break;
    const cur = readOwner(lockPath);
    const stale = cur && (cur.owner ? ownerIsGone(cur.owner) : Date.now() - cur.mtimeMs > UNREADABLE_LOCK_STALE_MS);
    if (cur && stale) {
      // one taker at a time: the takeover lock makes "check it is still the stale one, remove it" atomic
      const takeover = `${lockPath}.takeover`;
      const t = readOwner(takeover);
      if (t && (t.owner ? ownerIsGone(t.owner) : Date.now() - t.mtimeMs > UNREADABLE_LOCK_STALE_MS)) {
        try {
          fs.unlinkSync(takeover);
        } catch {
          /* someone else cleaned it */
        }
      }
      if (tryCreate(takeover, content)) {
        try {
          const again = readOwner(lockPath);
          if (again && again.text === cur.text) fs.unlinkSync(lockPath);
        } catch {
          /* gone already */
        } finally {
          try {
            fs.unlinkSync(takeover);
          } catch {
            /* ignore */
          }
        }
        continue;
      }
    }
    if (Date.now() >= deadline) {
      const who = cur?.owner ? `process ${cur.owner.pid} on ${cur.owner.host}` : 'another process';
      throw new CliInputError(`${statePath}: locked by ${who} (${lockPath}); waited ${Math.round(waitMs / 1000)} s`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
  return {
    lockPath,
    release() {
      const cur = readOwner(lockPath);
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
