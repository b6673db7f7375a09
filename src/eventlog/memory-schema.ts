/**
 * The shape of the "logged once" state file (memory.ts parseMemory checks each dictionary entry on its own with
 * these). A file of its own so that zod loads only when a state file is read.
 */
import { z } from 'zod';

export const LoggedOnceSchema = z.object({ time: z.string(), recordId: z.number().int().nonnegative(), text: z.string() });
export const MachineSchema = z.object({
  loggedOnce: z.record(z.string(), z.unknown()),
  lastRecordId: z.number().int().nonnegative(),
});
/** The shape of the state file (the dictionaries' entries are checked one by one, see parseMemory). */
export const EventLogMemorySchema = z.object({
  version: z.literal(1),
  machines: z.record(z.string(), z.unknown()),
});
