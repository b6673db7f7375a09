/**
 * parseProfile: a machine profile checked and made canonical. The fast path (profile-fast.ts) takes the
 * common well-formed profile without zod; anything else goes through MachineProfileSchema, whose issues name
 * the bad field. In its own file so that profile.ts (the schema and types) and profile-fast.ts (which reads
 * those types) do not import each other.
 */
import { fastProfile } from './profile-fast';
import type { MachineProfile, ProfileIssue } from './profile';
import { profileModule } from './profile-lazy';

/**
 * Checks a machine profile and applies the defaults (role "endpoint", os {}); thumbprints and KB ids are
 * upper-cased. Takes what a caller writes by hand (MachineProfileInput) or read from JSON (unknown).
 * @returns the canonical MachineProfile
 * @throws ProfileError naming the bad field when `input` is not a machine profile
 */
export function parseProfile(input: unknown): MachineProfile {
  const fast = fastProfile(input);
  if (fast) return fast;
  // zod only now (profile-lazy.ts): it words the issues of what the fast path does not take
  const { MachineProfileSchema, ProfileError } = profileModule();
  const r = MachineProfileSchema.safeParse(input);
  if (r.success) return r.data;
  const issues: ProfileIssue[] = r.error.issues.map((i) => ({
    field: i.path.length > 0 ? i.path.map(String).join('.') : '(profile)',
    message: i.message,
  }));
  const name =
    typeof input === 'object' && input !== null && typeof (input as { name?: unknown }).name === 'string'
      ? (input as { name: string }).name
      : undefined;
  throw new ProfileError(issues[0]!.field, issues, name);
}
