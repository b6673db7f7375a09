/**
 * The canonical machine profile: what acs-gatekeeper knows of one Windows machine.
 * Unknown facts are left out (undefined), never guessed. Documented in docs/machine-profile.md.
 */
import { z } from 'zod';

const thumbprint = z
  .string()
  .regex(/^[0-9A-Fa-f]{40}$/, 'a SHA-1 thumbprint is 40 hex digits')
  .transform((s) => s.toUpperCase());

/** A root store entry: a SHA-1 thumbprint, or a certificate (PEM), or both with a subject for display. */
export const RootStoreEntrySchema = z.union([
  thumbprint,
  z.object({
    thumbprint: thumbprint.optional(),
    subject: z.string().optional(),
    pem: z.string().optional(),
  }),
]);

export const MachineProfileSchema = z.object({
  name: z.string().min(1),
  role: z.enum(['endpoint', 'server']).default('endpoint'),
  os: z
    .object({
      caption: z.string().optional(),
      /** "10.0.19044" (major.minor.build) */
      version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is major.minor.build, e.g. 10.0.19044').optional(),
      /** update build revision: the part after the build (19044.1586 -> 1586) */
      ubr: z.number().int().nonnegative().optional(),
      /** "x64", "x86", "ARM64" when known */
      architecture: z.string().optional(),
      productType: z.enum(['workstation', 'server', 'domain-controller']).optional(),
    })
    .default({}),
  /** installed updates, e.g. ["KB5011487"]; absent = unknown, [] = none installed */
  hotfixes: z
    .array(z.string().regex(/^KB\d+$/i, 'hotfix ids look like KB5011487').transform((s) => s.toUpperCase()))
    .optional(),
  /** Trusted Root Certification Authorities (LocalMachine\Root); absent = unknown */
  rootStore: z.array(RootStoreEntrySchema).optional(),
  /** automatic root certificate update enabled (DisableRootAutoUpdate absent or 0); absent = unknown */
  rootAutoUpdate: z.boolean().optional(),
  /** can reach Windows Update / the CTL download; absent = unknown */
  online: z.boolean().optional(),
  /** where each fact came from (file names), for the report */
  sources: z.array(z.string()).optional(),
});

export type MachineProfile = z.infer<typeof MachineProfileSchema>;
export type MachineProfileInput = z.input<typeof MachineProfileSchema>;
export type RootStoreEntry = z.infer<typeof RootStoreEntrySchema>;
