/**
 * Streams a file as decoded lines (UTF-8/UTF-16/Shift_JIS detected from the first chunk), with bounded
 * memory: a line longer than `maxLineChars` is reported once as `{ tooLong: true }` and skipped up to the next
 * line end, so a 200 MB file without line breaks costs one chunk of memory, not 200 MB.
 */
import { createReadStream } from 'node:fs';
import { StreamingTextDecoder } from './decode';
import { InputError } from './errors';

export type StreamedLine = { line: number; text: string; tooLong?: false } | { line: number; tooLong: true; length: number };

export async function* readLines(file: string, maxLineChars = 1 << 20): AsyncGenerator<StreamedLine> {
  const dec = new StreamingTextDecoder();
  let buf = '';
  let lineNo = 1;
  let skipping = false;
  let skippedLen = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  const take = function* (text: string, final: boolean): Generator<StreamedLine> {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let piece = text.slice(start, nl);
      if (piece.endsWith('\r')) piece = piece.slice(0, -1);
      if (skipping) {
        yield { line: lineNo, tooLong: true, length: skippedLen + piece.length };
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
      if (skipping) yield { line: lineNo, tooLong: true, length: skippedLen };
      else if (buf !== '') yield { line: lineNo, text: buf.endsWith('\r') ? buf.slice(0, -1) : buf };
      buf = '';
    }
  };
  try {
    for await (const chunk of stream) {
      yield* take(dec.decode(chunk as Buffer), false);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, lineNo, `read error (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    stream.destroy();
  }
  yield* take(dec.end(), true);
}
