/**
 * The canonical machine profile: what acs-gatekeeper knows of one Windows machine.
 * Unknown facts are left out (undefined), never guessed. Documented in docs/machine-profile.md.
 */
import { z } from 'zod';
import { clip, NAME_TOO_LONG, PROFILE_LIMITS as L } from './limits';
import { InputError } from './errors';

const field = (what: string, max: number = L.fieldChars) => z.string().max(max, `${what} is longer than ${max} characters`);
const list = <T extends z.ZodType>(item: T, what: string) => z.array(item).max(L.listEntries, `more than ${L.listEntries} ${what}`);

const thumbprint = z
  .string()
  .regex(/^[0-9A-Fa-f]{40}$/, 'a SHA-1 thumbprint is 40 hex digits')
  .transform((s) => s.toUpperCase());

/** A root store entry: a SHA-1 thumbprint, or a certificate (PEM), or both with a subject for display. */
export const RootStoreEntrySchema = z.union([
  thumbprint,
  z.object({
    thumbprint: thumbprint.optional(),
    subject: field('subject').optional(),
    pem: field('pem', L.pemChars).optional(),
  }),
]);

/** The zod schema of a machine profile: parse with it (or with parseProfile) to apply the defaults. */
export const MachineProfileSchema = z.object({
  name: z.string().min(1).max(L.nameChars, NAME_TOO_LONG),
  role: z.enum(['endpoint', 'server']).default('endpoint'),
  os: z
    .object({
      caption: field('caption').optional(),
      /** "10.0.19044" (major.minor.build) */
      version: z.string().regex(/^\d{1,9}\.\d{1,9}\.\d{1,9}$/, 'version is major.minor.build, e.g. 10.0.19044').optional(),
      /** update build revision: the part after the build (19044.1586 -> 1586) */
      ubr: z.number().int().nonnegative().optional(),
      /** "x64", "x86", "ARM64" when known */
      architecture: field('architecture').optional(),
      productType: z.enum(['workstation', 'server', 'domain-controller']).optional(),
    })
    .default({}),
  /** installed updates, e.g. ["KB5011487"]; absent = unknown, [] = none installed */
  hotfixes: list(
    z
      .string()
      .regex(new RegExp(`^KB\\d{1,${L.kbDigits}}$`, 'i'), 'hotfix ids look like KB5011487')
      .transform((s) => s.toUpperCase()),
    'hotfixes',
  ).optional(),
  /** Trusted Root Certification Authorities (LocalMachine\Root); absent = unknown */
  rootStore: list(RootStoreEntrySchema, 'root store entries').optional(),
  /** automatic root certificate update enabled (DisableRootAutoUpdate absent or 0); absent = unknown */
  rootAutoUpdate: z.boolean().optional(),
  /** can reach Windows Update / the CTL download; absent = unknown */
  online: z.boolean().optional(),
  /** where each fact came from (file names), for the report */
  sources: list(field('a source', L.sourceChars), 'sources').optional(),
});

/**
 * A profile export (importers/profile-json.ts): the same fields as MachineProfileSchema, every one optional
 * and without defaults (absent = unknown). Here beside the schema it extends, so that zod is loaded with
 * both only when one is used (profile-lazy.ts).
 */
export const PartialProfileSchema = MachineProfileSchema.extend({
  name: MachineProfileSchema.shape.name.optional(),
  role: z.enum(['endpoint', 'server']).optional(),
  os: MachineProfileSchema.shape.os.unwrap().optional(),
});

/** The canonical machine profile (defaults applied): what loadInventory yields and parseProfile returns. */
export type MachineProfile = z.infer<typeof MachineProfileSchema>;
/** A machine profile as a caller writes it: only `name` is required; a fact left out is unknown. */
export type MachineProfileInput = z.input<typeof MachineProfileSchema>;
/** One entry of a machine's Trusted Root store: a SHA-1 thumbprint, or `{ thumbprint?, subject?, pem? }`. */
export type RootStoreEntry = z.infer<typeof RootStoreEntrySchema>;

/** One problem with a machine profile: the field (dotted path, e.g. "os.ubr"; "(profile)" for the whole) and what is wrong. */
export interface ProfileIssue {
  field: string;
  message: string;
}

/**
 * A machine profile given to the library (assessReadiness, simulate, the testing builders) is not one:
 * a field has the wrong type or form. `field` names the first bad field as a dotted path ("os.ubr",
 * "hotfixes.0", "(profile)" when the value is not an object at all); `issues` lists every problem.
 */
export class ProfileError extends InputError {
  override readonly name: string = 'ProfileError';
  constructor(
    /** the first bad field, e.g. "os.ubr" */
    readonly field: string,
    /** every problem found, the first one first */
    readonly issues: ProfileIssue[],
    /** the profile's name when it has a readable one */
    readonly profileName?: string,
    /** the library call and its argument the profile was given as (the doors), default parseProfile(input) */
    at?: { function: string; argument: string },
  ) {
    // an InputError too (every bad argument of the library is one): `argument` is the parameter and the field
    super('', undefined, issues.map((i) => `${i.field}: ${i.message}`).join('; '), {
      function: at?.function ?? 'parseProfile',
      argument: field === '(profile)' ? (at?.argument ?? 'input') : `${at?.argument ?? 'input'}.${field}`,
      expected: issues[0]?.message ?? 'a machine profile',
    });
    this.message = (at ? `${at.function}: ${at.argument}: ` : '') + `machine profile${profileName !== undefined ? ` "${clip(profileName)}"` : ''}: ` + issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  }
}

/** True for a ProfileError (also across copies of the library, by name). */
export function isProfileError(e: unknown): e is ProfileError {
  return e instanceof ProfileError || (e instanceof Error && e.name === 'ProfileError' && 'field' in e);
}
