/**
 * The text home's one door: a text by key in one language (`text`) or both (`bilingual`), and a group of keys
 * as the bilingual tables the report, readiness and installer modules keep (`group`). English in ./en.ts,
 * Japanese in ./ja.ts (typed by the keys of en.ts); which Japanese texts are the FAQ's own: FAQ_KEYS.
 */
import { EN, type TextKey } from './en';
import { FAQ_KEYS, JA } from './ja';
import { fillText, type Bilingual, type TextLang, type TextParam } from './fill';

export { EN, type TextKey } from './en';
export { FAQ_KEYS, JA } from './ja';
export { fillText, type Bilingual, type TextLang, type TextParam } from './fill';

/** Every text, per language. */
export const TEXTS: Readonly<Record<TextLang, Readonly<Record<TextKey, string>>>> = { en: EN, ja: JA };

/** One text in one language, its placeholders filled. */
export function text(key: TextKey, lang: TextLang, params: Record<string, TextParam> = {}): string {
  return fillText(TEXTS[lang][key], lang, params);
}

/** One text in both languages (placeholders not filled). */
export function bilingual(key: TextKey): Bilingual {
  return { en: EN[key], ja: JA[key] };
}

/** Whether a text is the FAQ's own (the seed, byte for byte) or ours: English is never the FAQ's. */
export function textSource(key: TextKey, lang: TextLang): 'faq' | 'inferred' {
  return lang === 'ja' && (FAQ_KEYS as readonly string[]).includes(key) ? 'faq' : 'inferred';
}

/** The keys under `prefix`, without it (`'report.label.'` → `'title' | …`). */
export type KeysUnder<P extends string> = TextKey extends infer K ? (K extends `${P}${infer R}` ? R : never) : never;

/** The texts under `prefix` as one bilingual table keyed by the rest of the key, in the text home's order. */
export function group<P extends string>(prefix: P): { readonly [R in KeysUnder<P>]: Bilingual } {
  const out: Record<string, Bilingual> = Object.create(null) as Record<string, Bilingual>;
  for (const key of Object.keys(EN) as TextKey[]) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = bilingual(key);
  return out as { readonly [R in KeysUnder<P>]: Bilingual };
}

/** A bilingual table in one language: the same keys, each text in `lang`. */
export function inLang<T extends Readonly<Record<string, Bilingual>>>(table: T, lang: TextLang): { readonly [K in keyof T]: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(table)) out[k] = v[lang];
  return out as { readonly [K in keyof T]: string };
}
