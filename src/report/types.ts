import type { RemediationSource } from '../endpoint/remediation';

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
  /** 'faq' when the text is Trend Micro's Q&A's own (byte for byte, path filled), else 'inferred' (mark it as ours) */
  source?: 'faq' | 'inferred';
  /** the title: never stated by the Q&A, 'inferred' */
  titleSource?: 'faq' | 'inferred';
}

/** An event as the report shows it. */
export interface EventView {
  id: number;
  source: string;
  channel: string;
  level: string;
  text: string;
  /** 'faq' when the text is the Q&A's own (the event ID and the log always are) */
  textSource?: 'faq' | 'inferred';
  /** the provider name (`source`) and the level: the Q&A states neither, 'inferred' */
  providerSource?: 'faq' | 'inferred';
  levelSource?: 'faq' | 'inferred';
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
  /**
   * the installer's own verdict when its signature fails whatever the machine trusts (reason INSTALLER_INVALID):
   * blocked without the FAQ's popups and events; absent otherwise
   */
  installerInvalid?: { verdict: string; failures: string[] };
  /**
   * the installer's chain ends at a root the ACS readiness model does not cover, which this machine's trust does
   * not hold (reason ROOT_NOT_COVERED; our inference, `source: 'inferred'`): blocked (or unknown when the Root store
   * is not known) without the FAQ's popups and events; absent otherwise
   */
  rootNotCovered?: { root: string; acs: boolean; source: 'inferred' };
  /** the path the popups and events show when it is an example (not where the file really is): label it so */
  examplePath?: string;
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
  /** whether each remediation step is the FAQ's text or ours (issue 18.3), in the order of `remediation`: today every step is 'inferred'; toRow always sets it */
  remediationSource?: RemediationSource[];
  /** facts assumed for this machine because its profile lacks them (FleetOptions.assume), e.g. ["online"] */
  assumed?: string[];
  outcomes: PathOutcome[];
}

/** A file or line of the inventory that could not be read (named, with the reason). */
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
  /** a file whose content this tool does not read and which may hold machines (an .xlsx): `--fail-on unreadable` counts it */
  unread?: true;
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
  /** of `blocked`, the runs blocked because the installer's own signature fails (INSTALLER_INVALID), not by the ACS check */
  blockedByInstaller?: number;
  /** of `blocked`, the runs blocked because the installer's chain ends at a root the ACS readiness model does not cover (ROOT_NOT_COVERED), not by the ACS check */
  blockedByRoot?: number;
  /** the path this path's popups and events show when it is an example, not where the file is: label it so */
  examplePath?: string;
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
  /** the verdict is not valid because of the file itself (valid under no root the run knows), not this trust */
  installerInvalid?: boolean;
  /** the verdict is not valid because this trust lacks a root the ACS readiness model does not cover (ROOT_NOT_COVERED), not because of the file */
  rootNotCovered?: boolean;
  /**
   * modules inside the installer that need ACS support to load (ACS-signed, FORCE_INTEGRITY), from its deep
   * verification (issue 21); absent when the file holds no other files or could not be read
   */
  needAcs?: string[];
}

/**
 * An installer whose valid chain ends at a root the ACS readiness model does not cover (not an ACS root, or an ACS
 * root other than the one readiness judges), on machines whose trust does not hold it (reason ROOT_NOT_COVERED):
 * said once at the top of the report. Our inference (`source: 'inferred'`): the Q&A does not say what happens.
 * `fix` is in the report's language, `alt` in the other.
 */
export interface RootProblem {
  file: string;
  /** the root's subject, as the verifier's chain names it */
  root: string;
  /** the chain is ACS under the run's --acs-root (true) or not ACS at all (false) */
  acs: boolean;
  fix: string;
  alt?: Partial<Record<Lang, { fix: string }>>;
  /** machines whose runs with this file end there (blocked, or unknown when their Root store is not known) */
  machines: number;
  source: 'inferred';
}

/**
 * An installer whose own signature fails whatever the machines trust (untrusted root, bad timestamp,
 * tampered, unsigned, malformed): said once at the top of the report. `verdict` and `failures` are the
 * verifier's under every root the run knows; `fix` is in the report's language, `alt` in the other.
 */
export interface InstallerProblem {
  file: string;
  verdict: string;
  failures: string[];
  fix: string;
  alt?: Partial<Record<Lang, { fix: string }>>;
  /** machines whose runs with this file were blocked by it (counted once per machine) */
  machines: number;
}

/**
 * The fleet report's summary, as fleetReport returns it (`result.summary`) and report.html shows it. report.json
 * holds these fields under `summary` except `machines` and `importErrors`: it lists every machine and every import
 * error beside the summary (top-level `machines`, `importErrors`), where this object keeps the first ones (limits).
 */
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
  /** installers whose own signature fails (issue 18.2), first thing to say; absent when none */
  installerProblems?: InstallerProblem[];
  /** installers whose chain ends at a root the ACS readiness model does not cover (issue 18.2), said first too; absent when none */
  rootProblems?: RootProblem[];
  importErrors: ImportFailure[];
  /**
   * what the inventory left out (stray files, non-Windows rows, older dated folders), the first ones listed
   * (report.json's top-level `skipped` has them all); `unread`: how many may hold machines; absent when nothing
   */
  skipped?: { count: number; items: SkippedInput[]; unread?: number };
  /** the files the inventory was made of: read, left out (skipped), unreadable */
  inputFiles?: { read: number; skipped: number; unreadable: number };
  /** the first machines in inventory order (all of them for a small fleet) */
  machines: MachineRow[];
  machinesTruncated: boolean;
}
