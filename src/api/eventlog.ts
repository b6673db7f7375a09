/**
 * The event log's public functions, with their arguments checked (src/api/doors.ts) before the inner function
 * of src/eventlog/ runs; the rest of src/eventlog/ (types, definitions, emptyMemory) as it is. Internal callers
 * (installers, report, cli) call the inner functions directly.
 */
import * as memory from '../eventlog/memory';
import * as render from '../eventlog/render';
import * as recordsModule from '../eventlog/records';
import type { EventLogMemory, EventRecord, LoggedOnce } from '../eventlog/types';
import type { EventRecordInput } from '../eventlog/records';
import { door } from './doors';

export * from '../eventlog';

/** The machine's `key` entry when it was logged once, else undefined. */
export function wasLoggedOnce(mem: EventLogMemory, computer: string, key: string): LoggedOnce | undefined {
  door('wasLoggedOnce', mem, computer, key);
  return memory.wasLoggedOnce(mem, computer, key);
}

/** A memory with the machine's `key` logged once (the input memory is not changed). */
export function rememberLoggedOnce(mem: EventLogMemory, computer: string, key: string, entry: LoggedOnce): EventLogMemory {
  door('rememberLoggedOnce', mem, computer, key, entry);
  return memory.rememberLoggedOnce(mem, computer, key, entry);
}

/** A memory without the machine's `key` entry. */
export function forgetLoggedOnce(mem: EventLogMemory, computer: string, key: string): EventLogMemory {
  door('forgetLoggedOnce', mem, computer, key);
  return memory.forgetLoggedOnce(mem, computer, key);
}

/** Takes the next EventRecordID for a machine: [id, new memory]. */
export function takeRecordId(mem: EventLogMemory, computer: string): [number, EventLogMemory] {
  door('takeRecordId', mem, computer);
  return memory.takeRecordId(mem, computer);
}

/** The machines whose memory differs between two memories (what one run changed). */
export function changedMachines(before: EventLogMemory, after: EventLogMemory): string[] {
  door('changedMachines', before, after);
  return memory.changedMachines(before, after);
}

/**
 * `base` (the state as it is now) with the given machines' entries taken from `run` (the memory a run
 * ended with): the run's entry wins for the machines it changed, the others are kept as they are in `base`;
 * record ids never go backwards.
 */
export function mergeMemory(base: EventLogMemory, run: EventLogMemory, machines: readonly string[]): EventLogMemory {
  door('mergeMemory', base, run, machines);
  return memory.mergeMemory(base, run, machines);
}

/** The memory as JSON text, to persist between runs (parseMemory restores it). */
export function serializeMemory(mem: EventLogMemory): string {
  door('serializeMemory', mem);
  return memory.serializeMemory(mem);
}

/** Restores a memory from JSON text (or already-parsed data); throws on anything else. */
export function parseMemory(json: string | unknown): EventLogMemory {
  door('parseMemory', json);
  return memory.parseMemory(json);
}

/**
 * XML-escape text and attribute values (both quote kinds, since wevtutil quotes attributes with '); characters
 * XML cannot carry and invisible ones shown as visible text. It lives in src/text/escape.ts (one place decides
 * how text is shown).
 */
export function escapeXml(s: string): string {
  door('escapeXml', s);
  return render.escapeXml(s);
}

/** SystemTime as Windows prints it: 7 fractional digits, UTC. */
export function systemTime(iso: string): string {
  door('systemTime', iso);
  return render.systemTime(iso);
}

/** A record as `wevtutil qe Application /f:xml` prints it (one <Event> element; text escaped). */
export function toEventXml(r: EventRecord): string {
  door('toEventXml', r);
  return render.toEventXml(r);
}

/** Several records as wevtutil prints them: one <Event> per line. */
export function toEventsXml(records: readonly EventRecord[]): string {
  door('toEventsXml', records);
  return render.toEventsXml(records);
}

/** A record as plain JSON data (stable key order). */
export function toEventJson(r: EventRecord): Record<string, unknown> {
  door('toEventJson', r);
  return render.toEventJson(r);
}

/** A record laid out as Event Viewer's General / Details pane shows it (labels in the record's language; time in UTC). */
export function toEventViewerText(r: EventRecord): string {
  door('toEventViewerText', r);
  return render.toEventViewerText(r);
}

/** An event record from the catalog text and the event's definition (ID, source, level). */
export function createEventRecord(input: EventRecordInput): EventRecord {
  door('createEventRecord', input);
  return recordsModule.createEventRecord(input);
}
