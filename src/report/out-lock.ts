/**
 * The lock of a report folder: one run at a time writes `DIR/report.*`.
 *
 *  - `DIR/.report.lock`, created with O_EXCL, holds `{ host, pid, start, pidns, boot, token, since }`: the
 *    process's start time (/proc), its PID namespace (/proc/self/ns/pid), the kernel's boot id and a random
 *    token that also names every temporary file of the run. The holder keeps the lock for the whole run and
 *    refreshes its mtime every HEARTBEAT_MS (and whenever its report files grow, at most once a second).
 *  - A lock is stale only when provably so:
 *     - written on this host, in this PID namespace, in this boot: its process is gone (ESRCH), or the pid now
 *       belongs to another process (another start time); a live owner is never stale, however slow;
 *     - anything else (another host, another container's PID namespace, content that cannot be read): the
 *       waiter itself has watched the file stay exactly the same (inode, mtime, size, content) for `staleMs`
 *       (default 30 s, 15 missed heartbeats), timed on its own monotonic clock (no clocks are compared).
 *    The PID alone is never trusted across namespaces: pid 1234 in a container is not pid 1234 here.
 *  - A stale lock is taken over under `DIR/.report.lock.takeover` (O_EXCL, the same staleness rule), which
 *    makes "it is still the stale one, remove it" a single step for competing waiters.
 *  - A waiter waits up to `waitMs` (default 60 s), then fails with a message naming the owner.
 *  - Before the report is committed the holder checks the lock is still its own (token and inode): a run that
 *    lost it (stopped longer than `staleMs` while another took it over) replaces nothing.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export const LOCK_NAME = '.report.lock';
/** how often the holder refreshes the lock's mtime */
export const HEARTBEAT_MS = 2000;
/** how long a lock that cannot be checked by pid must stay unchanged before it is stale */
export const DEFAULT_STALE_MS = 30_000;
/** how long a run waits for another run's lock */
export const DEFAULT_WAIT_MS = 60_000;

export interface LockOptions {
  /** how long to wait for another run's lock (default 60 s) */
  waitMs?: number;
  /** how long a lock the pid cannot be checked for must stay unchanged before it is stale (default 30 s) */
  staleMs?: number;
  /** called once when the run has waited a second, with a line naming the owner */
  onWait?(message: string): void;
}

/** Who holds a lock, as its file says. */
export interface LockOwner {
  host: string;
  pid: number;
  start: string | null;
  pidns: string | null;
  boot: string | null;
  token: string;
  since: string;
}

/** The folder is locked by another run and the wait ran out: an input error naming the owner. */
export class ReportLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** This process's start time as the kernel records it (clock ticks since boot), or null off Linux. */
export function processStart(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null; // field 22 of proc(5)
}

function pidNamespace(): string | null {
  try {
    return fs.readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

/** This process as a lock owner (a new token each call). */
export function currentOwner(): LockOwner {
  return {
    host: os.hostname(),
    pid: process.pid,
    start: processStart(process.pid),
    pidns: pidNamespace(),
    boot: readText('/proc/sys/kernel/random/boot_id'),
    token: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner> | null;
    if (o && typeof o === 'object' && typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string')
      return {
        host: o.host,
        pid: o.pid,
        start: typeof o.start === 'string' ? o.start : null,
        pidns: typeof o.pidns === 'string' ? o.pidns : null,
        boot: typeof o.boot === 'string' ? o.boot : null,
        token: o.token,
        since: typeof o.since === 'string' ? o.since : '?',
      };
  } catch {
    /* being written, or garbage */
  }
  return undefined;
}

/**
 * Whether the owner's pid can be checked here: the same host, PID namespace and boot (on a system without
 * /proc, where there are no PID namespaces, the same host).
 */
function samePidSpace(o: LockOwner, me: LockOwner): boolean {
  return o.host === me.host && o.pidns === me.pidns && o.boot === me.boot;
}

/** For an owner in our PID space: true when it is provably gone, false when it (or its pid's process) lives. */
function ownerGone(o: LockOwner): boolean {
  if (o.pid === process.pid) return false;
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  const start = processStart(o.pid);
  return o.start !== null && start !== null && start !== o.start;
}

export interface Seen {
  /** inode, mtime, size and content: any change is a sign of life */
  sig: string;
  text: string;
  owner: LockOwner | undefined;
}

export function look(file: string): Seen | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    const buf = Buffer.alloc(Math.min(st.size, 4096));
    const n = buf.length ? fs.readSync(fd, buf, 0, buf.length, 0) : 0;
    const text = buf.subarray(0, n).toString('utf8');
    return { sig: `${st.ino}:${st.mtimeMs}:${st.size}:${text}`, text, owner: parseOwner(text) };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The staleness rule of the module header, for one waiter (one lock acquisition): `stale` says whether a lock
 * (or takeover) file as just seen is provably stale (an owner in our PID space: gone or its pid reused;
 * anything else: unchanged for `staleMs` on our monotonic clock); `forget` drops what was watched of a file
 * once it was removed. The report folder's lock and the `--state` lock (cli/state-file.ts) both judge by it.
 */
export function staleRule(me: LockOwner, staleMs: number): { stale(file: string, seen: Seen): boolean; forget(file: string): void } {
  /** per file, what it looked like first and since when (this process's monotonic clock) */
  const watched = new Map<string, { sig: string; since: number }>();
  const stale = (file: string, seen: Seen): boolean => {
    if (seen.owner && samePidSpace(seen.owner, me)) return ownerGone(seen.owner);
    const now = performance.now();
    const w = watched.get(file);
    if (!w || w.sig !== seen.sig) {
      watched.set(file, { sig: seen.sig, since: now });
      return false;
    }
    return now - w.since >= staleMs;
  };
  return { stale, forget: (file: string) => void watched.delete(file) };
}

/**
 * When the lock `cur` (as seen at `lockPath`) is stale by `rule`, takes it over under `lockPath.takeover`
 * (created with `create`, O_EXCL): removes it if it is still the one seen. A takeover file left by a waiter
 * that died is removed when stale by the same rule. True: try to take the lock again at once.
 */
export function takeOverIfStale(
  lockPath: string,
  cur: Seen,
  content: string,
  rule: ReturnType<typeof staleRule>,
  create: (file: string, content: string) => number | undefined,
): boolean {
  const takeoverPath = `${lockPath}.takeover`;
  if (!rule.stale(lockPath, cur)) return false;
  const t = create(takeoverPath, content);
  if (t !== undefined) {
    fs.closeSync(t);
    try {
      const again = look(lockPath);
      if (again && again.sig === cur.sig) fs.unlinkSync(lockPath);
    } catch {
      /* gone already */
    } finally {
      try {
        fs.unlinkSync(takeoverPath);
      } catch {
        /* ignore */
      }
    }
    rule.forget(lockPath);
    return true;
  }
  // another waiter is taking it over (for microseconds) or died doing so
  const tk = look(takeoverPath);
  if (tk && rule.stale(takeoverPath, tk)) {
    const again = look(takeoverPath);
    if (again && again.sig === tk.sig) {
      try {
        fs.unlinkSync(takeoverPath);
      } catch {
        /* ignore */
      }
    }
    rule.forget(takeoverPath);
    return true;
  }
  return false;
}

/** Creates `file` with `content` if it does not exist; the open fd, or undefined when it exists. */
function tryCreate(file: string, content: string): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return undefined;
    throw new ReportLockedError(`${file}: cannot create the report folder's lock file (${code ?? String(e)})`);
  }
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    try {
      fs.unlinkSync(file);
    } catch {
      /* ignore */
    }
    throw new ReportLockedError(`${file}: cannot write the report folder's lock file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return fd;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function describe(o: LockOwner | undefined): string {
  return o ? `process ${o.pid} on ${o.host}, since ${o.since}` : 'a run whose lock file cannot be read';
}

/** The exclusive lock of one report folder, held by this process. */
export class ReportLock {
  private timer: NodeJS.Timeout | undefined;
  private lastBeat = 0;
  private released = false;

  private constructor(
    readonly dir: string,
    readonly path: string,
    readonly owner: LockOwner,
    private readonly content: string,
    private fd: number | undefined,
    private readonly ino: number,
  ) {
    this.lastBeat = Date.now();
    this.timer = setInterval(() => this.beat(true), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** The token naming this run's temporary files. */
  get token(): string {
    return this.owner.token;
  }

  /** Takes the lock of `dir`, waiting for another run's up to `waitMs`, taking over one that is provably stale. */
  static async acquire(dir: string, options: LockOptions = {}): Promise<ReportLock> {
    const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
    const lockPath = path.join(dir, LOCK_NAME);
    const me = currentOwner();
    const content = JSON.stringify(me) + '\n';
    const t0 = performance.now();
    const rule = staleRule(me, staleMs);
    let waiting = false;
    let delay = 10;
    for (;;) {
      const fd = tryCreate(lockPath, content);
      if (fd !== undefined) return new ReportLock(dir, lockPath, me, content, fd, fs.fstatSync(fd).ino);
      const cur = look(lockPath);
      if (!cur) continue; // released meanwhile: try again at once
      if (takeOverIfStale(lockPath, cur, content, rule, tryCreate)) continue;
      const waited = performance.now() - t0;
      if (waited >= waitMs) {
        throw new ReportLockedError(
          `${dir}: another run is writing its report here (${describe(cur.owner)}; lock file ${lockPath}); ` +
            `gave up after ${Math.round(waitMs / 1000)} s. A lock whose run is gone is taken over: at once when that run was on this ` +
            `host and in this PID namespace, otherwise once the lock file has not changed for ${Math.round(staleMs / 1000)} s`,
        );
      }
      if (!waiting && waited >= 1000) {
        waiting = true;
        options.onWait?.(`${dir}: waiting for another run writing its report here (${describe(cur.owner)})`);
      }
      await sleep(Math.min(delay, Math.max(1, waitMs - waited)));
      delay = Math.min(delay * 2, 250);
    }
  }

  /** Refreshes the lock's mtime (a sign of life for waiters that cannot check our pid); throttled to 1/s unless forced. */
  beat(force = false): void {
    if (this.released || this.fd === undefined) return;
    const now = Date.now();
    if (!force && now - this.lastBeat < 1000) return;
    this.lastBeat = now;
    try {
      const t = new Date(now);
      fs.futimesSync(this.fd, t, t);
    } catch {
      /* e.g. a file system without futimes: waiters then only see the content */
    }
  }

  /** Whether the lock file is still ours (not taken over by a run that judged us stale). */
  stillHeld(): boolean {
    if (this.released) return false;
    const cur = look(this.path);
    if (!cur || cur.text !== this.content) return false;
    try {
      return fs.statSync(this.path).ino === this.ino;
    } catch {
      return false;
    }
  }

  /** Removes the lock file if it is still ours; stops the heartbeat. Idempotent. */
  release(): void {
    if (this.released) return;
    const mine = this.stillHeld();
    this.released = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* ignore */
      }
      this.fd = undefined;
    }
    if (mine) {
      try {
        fs.unlinkSync(this.path);
      } catch {
        /* gone */
      }
    }
  }
}
