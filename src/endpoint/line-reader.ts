/**
 * Streams a file as decoded lines (UTF-8/UTF-16/Shift_JIS detected from the first chunk), with bounded
 * memory: a line longer than `maxLineBytes` BYTES of the file (whatever its encoding: a UTF-16 line's
 * length is counted as two bytes per code unit) is reported once as `{ tooLong: true, length }` (its length
 * in bytes) and skipped up to the next line end, so a 200 MB file without line breaks costs one chunk of
 * memory, not 200 MB.
 *
 * UTF-8 and Shift_JIS files are split into lines as bytes (LF is never part of a multi-byte character in
 * either), and in a UTF-8 file each line is decoded on its own: a line with an invalid byte comes with
 * `invalidEncoding: true` (its text has U+FFFD where the bytes were bad) so the reader can report that line
 * and read the others, instead of one bad byte changing how the whole file is decoded.
 * The file is opened with O_NONBLOCK and must be a regular file (a FIFO never blocks the reader).
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { TextDecoder } from 'node:util';
import { detectEncoding, StreamingTextDecoder, type TextEncodingName } from './decode';
import { InputError } from './errors';

export type StreamedLine =
  | { line: number; text: string; tooLong?: false; invalidEncoding?: boolean }
  /** length: of the line in bytes of the file */
  | { line: number; tooLong: true; length: number };

const openFd = promisify(fs.open);
const fstatFd = promisify(fs.fstat);
const readFd = promisify(fs.read);
const closeFd = promisify(fs.close);

/**
 * Opens `file` for a stream: a regular file, never blocking on a FIFO. A plain descriptor, not a FileHandle:
 * a read stream over a descriptor reads through fs.read's callbacks, a fifth faster in wall time than a
 * FileHandle's promise per chunk (issue 18.8), and the stream owns (closes) it from then on.
 */
async function openRegular(file: string): Promise<number> {
  let fd: number;
  try {
    fd = await openFd(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError(file, undefined, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    if (!(await fstatFd(fd)).isFile()) throw new InputError(file, undefined, 'not a regular file');
  } catch (e) {
    await closeFd(fd).catch(() => undefined);
    throw e;
  }
  return fd;
}

export async function* readLines(file: string, maxLineBytes = 1 << 20): AsyncGenerator<StreamedLine> {
  // for…of and yield, not yield* over the array (which adds a promise per line)
  for await (const batch of readLineBatches(file, maxLineBytes)) for (let i = 0; i < batch.length; i++) yield batch[i]!;
}

/**
 * The lines of `file` as readLines gives them, in batches (one per chunk read): a reader of 100 000-line
 * files pays one asynchronous step per chunk instead of one per line.
 */
export async function* readLineBatches(file: string, maxLineBytes = 1 << 20): AsyncGenerator<StreamedLine[]> {
  const fd = await openRegular(file);
  let stream: fs.ReadStream;
  let encoding: TextEncodingName;
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await readFd(fd, head, 0, head.length, 0);
    const st = await fstatFd(fd);
    // the first MiB decides the encoding (as before); only the splitting differs
    const firstMiB = Buffer.alloc(Math.min(st.size, 1 << 20));
    if (firstMiB.length > bytesRead) await readFd(fd, firstMiB, 0, firstMiB.length, 0);
    else head.copy(firstMiB, 0, 0, firstMiB.length);
    encoding = detectEncoding(firstMiB, st.size > firstMiB.length).encoding;
    // the stream owns the descriptor from here (it closes it when it ends or is destroyed)
    // 64 KiB reads: a batch of lines that small dies young (1 MiB batches were promoted to the old heap and
    // doubled the peak RSS of reading 100 000 machines), and reads are no slower
    stream = fs.createReadStream('', { fd, start: 0, highWaterMark: 1 << 16 });
  } catch (e) {
    // the stream was not made: the descriptor is still ours to close; the error goes on as it was
    await closeFd(fd).catch(() => undefined);
    throw e;
  }
  try {
    if (encoding === 'utf-16le' || encoding === 'utf-16be') yield* textLines(file, stream, maxLineBytes);
    else yield* byteLines(file, stream, maxLineBytes, encoding);
  } finally {
    stream.destroy();
  }
}

/**
 * UTF-8 / Shift_JIS: lines split as bytes; UTF-8 lines decoded one by one, bad ones flagged. One batch per
 * chunk read (a line that lies inside one chunk is decoded from it without a copy).
 */
async function* byteLines(
  file: string,
  stream: AsyncIterable<unknown>,
  maxLineBytes: number,
  encoding: TextEncodingName,
): AsyncGenerator<StreamedLine[]> {
  const strict = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  const lenient = new TextDecoder(encoding, { fatal: false });
  let parts: Buffer[] = [];
  let partLen = 0;
  let lineNo = 1;
  let skipping = false;
  let skippedLen = 0;
  let first = true;
  const emit = (bytes: Buffer): StreamedLine => {
    let b = bytes;
    if (b.length && b[b.length - 1] === 0x0d) b = b.subarray(0, -1);
    if (first) {
      first = false;
      if (encoding === 'utf-8' && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    }
    if (strict) {
      try {
        return { line: lineNo, text: strict.decode(b) };
      } catch {
        return { line: lineNo, text: lenient.decode(b), invalidEncoding: true };
      }
    }
    return { line: lineNo, text: lenient.decode(b) };
  };
  try {
    for await (const c of stream) {
      const chunk = c as Buffer;
      const batch: StreamedLine[] = [];
      let start = 0;
      // the whole lines of a chunk of a UTF-8 file in one decode when they are valid UTF-8 (one decoder call
      // per line was a tenth of reading a fleet): the same texts as `emit` gives each (a CR before the LF
      // and one BOM at the line's start dropped, as the decoder drops it); anything else line by line below
      let tryWhole = strict !== undefined;
      for (;;) {
        if (tryWhole && !first && !skipping && partLen === 0) {
          tryWhole = false;
          const last = chunk.lastIndexOf(0x0a);
          if (last >= start && last - start <= maxLineBytes && isUtf8(chunk.subarray(start, last))) {
            for (let text of chunk.toString('utf8', start, last).split('\n')) {
              if (text.charCodeAt(text.length - 1) === 0x0d) text = text.slice(0, -1);
              if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
              batch.push({ line: lineNo++, text });
            }
            start = last + 1;
          }
        }
        const nl = chunk.indexOf(0x0a, start);
        const end = nl < 0 ? chunk.length : nl;
        const piece = chunk.subarray(start, end);
        if (skipping) skippedLen += piece.length;
        else if (partLen + piece.length > maxLineBytes) {
          skipping = true;
          skippedLen = partLen + piece.length;
          parts = [];
          partLen = 0;
        } else if (nl < 0 && piece.length) {
          // the line goes on in the next chunk: keep a copy of its start
          parts.push(Buffer.from(piece));
          partLen += piece.length;
        }
        if (nl < 0) break;
        if (skipping) {
          batch.push({ line: lineNo, tooLong: true, length: skippedLen });
          skipping = false;
          skippedLen = 0;
          first = false;
        } else batch.push(emit(partLen ? Buffer.concat([...parts, piece], partLen + piece.length) : piece));
        parts = [];
        partLen = 0;
        lineNo++;
        start = nl + 1;
      }
      if (batch.length) yield batch;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, lineNo, `read error (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (skipping) yield [{ line: lineNo, tooLong: true, length: skippedLen }];
  else if (partLen) yield [emit(Buffer.concat(parts, partLen))];
}

/** UTF-16: decoded as a stream, split on the decoded text; one batch per chunk read. Lengths in bytes (2 per unit). */
async function* textLines(file: string, stream: AsyncIterable<unknown>, maxLineBytes: number): AsyncGenerator<StreamedLine[]> {
  const maxLineChars = Math.floor(maxLineBytes / 2);
  const dec = new StreamingTextDecoder();
  let buf = '';
  let lineNo = 1;
  let skipping = false;
  let skippedLen = 0;
  const take = function* (text: string, final: boolean): Generator<StreamedLine> {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let piece = text.slice(start, nl);
      if (piece.endsWith('\r')) piece = piece.slice(0, -1);
      if (skipping) {
        yield { line: lineNo, tooLong: true, length: 2 * (skippedLen + piece.length) };
        skipping = false;
        skippedLen = 0;
      } else {
        yield { line: lineNo, text: buf + piece };
      }
      buf = '';
      lineNo++;
      start = nl + 1;
    }
    const rest = text.slice(start);
    if (skipping) skippedLen += rest.length;
    else if (buf.length + rest.length > maxLineChars) {
      skipping = true;
      skippedLen = buf.length + rest.length;
      buf = '';
    } else buf += rest;
    if (final) {
      if (skipping) yield { line: lineNo, tooLong: true, length: 2 * skippedLen };
      else if (buf !== '') yield { line: lineNo, text: buf.endsWith('\r') ? buf.slice(0, -1) : buf };
      buf = '';
    }
  };
  try {
    for await (const chunk of stream) {
      const batch = [...take(dec.decode(chunk as Buffer), false)];
      if (batch.length) yield batch;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, lineNo, `read error (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const last = [...take(dec.end(), true)];
  if (last.length) yield last;
}
