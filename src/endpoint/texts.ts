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

/** Japanese for the notes of the KB5022661 table's lines (data/windows-acs-minimums.json), by line id; others stay as written. */
export const LINE_NOTES_JA: Record<string, string> = {
  'win10-unsupported':
    '判断: KB5022661 に記載がありません (2021 年の修正より前にサービスが終了しています)。対象となる更新プログラムはないため、アップグレードしてください',
  win8: '判断: KB5022661 に記載がありません (クライアント版 Windows 8 のサービスは 2016 年に終了しています)。対象となる更新プログラムはありません',
  'win7-rtm': '判断: KB5022661 の ESU ロールアップには SP1 が必要です。先に SP1 をインストールしてから ESU ロールアップを適用してください',
  vista: '判断: KB5022661 に記載がありません。対象となる更新プログラムはありません',
  'server-2008-pre-sp2': '判断: KB5022661 の Windows Server 2008 向けロールアップには SP2 が必要です',
  'server-2022':
    'KB5005619 適用後の UBR (20348.261) は acs-facts.md で未確認です。KB 自体は KB5022661 に記載されています',
  'server-23h2':
    '判断: KB5022661 に記載がありません。表のすべての修正より後の 2023 年にリリースされ、Windows 11 21H2 より新しいコード ベースのため、リリース時点で対応済みとしています',
  'server-2025': '判断: KB5022661 に記載がありません。リリース時点で対応済みの Windows 11 24H2 とビルド 26100 を共有しています',
};

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

/** One readiness text in both languages. */
export function bilingualText(key: ReadinessTextKey, params: Record<string, TextParam> = {}): Bilingual {
  return { en: readinessText(key, 'en', params), ja: readinessText(key, 'ja', params) };
}
