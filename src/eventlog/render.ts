/**
 * Rendering event records: JSON (one object per record) and Windows Event XML in the schema that
 * `wevtutil qe Application /f:xml` prints for classic (non-manifest) events.
 */
import { escapeXml as xmlText } from '../text/escape';
import type { EventLevel, EventRecord } from './types';

const EVENT_NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const LEVEL_NUMBER: Record<EventLevel, number> = { Error: 2, Warning: 3, Information: 4 };
/** Keywords of classic events (EVENTLOG_*): wevtutil prints 0x80000000000000. */
const CLASSIC_KEYWORDS = '0x80000000000000';

/**
 * XML-escape text and attribute values (both quote kinds, since wevtutil quotes attributes with '); characters
 * XML cannot carry and invisible ones shown as visible text. It lives in src/text/escape.ts (one place decides
 * how text is shown).
 */
export function escapeXml(s: string): string {
  return xmlText(s);
}

/** SystemTime as Windows prints it: 7 fractional digits, UTC. */
export function systemTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not an ISO time: ${iso}`);
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** A record as `wevtutil qe Application /f:xml` prints it (one <Event> element; text escaped). */
export function toEventXml(r: EventRecord): string {
  const data = r.data.map((d) => `<Data>${xmlText(d)}</Data>`).join('');
  return (
    `<Event xmlns='${EVENT_NS}'>` +
    '<System>' +
    `<Provider Name='${xmlText(r.source)}'/>` +
    `<EventID Qualifiers='0'>${r.id}</EventID>` +
    '<Version>0</Version>' +
    `<Level>${LEVEL_NUMBER[r.level]}</Level>` +
    '<Task>0</Task>' +
    '<Opcode>0</Opcode>' +
    `<Keywords>${CLASSIC_KEYWORDS}</Keywords>` +
    `<TimeCreated SystemTime='${systemTime(r.time)}'/>` +
    `<EventRecordID>${r.recordId}</EventRecordID>` +
    '<Correlation/>' +
    "<Execution ProcessID='0' ThreadID='0'/>" +
    `<Channel>${xmlText(r.channel)}</Channel>` +
    `<Computer>${xmlText(r.computer)}</Computer>` +
    '<Security/>' +
    '</System>' +
    `<EventData>${data}</EventData>` +
    '</Event>'
  );
}

/** Several records as wevtutil prints them: one <Event> per line. */
export function toEventsXml(records: readonly EventRecord[]): string {
  return records.map((r) => toEventXml(r) + '\n').join('');
}

/** A record as plain JSON data (stable key order). */
export function toEventJson(r: EventRecord): Record<string, unknown> {
  return {
    id: r.id,
    messageId: r.messageId,
    source: r.source,
    channel: r.channel,
    level: r.level,
    time: r.time,
    computer: r.computer,
    recordId: r.recordId,
    lang: r.lang,
    text: r.text,
    data: [...r.data],
    textSource: r.textSource,
    providerSource: r.providerSource,
    levelSource: r.levelSource,
  };
}

const VIEWER_LABELS = {
  en: { log: 'Log Name', source: 'Source', date: 'Date', id: 'Event ID', task: 'Task Category', level: 'Level', keywords: 'Keywords', computer: 'Computer', description: 'Description', none: 'None', classic: 'Classic' },
  ja: { log: 'ログの名前', source: 'ソース', date: '日付', id: 'イベント ID', task: 'タスクのカテゴリ', level: 'レベル', keywords: 'キーワード', computer: 'コンピューター', description: '説明', none: 'なし', classic: 'クラシック' },
} as const;
const LEVEL_NAMES = {
  en: { Error: 'Error', Warning: 'Warning', Information: 'Information' },
  ja: { Error: 'エラー', Warning: '警告', Information: '情報' },
} as const;

/** A record laid out as Event Viewer's General / Details pane shows it (labels in the record's language; time in UTC). */
export function toEventViewerText(r: EventRecord): string {
  const l = VIEWER_LABELS[r.lang];
  const rows: Array<[string, string]> = [
    [l.log, r.channel],
    [l.source, r.source],
    [l.date, r.time],
    [l.id, String(r.id)],
    [l.task, l.none],
    [l.level, LEVEL_NAMES[r.lang][r.level]],
    [l.keywords, l.classic],
    [l.computer, r.computer],
  ];
  return rows.map(([k, v]) => `${k}: ${v}`).join('\n') + `\n${l.description}:\n${r.text}\n`;
}
