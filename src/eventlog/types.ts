/** Event log records as the install paths write them to Windows Logs > Application. */
export type EventLevel = 'Error' | 'Warning' | 'Information';
/** The catalog messages that are events. */
export type EventMessageId = 'E-900' | 'E-11708';

/** One record of Windows Logs > Application, as an install path writes it. */
export interface EventRecord {
  /** the Windows event ID (900, 11708) */
  id: number;
  /** the catalog message the text comes from */
  messageId: EventMessageId;
  /** provider / source name as Event Viewer shows it */
  source: string;
  channel: 'Application';
  level: EventLevel;
  /** ISO 8601, from the simulation clock */
  time: string;
  /** the machine's name (Event Viewer's "Computer") */
  computer: string;
  /** EventRecordID, increasing per machine (kept in EventLogMemory across runs) */
  recordId: number;
  lang: 'ja' | 'en';
  /** the message text with the path filled in */
  text: string;
  /** the EventData <Data> values, in order */
  data: string[];
  /** 'faq' when `text` is Trend Micro's Q&A's own (the seed, Japanese), else 'inferred' (the event ID and log are the Q&A's) */
  textSource: 'faq' | 'inferred';
  /** the provider name (`source`): the Q&A does not state it, so 'inferred' */
  providerSource: 'faq' | 'inferred';
  /** the level: the Q&A does not state it, so 'inferred' */
  levelSource: 'faq' | 'inferred';
}

/** One "logged once" entry: the first time an event was logged on a machine. */
export interface LoggedOnce {
  time: string;
  recordId: number;
  text: string;
}

/**
 * What the event log remembers across runs, per machine name: events that are logged only once
 * (event 900 on agents with download prevention), and the last EventRecordID used.
 * Plain JSON data: persist it with `serializeMemory`, restore it with `parseMemory`.
 */
export interface EventLogMemory {
  version: 1;
  machines: Record<string, MachineEventMemory>;
}

/** One machine's part of an EventLogMemory. */
export interface MachineEventMemory {
  /** key: what was logged once (e.g. "E-900") */
  loggedOnce: Record<string, LoggedOnce>;
  lastRecordId: number;
}
