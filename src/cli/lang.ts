/**
 * The output language: `--lang ja|en`, else from the locale (LC_ALL, LC_MESSAGES, LANG: ja* → ja); on
 * Windows, where those are usually unset, from the OS locale (Intl: "ja-JP" on a Japanese Windows); else en.
 */
import { UsageError } from './errors';

export type Lang = 'ja' | 'en';

/** The host beyond the environment variables: its platform and the OS locale Intl reports (injectable for tests). */
export interface LangHost {
  platform?: string;
  /** e.g. "ja-JP"; default Intl.DateTimeFormat().resolvedOptions().locale */
  locale?: string;
}

export function langFromEnv(env: Record<string, string | undefined>, host: LangHost = {}): Lang {
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[k];
    if (v) return /^ja/i.test(v) ? 'ja' : 'en';
  }
  if (host.platform === 'win32') {
    const locale = host.locale ?? Intl.DateTimeFormat().resolvedOptions().locale;
    return /^ja\b/i.test(locale) ? 'ja' : 'en';
  }
  return 'en';
}

export function resolveLang(flag: string | undefined, env: Record<string, string | undefined>, host: LangHost = {}): Lang {
  if (flag === undefined) return langFromEnv(env, host);
  if (flag === 'ja' || flag === 'en') return flag;
  throw new UsageError(`--lang must be ja or en, got "${flag}"`);
}
