/** The output language: `--lang ja|en`, else from the locale (LC_ALL, LC_MESSAGES, LANG: ja* → ja), else en. */
import { UsageError } from './errors';

export type Lang = 'ja' | 'en';

export function langFromEnv(env: Record<string, string | undefined>): Lang {
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[k];
    if (v) return /^ja/i.test(v) ? 'ja' : 'en';
  }
  return 'en';
}

export function resolveLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  if (flag === undefined) return langFromEnv(env);
  if (flag === 'ja' || flag === 'en') return flag;
  throw new UsageError(`--lang must be ja or en, got "${flag}"`);
}
