/**
 * The `--state FILE` lock: `FILE.lock`, holding the owner as the report folder's lock writes it
 * (report/out-lock.ts: host, pid, process start time, PID namespace, boot id, token), linked into place whole
 * and its mtime refreshed every HEARTBEAT_MS while held. A run waits for it (up to `waitMs`); a lock is stale
 * by the one rule of out-lock.ts (staleRule): in our PID space when its process is gone or its pid was reused,
 * otherwise when the file stayed unchanged for `staleMs`; a stale lock is taken over under a second
 * short-lived `FILE.lock.takeover` lock so two runs never both take it over (takeOverIfStale).
 */
import * as fs from 'node:fs';
import { currentOwner, DEFAULT_STALE_MS, HEARTBEAT_MS, look, staleRule, takeOverIfStale } from '../report/out-lock';
import { CliInputError } from './errors';


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

