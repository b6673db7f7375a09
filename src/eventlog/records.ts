/** Building event records from the catalog texts. */
import { renderMessage, type Lang } from '../messages/catalog';
import { EVENT_DEFINITIONS } from './sources';
import type { EventMessageId, EventRecord } from './types';

/** What createEventRecord needs. */
export interface EventRecordInput {
  messageId: EventMessageId;
  lang: Lang;
  /** the file path for {ファイルパス} (E-900) */
  path?: string;
  time: Date;
  computer: string;
  recordId: number;
}

/** An event record from the catalog text and the event's definition (ID, source, level). */
export function createEventRecord(input: EventRecordInput): EventRecord {
  const def = EVENT_DEFINITIONS[input.messageId];
  const m = renderMessage(input.messageId, input.lang, input.path !== undefined ? { path: input.path } : {});
  const text = m.text;
  return {
    id: def.id,
    messageId: def.messageId,
    source: def.source,
    channel: 'Application',
    level: def.level,
    time: input.time.toISOString(),
    computer: input.computer,
    recordId: input.recordId,
    lang: input.lang,
    text,
    data: [text],
    textSource: m.source,
    // the Q&A states the event ID and the log (Windows Logs > Application), never the source or the level
    providerSource: 'inferred',
    levelSource: 'inferred',
  };
}
