/**
 * RFC 4180 CSV: quoted fields, "" inside quotes, commas and line breaks inside quotes. Records carry the line
 * number (1-based) where they start. `CsvLineParser` is fed one physical line at a time (streaming, for big
 * fleet files); `parseCsv` parses a whole text. A record that grows past `maxRecordChars` (an unterminated
 * quote in a huge file) is reported as an error instead of buffering the rest of the file.
 */
export interface CsvRecord {
  fields: string[];
  /** line number of the record's first line */
  line: number;
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

export interface CsvOptions {
  /** default 1 MiB */
  maxRecordChars?: number;
}

export class CsvLineParser {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private startLine = 0;
  private size = 0;
  private readonly max: number;
  constructor(opts: CsvOptions = {}) {
    this.max = opts.maxRecordChars ?? 1 << 20;
  }

  /** true while a quoted field spans lines */
  get pending(): boolean {
    return this.inQuotes;
  }

  /**
   * Feed one physical line (without its line end). Returns the completed record, or undefined while a quoted
   * field continues on the next line. A stray quote inside an unquoted field is kept as text (lenient);
   * throws CsvError only when a record grows past maxRecordChars.
   */
  push(text: string, lineNo: number): CsvRecord | undefined {
    if (!this.inQuotes) {
      this.fields = [];
      this.field = '';
      this.startLine = lineNo;
      this.size = 0;
    } else {
      this.field += '\n';
    }
    this.size += text.length + 1;
    if (this.size > this.max) {
      const start = this.startLine;
      this.reset();
      throw new CsvError(start, `record longer than ${this.max} characters (unterminated quote?)`);
    }
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i);
          i = n;
          break;
        }
        this.field += text.slice(i, q);
        if (text[q + 1] === '"') {
          this.field += '"';
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        continue;
      }
      const ch = text[i]!;
      if (ch === ',') {
        this.fields.push(this.field);
        this.field = '';
        i++;
      } else if (ch === '"' && this.field === '') {
        this.inQuotes = true;
        i++;
      } else {
        const next = text.indexOf(',', i);
        const end = next < 0 ? n : next;
        this.field += text.slice(i, end);
        i = end;
      }
    }
    if (this.inQuotes) return undefined;
    this.fields.push(this.field);
    const rec = { fields: this.fields, line: this.startLine };
    this.fields = [];
    this.field = '';
    return rec;
  }

  /** Call at end of input: throws when a quoted field never closed. */
  end(): void {
    if (this.inQuotes) {
      const start = this.startLine;
      this.reset();
      throw new CsvError(start, 'unterminated quoted field at end of file');
    }
  }

  reset(): void {
    this.fields = [];
    this.field = '';
    this.inQuotes = false;
    this.size = 0;
  }
}

/** Parse a whole text. Blank lines outside quotes are skipped. */
export function parseCsv(text: string, opts: CsvOptions = {}): CsvRecord[] {
  const p = new CsvLineParser(opts);
  const out: CsvRecord[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!p.pending && l.trim() === '') continue;
    const r = p.push(l, i + 1);
    if (r) out.push(r);
  }
  p.end();
  return out;
}
