/** An event record as Event Viewer's General/Details pane shows it. */
import { escapeLines, escapeText as esc } from '../../text/escape';
import type { EventRecord } from '../../eventlog/types';
import type { Lang } from '../lang';
import { padEnd } from './width';
import { formatLocalTime } from '../../report/time';
import { LABELS as L, PAGE_LABELS as P } from '../../report/i18n';
import { text } from '../../messages/texts';

/** Event Viewer's field names in one language (text home: report.label.*, event.*). */
function labels(lang: Lang): Record<'log' | 'source' | 'date' | 'id' | 'level' | 'computer' | 'description', string> {
  return {
    log: L.logName[lang],
    source: L.eventSource[lang],
    date: text('event.date', lang),
    id: L.eventId[lang],
    level: L.level[lang],
    computer: text('event.computer', lang),
    description: L.description[lang],
  };
}

const LABELS: Record<Lang, ReturnType<typeof labels>> = { en: labels('en'), ja: labels('ja') };

/** Event levels in Japanese (report.page.level*). */
const LEVELS_JA: Record<string, string> = { Error: P.levelError.ja, Warning: P.levelWarning.ja, Information: P.levelInformation.ja };

/** `timeZone`: the zone the date is shown in (local time with offset); without it the record's ISO time. */
export function formatEvent(r: EventRecord, lang: Lang, timeZone?: string): string {
  const l = LABELS[lang];
  const rows: [string, string][] = [
    [l.log, r.channel],
    [l.source, esc(r.source)],
    [l.date, timeZone ? formatLocalTime(r.time, timeZone, lang) : r.time],
    [l.id, String(r.id)],
    [l.level, lang === 'ja' ? (LEVELS_JA[r.level] ?? r.level) : r.level],
    [l.computer, esc(r.computer)],
  ];
  const width = lang === 'ja' ? 16 : 11;
  return [...rows.map(([k, v]) => `  ${padEnd(k + ':', width)}${v}`), `  ${l.description}:`, `    ${escapeLines(r.text)}`].join('\n') + '\n';
}
