/**
 * Filling a text of the text home: `{name}` placeholders replaced in one pass (values are not re-scanned); an
 * unknown placeholder stays as written. A value is the same in both languages or one per language.
 */

/** A text language: Japanese (the product's) or English. */
export type TextLang = 'ja' | 'en';

/** One text per language. */
export interface Bilingual {
  en: string;
  ja: string;
}

/** A placeholder value: the same in both languages, or one per language (lists joined with "or" / "または"). */
export type TextParam = string | number | Bilingual;

const TEMPLATE_PARTS = new Map<string, string[]>();

/** Fills `{name}` placeholders in one pass (values are not re-scanned); an unknown placeholder stays as written. */
export function fillText(template: string, lang: TextLang, params: Record<string, TextParam> = {}): string {
  // the template split once into text and placeholder names (odd indexes), then joined per call: a fleet
  // fills the same few templates hundreds of thousands of times
  let parts = TEMPLATE_PARTS.get(template);
  if (!parts) {
    parts = template.split(/\{([A-Za-z0-9_]+)\}/);
    if (TEMPLATE_PARTS.size < 10_000) TEMPLATE_PARTS.set(template, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const v = params[name];
    out += (v === undefined ? `{${name}}` : typeof v === 'object' ? v[lang] : String(v)) + parts[i + 1]!;
  }
  return out;
}
