export * from './types';
export * from './sources';
export * from './records';
export * from './render';
export * from './memory';
// the state file's schema, public as before (memory.ts loads it only when it reads a state file)
export { EventLogMemorySchema } from './memory-schema';
