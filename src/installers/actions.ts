/**
 * What the install-path machines do, as pure context updates (the machines' setup wraps each in `assign`,
 * named once). Texts come from the message catalog, records from the event log module.
 */
import { forgetLoggedOnce, rememberLoggedOnce, takeRecordId } from '../eventlog/memory';
import { createEventRecord } from '../eventlog/records';
import type { EventMessageId, EventRecord } from '../eventlog/types';
import type { EventLogMemory } from '../eventlog/types';
import { renderMessage, type Lang, type MessageId } from '../messages/catalog';
import { EVENT_900_ONCE_KEY, type InstallerContext, type UpdateContext } from './context';
import type { CycleOutcome, Decision, Popup } from './types';

/** A popup as the user sees it, with the machine's path, patch and name filled in. */
export function popupFor(id: MessageId, context: InstallerContext): Popup {
  const m = renderMessage(id, context.lang, { path: context.displayPath, patch: context.patch, computer: context.computer });
  if (m.kind !== 'popup' || !m.window) throw new Error(`${id} is not a popup`);
  return {
    id,
    window: m.window,
    lang: m.lang,
    title: m.title,
    text: m.text,
    buttons: m.buttons,
    provenance: m.provenance,
    titleProvenance: m.titleProvenance ?? 'ours',
    source: m.source,
    titleSource: m.titleSource ?? 'inferred',
  };
}

export function showPopup(context: InstallerContext, id: MessageId): Partial<InstallerContext> {
  return { popups: [...context.popups, popupFor(id, context)] };
}

interface LogTarget {
  memory: EventLogMemory;
  events: EventRecord[];
  computer: string;
  lang: Lang;
}

/** Appends an event record (next EventRecordID of this machine, from the memory). */
export function logEvent(
  target: LogTarget,
  messageId: EventMessageId,
  time: string,
  path?: string,
): { events: EventRecord[]; memory: EventLogMemory; record: EventRecord } {
  const [recordId, memory] = takeRecordId(target.memory, target.computer);
  const record = createEventRecord({
    messageId,
    lang: target.lang,
    ...(path !== undefined ? { path } : {}),
    time: new Date(time),
    computer: target.computer,
    recordId,
  });
  return { events: [...target.events, record], memory, record };
}

export function logInstallerEvent(context: InstallerContext, messageId: EventMessageId): Partial<InstallerContext> {
  const { events, memory } = logEvent(context, messageId, context.at, context.displayPath);
  return { events, memory };
}

export function decide(decision: Decision): { decision: Decision } {
  return { decision };
}

// ---- agent program update (A6, S3, SEP) ----

export function beginCycle(context: UpdateContext, e: { time: string; ready: UpdateContext['cycleReady'] }): Partial<UpdateContext> {
  return { cycle: context.cycle + 1, cycleTime: e.time, cycleReady: e.ready };
}

export function countDownload(context: UpdateContext): Partial<UpdateContext> {
  return { downloads: context.downloads + 1 };
}

/** Event 900 with the downloaded file's path; on agents with download prevention it is remembered (logged once). */
export function logEvent900(context: UpdateContext): Partial<UpdateContext> {
  const { events, memory, record } = logEvent(context, 'E-900', context.cycleTime, context.downloadPath);
  const remembered =
    context.agentClass === 'download-prevention'
      ? rememberLoggedOnce(memory, context.computer, EVENT_900_ONCE_KEY, { time: record.time, recordId: record.recordId, text: record.text })
      : memory;
  return { events, memory: remembered };
}

/** The program is installed: the agent is up to date, and the "logged once" entry is cleared for a future program. */
export function installProgram(context: UpdateContext, unguarded: boolean): Partial<UpdateContext> {
  return {
    installed: true,
    unguarded,
    memory: forgetLoggedOnce(context.memory, context.computer, EVENT_900_ONCE_KEY),
  };
}

/** Closes the current cycle with its outcome (a summary row for the run). */
export function endCycle(context: UpdateContext, outcome: CycleOutcome): Partial<UpdateContext> {
  const eventsBefore = context.cycles.reduce((n, c) => n + c.events.length, 0);
  const downloadsBefore = context.cycles.reduce((n, c) => n + (c.downloaded ? 1 : 0), 0);
  return {
    cycles: [
      ...context.cycles,
      {
        cycle: context.cycle,
        time: context.cycleTime,
        ready: context.cycleReady,
        downloaded: context.downloads > downloadsBefore,
        events: context.events.slice(eventsBefore).map((e) => e.id),
        outcome,
        patternsUpdated: true,
      },
    ],
  };
}

/**
 * The run's decision after the last cycle: installed → allowed / unguarded; the last cycle that downloaded
 * the program could not check it → no decision (null, `checkError` says why); otherwise blocked.
 */
export function decideUpdate(context: UpdateContext): { decision: Decision | null } {
  if (context.installed) return { decision: context.unguarded ? 'unguarded' : 'allowed' };
  const lastDownload = [...context.cycles].reverse().find((c) => c.downloaded);
  if (lastDownload?.outcome === 'check-failed') return { decision: null };
  return { decision: 'blocked' };
}

/** The message of whatever the ACS check actor rejected with (an Error, a string, anything). */
export function checkErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
