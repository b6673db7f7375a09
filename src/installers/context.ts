/** Context, input and event types of the install-path machines (shared by every machine). */
import type { Tri } from '../endpoint/types';
import type { EventLogMemory, EventRecord } from '../eventlog/types';
import type { Lang } from '../messages/catalog';
import type { AgentClass } from './agent-class';
import type { CycleSummary, Decision, Popup, UpdateScope } from './types';

/** What one-shot installer machines (A1–A5, S1, S2, pattern and engine updates) are started with. */
export interface InstallerInput {
  lang: Lang;
  /** the machine's name (event "Computer", remote install target) */
  computer: string;
  /** the file path shown in popups and events */
  displayPath: string;
  /** the Windows update(s) this machine needs, for our own popups' {パッチ} */
  patch: string;
  /** ISO time of the run (event time) */
  at: string;
  silent: boolean;
  patternUpdatesBlocked: boolean;
  engineSignedWithAcs: boolean;
  memory: EventLogMemory;
}

/** The context of an installer path's machine: its input plus what it decided, showed and logged. */
export interface InstallerContext extends InstallerInput {
  /** null while running, and at the end when the ACS check failed (see `checkError`) */
  decision: Decision | null;
  popups: Popup[];
  events: EventRecord[];
  /** the ACS check actor's error message when it failed: the machine ends in `acsCheckFailed`, undecided */
  checkError: string | null;
}

/**
 * What every machine hands its `acsCheck` actor (invoked from its checking state): enough to name the
 * question; the check itself knows the artifact, the machine's trust and the clock (see simulate.ts).
 */
export interface AcsCheckRequest {
  /** the machine's name */
  computer: string;
  /** the file as shown in popups / events (one-shot paths) or the downloaded program (update cycles) */
  path: string;
  /** ISO time of the check: the run's time, or the update cycle's */
  time: string;
  /** the update cycle (1-based); 0 for one-shot paths */
  cycle: number;
}

/** What the machines need back from the `acsCheck` actor (an AcsOutcome from acs-check.ts is one). */
export interface AcsCheckAnswer {
  /** the artifact would install / run on this machine */
  holds: boolean;
  /**
   * with holds false: the installer's own signature fails whatever the machine trusts (tampered, unsigned,
   * malformed, untrusted root, bad timestamp): the machine blocks it without the FAQ's ACS popups and events
   */
  installerInvalid?: boolean;
  /**
   * with holds false: the installer's chain ends at a root the ACS readiness model does not cover, which the
   * machine's trust does not hold: the machine blocks it without the FAQ's ACS popups and events, as above
   */
  rootNotCovered?: boolean;
}

/**
 * Events the one-shot installer machines take from outside. The ACS check's answer is not one of them:
 * it arrives as the `acsCheck` actor's done event (`xstate.done.actor.acsCheck`, output AcsCheckAnswer)
 * or error event (`xstate.error.actor.acsCheck`).
 */
export type InstallerEvent =
  /** the user clicks [OK] on the popup shown */
  { type: 'OK_CLICKED' };

/** What the agent program update machine (A6, S3, SEP) is started with. */
export interface UpdateInput {
  lang: Lang;
  computer: string;
  /** where the agent puts the downloaded program (the path in event 900) */
  downloadPath: string;
  agentClass: AgentClass;
  scope: UpdateScope;
  memory: EventLogMemory;
}

/** The context of an agent update machine: its input plus the cycles, downloads and events so far. */
export interface UpdateContext extends UpdateInput {
  cycle: number;
  cycleTime: string;
  cycleReady: Tri;
  installed: boolean;
  unguarded: boolean;
  downloads: number;
  events: EventRecord[];
  cycles: CycleSummary[];
  /** null until UPDATES_STOPPED; stays null when the last cycle that checked the program failed to check */
  decision: Decision | null;
  /** the ACS check actor's error message in the last cycle that checked the program, when it failed */
  checkError: string | null;
}

/**
 * Events the agent program update machine takes from outside. The ACS check of the downloaded program is
 * invoked by the machine itself in each cycle that downloads it (actor `acsCheck`, see InstallerEvent).
 */
export type UpdateEvent =
  /**
   * A scheduled update cycle begins: `ready` is the machine's ACS state in this cycle (what the agent's
   * periodic check of the machine sees when download prevention is engaged).
   */
  | { type: 'CYCLE_STARTED'; time: string; ready: Tri }
  /** no more cycles are simulated */
  | { type: 'UPDATES_STOPPED' };

/** The key of event 900 in the "logged once" memory. */
export const EVENT_900_ONCE_KEY = 'E-900';
