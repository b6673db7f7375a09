/** An event record as Event Viewer's General/Details pane shows it. */
import { escapeLines, escapeText as esc } from '../../text/escape';
import type { EventRecord } from '../../eventlog/types';
import type { Lang } from '../lang';
import { padEnd } from './width';
import { formatLocalTime } from '../../report/time';

const LABELS: Record<Lang, Record<'log' | 'source' | 'date' | 'id' | 'level' | 'computer' | 'description', string>> = {
  en: { log: 'Log Name', source: 'Source', date: 'Date', id: 'Event ID', level: 'Level', computer: 'Computer', description: 'Description' },
  ja: { log: 'ログの名前', source: 'ソース', date: '日付', id: 'イベント ID', level: 'レベル', computer: 'コンピューター', description: '説明' },
};

const LEVELS_JA: Record<string, string> = { Error: 'エラー', Warning: '警告', Information: '情報' };

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
