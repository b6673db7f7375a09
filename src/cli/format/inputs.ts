/**
 * What the inventory was made of, for the terminal: how many files were read, left out and unreadable, and
 * each one left out or unreadable by name (the first MAX_LISTED; report.json lists them all).
 */
import { escapeText as esc } from '../../text/escape';
import type { ImportFailure, SkippedInput } from '../../report/types';
import type { Lang } from '../lang';
import { reasonJa } from '../../messages/reasons-ja';

export const MAX_LISTED = 20;

const T = {
  en: {
    inputs: (r: number, s: number, u: number) => `Inputs: ${r} ${r === 1 ? 'file' : 'files'} read, ${s} skipped, ${u} unreadable`,
    skipped: 'skipped',
    unread: 'not read',
    unreadable: 'unreadable',
    more: (n: number, where: string) => `… ${n} more, every one listed in ${where}`,
  },
  ja: {
    inputs: (r: number, s: number, u: number) => `入力: ${r} 個のファイルを読み込み、${s} 個は対象外、${u} 個は読み込めませんでした`,
    skipped: '対象外',
    unread: '未読込',
    unreadable: '読込不可',
    more: (n: number, where: string) => `… ほか ${n} 件 (すべて ${where} にあります)`,
  },
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
  if (a.files) out.push(t.inputs(a.files.read, a.files.skipped, a.files.unreadable));
  const lines = [
    ...a.importErrors.map((e) => `  ${t.unreadable}: ${esc(where(e))}: ${esc(say(e.error))}`),
    ...a.skipped.map((s) => `  ${s.unread ? t.unread : t.skipped}: ${esc(where(s))}: ${esc(say(s.reason.replace(/^skipped: /, '')))}`),
  ];
  out.push(...lines.slice(0, MAX_LISTED));
  const hidden = a.skippedCount + a.importErrorCount - Math.min(lines.length, MAX_LISTED);
  if (hidden > 0) out.push(`  ${t.more(hidden, rest)}`);
  return out.length ? out.join('\n') + '\n' : '';
}
