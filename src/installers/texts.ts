/**
 * The installers' texts in both languages, side by side: run reasons, warnings, remediation and the agent
 * labels they quote, read from the text home (src/messages/texts/, keys `installer.*`). `{name}` placeholders
 * are filled from the run; codes stay language-neutral. English is the reference and must not change (the
 * scenario tests and docs/behavior.md compare it); Japanese follows Trend Micro Japanese support articles
 * (です・ます調) and the seed's terms (プログラムのアップグレードとHotFixの配信を禁止する設定, 既知の制限事項,
 * ACS の条件を満たしていない). Console setting paths, commands, KB numbers and URLs stay verbatim.
 */
import { fillText, group, type Bilingual, type TextLang, type TextParam } from '../messages/texts';

export type { TextLang, TextParam } from '../messages/texts';

/** Agent labels (`label.*`), run reasons (`reason.*`), warnings (`warning.*`), remediation (`remediation.*`), quoted texts (`text.*`). */
export const INSTALLER_TEXTS = group('installer.');

export type InstallerTextKey = keyof typeof INSTALLER_TEXTS;

/** The run's text language: the run's `lang` when given, else English (what the installers always wrote). */
export function textLangOf(lang: TextLang | undefined): TextLang {
  return lang === 'ja' ? 'ja' : 'en';
}

const VERDICTS: Record<string, Bilingual> = group('verdict.');

/** The verifier's verdict as a run's texts say it: the value in English, a word in Japanese (no English in the Japanese view). */
export function verdictWord(verdict: string, lang: TextLang): string {
  if (lang !== 'ja') return verdict;
  return VERDICTS[verdict]?.ja ?? verdict;
}

/** One installer text in one language. */
export function installerText(key: InstallerTextKey, lang: TextLang, params: Record<string, TextParam> = {}): string {
  return fillText(INSTALLER_TEXTS[key][lang], lang, params);
}
