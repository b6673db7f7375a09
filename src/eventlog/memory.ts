/**
 * The "logged once" memory: explicit state a caller persists between runs. Immutable: every change
 * returns a new memory.
 *
 * Machine names and event keys are data: every dictionary here is a null-prototype object, read only
 * through own-property checks, so "__proto__", "constructor" or "toString" are ordinary machines.
 */
import type { EventLogMemorySchema, LoggedOnceSchema, MachineSchema } from './memory-schema';
import type { EventLogMemory, LoggedOnce, MachineEventMemory } from './types';

/**
 * The state file's zod schemas (memory-schema.ts), loaded when a state file is read: the simulations and the
 * fleet use the memory without reading one, and zod is a third of what a command compiles at start.
 */
function schemas(): { EventLogMemorySchema: typeof EventLogMemorySchema; MachineSchema: typeof MachineSchema; LoggedOnceSchema: typeof LoggedOnceSchema } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  return require('./memory-schema') as ReturnType<typeof schemas>;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A null-prototype copy of a dictionary with one entry set (or removed when value is undefined). */
function dictWith<V>(d: Record<string, V>, key: string, value: V | undefined): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const k of Object.keys(d)) if (k !== key) Object.defineProperty(out, k, { value: d[k], enumerable: true, writable: true, configurable: true });
  if (value !== undefined) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function emptyDict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** A memory with nothing logged. */
export function emptyMemory(): EventLogMemory {
  return { version: 1, machines: emptyDict() };
}

function machineOf(mem: EventLogMemory, computer: string): MachineEventMemory {
  return hasOwn(mem.machines, computer) ? mem.machines[computer]! : { loggedOnce: emptyDict(), lastRecordId: 0 };
}

function withMachine(mem: EventLogMemory, computer: string, m: MachineEventMemory): EventLogMemory {
  return { version: 1, machines: dictWith(mem.machines, computer, m) };
}

/** The machine's `key` entry when it was logged once, else undefined. */
export function wasLoggedOnce(mem: EventLogMemory, computer: string, key: string): LoggedOnce | undefined {
  const once = machineOf(mem, computer).loggedOnce;
  return hasOwn(once, key) ? once[key] : undefined;
}

/** A memory with the machine's `key` logged once (the input memory is not changed). */
export function rememberLoggedOnce(mem: EventLogMemory, computer: string, key: string, entry: LoggedOnce): EventLogMemory {
  const m = machineOf(mem, computer);
  return withMachine(mem, computer, { ...m, loggedOnce: dictWith(m.loggedOnce, key, entry) });
}

/** A memory without the machine's `key` entry. */
export function forgetLoggedOnce(mem: EventLogMemory, computer: string, key: string): EventLogMemory {
  const m = machineOf(mem, computer);
  if (!hasOwn(m.loggedOnce, key)) return mem;
  return withMachine(mem, computer, { ...m, loggedOnce: dictWith(m.loggedOnce, key, undefined) });
}

/** Takes the next EventRecordID for a machine: [id, new memory]. */
export function takeRecordId(mem: EventLogMemory, computer: string): [number, EventLogMemory] {
  const m = machineOf(mem, computer);
  const id = m.lastRecordId + 1;
  return [id, withMachine(mem, computer, { ...m, lastRecordId: id })];
}

/** The machines whose memory differs between two memories (what one run changed). */
export function changedMachines(before: EventLogMemory, after: EventLogMemory): string[] {
  return Object.keys(after.machines).filter(
    (k) => !hasOwn(before.machines, k) || JSON.stringify(before.machines[k]) !== JSON.stringify(after.machines[k]),
  );
}

/**
 * `base` (the state as it is now) with the given machines' entries taken from `run` (the memory a run
 * ended with): the run's entry wins for the machines it changed, the others are kept as they are in `base`;
 * record ids never go backwards.
 */
export function mergeMemory(base: EventLogMemory, run: EventLogMemory, machines: readonly string[]): EventLogMemory {
  let out = base;
  for (const name of machines) {
    if (!hasOwn(run.machines, name)) continue;
    const mine = run.machines[name]!;
    const theirs = hasOwn(base.machines, name) ? base.machines[name]! : undefined;
    out = withMachine(out, name, { loggedOnce: mine.loggedOnce, lastRecordId: Math.max(mine.lastRecordId, theirs?.lastRecordId ?? 0) });
  }
  return out;
}

/** The memory as JSON text, to persist between runs (parseMemory restores it). */
export function serializeMemory(mem: EventLogMemory): string {
  return JSON.stringify(mem, null, 2) + '\n';
}

function setOwn<V>(d: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(d, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Restores a memory from JSON text (or already-parsed data); throws on anything else. */
export function parseMemory(json: string | unknown): EventLogMemory {
  // JSON.parse makes "__proto__" an own property; entries are read from the parsed data (not from a
  // validator's copy) into null-prototype objects, each entry validated on its own
  const data: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  const z = schemas();
  z.EventLogMemorySchema.parse(data);
  const src = (data as { machines: Record<string, unknown> }).machines;
  const machines = emptyDict<MachineEventMemory>();
  for (const name of Object.keys(src)) {
    const raw = src[name];
    const m = z.MachineSchema.parse(raw);
    const rawOnce = (raw as { loggedOnce: Record<string, unknown> }).loggedOnce;
    const loggedOnce = emptyDict<LoggedOnce>();
    for (const k of Object.keys(rawOnce)) setOwn(loggedOnce, k, z.LoggedOnceSchema.parse(rawOnce[k]) as LoggedOnce);
    setOwn(machines, name, { loggedOnce, lastRecordId: m.lastRecordId });
  }
  return { version: 1, machines };
}
