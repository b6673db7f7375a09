/**
 * Public contract of the readiness model (src/endpoint/). The installers and the CLI depend on it.
 */
export type Tri = true | false | 'unknown';

/** The reason codes of a readiness verdict (docs/readiness.md). */
export const READINESS_CODES = [
  'OS_NO_ACS_SUPPORT', // Windows line that never gets ACS support (XP/2000/2003, unknown-old)
  'OS_PATCH_MISSING', // supported line, but below the minimum build/UBR and no qualifying KB
  'ROOT_NOT_TRUSTED', // root absent and auto-update off or offline
  'FACT_UNKNOWN', // a fact needed for the verdict is missing (names it)
  'OS_UNRECOGNIZED', // version string that maps to no known Windows line
] as const;
/** One of READINESS_CODES. */
export type ReadinessCode = (typeof READINESS_CODES)[number];

/** Why a machine is not ready (or its readiness is unknown). */
export interface ReadinessReason {
  code: ReadinessCode;
  message: string;
  /** for FACT_UNKNOWN: which fact ("os.version", "os.ubr", "hotfixes", "rootStore", "rootAutoUpdate", "online") */
  fact?: string;
  /** what was seen, e.g. { build: 19044, ubr: 1000, requiredKb: "KB5011487" } */
  evidence?: Record<string, unknown>;
}

/** Options of assessReadiness. */
export interface ReadinessOptions {
  /** language of reasons[].message and remediation[] (default 'en'); codes, facts and evidence do not change */
  lang?: 'ja' | 'en';
  /** KBs the administrator accepts as containing the ACS fix (`--accept-kb`, a policy file's acceptKbs), on top of the table */
  acceptKbs?: readonly string[];
}

/** assessReadiness's verdict on one machine. */
export interface Readiness {
  name: string;
  role: 'endpoint' | 'server';
  /** true only when both OS support and root trust are true */
  ready: Tri;
  os: {
    supported: Tri;
    /** human name of the Windows line, e.g. "Windows 10 21H2", when recognised */
    line?: string;
    version?: string;
    ubr?: number;
    /** KBs that would fix this line (any one of them) */
    requiredKbs?: string[];
  };
  root: {
    trusted: Tri;
    /** how it is trusted: in the store, or fetched by automatic root update */
    via: 'store' | 'auto-update' | null;
  };
  reasons: ReadinessReason[];
  /** commands and steps, one string each, in order */
  remediation: string[];
}
