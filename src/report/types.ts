/**
 * The fleet report's data: one row per machine (streamed to report.csv / report.json), and the summary
 * aggregated with flat memory (counts, a bounded "fix first" list, a bounded sample of rows).
 */
export type Lang = 'ja' | 'en';
export type Tri = true | false | 'unknown';
/** 'unknown': the outcome rests on a fact the machine's profile does not give (see PathOutcome.worstCase) */
export type Decision = 'allowed' | 'blocked' | 'unguarded' | 'unknown';
export type KnownDecision = Exclude<Decision, 'unknown'>;

/** A popup as the report shows it. */
export interface PopupView {
  id: string;
  window: string;
  title: string;
  text: string;
  buttons: string[];
  /** 'ours' when the text is this project's wording, not Trend Micro's or Microsoft's (see messages/catalog.ts) */
  provenance?: string;
  titleProvenance?: string;
}

/** An event as the report shows it. */
export interface EventView {
  id: number;
  source: string;
  channel: string;
  level: string;
  text: string;
}

/** What one install path × installer does on one machine. */
export interface PathOutcome {
  path: string;
  /** the installer file, or null when the path ran on a declared artifact */
  file: string | null;
  decision: Decision;
  /** decision 'unknown' only: what happens when the missing fact turns out unfavourable */
  worstCase?: { decision: KnownDecision; popups: PopupView[]; events: EventView[]; downloads: number };
  popups: PopupView[];
  events: EventView[];
  downloads: number;
  /** the verifier's verdict for the file under this machine's trust, when a file was given */
  verdict?: string;
  acs?: boolean;
  /** the verifier's failure codes (validity first, then ACS-policy notes) */
  verificationFailures?: string[];
  /** the run's reason codes */
  reasons: string[];
}

/** One machine of the fleet report (one line of report.csv). */
export interface MachineRow {
  name: string;
  source: string;
  ready: Tri;
  /** Windows line ("Windows 10 21H2") or null when not recognised */
  windows: string | null;
  version?: string;
  ubr?: number;
  reasons: { code: string; message: string; fact?: string }[];
  remediation: string[];
  /** facts assumed for this machine because its profile lacks them (FleetOptions.assume), e.g. ["online"] */
  assumed?: string[];
  outcomes: PathOutcome[];
}

export interface ImportFailure {
  source: string;
  line?: number;
  error: string;
}

/** An input entry that is not a machine (a stray file in a share, a non-Windows row) and was left out on purpose. */
export interface SkippedInput {
  source: string;
  line?: number;
  reason: string;
}

/** A machine's reason messages and remediation steps in another language (same order as the row's). */
export interface MachineTexts {
  lang: Lang;
  reasons: string[];
  remediation: string[];
}

export interface FixFirstEntry {
  name: string;
  source: string;
  ready: Tri;
  windows: string | null;
  reasons: string[];
  remediation: string[];
  blockedRuns: number;
  /** reasons and remediation in the other language, for the page's language toggle */
  alt?: Partial<Record<Lang, { reasons: string[]; remediation: string[] }>>;
}

export interface PerPathSummary {
  path: string;
  file: string | null;
  allowed: number;
  blocked: number;
  unguarded: number;
  /** runs whose outcome rests on a missing fact; `unknownWorstCase`: what they come to in the worst case */
  unknown: number;
  unknownWorstCase: { blocked: number; unguarded: number };
  downloads: number;
  /**
   * distinct popups users would see, in order, with the number of machines that would see each
   * (`machines`) and of machines that would see it only if their unknown facts turn out unfavourable
   * (`unknownMachines`)
   */
  popups: (PopupView & { machines: number; unknownMachines: number; alt?: Partial<Record<Lang, PopupView>> })[];
  events: (EventView & { machines: number; unknownMachines: number })[];
}

export interface VerificationSummary {
  file: string;
  trust: string;
  verdict: string;
  acs: boolean;
  failures: string[];
  machines: number;
  /**
   * modules inside the installer that need ACS support to load (ACS-signed, FORCE_INTEGRITY), from its deep
   * verification (issue 21); absent when the file holds no other files or could not be read
   */
  needAcs?: string[];
}

/** The fleet report's summary (report.json's `summary`). */
export interface FleetSummary {
  tool: 'acs-gatekeeper';
  /** ISO time (UTC) */
  generatedAt: string;
  /** the same time as the reader's clock shows it, e.g. "2026-01-15 09:00:00 JST (+09:00)" */
  generatedAtLocal: string;
  /** IANA time zone the report's times are shown in */
  timeZone: string;
  /** facts the estate does not collect and the report assumed, e.g. ["online"] (FleetOptions.assume) */
  assumptions: string[];
  lang: Lang;
  inputs: string[];
  files: string[];
  paths: string[];
  totals: { machines: number; ready: number; notReady: number; unknown: number; importErrors: number };
  byReason: { code: string; notReady: number; unknown: number }[];
  byWindows: { windows: string; ready: number; notReady: number; unknown: number }[];
  fixFirst: FixFirstEntry[];
  /** `alt`: the step in the other language, for the page's language toggle */
  remediationSteps: { step: string; machines: number; alt?: Partial<Record<Lang, string>> }[];
  perPath: PerPathSummary[];
  verifications: VerificationSummary[];
  importErrors: ImportFailure[];
  /** what the inventory left out on purpose (stray files, non-Windows rows, older dated folders); absent when nothing */
  skipped?: { count: number; items: SkippedInput[] };
  /** the first machines in inventory order (all of them for a small fleet) */
  machines: MachineRow[];
  machinesTruncated: boolean;
}
