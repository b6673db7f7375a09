/**
 * The zod side of a machine profile (profile.ts: MachineProfileSchema, the partial schema of a profile
 * export, ProfileError), loaded on first use. Why: zod is two thirds of the JavaScript a command compiles at
 * start (95 files, ~1 MB, ~45 ms of a one-machine `acs-gate readiness`), and the fast path (profile-fast.ts)
 * takes every plain profile without it. So only a profile the fast path does not take (a bad one, an unusual
 * one: zod then words its issues exactly as before) or a profile export read through its partial schema
 * loads zod. The values are the same objects as a static import gives (require caches the module).
 */
import type * as Profile from './profile';

export function profileModule(): typeof Profile {
  return require('./profile') as typeof Profile;
}

/** profile.ts's PartialProfileSchema (the schema of a profile export), loaded now. */
export function partialProfileSchema(): typeof Profile.PartialProfileSchema {
  return (require('./profile') as typeof Profile).PartialProfileSchema;
}
