/**
 * The one writer of the CLI's standard output: text is gathered into chunks of 64 KiB and written with
 * backpressure, so memory stays flat whatever the reader's speed (`readiness --json` of 400 000 machines
 * into a slow pipe held 1.2 GB when each line went to process.stdout at once, whose queue has no bound).
 *
 *  - `write(text)` returns a promise when the stream is full (its buffer over its high-water mark): the
 *    caller that produces much (one line per machine) awaits it before going on; a caller that writes a
 *    summary can ignore it. Small writes in one turn of the event loop are joined into one write.
 *  - A reader that goes away (EPIPE: `| head -1`) is not an error: the writer stops, and the next write throws
 *    OutputClosedError, which main() turns into a quiet end of the run (nothing more is read or printed).
 *  - Any other write error (ENOSPC on a redirected file, EIO, ENOBUFS) is one line on stderr and exit 2,
 *    never a stack trace: OutputWriteError.
 *
 * Report files are not written here (src/report/sink.ts): only the standard output stream.
 */
import type { Writable } from 'node:stream';

/** The reader of standard output went away (EPIPE): the run ends quietly. */
export class OutputClosedError extends Error {
  override readonly name = 'OutputClosedError';
  constructor() {
    super('the reader of the standard output closed it');
  }
}

/** Standard output could not be written (ENOSPC, EIO, ENOBUFS, …). */
export class OutputWriteError extends Error {
  override readonly name = 'OutputWriteError';
  constructor(readonly code: string) {
    super(`cannot write to the standard output (${code})`);
  }
}

/** Codes that mean the reader is gone, not that writing failed. */
const READER_GONE: ReadonlySet<string> = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', 'ECONNRESET']);

export const STDOUT_CHUNK = 64 * 1024;
/** chunk buffers kept for reuse (StreamWriter.free): the writer waits for the stream, so few are in flight */
const FREE_BUFFERS = 4;

export class StreamWriter {
  /**
   * The chunk being gathered, already in UTF-8: each text is encoded into it as it comes (Buffer#write), so a
   * chunk is never joined from parts and encoded again (joining and encoding per chunk, with one two-byte text
   * turning the whole chunk two-byte, was a twentieth of `readiness --json`'s time). A chunk goes to the stream
   * once it holds `chunk` bytes; a fresh buffer follows (the stream may keep the old one until written).
   */
  private buf: Buffer | undefined;
  /**
   * Chunk buffers the stream is done with, for the next chunks (at most FREE_BUFFERS). Only for a stream backed
   * by a file descriptor (process.stdout: a file, a pipe), which has copied a chunk out when its write callback
   * runs; any other stream (a PassThrough) may hand the very buffer on to its reader, so it gets fresh ones.
   * Why: a fresh 128 KiB buffer per chunk left hundreds of MB of freed buffers in the process's RSS under load
   * (tests/hostile/stdout-pipe: 490 MB once in a full run, with the heap capped at 128 MB).
   */
  private free: Buffer[] | undefined;
  private used = 0;
  private scheduled = false;
  private waiting: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  private readonly chunk: number;
  /** room of a chunk's buffer: twice the chunk, so a chunk fills up to its size with texts of any length below it */
  private readonly room: number;

  constructor(
    private readonly stream: Writable,
    chunk = STDOUT_CHUNK,
  ) {
    // a terminal gets each write at once (its lines stay in order with stderr's); pipes and files in chunks
    this.chunk = (stream as { isTTY?: boolean }).isTTY ? 0 : chunk;
    this.room = 2 * this.chunk;
    if (typeof (stream as { fd?: unknown }).fd === 'number') this.free = [];
    stream.on('error', (e: NodeJS.ErrnoException) => this.fail(e));
    stream.on('drain', () => this.release());
    stream.on('close', () => {
      if (!this.failure && this.waiting) this.fail(Object.assign(new Error('closed'), { code: 'EPIPE' }));
    });
  }

  /** True once the reader is gone or writing failed. */
  get closed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Queues `text`. Returns a promise to await before writing more when the stream is full, else undefined.
   * @throws OutputClosedError / OutputWriteError once the stream failed
   */
  write(text: string): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    if (text.length === 0) return this.waiting;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: a text that may not fit sends the chunk first
    const most = 3 * text.length;
    if (most > this.room - this.used) {
      void this.push();
      // longer than a chunk's room (or a terminal): written as it is, after what was gathered before it
      if (most > this.room) return this.send(text);
    }
    this.used += this.chunkBuffer().write(text, this.used);
    return this.gathered();
  }

  /**
   * Queues `bytes` (UTF-8 already: a text that repeats, encoded once by its maker) as `write` queues a text:
   * copied into the chunk being gathered, the same backpressure and errors. The caller must not change
   * `bytes` afterwards when they are longer than a chunk's room (then they are handed to the stream as they are).
   */
  writeBytes(bytes: Uint8Array): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    if (bytes.length === 0) return this.waiting;
    if (bytes.length > this.room - this.used) {
      void this.push();
      if (bytes.length > this.room) return this.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    }
    this.chunkBuffer().set(bytes, this.used);
    this.used += bytes.length;
    return this.gathered();
  }

  /** The chunk being gathered: a reused buffer (see `free`) or a fresh one. */
  private chunkBuffer(): Buffer {
    return (this.buf ??= this.free?.pop() ?? Buffer.allocUnsafe(this.room));
  }

  /** After a text or bytes went into the chunk: sends a full chunk, else sends it on the next turn of the loop. */
  private gathered(): Promise<void> | undefined {
    if (this.used >= this.chunk) return this.push();
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.push();
      });
    }
    return this.waiting;
  }

  /** Writes what is queued and waits until the stream has taken it. @throws as write does */
  async flush(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      const w = this.push();
      if (!w) return;
      await w;
    }
  }

  private push(): Promise<void> | undefined {
    if (this.failure) return undefined;
    if (this.used) {
      const whole = this.buf!;
      const out = whole.subarray(0, this.used);
      this.buf = undefined;
      this.used = 0;
      return this.send(out, whole);
    }
    return this.waiting;
  }

  /**
   * Hands `data` to the stream; the promise to wait on when the stream is full. `whole`: the chunk buffer `data`
   * is part of, kept for reuse once the stream has written it (see `free`).
   */
  private send(data: string | Buffer, whole?: Buffer): Promise<void> | undefined {
    if (this.failure) return undefined;
    let ok: boolean;
    const free = this.free;
    try {
      ok = whole && free ? this.stream.write(data, (e) => !e && free.length < FREE_BUFFERS && free.push(whole)) : this.stream.write(data);
    } catch (e) {
      this.fail(e as NodeJS.ErrnoException);
      return undefined;
    }
    if (!ok && !this.waiting) this.waiting = new Promise<void>((resolve) => (this.wake = resolve));
    return this.waiting;
  }

  private release(): void {
    const wake = this.wake;
    this.waiting = undefined;
    this.wake = undefined;
    wake?.();
  }

  private fail(e: NodeJS.ErrnoException): void {
    if (!this.failure) {
      const code = typeof e.code === 'string' ? e.code : 'EIO';
      this.failure = READER_GONE.has(code) ? new OutputClosedError() : new OutputWriteError(code);
    }
    this.buf = undefined;
    this.used = 0;
    // whoever waits for room wakes up, and its next write throws
    this.release();
  }
}

/** True for the errors of a StreamWriter (by name: errors may cross realms under jest). */
export function isOutputClosed(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'OutputClosedError';
}
export function isOutputWriteError(e: unknown): e is OutputWriteError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'OutputWriteError';
}
