/**
 * report.csv: one row per machine, written as rows arrive. UTF-8 with BOM (Excel opens Japanese text
 * correctly), CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would run as a formula
 * (= + - @ or their full-width forms, after any leading spaces; or a leading tab / CR / LF) prefixed with an
 * apostrophe (src/text/escape.ts).
 */
import { csvFormulaGuard, csvText } from '../text/escape';
import * as path from 'node:path';
import { FileSink } from './sink';
import { CSV_HEADER_LABELS, DECISION_LABELS, FACT_LABELS, READY_LABELS } from './i18n';
import type { Lang, MachineRow } from './types';

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
  const found = runs.map((c) => row.outcomes.find((o) => o.path === c.path && o.file === c.file));
  const outcomes = found.map((o) => valueIn(lang, o?.decision ?? '', DECISION_LABELS));
  // an unknown decision's worst case (blocked / unguarded); empty when the decision is known
  const worst = found.map((o) => valueIn(lang, o?.decision === 'unknown' ? (o.worstCase?.decision ?? '') : '', DECISION_LABELS));
  return csvLine([
    row.name,
    row.source,
    valueIn(lang, String(row.ready), READY_LABELS),
    row.windows ?? '',
    row.version ?? '',
    row.ubr ?? '',
    row.reasons.map((r) => reasonCell(r, lang)).join('; '),
    row.remediation.join(' | '),
    (row.assumed ?? []).join('; '),
    ...outcomes,
    ...worst,
  ]);
}

export class CsvReportWriter {
  private sink: FileSink;
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
    this.sink.write(csvRow(row, this.runs, this.lang));
  }
  close(): void {
    this.sink.close();
  }
}
