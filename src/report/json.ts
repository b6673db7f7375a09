/**
 * report.json: { "summary": …, "importErrors": […], "skipped": […], "machines": [ one object per machine ] }, where the
 * machines are written as they arrive and the summary is written last (key order does not matter in JSON).
 * A machine's runs (and an unknown run's worstCase) name their popups and events by id; the texts are in
 * summary.perPath, once per distinct popup, so 100 000 machines do not repeat them 100 000 times.
 */
import { jsonString, repeatingJsonString } from '../text/json-string';
import { FileSink } from './sink';
import type { FleetSummary, ImportFailure, MachineRow, PathOutcome, SkippedInput } from './types';

export class JsonReportWriter {
  private sink: FileSink;
  private machines = 0;
  private errors: string[] = [];
  private skipped: string[] = [];

  /** `file`: a path (written atomically on close) or a sink of the report's OutputSet */
  constructor(file: string | FileSink) {
    this.sink = typeof file === 'string' ? new FileSink(file) : file;
    this.sink.write('{\n"format": "acs-gatekeeper fleet report v1",\n"machines": [');
  }

  add(row: MachineRow): void {
    // the head as text; the outcomes (shared by the machines of a decision, most of the file's bytes) as the
    // bytes encoded once: no joined string to flatten and encode again per machine
    this.sink.write(`${this.machines++ ? ',\n' : '\n'}${headJson(row)}"outcomes":`);
    this.sink.writeEncoded(outcomesBytes(row.outcomes));
  }

  /** import errors are few (bounded by the bad lines of the inputs); kept until close */
  addImportError(e: ImportFailure): void {
    this.errors.push(JSON.stringify(e));
  }

  /** every entry the inventory left out (the summary keeps only the first ones); kept until close */
  addSkipped(s: SkippedInput): void {
    this.skipped.push(JSON.stringify(s));
  }

  /** the import errors and skipped entries gathered so far */
  collected(): { importErrors: ImportFailure[]; skipped: SkippedInput[] } {
    return { importErrors: this.errors.map((e) => JSON.parse(e) as ImportFailure), skipped: this.skipped.map((e) => JSON.parse(e) as SkippedInput) };
  }

  close(summary: FleetSummary): void {
    const { machines: _sample, importErrors: _errs, ...rest } = summary;
    this.sink.write(`\n],\n"importErrors": [${this.errors.join(',\n')}],\n"skipped": [${this.skipped.join(',\n')}],\n"summary": ${JSON.stringify(rest, null, 1)}\n}\n`);
    this.sink.close();
  }
}

function slimOutcome(o: PathOutcome): unknown {
  return {
    ...o,
    popups: o.popups.map((p) => p.id),
    events: o.events.map((e) => e.id),
    ...(o.worstCase ? { worstCase: { ...o.worstCase, popups: o.worstCase.popups.map((p) => p.id), events: o.worstCase.events.map((e) => e.id) } } : {}),
  };
}

/**
 * A row (toRow's keys, in its order) up to its outcomes: `{"name":…,…,` as JSON.stringify writes the row
 * without `outcomes`, each value by JSON.stringify and a key left out when its value is undefined, as
 * JSON.stringify leaves it out, without copying the row into an object without its outcomes first.
 */
function headJson(row: MachineRow): string {
  return (
    '{' +
    prop('"name":', row.name) +
    prop('"source":', row.source) +
    prop('"ready":', row.ready) +
    prop('"windows":', row.windows) +
    prop('"version":', row.version) +
    prop('"ubr":', row.ubr) +
    reasonsProp(row.reasons) +
    prop('"remediation":', row.remediation) +
    prop('"remediationSource":', row.remediationSource) +
    prop('"assumed":', row.assumed)
  );
}

/**
 * `"reasons":[…],` as JSON.stringify writes it, each reason `{"code":…,"message":…,"fact":…}` from its texts'
 * memo (repeatingJsonString: a few thousand distinct messages over 100 000 machines, each built anew per machine);
 * a reason of any other shape (keys, order, types) by JSON.stringify of the whole list.
 */
function reasonsProp(reasons: MachineRow['reasons']): string {
  if (reasons.length === 0) return '"reasons":[],';
  let list = '';
  for (const r of reasons) {
    if (!plainReason(r)) return prop('"reasons":', reasons);
    list +=
      (list ? ',{"code":' : '{"code":') +
      repeatingJsonString(r.code) +
      ',"message":' +
      repeatingJsonString(r.message) +
      (r.fact === undefined ? '}' : ',"fact":' + repeatingJsonString(r.fact) + '}');
  }
  return '"reasons":[' + list + '],';
}

/** The reason has toRow's shape: own keys code, message and (when set) fact, in that order, all strings. */
function plainReason(r: MachineRow['reasons'][number]): boolean {
  if (typeof r.code !== 'string' || typeof r.message !== 'string' || (r.fact !== undefined && typeof r.fact !== 'string')) return false;
  let i = 0;
  for (const k in r) {
    if (k !== (i === 0 ? 'code' : i === 1 ? 'message' : 'fact')) return false;
    i++;
  }
  return i >= 2; // a `fact: undefined` key is left out, as JSON.stringify leaves it out
}

/**
 * `"key":JSON,` (`key` given quoted, with its colon), or nothing when the value is undefined (JSON.stringify's
 * rule for an object's property); the common values (true, false, null, an empty list) without JSON.stringify
 */
function prop(key: string, value: unknown): string {
  if (typeof value === 'string') return key + jsonString(value) + ',';
  if (value === undefined) return '';
  if (value === true) return key + 'true,';
  if (value === false) return key + 'false,';
  if (value === null) return key + 'null,';
  if (Array.isArray(value)) {
    if (value.length === 0) return key + '[],';
    // a list of strings (remediation steps, their sources, assumed facts): each by repeatingJsonString
    let list = '';
    for (const v of value as unknown[]) {
      if (typeof v !== 'string') return key + JSON.stringify(value) + ',';
      list += (list ? ',' : '') + repeatingJsonString(v);
    }
    return key + '[' + list + '],';
  }
  return key + JSON.stringify(value) + ',';
}


/**
 * The outcomes array's JSON and the row's closing brace, as UTF-8. Machines with the same decision share one
 * outcomes array (fleet.ts), so the array is serialised and encoded once per decision (weak: kept as long as
 * the array); each outcome serialised once as well (an outcome may be in several arrays).
 */
const arrays = new WeakMap<PathOutcome[], Buffer>();
function outcomesBytes(outcomes: PathOutcome[]): Buffer {
  let b = arrays.get(outcomes);
  if (b === undefined) arrays.set(outcomes, (b = Buffer.from(`[${outcomes.map(outcomeJson).join(',')}]}`, 'utf8')));
  return b;
}

const serialised = new WeakMap<PathOutcome, string>();
function outcomeJson(o: PathOutcome): string {
  let s = serialised.get(o);
  if (s === undefined) serialised.set(o, (s = JSON.stringify(slimOutcome(o))));
  return s;
}
