/**
 * Files the report writes, never destroyed before they can be replaced:
 *  - `FileSink`: a buffered, synchronous writer (rows go to disk in 64 KiB chunks, memory stays flat) into a
 *    temporary file beside its target (`.NAME.PID.RANDOM.tmp`, same folder, so the rename is atomic);
 *    `close()` flushes and fsyncs it, `commit()` renames it over the target, `discard()` removes it. In
 *    background mode (the fleet report) full chunks are written through libuv's thread pool at their offsets
 *    and `finish()` fsyncs there, so the disk work runs beside the main thread.
 *  - `OutputSet`: the files of one report, committed whole (all replaced or none) only after every input was
 *    read and every file written, under the folder's lock (one run at a time; see the class comment and
 *    out-lock.ts); a failing, interrupted or killed run leaves the previous report as it was.
 * Every file-system error names the file and the operation (`report.json: cannot write (ENOSPC: …)`).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupOnSignal } from './on-signal';
import { ReportLock, type LockOptions } from './out-lock';

/** A write, fsync or rename that failed: the file and the operation are in the message. */
export class FileWriteError extends Error {
  constructor(
    readonly file: string,
    readonly operation: string,
    readonly code: string | undefined,
    readonly detail: string,
  ) {
    super(`${file}: cannot ${operation} (${detail})`);
    this.name = 'FileWriteError';
  }
}

function fsError(file: string, operation: string, e: unknown): FileWriteError {
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  // node's message is "ENOSPC: no space left on device, write": keep the reason, drop node's own path
  const reason = typeof err?.message === 'string' ? err.message.split(', ')[0]! : String(e);
  return new FileWriteError(file, operation, code, reason);
}

const TEMP_SUFFIX = '.tmp';
/** bytes a FileSink gathers before it writes them */
const CHUNK_BYTES = 1 << 16;
/** a background sink's chunks: fewer, larger writes handed to the thread pool (each hand-off wakes a thread) */
const BACKGROUND_CHUNK_BYTES = 1 << 18;

/** The temporary name beside `target` this process writes to. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** fsync a directory after renames in it (best effort: not every platform can open a directory). */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* e.g. Windows */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Chunks a background FileSink may have in the thread pool at once: past it, a chunk is written synchronously
 * (at its own offset, so order does not matter), which bounds the memory the writes hold to this many chunks.
 */
const MAX_IN_FLIGHT = 4;

export class FileSink {
  readonly tempPath: string;
  private fd: number | undefined;
  /** text is encoded straight into this buffer (no joined strings to collect): written out when full */
  private chunk: Buffer;
  private readonly chunkBytes: number;
  private used = 0;
  private state: 'open' | 'ended' | 'closed' | 'committed' | 'discarded' = 'open';
  private readonly onWrite: (() => void) | undefined;
  /**
   * Background mode (OutputSet.writeInBackground, the fleet report): full chunks go to libuv's thread pool
   * (fs.write at the chunk's file offset) while the main thread goes on encoding rows, and the fsync runs
   * there too (finish()): the encoding and the disk work use both cores. The fd is closed only once no write
   * is in flight, so a pending write can never land in another file that reused the fd's number.
   */
  private readonly background: boolean;
  /** the file offset of the next chunk written */
  private position = 0;
  private inFlight = 0;
  /** chunks whose writes completed, reused instead of allocated */
  private spare: Buffer[] = [];
  /** the first background write that failed: thrown by the next write, flush, close or finish */
  private failure: FileWriteError | undefined;
  private idle: (() => void)[] = [];

  /**
   * `autoCommit`: close() also renames (a single file on its own); otherwise the owner calls commit().
   * `tempPath`: the temporary file's name (default `.NAME.PID.RANDOM.tmp` beside the target); `onWrite`: called
   * after each write to disk (the report's lock heartbeat); `background`: see the field (the owner then calls
   * finish() before commit()).
   */
  constructor(
    readonly path: string,
    private readonly autoCommit = true,
    options: { tempPath?: string; onWrite?: () => void; background?: boolean } = {},
  ) {
    this.tempPath = options.tempPath ?? tempPathFor(path);
    this.onWrite = options.onWrite;
    this.background = options.background === true && !autoCommit;
    this.chunkBytes = this.background ? BACKGROUND_CHUNK_BYTES : CHUNK_BYTES;
    this.chunk = Buffer.allocUnsafe(this.chunkBytes);
    try {
      this.fd = fs.openSync(this.tempPath, 'wx', 0o644);
    } catch (e) {
      throw fsError(path, 'create a temporary file beside it', e);
    }
  }

  /** Raw bytes (e.g. a certificate file), after what was written so far. */
  writeBytes(data: Buffer): void {
    this.checkOpen();
    this.flush();
    this.writeSyncAt(data);
  }

  write(text: string): void {
    this.checkOpen();
    // a UTF-16 code unit is at most 3 bytes of UTF-8, so a text that passes this test fits whole
    if (text.length * 3 > this.chunkBytes - this.used) {
      this.flush();
      if (text.length * 3 > this.chunkBytes) {
        this.writeOut(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  /**
   * UTF-8 bytes already encoded (e.g. a row part that repeats, encoded once), after what was written so far:
   * copied into the chunk, not encoded again; never changed by the sink (a long one is written as it is).
   */
  writeEncoded(bytes: Buffer): void {
    this.checkOpen();
    if (bytes.length > this.chunkBytes - this.used) {
      this.flush();
      if (bytes.length > this.chunkBytes) {
        this.writeOut(bytes);
        return;
      }
    }
    this.used += bytes.copy(this.chunk, this.used);
  }

  flush(): void {
    this.checkOpen();
    if (this.used) {
      const full = this.chunk.subarray(0, this.used);
      if (this.background) {
        // the chunk goes to the thread pool as it is: the next text is encoded into another buffer
        const owner = this.chunk;
        this.chunk = this.spare.pop() ?? Buffer.allocUnsafe(this.chunkBytes);
        this.writeOut(full, owner);
      } else this.writeOut(full);
    }
    this.used = 0;
  }

  private checkOpen(): void {
    if (this.failure) throw this.failure;
    if (this.state !== 'open') throw new Error(`${this.path}: written after close`);
  }

  /** `owner`: the chunk `data` is part of, reused once `data` is written */
  private writeOut(data: Buffer, owner?: Buffer): void {
    if (!this.background || this.inFlight >= MAX_IN_FLIGHT) {
      this.writeSyncAt(data);
      if (owner) this.spare.push(owner);
      return;
    }
    const fd = this.fd!;
    const start = this.position;
    this.position += data.length;
    this.inFlight++;
    const done = (e: NodeJS.ErrnoException | null): void => {
      this.inFlight--;
      if (e) this.failure ??= fsError(this.path, 'write', e);
      else if (owner && this.spare.length < MAX_IN_FLIGHT) this.spare.push(owner);
      if (this.inFlight === 0) this.settled();
    };
    const rest = (off: number): void => {
      fs.write(fd, data, off, data.length - off, start + off, (e, n) => {
        if (e || off + n >= data.length) done(e);
        else rest(off + n);
      });
    };
    rest(0);
    this.onWrite?.();
  }

  /** Writes `data` now at the next offset (positional, so background writes still in flight do not matter). */
  private writeSyncAt(data: Buffer): void {
    try {
      let off = 0;
      while (off < data.length) off += fs.writeSync(this.fd!, data, off, data.length - off, this.position + off);
    } catch (e) {
      throw fsError(this.path, 'write', e);
    }
    this.position += data.length;
    this.onWrite?.();
  }

  /** No write in flight any more: a deferred close, then whoever waited. */
  private settled(): void {
    if (this.state === 'discarded') this.closeFd();
    for (const resolve of this.idle.splice(0)) resolve();
  }

  /** Resolves when the background writes issued so far are on disk (at once when none is in flight). */
  drained(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      /* already closed */
    }
    this.fd = undefined;
  }

  /**
   * Flushes and fsyncs the temporary file (and renames it when autoCommit). In background mode it only
   * flushes and ends the writes: finish() then waits for them and fsyncs in the thread pool.
   */
  close(): void {
    if (this.state !== 'open') return;
    this.flush();
    if (this.background) {
      this.state = 'ended';
      return;
    }
    try {
      fs.fsyncSync(this.fd!);
    } catch (e) {
      throw fsError(this.path, 'fsync', e);
    } finally {
      fs.closeSync(this.fd!);
      this.fd = undefined;
      this.state = 'closed';
    }
    if (this.autoCommit) {
      this.commit();
      syncDirectory(path.dirname(this.path));
    }
  }

  /**
   * Closes the file without blocking the main thread: flushes, waits for the background writes, fsyncs in
   * the thread pool (several sinks' fsyncs at once), closes. The errors are close()'s.
   */
  async finish(): Promise<void> {
    if (this.state === 'open') this.close();
    if (this.state !== 'ended') return;
    await this.drained();
    const fd = this.fd!;
    try {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(fsError(this.path, 'fsync', e)) : resolve())));
    } finally {
      if (this.state === 'ended') {
        this.closeFd();
        this.state = 'closed';
      }
    }
  }

  /** Renames the closed temporary file over the target. */
  commit(): void {
    if (this.state === 'open') this.close();
    if (this.state === 'ended') throw new Error(`${this.path}: written in the background: finish() before commit()`);
    if (this.state !== 'closed') return;
    try {
      fs.renameSync(this.tempPath, this.path);
    } catch (e) {
      throw fsError(this.path, 'replace (rename)', e);
    }
    this.state = 'committed';
  }

  /** Removes the temporary file; the target is left as it was. */
  discard(): void {
    if (this.state === 'committed' || this.state === 'discarded') return;
    this.state = 'discarded';
    // with writes in flight, the last one closes the fd (settled())
    if (this.inFlight === 0) this.closeFd();
    try {
      fs.unlinkSync(this.tempPath);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Writes `text` to `file` atomically (temporary file, fsync, rename). A target that exists and is not a
 * regular file (/dev/stdout, a FIFO, a device) is written in place: it cannot be replaced, and must not be.
 * A symbolic link's target is replaced, not the link.
 */
export function writeFileAtomic(file: string, text: string): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    st = undefined;
  }
  if (st && !st.isFile()) {
    if (st.isDirectory()) throw new FileWriteError(file, 'write', 'EISDIR', 'EISDIR: is a directory');
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'w');
      const data = Buffer.from(text, 'utf8');
      let off = 0;
      while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      throw fsError(file, 'write', e);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    return;
  }
  if (st) {
    try {
      file = fs.realpathSync(file);
    } catch {
      /* keep the name */
    }
  }
  const sink = new FileSink(file, false);
  try {
    sink.write(text);
    sink.commit();
    syncDirectory(path.dirname(file));
  } catch (e) {
    sink.discard();
    throw e;
  }
}

/** The temporary files, kept old files and manifests of a locked report run: `.NAME.PID.TOKEN.tmp|old`, `.report-commit.PID.TOKEN.manifest`. */
const RUN_FILE = /^\.(.+)\.(\d+)\.([0-9a-f]{16})\.(tmp|old|manifest)$/;
/** temporary report files of versions without the folder lock (`.report.json.PID.RANDOM.tmp`) */
const LEGACY_TEMP = /^\.report\.(?:json|csv|html)\.\d+\.[0-9a-f]{8}\.tmp$/;
/** a legacy temporary file is removed once it has not changed for this long (its writer took no lock) */
export const LEGACY_TEMP_AGE_MS = 60 * 60 * 1000;

/** One file of a commit: names inside the folder; `backup` null when there was no previous file. */
interface ManifestEntry {
  target: string;
  temp: string;
  backup: string | null;
}

const lexists = (p: string): boolean => {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

function sameFile(a: string, b: string): boolean {
  try {
    const x = fs.lstatSync(a);
    const y = fs.lstatSync(b);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

const unlinkQuietly = (p: string): void => {
  try {
    fs.unlinkSync(p);
  } catch {
    /* gone */
  }
};

/**
 * Undoes a commit that did not finish: each kept previous file is renamed back over its target, a file that
 * did not exist before and was renamed in is removed, temporary files are removed. Works from what is on disk,
 * so it serves both a rename that failed in this run and the manifest of a run that was killed mid-commit.
 * Returns false when a previous file could not be put back (its copy is then left where it is).
 */
function rollBack(dir: string, entries: readonly ManifestEntry[]): boolean {
  let ok = true;
  for (const e of entries) {
    const target = path.join(dir, e.target);
    const temp = path.join(dir, e.temp);
    if (e.backup !== null) {
      const backup = path.join(dir, e.backup);
      if (lexists(backup)) {
        try {
          fs.renameSync(backup, target); // a no-op when the target was never replaced (the same file)
        } catch {
          /* judged below */
        }
        if (lexists(backup)) {
          if (sameFile(backup, target)) unlinkQuietly(backup);
          else ok = false;
        }
      }
    } else if (!lexists(temp) && lexists(target)) {
      // renamed in where there was no file: the folder had no such file before the commit
      try {
        if (!fs.lstatSync(target).isDirectory()) fs.unlinkSync(target);
      } catch {
        ok = false;
      }
    }
    unlinkQuietly(temp);
  }
  return ok;
}

/** The folder's mount points (from /proc/self/mountinfo; empty where there is none): renaming over one fails with EBUSY. */
function mountPoints(): Set<string> {
  const set = new Set<string>();
  let text: string;
  try {
    text = fs.readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return set;
  }
  for (const line of text.split('\n')) {
    const mp = line.split(' ')[4];
    if (mp) set.add(mp.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))));
  }
  return set;
}

/** Keeps the previous file under `backup` (a hard link, or a copy where the file system has none). */
function keepPrevious(target: string, backup: string): void {
  try {
    fs.linkSync(target, backup);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EACCES'].includes(code ?? '')) throw fsError(target, 'keep the previous file', e);
  }
  try {
    fs.copyFileSync(target, backup, fs.constants.COPYFILE_EXCL);
  } catch (e) {
    throw fsError(target, 'keep the previous file', e);
  }
}

function parseManifest(text: string, token: string, pid: string): ManifestEntry[] | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entries = (v as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return undefined;
  const out: ManifestEntry[] = [];
  for (const e of entries as unknown[]) {
    const { target, temp, backup } = (e ?? {}) as Record<string, unknown>;
    // names inside the folder only, and the run's own temporary / kept files
    if (typeof target !== 'string' || path.basename(target) !== target || target === '.' || target === '..') return undefined;
    if (temp !== `.${target}.${pid}.${token}.tmp`) return undefined;
    if (backup !== null && backup !== `.${target}.${pid}.${token}.old`) return undefined;
    out.push({ target, temp, backup });
  }
  return out;
}

/**
 * What runs that no longer hold the folder's lock left behind (called under the lock): commits they did not
 * finish are rolled back by their manifests, then their temporary and kept files are removed. Only files named
 * with another run's token are touched (every run holds the lock while such files exist, so they belong to no
 * live run), and temporary files of versions without the lock once untouched for LEGACY_TEMP_AGE_MS.
 */
export function removeLeftovers(dir: string, ownToken: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const keep = new Set<string>();
  for (const n of names) {
    const m = RUN_FILE.exec(n);
    if (!m || m[4] !== 'manifest' || m[3] === ownToken || m[1] !== 'report-commit') continue;
    const file = path.join(dir, n);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const entries = parseManifest(text, m[3]!, m[2]!);
    // a manifest that cannot be read was being written: no previous file had been touched yet
    if (entries && !rollBack(dir, entries)) {
      keep.add(m[3]!);
      continue;
    }
    unlinkQuietly(file);
  }
  const now = Date.now();
  for (const n of fs.readdirSync(dir)) {
    const m = RUN_FILE.exec(n);
    if (m) {
      if (m[3] !== ownToken && !keep.has(m[3]!)) unlinkQuietly(path.join(dir, n));
    } else if (LEGACY_TEMP.test(n)) {
      try {
        if (now - fs.lstatSync(path.join(dir, n)).mtimeMs > LEGACY_TEMP_AGE_MS) fs.unlinkSync(path.join(dir, n));
      } catch {
        /* gone */
      }
    }
  }
  syncDirectory(dir);
}

/** How an OutputSet takes its folder's lock (see out-lock.ts). */
export type OutputSetOptions = LockOptions;

/**
 * The files of one report, committed whole: all replaced or none.
 *
 * `OutputSet.acquire(dir)` takes the folder's lock (ReportLock: one run at a time), rolls back and removes what
 * dead runs left, and names every temporary file with the run's token. Each file is written to its temporary
 * file; commit() then:
 *  1. closes (fsyncs) every temporary file and checks the lock is still this run's;
 *  2. checks every target can be replaced (not a directory: EISDIR; not a mount point: EBUSY) before touching any;
 *  3. writes a manifest (`.report-commit.PID.TOKEN.manifest`: target, temporary and kept names), fsynced;
 *  4. keeps each previous file under `.NAME.PID.TOKEN.old` (a hard link: no copy; a copy where links fail);
 *  5. renames the temporary files over the targets; if one fails, the previous files are renamed back and
 *     the new ones removed, so the folder holds the previous report whole, and the error names the file;
 *  6. removes the manifest (the commit point: from here the new report stands), then the kept files.
 * A run killed during 3–6 leaves the manifest: the next run, under the lock, rolls that commit back.
 * SIGINT, SIGTERM and SIGHUP remove the run's temporary files and release the lock, then end the process.
 * `new OutputSet()` (without a lock) commits the same way but neither serialises runs nor removes leftovers.
 */
export class OutputSet {
  private sinks: FileSink[] = [];
  private scratches: FileSink[] = [];
  private state: 'open' | 'committed' | 'discarded' = 'open';
  private interruptedBy: string | undefined;
  private unhook: (() => void) | undefined;
  private dir: string | undefined;
  /** sinks opened from now on write in the background (FileSink's `background`); finishWrites() before commit() */
  private background = false;
  private finished = false;
  /** names this run's temporary, kept and manifest files */
  readonly token: string;

  constructor(private readonly lock?: ReportLock) {
    this.token = lock?.token ?? randomBytes(8).toString('hex');
    this.dir = lock ? path.resolve(lock.dir) : undefined;
    this.unhook = cleanupOnSignal((sig) => {
      this.interruptedBy = sig;
      this.discard();
    });
  }

  /** Takes the lock of `dir` (waiting as `options` say) and clears what dead runs left there. */
  static async acquire(dir: string, options: OutputSetOptions = {}): Promise<OutputSet> {
    const lock = await ReportLock.acquire(dir, options);
    try {
      removeLeftovers(dir, lock.token);
    } catch (e) {
      lock.release();
      throw e;
    }
    return new OutputSet(lock);
  }

  /**
   * The files opened from now on are written through libuv's thread pool (see FileSink's `background`), so the
   * disk work overlaps the main thread's; the owner then awaits finishWrites() before commit().
   */
  writeInBackground(): void {
    this.background = true;
  }

  /**
   * Ends every file's writes and fsyncs them all at once in the thread pool (the files' own errors: a write
   * or fsync that failed names its file); commit() then has nothing left to wait for.
   */
  async finishWrites(): Promise<void> {
    if (this.state !== 'open') throw new Error(`the report's files were already ${this.state}`);
    const results = await Promise.allSettled(this.sinks.map((s) => s.finish()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    this.finished = true;
  }

  open(file: string): FileSink {
    if (this.state !== 'open') throw new Error(`${file}: the report's files were already ${this.state}`);
    const dir = path.dirname(path.resolve(file));
    const base = path.basename(file);
    if (this.dir === undefined) this.dir = dir;
    else if (dir !== this.dir) throw new Error(`${file}: a report's files all go into one folder (${this.dir})`);
    if (this.sinks.some((s) => path.basename(s.path) === base)) throw new Error(`${file}: opened twice`);
    const s = new FileSink(path.join(dir, base), false, {
      tempPath: path.join(dir, `.${base}.${process.pid}.${this.token}.tmp`),
      background: this.background,
      ...(this.lock ? { onWrite: () => this.lock!.beat() } : {}),
    });
    this.sinks.push(s);
    return s;
  }

  /**
   * A temporary part beside `file` that is never committed (e.g. the page's rows before they are copied into
   * report.html): named with this run's token, so signals, discard() and the next run's clean-up remove it like
   * the run's other temporary files; the caller discards it when done.
   */
  scratch(file: string, part: string): FileSink {
    if (this.state !== 'open') throw new Error(`${file}: the report's files were already ${this.state}`);
    const dir = path.dirname(path.resolve(file));
    const s = new FileSink(path.join(dir, path.basename(file)), false, {
      tempPath: path.join(dir, `.${path.basename(file)}.${part}.${process.pid}.${this.token}.tmp`),
      background: this.background,
      ...(this.lock ? { onWrite: () => this.lock!.beat() } : {}),
    });
    this.scratches.push(s);
    return s;
  }

  writeFile(file: string, content: string | Buffer): void {
    const s = this.open(file);
    if (typeof content === 'string') s.write(content);
    else s.writeBytes(content);
    s.close();
  }

  /** Replaces every target, or none (see the class comment); releases the lock either way. */
  commit(): void {
    if (this.interruptedBy) throw new FileWriteError(this.dir ?? '.', 'commit the report', 'EINTR', `interrupted by ${this.interruptedBy}; no report file was replaced`);
    if (this.state !== 'open') throw new Error(`the report's files were already ${this.state}`);
    const dir = this.dir;
    try {
      if (this.background && !this.finished) throw new Error("the report's files are written in the background: finishWrites() before commit()");
      for (const s of this.sinks) s.close();
      if (dir === undefined) {
        this.state = 'committed';
        return;
      }
      if (this.lock && !this.lock.stillHeld())
        throw new FileWriteError(
          dir,
          'commit the report',
          'ELOCKLOST',
          `its lock ${this.lock.path} was taken over by another run while this one was stopped; no report file was replaced`,
        );
      const entries = this.plan(dir);
      const manifest = path.join(dir, `.report-commit.${process.pid}.${this.token}.manifest`);
      this.writeManifest(manifest, entries);
      try {
        for (const e of entries) if (e.backup !== null) keepPrevious(path.join(dir, e.target), path.join(dir, e.backup));
        syncDirectory(dir);
        for (const e of entries) {
          try {
            fs.renameSync(path.join(dir, e.temp), path.join(dir, e.target));
          } catch (err) {
            throw fsError(path.join(dir, e.target), 'replace (rename)', err);
          }
        }
      } catch (err) {
        const restored = rollBack(dir, entries);
        if (restored) unlinkQuietly(manifest);
        syncDirectory(dir);
        throw kept(err, restored ? 'the previous report is kept whole' : `the previous files could not all be put back: see ${manifest}`);
      }
      syncDirectory(dir);
      fs.unlinkSync(manifest); // the commit point
      for (const e of entries) if (e.backup !== null) unlinkQuietly(path.join(dir, e.backup));
      syncDirectory(dir);
      this.state = 'committed';
    } finally {
      if (this.state !== 'committed') this.discard();
      else this.finish();
    }
  }

  /** Each target's temporary and kept names; throws before anything is touched when a target cannot be replaced. */
  private plan(dir: string): ManifestEntry[] {
    let mounts: Set<string> | undefined;
    let realDir = dir;
    try {
      realDir = fs.realpathSync(dir);
    } catch {
      /* keep */
    }
    return this.sinks.map((s) => {
      const target = path.basename(s.path);
      let st: fs.Stats | undefined;
      try {
        st = fs.lstatSync(s.path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw kept(fsError(s.path, 'replace', e), 'no report file was replaced');
      }
      if (st?.isDirectory()) throw new FileWriteError(s.path, 'replace', 'EISDIR', 'EISDIR: is a directory; no report file was replaced');
      if (st) {
        mounts ??= mountPoints();
        if (mounts.has(path.join(realDir, target)))
          throw new FileWriteError(s.path, 'replace', 'EBUSY', 'EBUSY: a mount point; no report file was replaced');
      }
      return { target, temp: path.basename(s.tempPath), backup: st ? `.${target}.${process.pid}.${this.token}.old` : null };
    });
  }

  private writeManifest(file: string, entries: ManifestEntry[]): void {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify({ version: 1, token: this.token, entries }) + '\n');
      fs.fsyncSync(fd);
    } catch (e) {
      unlinkQuietly(file);
      throw kept(fsError(file, 'write', e), 'no report file was replaced');
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** Removes the temporary files (the targets are left as they were) and releases the lock. */
  discard(): void {
    for (const s of this.scratches) s.discard();
    if (this.state === 'committed') return;
    for (const s of this.sinks) s.discard();
    this.state = 'discarded';
    this.finish();
  }

  private finish(): void {
    this.unhook?.();
    this.unhook = undefined;
    this.lock?.release();
  }
}

/** The error with what became of the previous report added to its message. */
function kept(e: unknown, note: string): Error {
  if (e instanceof FileWriteError) {
    return new FileWriteError(e.file, e.operation, e.code, `${e.detail}; ${note}`);
  }
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The input (an inventory file or an installer) that is one of the files a report would replace, if any:
 * the report must never overwrite what it reads. Compared by real path, so `./report.csv` and a symbolic
 * link to it are the same file.
 */
export function inputOverwrittenBy(outputs: readonly string[], inputs: readonly string[]): string | undefined {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const outs = new Set(outputs.map(real));
  return inputs.find((i) => outs.has(real(i)));
}
