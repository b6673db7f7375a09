/**
 * The page's machine list as compact data: every machine one short JSON tuple, repeated values (Windows
 * lines, reason lists, fix-step lists, decisions, sources) replaced by their place in a string table.
 * `PageRows` streams the tuples to a temporary part beside report.html while the fleet is read (memory
 * stays flat: only the table is kept, and it is bounded; values past the bound are written inline), and
 * copies them into the page at the end. The page's script (client.ts) reads them back.
 *
 * Tuple: [name, ready, decisions, windows, version, ubr, reasons, steps, source, sourceLine, assumed?]
 * The name is stored as escapeText shows it (invisible and look-alike characters made visible), so the page shows
 * and searches what the terminal and report.csv show.
 *  - ready: 1 ready, 0 not ready, 2 unknown
 *  - decisions: one letter per run (DECISION_LETTERS; '-' when the machine has no outcome for the run)
 *  - reasons: a list of "CODE" or "CODE\u0000fact"; steps: a list of remediation steps
 *  - windows, version, sources, lists: a number (index in `strings`) or the value itself
 */
import { escapeText } from '../../text/escape';
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { FileSink } from '../sink';
import type { MachineRow, PathOutcome } from '../types';
import { scriptJson } from './json';

/** allowed, blocked, installs unchecked (unguarded), unknown; unknown with its worst case blocked / unguarded */
export const DECISION_LETTERS = { allowed: 'a', blocked: 'b', unguarded: 'g', unknown: 'u', unknownBlocked: 'x', unknownUnguarded: 'y', none: '-' } as const;

/** A run column of the page: the install path and its installer file (null: a declared artifact). */
export interface PageRun {
  path: string;
  file: string | null;
}

/** Entries the string table holds before further values are written inline (bounds the report's memory). */
export const STRING_TABLE_LIMIT = 50_000;

function decisionLetter(o: PathOutcome | undefined): string {
  if (!o) return DECISION_LETTERS.none;
  if (o.decision !== 'unknown') return DECISION_LETTERS[o.decision];
  const w = o.worstCase?.decision;
  return w === 'blocked' ? DECISION_LETTERS.unknownBlocked : w === 'unguarded' ? DECISION_LETTERS.unknownUnguarded : DECISION_LETTERS.unknown;
}

/**
 * scriptJson(escapeText(name)): for a name of printable ASCII but `"` `\\` `<` `>` `&` (the usual computer name),
 * which neither changes, the name in quotes, without the escapes' scan, JSON.stringify and the regex.
 */
function nameJson(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26) return scriptJson(escapeText(name));
  }
  return `"${name}"`;
}

/** Encodes rows as tuples over a bounded string table. */
export class RowEncoder {
  private readonly table: unknown[] = [];
  private readonly index = new Map<string, number>();
  /** per outcomes array, its decision letters' reference as the tuple writes it (weak: lives as long as the array) */
  private readonly decisionRefs = new WeakMap<PathOutcome[], string>();
  /** the reference of an empty list, once made */
  private emptyListRef: string | undefined;
  /** the file of the last "file:line" source and its reference */
  private lastFile: { file: string; ref: string } | undefined;
  constructor(
    private readonly runs: readonly PageRun[],
    private readonly limit = STRING_TABLE_LIMIT,
  ) {}

  /** The value's place in the table, or the value itself once the table is full. */
  private ref<T extends string | unknown[]>(v: T): number | T {
    // a list of table places (the usual case) is keyed by its numbers; a list holding values, by its JSON
    const key = typeof v === 'string' ? v : v.every((x) => typeof x === 'number') ? '\u0001' + v.join(',') : '\u0002' + JSON.stringify(v);
    const i = this.index.get(key);
    if (i !== undefined) return i;
    if (this.table.length >= this.limit) return v;
    this.table.push(v);
    this.index.set(key, this.table.length - 1);
    return this.table.length - 1;
  }

  /** One machine as the JSON text of its tuple, safe inside a <script> element. */
  encode(row: MachineRow): string {
    const ref = (x: number | unknown): string => (typeof x === 'number' ? String(x) : scriptJson(x));
    const reasons = row.reasons.length ? [...new Set(row.reasons.map((r) => (r.fact ? `${r.code}\u0000${r.fact}` : r.code)))].map((x) => this.ref(x)) : [];
    const steps = row.remediation.map((s) => this.ref(s));
    // machines with the same decision share one outcomes array (fleet.ts): its letters' reference is made once
    // (after the reasons' and steps' references: the table's order is the order values come in)
    // (a value's reference never changes: its place in the table, or itself once the table is full)
    let decisionsRef = this.decisionRefs.get(row.outcomes);
    if (decisionsRef === undefined) this.decisionRefs.set(row.outcomes, (decisionsRef = ref(this.ref(this.letters(row.outcomes)))));
    // "file:line" (a line of a fleet file): the file once in the table, the line as a number
    const colon = row.source.lastIndexOf(':');
    const line = colon > 0 && /^\d+$/.test(row.source.slice(colon + 1)) ? row.source.slice(colon + 1) : null;
    // an empty list (a ready machine's reasons and steps) and the file of the last line: their references as
    // made the first time (a value's reference never changes), without a key to build and look up per machine
    const listRef = (list: unknown[]): string => (list.length ? ref(this.ref(list)) : (this.emptyListRef ??= ref(this.ref(list))));
    // (made where the tuple has it, after the lists: the table's order is the order values come in)
    const sourceRef = (): string => {
      if (line === null) return ref(this.ref(row.source));
      const last = this.lastFile;
      if (last && colon === last.file.length && row.source.startsWith(last.file)) return last.ref;
      const file = row.source.slice(0, colon);
      this.lastFile = { file, ref: ref(this.ref(file)) };
      return this.lastFile.ref;
    };
    let out =
      `[${nameJson(row.name)},${row.ready === true ? 1 : row.ready === false ? 0 : 2},${decisionsRef},` +
      `${row.windows === null ? 'null' : ref(this.ref(row.windows))},${row.version === undefined ? 'null' : ref(this.ref(row.version))},` +
      `${typeof row.ubr === 'number' && Number.isFinite(row.ubr) ? row.ubr : 'null'},${listRef(reasons)},${listRef(steps)},` +
      `${sourceRef()},${line === null ? 'null' : Number(line)}`;
    if (row.assumed?.length) out += `,${ref(this.ref(row.assumed.map((a) => this.ref(a))))}`;
    return out + ']';
  }

  /** One letter per run: the machine's decision on it (DECISION_LETTERS). */
  private letters(outcomes: PathOutcome[]): string {
    let decisions = '';
    for (let i = 0; i < this.runs.length; i++) {
      const r = this.runs[i]!;
      // the outcomes come in the runs' order (fleet.ts); any other order is looked up
      const at = outcomes[i];
      decisions += decisionLetter(at && at.path === r.path && at.file === r.file ? at : outcomes.find((o) => o.path === r.path && o.file === r.file));
    }
    return decisions;
  }

  /** The string table, as JSON safe inside a <script> element. */
  stringsJson(): string {
    return scriptJson(this.table);
  }
}

/** Where the page's rows come from when the page is assembled. */
export interface RowsSource {
  /** the runs, in the order of the tuples' decision letters */
  readonly runs: readonly PageRun[];
  readonly count: number;
  /** writes the rows (comma-separated tuples) through `write` */
  writeRows(write: (text: string) => void): void;
  stringsJson(): string;
}

/** Rows kept in memory (a small fleet, or renderHtml over a summary's sample of rows). */
export class MemoryRows implements RowsSource {
  private readonly encoder: RowEncoder;
  private readonly parts: string[] = [];
  constructor(readonly runs: readonly PageRun[], rows: Iterable<MachineRow> = []) {
    this.encoder = new RowEncoder(runs);
    for (const r of rows) this.add(r);
  }
  add(row: MachineRow): void {
    this.parts.push(this.encoder.encode(row));
  }
  get count(): number {
    return this.parts.length;
  }
  writeRows(write: (text: string) => void): void {
    write(this.parts.join(',\n'));
  }
  stringsJson(): string {
    return this.encoder.stringsJson();
  }
}

/**
 * Rows streamed to a temporary part while the fleet is read: the part is a scratch file of the run's OutputSet
 * (`.report.html.rows.PID.TOKEN.tmp`, never committed), so a killed run's part is removed like any other
 * temporary file of the run; `discard()` removes it.
 */
export class PageRows implements RowsSource {
  private readonly encoder: RowEncoder;
  private readonly sink: FileSink;
  private n = 0;
  /** `sink`: where the rows wait (OutputSet.scratch: a temporary file of the run, never committed) */
  constructor(sink: FileSink, readonly runs: readonly PageRun[]) {
    this.encoder = new RowEncoder(runs);
    this.sink = sink;
  }
  add(row: MachineRow): void {
    this.sink.write((this.n++ ? ',\n' : '') + this.encoder.encode(row));
  }
  get count(): number {
    return this.n;
  }
  /** Resolves when every row is in the part (its background writes landed): before writeRows. */
  async written(): Promise<void> {
    this.sink.flush();
    await this.sink.drained();
  }
  writeRows(write: (text: string) => void): void {
    this.sink.flush();
    const fd = fs.openSync(this.sink.tempPath, 'r');
    try {
      // small pieces: each goes straight into the page's write buffer, nothing large is held at the end
      const buf = Buffer.allocUnsafe(16 << 10);
      const dec = new StringDecoder('utf8');
      for (let got = fs.readSync(fd, buf, 0, buf.length, null); got > 0; got = fs.readSync(fd, buf, 0, buf.length, null)) write(dec.write(buf.subarray(0, got)));
      write(dec.end());
    } finally {
      fs.closeSync(fd);
    }
  }
  stringsJson(): string {
    return this.encoder.stringsJson();
  }
  discard(): void {
    this.sink.discard();
  }
}
