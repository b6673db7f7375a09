/**
 * What an input is, by content (not by name): a directory, one JSON document, JSON Lines, a CSV fleet, an
 * inventory CSV, or a raw Windows export. Reads no more than the head of a file (and, for JSON, scans its
 * first value to its end); an input that cannot be read at all is an InputError.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { CsvLineParser } from './csv';
import { decodeText, StreamingTextDecoder } from './decode';
import { InputError } from './errors';
import { detectExport } from './importers';
import { mapColumns } from './inventory-columns';
import { MAX_JSON_BYTES, type LoadOptions } from './inventory-item';
import type { InputKind } from './discover';
import { head } from './file-head';
import { fsErrorText } from '../text/fs-errors';

async function statInput(input: string): Promise<'file' | 'dir'> {
  let st;
  try {
    st = await fsp.stat(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(input, undefined, code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${fsErrorText(e)}`);
  }
  if (st.isDirectory()) return 'dir';
  if (st.isFile()) return 'file';
  throw new InputError(input, undefined, 'neither a file nor a directory');
}

async function readPrefix(file: string, n: number): Promise<Buffer> {
  try {
    return await head(file, n);
  } catch (e) {
    throw new InputError(file, undefined, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function csvHeader(line: string): string[] | undefined {
  const p = new CsvLineParser();
  try {
    const r = p.push(line, 1);
    return r?.fields.map((f) => f.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

/**
 * The first 64 KiB of text of `file` after any blank space it starts with: a JSON Lines or CSV file that
 * begins with 64 KiB or more of blank lines is still recognised by what follows them (streamed; at most
 * MAX_JSON_BYTES of blank space is skipped).
 */
async function headText(file: string): Promise<string> {
  const HEAD = 64 * 1024;
  const prefix = await readPrefix(file, HEAD);
  const st = await fsp.stat(file);
  const text = decodeText(prefix, st.size > prefix.length).text.replace(/^\uFEFF/, '');
  if (st.size <= prefix.length || text.trim() !== '') return text;
  const dec = new StreamingTextDecoder();
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let head = '';
  let scanned = 0;
  try {
    for await (const chunk of stream) {
      const t = dec.decode(chunk as Buffer);
      if (head === '') {
        const i = t.search(/[^\s\ufeff]/);
        if (i >= 0) head = t.slice(i);
      } else head += t;
      if (head.length >= HEAD) break;
      scanned += (chunk as Buffer).length;
      if (head === '' && scanned > MAX_JSON_BYTES) break;
    }
  } catch (e) {
    throw new InputError(file, undefined, `cannot read: ${fsErrorText(e)}`);
  } finally {
    stream.destroy();
  }
  return head.slice(0, HEAD);
}

export async function classifyFile(file: string, opts: LoadOptions = {}): Promise<InputKind> {
  const text = await headText(file);
  const t = text.trimStart();
  // a PowerShell JSON export of one machine (Get-ItemProperty …CurrentVersion, Get-ComputerInfo) is read as a raw export
  const raw = detectExport(text);
  if (raw && raw.kind !== 'profile-json') return 'raw';
  if (t.startsWith('[') && !/"Thumbprint"\s*:/.test(t)) return 'json-whole';
  if (t.startsWith('{')) {
    if (/"Thumbprint"\s*:/.test(t)) return 'raw';
    return jsonLayout(file);
  }
  const firstLine = t.split(/\r?\n/, 1)[0] ?? '';
  const h = csvHeader(firstLine);
  if (h && h.includes('name') && h.includes('os_version') && !opts.columns) return 'csv-fleet';
  if (h && mapColumns(h, opts.columns)) return 'csv-inventory';
  return 'raw';
}

/**
 * One JSON document or JSON Lines, by structure whatever the lines' lengths: the text is scanned (streamed,
 * strings and escapes followed) to the end of its first value. Anything after a first value written on one
 * line is JSON Lines (its bad lines are reported one by one); nothing after it, or a first value spread over
 * several lines (pretty-printed), is one document. A first value that never closes is
 * JSON Lines when the next line starts a new object (a bad first line: reported, the rest read).
 */
export async function jsonLayout(file: string): Promise<'jsonl' | 'json-whole'> {
  const dec = new StreamingTextDecoder();
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  let closed = false;
  let multiLine = false;
  let afterFirstNewline: string | undefined; // the start of the second line, while the first value is open
  let scanned = 0;
  const SCAN_LIMIT = MAX_JSON_BYTES;
  const decide = (ch: string): 'jsonl' | 'json-whole' | undefined => {
    if (closed) {
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\ufeff') return undefined;
      return multiLine ? 'json-whole' : 'jsonl';
    }
    if (afterFirstNewline !== undefined && afterFirstNewline.length < 1) {
      if (ch !== ' ' && ch !== '\t' && ch !== '\r') afterFirstNewline = ch;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      else if (ch === '\n') inString = false; // a raw newline ends a (broken) string: JSON Lines cannot span lines
      return undefined;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      depth++;
      started = true;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (started && depth <= 0) closed = true;
    } else if (ch === '\n' && started) {
      multiLine = true;
      if (afterFirstNewline === undefined) afterFirstNewline = '';
    }
    return undefined;
  };
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      const text = dec.decode(chunk as Buffer);
      for (let i = 0; i < text.length; i++) {
        const r = decide(text[i]!);
        if (r) return r;
      }
      scanned += (chunk as Buffer).length;
      if (scanned > SCAN_LIMIT) break;
    }
  } catch (e) {
    throw new InputError(file, undefined, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    stream.destroy();
  }
  if (closed) return 'json-whole';
  // never closed: a broken first line followed by objects is JSON Lines; an object over the whole-file limit too
  return afterFirstNewline === '{' || scanned > SCAN_LIMIT ? 'jsonl' : 'json-whole';
}

export async function classify(input: string, opts: LoadOptions = {}): Promise<InputKind> {
  if ((await statInput(input)) === 'dir') {
    // an unreadable directory is an input error before anything is yielded
    try {
      await fsp.readdir(input);
    } catch (e) {
      throw new InputError(input, undefined, `cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    return 'dir';
  }
  return classifyFile(input, opts);
}
