/**
 * The readiness texts in both languages, side by side: one entry per reason variant and remediation step, read
 * from the text home (src/messages/texts/, keys `readiness.*`, `collect.*`, `factLabel.*`). `{name}`
 * placeholders are filled from the evidence (fillText). Commands, KB numbers, URLs, file names and Windows line
 * names stay verbatim in both languages. English is the reference: it must not change (the readiness tests
 * compare it); Japanese follows Trend Micro / Microsoft Japanese support articles and the seed's terms
 * (ルート証明書の自動更新, 信頼されたルート証明機関, Windows セキュリティパッチ).
 */
import { bilingual, fillText, group, type Bilingual, type TextLang, type TextParam } from '../messages/texts';

export { fillText, type Bilingual, type TextLang, type TextParam } from '../messages/texts';

/** Reasons (`reason.*`), remediation steps (`remediation.*`) and the words used inside them (`word.*`). */
export const READINESS_TEXTS = group('readiness.');

export type ReadinessTextKey = keyof typeof READINESS_TEXTS;

/** What to run on the machine to collect a missing fact (the importers read these outputs). */
export const COLLECT_TEXTS: Record<string, Bilingual> = group('collect.');

const FACT_LABELS: Record<string, Bilingual> = group('factLabel.');

/** English names of the facts (FACT_UNKNOWN.fact), for the remediation step that collects them. */
export const FACT_LABELS_EN: Record<string, string> = Object.fromEntries(Object.entries(FACT_LABELS).map(([k, v]) => [k, v.en]));

/** Japanese names of the facts (FACT_UNKNOWN.fact), for the remediation step that collects them. */
export const FACT_LABELS_JA: Record<string, string> = Object.fromEntries(Object.entries(FACT_LABELS).map(([k, v]) => [k, v.ja]));

/**
 * Japanese for the notes of the KB5022661 table's lines (data/windows-acs-minimums.json), by line id (text home:
 * `lineNote.*`, whose English is the data's note, checked by tests/messages/texts.test.ts); others stay as written.
 */
export const LINE_NOTES_JA: Record<string, string> = Object.fromEntries(Object.entries(group('lineNote.')).map(([k, v]) => [k, v.ja]));

const OR = bilingual('word.or');

/** A list joined per language: "A or B" / "A または B". */
export function orList(items: readonly string[]): Bilingual {
  return { en: items.join(OR.en), ja: items.join(OR.ja) };
}

/** A list joined with ", " / "、". */
export function commaList(items: readonly string[]): Bilingual {
  return { en: items.join(', '), ja: items.join('、') };
}

/** One readiness text in one language. */
export function readinessText(key: ReadinessTextKey, lang: TextLang, params: Record<string, TextParam> = {}): string {
  return fillText(READINESS_TEXTS[key][lang], lang, params);
}
