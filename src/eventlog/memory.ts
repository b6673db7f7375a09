/**
 * The "logged once" memory: explicit state a caller persists between runs. Immutable: every change
 * returns a new memory.
 */
import { z } from 'zod';
import type { EventLogMemory, LoggedOnce, MachineEventMemory } from './types';

const LoggedOnceSchema = z.object({ time: z.string(), recordId: z.number().int().nonnegative(), text: z.string() });
/** The zod schema of an EventLogMemory (parseMemory checks with it). */
export const EventLogMemorySchema = z.object({
  version: z.literal(1),
  machines: z.record(
    z.string(),
    z.object({
      loggedOnce: z.record(z.string(), LoggedOnceSchema),
      lastRecordId: z.number().int().nonnegative(),
    }),
  ),
});

/** A memory with nothing logged. */
export function emptyMemory(): EventLogMemory {
  return { version: 1, machines: {} };
}

/** "__proto__" cannot round-trip through plain JSON objects: refused as a machine name or key. */
function checkKey(k: string): string {
  if (k === '__proto__') throw new Error('"__proto__" is not a valid machine name or event key');
  return k;
}

function machineOf(mem: EventLogMemory, computer: string): MachineEventMemory {
  checkKey(computer);
  return Object.prototype.hasOwnProperty.call(mem.machines, computer) ? mem.machines[computer]! : { loggedOnce: {}, lastRecordId: 0 };
}

function withMachine(mem: EventLogMemory, computer: string, m: MachineEventMemory): EventLogMemory {
  return { version: 1, machines: { ...mem.machines, [computer]: m } };
}

/** The machine's `key` entry when it was logged once, else undefined. */
export function wasLoggedOnce(mem: EventLogMemory, computer: string, key: string): LoggedOnce | undefined {
  const once = machineOf(mem, computer).loggedOnce;
  return Object.prototype.hasOwnProperty.call(once, key) ? once[key] : undefined;
}

/** A memory with the machine's `key` logged once (the input memory is not changed). */
export function rememberLoggedOnce(mem: EventLogMemory, computer: string, key: string, entry: LoggedOnce): EventLogMemory {
  checkKey(key);
  const m = machineOf(mem, computer);
  return withMachine(mem, computer, { ...m, loggedOnce: { ...m.loggedOnce, [key]: entry } });
}

/** A memory without the machine's `key` entry. */
export function forgetLoggedOnce(mem: EventLogMemory, computer: string, key: string): EventLogMemory {
  const m = machineOf(mem, computer);
  if (!Object.prototype.hasOwnProperty.call(m.loggedOnce, key)) return mem;
  const loggedOnce = { ...m.loggedOnce };
  delete loggedOnce[key];
  return withMachine(mem, computer, { ...m, loggedOnce });
}

/** Takes the next EventRecordID for a machine: [id, new memory]. */
export function takeRecordId(mem: EventLogMemory, computer: string): [number, EventLogMemory] {
  const m = machineOf(mem, computer);
  const id = m.lastRecordId + 1;
  return [id, withMachine(mem, computer, { ...m, lastRecordId: id })];
}

/** The memory as JSON text, to persist between runs (parseMemory restores it). */
export function serializeMemory(mem: EventLogMemory): string {
  return JSON.stringify(mem, null, 2) + '\n';
}

/** Restores a memory from JSON text (or already-parsed data); throws on anything else. */
export function parseMemory(json: string | unknown): EventLogMemory {
  const data: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  return EventLogMemorySchema.parse(data) as EventLogMemory;
}
