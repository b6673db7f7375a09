/**
 * What the inventory was made of, for the terminal: how many files were read, left out and unreadable, and
 * each one left out or unreadable by name (the first MAX_LISTED; report.json lists them all).
 */
import { escapeText as esc } from '../../text/escape';
import type { ImportFailure, SkippedInput } from '../../report/types';
import type { Lang } from '../lang';
import { reasonJa } from '../../messages/reasons-ja';
import { group, inLang, text } from '../../messages/texts';

export const MAX_LISTED = 20;

/** The account's words in one language (text home: `terminal.inputs.*`). */
const T = {
  en: inLang(group('terminal.inputs.'), 'en'),
  ja: inLang(group('terminal.inputs.'), 'ja'),
} as const;

export interface InputAccount {
  files?: { read: number; skipped: number; unreadable: number };
  skipped: SkippedInput[];
  skippedCount: number;
  importErrors: ImportFailure[];
  importErrorCount: number;
}

const where = (x: { source: string; line?: number }): string => `${x.source}${x.line !== undefined ? `:${x.line}` : ''}`;

/** Lines (each ending in "\n"); `rest`: where the full lists are (e.g. report.json) */
export function formatInputs(a: InputAccount, lang: Lang, rest: string): string {
  const t = T[lang];
  const say = lang === 'ja' ? reasonJa : (x: string) => x;
  const out: string[] = [];
  if (a.files) {
    const { read, skipped, unreadable } = a.files;
    out.push(text('terminal.inputs.inputs', lang, { read, files: read === 1 ? t.fileOne : t.fileMany, skipped, unreadable }));
  }
  const lines = [
    ...a.importErrors.map((e) => `  ${t.unreadable}: ${esc(where(e))}: ${esc(say(e.error))}`),
    ...a.skipped.map((s) => `  ${s.unread ? t.unread : t.skipped}: ${esc(where(s))}: ${esc(say(s.reason.replace(/^skipped: /, '')))}`),
  ];
  out.push(...lines.slice(0, MAX_LISTED));
  const hidden = a.skippedCount + a.importErrorCount - Math.min(lines.length, MAX_LISTED);
  if (hidden > 0) out.push(`  ${text('terminal.inputs.more', lang, { n: hidden, where: rest })}`);
  return out.length ? out.join('\n') + '\n' : '';
}
