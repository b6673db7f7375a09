/**
 * Files the report writes, never destroyed before they can be replaced:
 *  - `FileSink`: a buffered, synchronous writer (rows go to disk in 64 KiB chunks, memory stays flat) into a
 *    temporary file beside its target (`.NAME.PID.RANDOM.tmp`, same folder, so the rename is atomic);
 *    `close()` flushes and fsyncs it, `commit()` renames it over the target, `discard()` removes it.
 *  - `OutputSet`: the files of one report, committed together only after every input was read and every
 *    file written (a failing run leaves the previous report untouched; a killed run leaves the old or the new
 *    file, each complete, never a truncated one; concurrent runs each rename complete files).
 * Every file-system error names the file and the operation (`report.json: cannot write (ENOSPC: …)`).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A write, fsync or rename that failed: the file and the operation are in the message. */
export class FileWriteError extends Error {
  constructor(
    readonly file: string,
    readonly operation: string,
    readonly code: string | undefined,
    detail: string,
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

/** The temporary name beside `target` this process writes to. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files a killed run left beside `target` (their process is gone). Best effort. */
export function removeStaleTemps(target: string): void {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith(TEMP_SUFFIX)) continue;
    const m = /^(\d+)\.[0-9a-f]{8}$/.exec(n.slice(prefix.length, -TEMP_SUFFIX.length));
    if (!m || Number(m[1]) === process.pid || pidAlive(Number(m[1]))) continue;
    try {
      fs.unlinkSync(path.join(dir, n));
    } catch {
      /* another run removed it */
    }
  }
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

export class FileSink {
  readonly tempPath: string;
  private fd: number | undefined;
  /** text is encoded straight into this buffer (no joined strings to collect): written out when full */
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private state: 'open' | 'closed' | 'committed' | 'discarded' = 'open';

  /** `autoCommit`: close() also renames (a single file on its own); otherwise the owner calls commit(). */
  constructor(
    readonly path: string,
    private readonly autoCommit = true,
  ) {
    this.tempPath = tempPathFor(path);
    try {
      this.fd = fs.openSync(this.tempPath, 'wx', 0o644);
    } catch (e) {
      throw fsError(path, 'create a temporary file beside it', e);
    }
  }

  /** Raw bytes (e.g. a certificate file), after what was written so far. */
  writeBytes(data: Buffer): void {
    if (this.state !== 'open') throw new Error(`${this.path}: written after close`);
    this.flush();
    this.writeOut(data);
  }

  write(text: string): void {
    if (this.state !== 'open') throw new Error(`${this.path}: written after close`);
    // a UTF-16 code unit is at most 3 bytes of UTF-8, so a text that passes this test fits whole
    if (text.length * 3 > CHUNK_BYTES - this.used) {
      this.flush();
      if (text.length * 3 > CHUNK_BYTES) {
        this.writeOut(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  flush(): void {
    if (this.state !== 'open') throw new Error(`${this.path}: written after close`);
    if (this.used) this.writeOut(this.chunk.subarray(0, this.used));
    this.used = 0;
  }

  private writeOut(data: Buffer): void {
    try {
      let off = 0;
      while (off < data.length) off += fs.writeSync(this.fd!, data, off, data.length - off);
    } catch (e) {
      throw fsError(this.path, 'write', e);
    }
  }

  /** Flushes and fsyncs the temporary file (and renames it when autoCommit). */
  close(): void {
    if (this.state !== 'open') return;
    this.flush();
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

  /** Renames the closed temporary file over the target. */
  commit(): void {
    if (this.state === 'open') this.close();
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
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    try {
      fs.unlinkSync(this.tempPath);
    } catch {
      /* already gone */
    }
    this.state = 'discarded';
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

/** The files of one report: each written to its temporary file, all renamed by commit(), or none by discard(). */
export class OutputSet {
  private sinks: FileSink[] = [];

  open(file: string): FileSink {
    removeStaleTemps(file);
    const s = new FileSink(file, false);
    this.sinks.push(s);
    return s;
  }

  writeFile(file: string, content: string | Buffer): void {
    const s = this.open(file);
    if (typeof content === 'string') s.write(content);
    else s.writeBytes(content);
    s.close();
  }

  /** Every file closed (fsynced) first, then renamed; the folder fsynced. */
  commit(): void {
    for (const s of this.sinks) s.close();
    for (const s of this.sinks) s.commit();
    const dirs = new Set(this.sinks.map((s) => path.dirname(s.path)));
    for (const d of dirs) syncDirectory(d);
  }

  discard(): void {
    for (const s of this.sinks) s.discard();
  }
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
