/**
 * report.csv: one row per machine, written as rows arrive. UTF-8 with BOM (Excel opens Japanese text
 * correctly), CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would run as a formula
 * (= + - @ or their full-width forms, after any leading spaces; or a leading tab / CR / LF) prefixed with an
 * apostrophe (src/text/escape.ts).
 */
import { csvFormulaGuard } from '../text/escape';
import * as path from 'node:path';
import { FileSink } from './sink';
import type { MachineRow } from './types';

export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value);
  s = csvFormulaGuard(s);
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

export const CSV_FIXED_COLUMNS = ['name', 'source', 'ready', 'windows', 'version', 'ubr', 'reasons', 'remediation'];

export function csvRow(row: MachineRow, runs: RunColumn[]): string {
  const outcomes = runs.map((c) => row.outcomes.find((o) => o.path === c.path && o.file === c.file)?.decision ?? '');
  return csvLine([
    row.name,
    row.source,
    String(row.ready),
    row.windows ?? '',
    row.version ?? '',
    row.ubr ?? '',
    row.reasons.map((r) => r.code + (r.fact ? `(${r.fact})` : '')).join('; '),
    row.remediation.join(' | '),
    ...outcomes,
  ]);
}

export class CsvReportWriter {
  private sink: FileSink;
  /** `file`: a path (written atomically on close) or a sink of the report's OutputSet */
  constructor(
    file: string | FileSink,
    private readonly runs: RunColumn[],
  ) {
    this.sink = typeof file === 'string' ? new FileSink(file) : file;
    this.sink.write('\ufeff' + csvLine([...CSV_FIXED_COLUMNS, ...runs.map(runColumnName)]));
  }
  add(row: MachineRow): void {
    this.sink.write(csvRow(row, this.runs));
  }
  close(): void {
    this.sink.close();
  }
}
