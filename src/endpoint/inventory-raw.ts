/**
 * Reading one raw Windows export given directly as an input (systeminfo CSV, certutil text, …): one machine
 * from that file alone, named after the file when the export gives no name.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from './decode';
import { importText, MAX_EXPORT_BYTES, mergeImports } from './importers';
import { errItem, type InventoryItem } from './inventory-item';

export async function* fromRawFile(file: string): AsyncGenerator<InventoryItem> {
  const st = await fsp.stat(file);
  if (st.size === 0) {
    yield { ok: false, source: file, line: 1, error: 'empty file' };
    return;
  }
  if (st.size > MAX_EXPORT_BYTES) {
    yield {
      ok: false,
      source: file,
      error: `${st.size} bytes: not a JSON/JSON Lines/CSV fleet file, and too large for a raw Windows export (max ${MAX_EXPORT_BYTES}); not read`,
    };
    return;
  }
  try {
    const text = decodeText(await fsp.readFile(file)).text;
    const r = importText(text, file);
    const base = path.basename(file).replace(/\.[^.]*$/, '');
    const m = mergeImports([r], base);
    yield { ok: true, profile: m.profile, source: file, ...(m.notes.length ? { notes: m.notes } : {}) };
  } catch (e) {
    yield errItem(file, e);
  }
}
