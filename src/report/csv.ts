/**
 * report.csv: one row per machine, written as rows arrive. UTF-8 with BOM (Excel opens Japanese text
 * correctly), CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would run as a formula
 * (= + - @ or their full-width forms, after any leading spaces; or a leading tab / CR / LF) prefixed with an
 * apostrophe (src/text/escape.ts).
 */
import { BoundedMemo } from '../text/bounded-memo';
import { csvFormulaGuard, csvText } from '../text/escape';
import * as path from 'node:path';
import { FileSink } from './sink';
import { CSV_HEADER_LABELS, DECISION_LABELS, FACT_LABELS, READY_LABELS } from './i18n';
import type { Lang, MachineRow, PathOutcome } from './types';

/**
 * True when csvCell(s) is `s` itself, in one scan instead of the escapes' scan and two regexes (names and
 * sources, 100 000 of each): every character printable ASCII, CJK U+3000–9FFF but U+3164, or full-width
 * U+FF01–FF9F (what escapeTerminal leaves as it is), no `"` or `,` (no quotes needed), and a first character
 * that cannot start a formula (not a space, an ideographic space, = + - @ or their full-width forms).
 */
function plainCell(s: string): boolean {
  if (s.length) {
    const c = s.charCodeAt(0);
    if (c === 0x20 || c === 0x3000 || c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20) return false;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      if (c === 0x22 || c === 0x2c) return false;
      continue;
    }
    if (c >= 0x3000 && c <= 0x9fff && c !== 0x3164) continue;
    if (c >= 0xff01 && c <= 0xff9f) continue;
    return false;
  }
  return true;
}

/** csvCell of a string, by plainCell's shortcut when it applies. */
function textCell(s: string): string {
  return plainCell(s) ? s : csvCell(s);
}

export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value);
  // invisible characters shown (a spreadsheet would show them as nothing), formulas guarded: src/text/escape.ts
  s = typeof value === 'number' || typeof value === 'boolean' ? csvFormulaGuard(s) : csvText(s);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export interface RunColumn {
  path: string;
  file: string | null;
}

export function runColumnName(c: RunColumn): string {
  return c.file ? `${c.path} (${path.basename(c.file)})` : c.path;
}

/** `assumed`: the facts assumed for this machine (--assume-online, ...), `;`-separated */
export const CSV_FIXED_COLUMNS = ['name', 'source', 'ready', 'windows', 'version', 'ubr', 'reasons', 'remediation', 'assumed'];

/** After one decision column per run (allowed / blocked / unguarded / unknown), one "worst case" column per run. */
export function worstCaseColumnName(c: RunColumn): string {
  return `${runColumnName(c)} worst case`;
}

/**
 * The header in the report's language (issue 18.5): Japanese column names under 'ja' (the run columns keep
 * their path id and file name, identifiers), English otherwise. Default English, as before.
 */
export function csvHeader(runs: RunColumn[], lang: Lang = 'en'): string {
  if (lang === 'ja')
    return csvLine([
      ...CSV_FIXED_COLUMNS.map((c) => CSV_HEADER_LABELS[c]?.ja ?? c),
      ...runs.map(runColumnName),
      ...runs.map((c) => `${runColumnName(c)} ${CSV_HEADER_LABELS['worstCase']!.ja}`),
    ]);
  return csvLine([...CSV_FIXED_COLUMNS, ...runs.map(runColumnName), ...runs.map(worstCaseColumnName)]);
}

/** A decision or readiness value as the CSV writes it: in words under 'ja', the data value under 'en'. */
function valueIn(lang: Lang, value: string, labels: Record<string, { ja: string; en: string }>): string {
  return lang === 'ja' && value ? (labels[value]?.ja ?? value) : value;
}

/** A reason as the reasons column writes it: the code, and the fact it names in the reader's words. */
export function reasonCell(r: { code: string; fact?: string }, lang: Lang = 'en'): string {
  if (!r.fact) return r.code;
  return `${r.code} (${FACT_LABELS[r.fact]?.[lang] ?? r.fact})`;
}

export function csvRow(row: MachineRow, runs: RunColumn[], lang: Lang = 'en'): string {
  return csvHead(row, lang, csvCell) + csvTail(row.outcomes, runs, lang);
}

/** The row's own cells (name to assumed), comma-separated; `cell` is csvCell or a memo of it. */
function csvHead(row: MachineRow, lang: Lang, cell: (value: unknown) => string): string {
  return (
    textCell(row.name) + ',' +
    sourceCell(row.source, cell) + ',' +
    cell(valueIn(lang, String(row.ready), READY_LABELS)) + ',' +
    cell(row.windows ?? '') + ',' +
    cell(row.version ?? '') + ',' +
    (typeof row.ubr === 'number' && row.ubr >= 0 ? String(row.ubr) : csvCell(row.ubr ?? '')) + ',' + // a number ≥ 0 never starts a formula
    (row.reasons.length ? cell(row.reasons.map((r) => reasonCell(r, lang)).join('; ')) : '') + ',' +
    // the steps joined repeat (a few hundred distinct lists over 100 000 machines): the memo skips their escapes' scan
    (row.remediation.length ? cell(row.remediation.join(' | ')) : '') + ',' +
    (row.assumed?.length ? csvCell(row.assumed.join('; ')) : '')
  );
}

/**
 * A source's cell: "file:line" (a line of a fleet file) as the file's cell (a repeating value: `cell` may
 * keep it) and the line, when the file's cell is the file itself (then the whole needs no change either:
 * ":" and digits are plain, never quoted, and the start is the file's); else csvCell of the whole.
 */
function sourceCell(source: string, cell: (value: unknown) => string): string {
  const colon = source.lastIndexOf(':');
  if (colon > 0 && colon < source.length - 1) {
    let digits = true;
    for (let i = colon + 1; i < source.length && digits; i++) {
      const c = source.charCodeAt(i);
      digits = c >= 0x30 && c <= 0x39;
    }
    if (digits) {
      const file = source.slice(0, colon);
      if (cell(file) === file) return source;
    }
  }
  return textCell(source);
}

/** A comma and the decision cells, then the worst-case cells, and the line end: they depend on the outcomes alone. */
function csvTail(outcomes: PathOutcome[], runs: RunColumn[], lang: Lang): string {
  if (!runs.length) return '\r\n';
  const found = runs.map((c) => outcomes.find((o) => o.path === c.path && o.file === c.file));
  const decisions = found.map((o) => valueIn(lang, o?.decision ?? '', DECISION_LABELS));
  // an unknown decision's worst case (blocked / unguarded); empty when the decision is known
  const worst = found.map((o) => valueIn(lang, o?.decision === 'unknown' ? (o.worstCase?.decision ?? '') : '', DECISION_LABELS));
  return ',' + csvLine([...decisions, ...worst]);
}

/**
 * Cells of values that repeat (readiness labels, Windows lines, versions, reasons and remediation cells) kept
 * before this many are dropped: the bench fleet has about 500 distinct remediation lists and fewer reason lists.
 */
const CELL_MEMO_LIMIT = 4096;

export class CsvReportWriter {
  private sink: FileSink;
  /**
   * The tail of the rows of each outcomes array: machines with the same decision share one array (fleet.ts),
   * so their decision cells are made once; weak, it lives as long as the array.
   */
  private readonly tails = new WeakMap<PathOutcome[], string>();
  /** csvCell of repeating values (bounded: cleared when full); keyed by the value, never by a machine */
  private readonly cells = new BoundedMemo<string>(CELL_MEMO_LIMIT);
  private readonly cell = (value: unknown): string => (typeof value === 'string' ? this.cells.get(value, csvCell) : csvCell(value));
  /** `file`: a path (written atomically on close) or a sink of the report's OutputSet */
  constructor(
    file: string | FileSink,
    private readonly runs: RunColumn[],
    private readonly lang: Lang = 'en',
  ) {
    this.sink = typeof file === 'string' ? new FileSink(file) : file;
    this.sink.write('\ufeff' + csvHeader(runs, lang));
  }
  add(row: MachineRow): void {
    let tail = this.tails.get(row.outcomes);
    if (tail === undefined) this.tails.set(row.outcomes, (tail = csvTail(row.outcomes, this.runs, this.lang)));
    this.sink.write(csvHead(row, this.lang, this.cell) + tail);
  }
  close(): void {
    this.sink.close();
  }
}
