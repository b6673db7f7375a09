/**
 * What one file inside an input folder is (the classification half of input discovery; share.ts decides
 * what the folders are). Each file is exactly one of:
 *
 *  - `fleet`: a file of many machines: JSON Lines (also any `.jsonl` / `.ndjson`), a JSON array of profiles, a
 *    CSV fleet, an inventory CSV of Intune / Configuration Manager / Defender. It is read as a whole fleet, and
 *    the folder holding it is a container, never a machine.
 *  - `export`: one machine's export (systeminfo, Get-HotFix, certutil, reg query, a profile JSON object, …),
 *    with the machine name it gives (`name`, when it gives one).
 *  - `report`: a report written by `acs-gate fleet` (report.json): never an input.
 *  - `stray`: anything else (Thumbs.db, desktop.ini, README.txt, an .xlsx, an empty file): skipped with its
 *    reason. `unread` is true when the file might have held machines the report now lacks (an .xlsx, a text
 *    this tool does not read), false when it is known not to (folder metadata, scripts, READMEs, empty files);
 *    `--fail-on unreadable` counts the first kind.
 *  - `error`: a recognised export whose content is bad (the file and line are named).
 *
 * Content decides, as for inputs given directly; names only choose the wording of a skip reason and make a
 * `.jsonl` JSON Lines.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from './decode';
import { ExportFormatError, InputError } from './errors';
import { importBytes, MAX_EXPORT_BYTES, type ImportResult } from './importers';
import { head } from './file-head';

/** How inventory.ts reads a file given directly (the answers of its classifier, inventory-classify.ts). */
export type InputKind = 'dir' | 'json-whole' | 'jsonl' | 'csv-fleet' | 'csv-inventory' | 'raw';
export type FleetKind = 'json-whole' | 'jsonl' | 'csv-fleet' | 'csv-inventory';

/** Counts of the files an inventory read was made of (LoadOptions.stats; filled while reading). */
export interface InputFileStats {
  /** files read (an export used for a machine, a fleet file, a file given directly) */
  read: number;
  /** files left out, each named in a skipped item (stray files, older dated sets, report folders) */
  skipped: number;
  /** files whose content could not be read (each named in an error item) */
  unreadable: number;
}

export function newInputFileStats(): InputFileStats {
  return { read: 0, skipped: 0, unreadable: 0 };
}

/** What discovery may be told besides the inventory's CSV columns. */
export interface DiscoverOptions {
  /**
   * folders never read as input when met inside an input folder (fleetReport passes its own output folder);
   * each is listed as skipped with the reason
   */
  exclude?: string[];
  /** filled with the counts of files read, skipped and unreadable */
  stats?: InputFileStats;
}

export type FileClass =
  | { kind: 'fleet'; fleet: FleetKind }
  | { kind: 'export'; name?: string; result?: ImportResult; size: number }
  | { kind: 'report' }
  | { kind: 'stray'; reason: string; unread: boolean; document?: true }
  | { kind: 'error'; source: string; line?: number; error: string };

/** The first line of report.json as JsonReportWriter writes it. */
export const REPORT_JSON_MARK = '"format": "acs-gatekeeper fleet report v1"';

const NOT_READ = 'not a Windows export this tool reads';

/** Files known not to hold machine data: folder metadata, shortcuts, scripts, notes. */
function knownNotData(name: string): boolean {
  return /^(thumbs\.db|ehthumbs(_vista)?\.db|desktop\.ini|icon\r?)$/i.test(name) || /^readme/i.test(name) || /\.(md|lnk|url|cmd|bat|ps1|psm1|vbs|js|log)$/i.test(name);
}

/** A reason for a file this tool cannot read that says what to give instead (null: the generic one). */
function documentReason(name: string, head: Buffer): string | undefined {
  const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if ((zip && /\.xls[xmb]$/i.test(name)) || (ole && /\.xls$/i.test(name)))
    return 'an Excel workbook: not read (this tool reads CSV); open it in Excel and save the sheet as "CSV UTF-8", then give the .csv';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'a PDF document: not read (give the exports or a CSV)';
  if ((zip && /\.(docx|pptx|zip)$/i.test(name)) || (ole && /\.(doc|ppt)$/i.test(name))) return `a ${path.extname(name).slice(1).toLowerCase()} file: not read (give the exports or a CSV)`;
  return undefined;
}

function errorOf(e: unknown, file: string): FileClass {
  if (e instanceof ExportFormatError || e instanceof InputError) return { kind: 'error', source: e.file, ...(e.line !== undefined ? { line: e.line } : {}), error: e.detail };
  return { kind: 'error', source: file, error: e instanceof Error ? e.message : String(e) };
}

/**
 * Classifies one file met inside an input folder. `classify` is the classifier of files given directly
 * (inventory-classify.ts: JSON layout, CSV headers), used when the file is no single export.
 */
export async function classifyFile(file: string, classify: (file: string) => Promise<InputKind>): Promise<FileClass> {
  const name = path.basename(file);
  let st;
  let first: Buffer;
  // a file small enough to be an export is read once, whole (most files of a share are)
  let bytes: Buffer | undefined;
  try {
    st = await fsp.stat(file);
    if (st.size <= MAX_EXPORT_BYTES) first = bytes = await fsp.readFile(file);
    else first = await head(file, 512);
  } catch (e) {
    return { kind: 'error', source: file, error: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (st.size === 0) return { kind: 'stray', reason: 'empty file', unread: false };
  if (first.subarray(0, 512).toString('utf8').includes(REPORT_JSON_MARK)) return { kind: 'report' };
  const doc = documentReason(name, first.subarray(0, 8));
  if (doc) return { kind: 'stray', reason: doc, unread: true, document: true };
  if (/\.(jsonl|ndjson)$/i.test(name)) return { kind: 'fleet', fleet: 'jsonl' };
  let importError: unknown = new ExportFormatError(file, undefined, `${st.size} bytes is too large for a raw Windows export (max ${MAX_EXPORT_BYTES}); not read`);
  if (bytes) {
    try {
      const result = importBytes(bytes, file);
      return { kind: 'export', ...(result.facts.name ? { name: result.facts.name } : {}), result, size: st.size };
    } catch (e) {
      importError = e;
    }
  }
  // no single export: a fleet file? (a JSON Lines file fails as one JSON document; a CSV fleet is no export)
  let kind: InputKind;
  try {
    kind = await classify(file);
  } catch (e) {
    return errorOf(e, file);
  }
  if (kind === 'jsonl' || kind === 'csv-fleet' || kind === 'csv-inventory') return { kind: 'fleet', fleet: kind };
  const start = first.subarray(0, 4096);
  const t = decodeText(start, st.size > start.length).text.replace(/^\uFEFF/, '').trimStart();
  const jsonObject = /^\{\s*("|\})/.test(t);
  // a JSON array of profiles (not an .ini section header), or a JSON document too large for one export
  if (kind === 'json-whole' && (/^\[\s*(\{|\]|$)/.test(t) || (jsonObject && st.size > 64 * 1024))) return { kind: 'fleet', fleet: 'json-whole' };
  const e = importError;
  if (e instanceof ExportFormatError && e.line === 1 && /^(not a recognised export|empty file)/.test(e.detail)) {
    if (e.detail.startsWith('empty')) return { kind: 'stray', reason: 'empty file', unread: false };
    return { kind: 'stray', reason: jsonObject ? 'a JSON file that is neither a machine profile nor a recognised export' : NOT_READ, unread: !knownNotData(name) };
  }
  if (e instanceof ExportFormatError && /too large for a raw Windows export/.test(e.detail)) return { kind: 'stray', reason: e.detail, unread: true };
  return errorOf(e, file);
}

/** A machine name as Windows compares computer names (case-insensitively). */
export function nameKey(name: string): string {
  return name.trim().toUpperCase();
}
