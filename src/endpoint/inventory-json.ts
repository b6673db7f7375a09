/**
 * Reading a JSON fleet file: one document (a profile object or an array of them, read whole up to
 * MAX_JSON_BYTES) or JSON Lines (streamed, one profile per line, bad lines reported one by one).
 */
import { promises as fsp } from 'node:fs';
import { decodeText, isValidUtf8 } from './decode';
import { InputError } from './errors';
import { jsonErrorLine, MAX_JSON_DEPTH } from './importers/json-util';
import { INVALID_UTF8, lineTooLong, MAX_BAD_LINES, MAX_JSON_BYTES, MAX_LINE_BYTES, validate, type InventoryItem } from './inventory-item';
import { readLineBatches, type StreamedLine } from './line-reader';

/** The 1-based line of the first invalid UTF-8 sequence. */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isValidUtf8(bytes.subarray(start, i))) return line;
      line++;
      start = i + 1;
    }
  }
  return 1;
}

export async function* fromJsonWhole(file: string): AsyncGenerator<InventoryItem> {
  const st = await fsp.stat(file);
  if (st.size > MAX_JSON_BYTES) {
    yield { ok: false, source: file, error: `${st.size} bytes is too large for a whole JSON file (max ${MAX_JSON_BYTES}); use JSON Lines` };
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (e) {
    throw new InputError(file, undefined, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const decoded = decodeText(bytes);
  const text = decoded.text;
  if (decoded.encoding === 'utf-8' && !decoded.bom && !isValidUtf8(bytes)) {
    const bad = firstInvalidUtf8Line(bytes);
    yield { ok: false, source: file, line: bad, error: 'invalid UTF-8 byte(s) in a UTF-8 file (read as U+FFFD; the rest of the file is read as UTF-8)' };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const line = jsonErrorLine(text, e);
    yield { ok: false, source: file, ...(line !== undefined ? { line } : {}), error: `bad JSON: ${(e as Error).message}` };
    return;
  }
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const it = validate(data[i], file, undefined, `[${i}] `, true);
      yield it.ok ? { ...it, source: `${file}[${i}]` } : it;
    }
  } else {
    yield validate(data, file, undefined, '', true);
  }
}

export async function* fromJsonLines(file: string): AsyncGenerator<InventoryItem> {
  // for…of and yield, not yield* (a promise more per item: inventory.ts loadInventory)
  for await (const items of fromJsonLinesBatches(file)) for (let i = 0; i < items.length; i++) yield items[i]!;
}

/** fromJsonLines's items, one batch per chunk read (loadInventoryBatches: one asynchronous step per chunk). */
export async function* fromJsonLinesBatches(file: string): AsyncGenerator<InventoryItem[]> {
  const count = { bad: 0 };
  for await (const batch of readLineBatches(file, MAX_LINE_BYTES)) {
    const items = itemsOfLines(batch, file, count);
    if (count.bad > MAX_BAD_LINES) {
      yield items;
      return;
    }
    if (items.length) yield items;
  }
}

/**
 * True when `text` holds at most MAX_JSON_DEPTH '{' and '[' in all (inside strings too): each level of
 * nesting opens with one, so its value cannot be too deep and validate need not walk it (jsonTooDeep). A few
 * native searches per line (a profile line has four or five) cost half the walk of every parsed profile.
 */
function fewOpenings(text: string): boolean {
  let n = 0;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) if (++n > MAX_JSON_DEPTH) return false;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) if (++n > MAX_JSON_DEPTH) return false;
  return true;
}

/**
 * The items of one batch of lines; `count.bad` counts the bad lines of the file so far, and the batch ends
 * with the final error item once it is over MAX_BAD_LINES. A plain function, not the generator's loop: V8
 * optimises a loop over 100 000 lines better outside a generator's body (a tenth of reading a fleet).
 */
function itemsOfLines(batch: readonly StreamedLine[], file: string, count: { bad: number }): InventoryItem[] {
  const items: InventoryItem[] = [];
  for (let k = 0; k < batch.length; k++) {
    const l = batch[k]!;
    let item: InventoryItem;
    if (l.tooLong) {
      item = { ok: false, source: file, line: l.line, error: lineTooLong(l.length) };
    } else if (l.invalidEncoding) {
      item = { ok: false, source: file, line: l.line, error: INVALID_UTF8 };
    } else {
      // a line from "{" to "}" has nothing to trim: trim() only for the others (blank lines, spaces around)
      let t = l.text;
      if (t.charCodeAt(0) !== 0x7b || t.charCodeAt(t.length - 1) !== 0x7d) t = t.trim();
      if (t === '') continue;
      let data: unknown;
      try {
        data = JSON.parse(t);
        // the parsed value is this line's alone: its lists may become the profile's (profile-fast.ts)
        item = validate(data, file, l.line, '', true, fewOpenings(t));
      } catch (e) {
        item = { ok: false, source: file, line: l.line, error: `bad JSON: ${(e as Error).message}` };
      }
    }
    if (!item.ok && ++count.bad > MAX_BAD_LINES) {
      items.push({ ok: false, source: file, line: l.line, error: `more than ${MAX_BAD_LINES} bad lines: the rest of the file is not read` });
      return items;
    }
    items.push(item);
  }
  return items;
}
