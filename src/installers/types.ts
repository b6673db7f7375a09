/**
 * Public contract of the install-path simulator (src/installers/).
 * The CLI and report call `simulate(path, input)` (src/installers/simulate.ts) and render a `PathRun`.
 * Change these names only on purpose.
 */
import type { X509Certificate } from 'node:crypto';
import type { CrlInput, VerificationResult } from '../authenticode/types';
import type { MachineProfile, MachineProfileInput } from '../endpoint/profile';
import type { Readiness, Tri } from '../endpoint/types';
import type { Lang, MessageId, Provenance, TextSource, WindowKind } from '../messages/catalog';
import type { EventLogMemory, EventRecord } from '../eventlog/types';

export type { Lang, MessageId, Provenance, TextSource, WindowKind } from '../messages/catalog';
export type { EventLogMemory, EventRecord } from '../eventlog/types';

/** Every install path simulate() runs (docs/behavior.md describes each). */
export const INSTALL_PATH_IDS = [
  'server-patch', // A1
  'autopcc', // A2
  'msi', // A3
  'packager-exe', // A4
  'remote-install', // A5
  'agent-update', // A6
  'saas-msi', // S1
  'saas-web-installer', // S2
  'saas-agent-update', // S3
  'sep-agent-update', // Vision One Standard Endpoint Protection agents (as SaaS)
  'pattern-update',
  'engine-update',
] as const;
/** One of INSTALL_PATH_IDS. */
export type InstallPath = (typeof INSTALL_PATH_IDS)[number];

export type Product = 'apex-one' | 'apex-one-saas' | 'vision-one-sep';
/** Apex One SaaS maintenance month, "YYYY-MM" */
export type Maintenance = `${number}-${number}`;
/** Which components security agents update (Apex One's "Security Agents only update the following components"). */
export type UpdateScope = 'all' | 'patterns-engines-drivers' | 'patterns';
/**
 * What a path does on a machine. 'unknown': the outcome rests on a fact the profile does not give
 * (readiness 'unknown'); the run's `worstCase` says what happens when that fact turns out unfavourable.
 */
export type Decision = 'allowed' | 'blocked' | 'unguarded' | 'unknown';
/** A decision that is known: what the worst case of an unknown run comes to. */
export type KnownDecision = Exclude<Decision, 'unknown'>;

/** The program being installed or applied. */
export type Artifact =
  | {
      kind: 'file';
      /** a real PE or MSI file: the shared verifier judges it against the machine's trust */
      path: string;
      /** the path shown in popups / events instead of `path` (e.g. where it sits on the endpoint) */
      displayPath?: string;
      /** the program's Apex One build (a flag, or its version resource): informational, the verifier decides */
      build?: number;
      /** the program's SaaS maintenance month: informational, the verifier decides */
      maintenance?: string;
    }
  | {
      kind: 'declared';
      /** Apex One build number; ACS-signed from 12011 */
      build?: number;
      /** Apex One SaaS maintenance month; ACS-signed from 2023-03 */
      maintenance?: string;
      /** overrides build/maintenance */
      acsSigned?: boolean;
      /** the path shown in popups / events; default: per path, see INSTALL_PATHS[*].defaultDisplayPath */
      path?: string;
    };

/** Apex One settings and assumptions that change what a path does. */
export interface SimulateSettings {
  /** A4: EXE made by the client packager in silent mode (only the first popup) */
  silent?: boolean;
  /** "Security Agents only update the following components"; default 'all' */
  scope?: UpdateScope;
  /** the seed's "may change": pattern updates blocked like programs; default false */
  patternUpdatesBlocked?: boolean;
  /** the announced future in which scan engines are ACS-signed; default false */
  engineSignedWithAcs?: boolean;
}

/** From cycle `fromCycle` on (1-based), the machine is this one (a patch or the root was installed). */
export interface MachineChange {
  fromCycle: number;
  readiness: Readiness;
  /** the changed profile (used for trust anchors of a real file); default: the previous one */
  machine?: MachineProfileInput;
}

/** Certificates a simulation may use when the artifact is a real file. */
export interface SimulateTrust {
  /** certificates the simulator may place in a machine's root store (matched by thumbprint) */
  known: X509Certificate[];
  /** roots that make a chain ACS; default: the bundled Microsoft Identity Verification Root CA 2020 */
  acsRoots?: X509Certificate[];
  /** CRLs a real file's revocation is judged by (offline); default none: revocation not checked */
  crls?: CrlInput[];
}

/** What simulate() runs: the machine, its readiness, the program, the clock and the path's settings. */
export interface SimulateInput {
  /** the machine: a profile from loadInventory, or one written by hand (checked; defaults applied) */
  machine: MachineProfileInput;
  /** the machine's readiness; default: assessReadiness(machine, { lang }) */
  readiness?: Readiness;
  artifact: Artifact;
  /** the installed agent, for update paths: Apex One build, or SaaS maintenance month */
  agent?: { build?: number; maintenance?: string };
  settings?: SimulateSettings;
  /** update paths: number of update cycles to run (default 1) */
  cycles?: number;
  /** update paths: minutes between cycles, for event times (default 60; our assumption) */
  cycleIntervalMinutes?: number;
  /** update paths: the machine changing between cycles */
  changes?: MachineChange[];
  /**
   * popup and event language (default 'ja'); when given, also the language of the reasons, warnings and
   * remediation the installers write (src/installers/texts.ts; without it those stay English, as before).
   * The readiness's own reasons and remediation are passed through as given: assess it in the same language.
   */
  lang?: Lang;
  /** the simulation clock: verification time and event time of cycle 1 */
  at: Date;
  trust?: SimulateTrust;
  /** persisted state from an earlier run (the "logged once" memory); default: empty */
  memory?: EventLogMemory;
}

/** The reason codes of a PathRun. */
/** SimulateInput as simulate() hands it on: the profiles checked (defaults applied), the readiness assessed. */
export interface ResolvedSimulateInput extends SimulateInput {
  machine: MachineProfile;
  readiness: Readiness;
  changes?: Array<MachineChange & { machine?: MachineProfile }>;
}

/** The reason codes of a PathRun. */
export const RUN_REASON_CODES = [
  'OS_NO_ACS_SUPPORT',
  'OS_PATCH_MISSING',
  'ROOT_NOT_TRUSTED',
  'FACT_UNKNOWN',
  'OS_UNRECOGNIZED',
  /** the verifier judged the real file invalid / unsigned / malformed on this machine (evidence: codes) */
  'SIGNATURE_NOT_VALID',
  /**
   * the installer's own signature fails whatever the machine trusts (tampered, unsigned, malformed, untrusted
   * root, bad timestamp): blocked without the FAQ's ACS popups and events (evidence: verdict, codes)
   */
  'INSTALLER_INVALID',
  /**
   * the installer's signature is valid under a root the run knows, but that root is not one the ACS readiness
   * model covers and the machine's trust does not hold it: blocked (our inference) without the FAQ's ACS
   * popups and events (evidence: root, machine verdict and codes; source 'inferred')
   */
  'ROOT_NOT_COVERED',
  /** the artifact is not ACS-signed (informational: judged on its own chain) */
  'NOT_ACS_SIGNED',
  /** update scope excludes the agent program */
  'SCOPE_EXCLUDES_PROGRAM',
  /** Apex One agent below 12011 / SaaS below 2023-01: the check may not run */
  'AGENT_WITHOUT_CHECK',
  /** download prevention engaged: periodic ACS check only, no download */
  'DOWNLOAD_PREVENTED',
  /** the setting patternUpdatesBlocked / engineSignedWithAcs made this update subject to the check */
  'SETTING_SUBJECTS_UPDATE_TO_CHECK',
] as const;
export type RunReasonCode = (typeof RUN_REASON_CODES)[number];

/** Why a path decided as it did. */
export interface RunReason {
  code: RunReasonCode;
  message: string;
  evidence?: Record<string, unknown>;
  /** 'inferred' on a reason whose outcome Trend Micro's Q&A does not state (ours); absent otherwise */
  source?: 'faq' | 'inferred';
}

/** A popup as the user sees it, with where its text comes from. */
export interface Popup {
  id: MessageId;
  /** where it appears: the endpoint's desktop, the web console, the server's desktop */
  window: WindowKind;
  lang: Lang;
  title: string;
  text: string;
  buttons: string[];
  /** 'seed' | 'official' | 'translation' | 'ours' for the text in this language */
  provenance: Provenance;
  /** provenance of the window title ('ours' when the title is our assumption) */
  titleProvenance: Provenance;
  /** 'faq' when the text is Trend Micro's Q&A's own, byte for byte (placeholders filled); else 'inferred' */
  source: TextSource;
  /** the title: the Q&A never states one (it shows the popups as pictures), so 'inferred' */
  titleSource: TextSource;
}

export type CycleOutcome =
  | 'installed' // program downloaded, check passed, installed
  | 'installed-unguarded' // agent without the check installed an ACS program the machine cannot run
  | 'blocked' // downloaded, check failed, not installed
  | 'check-failed' // downloaded, the ACS check itself failed (error): not installed, no event, retried next cycle
  | 'periodic-check-only' // download prevention: ACS check of the machine, no download
  | 'patterns-only' // scope excludes the program
  | 'up-to-date'; // program already installed in an earlier cycle

/** One update cycle of an agent update path. */
export interface CycleSummary {
  cycle: number;
  /** ISO time of the cycle (simulation clock) */
  time: string;
  ready: Tri;
  downloaded: boolean;
  /** Windows event IDs logged this cycle */
  events: number[];
  outcome: CycleOutcome;
  patternsUpdated: boolean;
}

/** One state transition of a path's machine (for tracing). */
export interface Transition {
  from: string;
  event: string;
  to: string;
}

/** What one install path did on one machine: the decision, the popups and events in order, downloads, reasons, remediation. */
export interface PathRun {
  path: InstallPath;
  decision: Decision;
  /** true exactly when `decision` is 'unknown' (the decision rests on a fact the profile does not give) */
  uncertain: boolean;
  /**
   * decision 'unknown' only: what happens when the missing fact turns out unfavourable (the machine does
   * not meet ACS): the decision, and the popups, events, downloads and cycles of that case. The run's own
   * `popups`, `events` and `cycles` are then empty and `downloads` 0: nothing is known to happen.
   */
  worstCase?: WorstCase;
  reasons: RunReason[];
  /** in the order shown */
  popups: Popup[];
  /** in the order logged */
  events: EventRecord[];
  /** program downloads made (update paths) */
  downloads: number;
  remediation: string[];
  warnings: string[];
  transitions: Transition[];
  /** per-cycle summary, update paths only */
  cycles?: CycleSummary[];
  /** state to persist and pass back as `input.memory` next run */
  memory: EventLogMemory;
  /** the verifier's result, when the artifact was a real file (the last one for update paths) */
  verification?: VerificationResult;
  /**
   * the installer's own verdict when its signature fails whatever the machine trusts (reason INSTALLER_INVALID):
   * the verifier's verdict and failure codes under every root the run knows; absent otherwise
   */
  installerInvalid?: { verdict: string; failures: string[] };
  /**
   * the installer's chain ends at a root the ACS readiness model does not cover and the machine's trust does not
   * hold it (reason ROOT_NOT_COVERED, our inference): the root's subject, whether that chain is ACS, and the
   * verifier's verdict and failure codes under the machine's trust; absent otherwise
   */
  rootNotCovered?: { root: string; acs: boolean; verdict: string; failures: string[] };
  /**
   * the path the popups and events show when it is illustrative, not where the file really is (a declared
   * artifact without a path, or a --file without --display-path: the file's name in the folder that install
   * path uses); label it as an example. Absent when the caller gave the path.
   */
  examplePath?: string;
}

/** What an unknown run comes to when the missing fact is unfavourable. */
export interface WorstCase {
  decision: KnownDecision;
  popups: Popup[];
  events: EventRecord[];
  downloads: number;
  cycles?: CycleSummary[];
}

/** What INSTALL_PATHS says about one install path. */
export interface InstallPathInfo {
  id: InstallPath;
  /** the seed's numbering: A1..A6, S1..S3; '-' for the others */
  label: string;
  product: Product | 'all';
  description: string;
  /** path shown in popups/events for a declared artifact (illustrative; our assumption) */
  defaultDisplayPath: string;
  /** agent program updates run over cycles */
  cyclic: boolean;
}
