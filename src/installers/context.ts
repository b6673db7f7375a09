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

export interface InstallerContext extends InstallerInput {
  decision: Decision | null;
  popups: Popup[];
  events: EventRecord[];
}

export type InstallerEvent =
  /** the ACS check's answer (src/installers/acs-check.ts) */
  | { type: 'ACS_CHECKED'; holds: boolean }
  /** the user clicks [OK] on the popup shown */
  | { type: 'OK_CLICKED' };

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

export interface UpdateContext extends UpdateInput {
  cycle: number;
  cycleTime: string;
  cycleReady: Tri;
  cycleHolds: boolean;
  installed: boolean;
  unguarded: boolean;
  downloads: number;
  events: EventRecord[];
  cycles: CycleSummary[];
  decision: Decision | null;
}

export type UpdateEvent =
  /**
   * A scheduled update cycle begins: `ready` is the machine's ACS state in this cycle (what the agent's
   * periodic check sees), `holds` the ACS check's answer for the offered program on this machine.
   */
  | { type: 'CYCLE_STARTED'; time: string; ready: Tri; holds: boolean }
  /** no more cycles are simulated */
  | { type: 'UPDATES_STOPPED' };

/** The key of event 900 in the "logged once" memory. */
export const EVENT_900_ONCE_KEY = 'E-900';
