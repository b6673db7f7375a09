/**
 * The one message catalog: every popup and event text the install paths emit, in Japanese and English,
 * each with where its wording comes from. Data and rendering only; no decisions here.
 *
 * Provenance of a text (per language):
 * - 'seed': copied byte for byte from the product Q&A (seed/000_b6257c8d8df8fd1b.txt), via ./seed-texts.ts
 *
 * The texts and titles themselves live in the text home (./texts/, keys `message.ID.text` / `message.ID.title`;
 * its FAQ_KEYS name the seed's); this file says where each comes from and fills it.
 * - 'official': Microsoft's own text (Windows' Bad Image dialog, Windows Installer error 1708)
 * - 'translation': our English translation of a Japanese text that has no published English version
 * - 'ours': wording not published anywhere; ours (the seed shows these popups only as pictures)
 */
import { bilingual } from './texts';
import { InputError } from '../errors/input';

/** A text language: Japanese (the product's) or English. */
export type Lang = 'ja' | 'en';
/** The languages of the texts. */
export const LANGS: readonly Lang[] = ['ja', 'en'];
/** Where a text comes from: the seed (byte for byte), Microsoft (official), our translation, or ours. */
export type Provenance = 'seed' | 'official' | 'translation' | 'ours';
/**
 * Whether a text (or a field such as an event's source or level) is stated by Trend Micro's Q&A (the seed):
 * 'faq' only for the seed's own Japanese texts, byte for byte (placeholders filled); 'inferred' for everything
 * else, ours or taken from elsewhere (Microsoft's texts, our translations, titles, event sources and levels,
 * example paths). tests/messages/faq-source.test.ts checks each 'faq' text against the seed file.
 */
export type TextSource = 'faq' | 'inferred';

/** The FAQ-or-not source of a text of the given provenance: only the seed's texts are the FAQ's. */
export function textSourceOf(p: Provenance): TextSource {
  return p === 'seed' ? 'faq' : 'inferred';
}

/** Where a popup appears: the endpoint's desktop, the web console, the server's desktop. */
export type WindowKind = 'endpoint' | 'console' | 'server';

/** The ids of the catalog's messages: M-* popups, E-* events. */
export const MESSAGE_IDS = ['M-BADIMAGE', 'M-NOACS', 'M-SERVER-PATCH', 'M-REMOTE-INSTALL', 'E-900', 'E-11708'] as const;
/** One of MESSAGE_IDS. */
export type MessageId = (typeof MESSAGE_IDS)[number];

/** Values for the placeholders. ja / en placeholder names are listed per key. */
export interface MessageParams {
  /** {ファイルパス} / {path}: the full path of the file concerned */
  path?: string;
  /** {パッチ} / {patch}: the Windows update(s) this machine needs (filled by the caller) */
  patch?: string;
  /** {コンピュータ名} / {computer}: the target endpoint of a remote install */
  computer?: string;
}

const PLACEHOLDERS: Record<keyof MessageParams, Record<Lang, string>> = {
  path: { ja: '{ファイルパス}', en: '{path}' },
  patch: { ja: '{パッチ}', en: '{patch}' },
  computer: { ja: '{コンピュータ名}', en: '{computer}' },
};
/** Title placeholder: the file name (last path component) of `path`. */
const FILE_NAME_PLACEHOLDER: Record<Lang, string> = { ja: '{ファイル名}', en: '{file}' };

/** One message of the catalog. */
export interface CatalogMessage {
  id: MessageId;
  kind: 'popup' | 'event';
  /** popups: where the window appears */
  window?: WindowKind;
  /** events: the Windows event ID */
  eventId?: number;
  /** popups: window title per language */
  title?: Record<Lang, string>;
  titleProvenance?: Provenance;
  /** popups: the buttons, left to right */
  buttons: string[];
  text: Record<Lang, string>;
  provenance: Record<Lang, Provenance>;
  /** where the text and title come from, and what is our assumption */
  note: string;
}

/** Every popup and event text, by message id, in Japanese and English, with provenance. */
export const CATALOG: Readonly<Record<MessageId, CatalogMessage>> = {
  'M-BADIMAGE': {
    id: 'M-BADIMAGE',
    kind: 'popup',
    window: 'endpoint',
    title: bilingual('message.M-BADIMAGE.title'),
    titleProvenance: 'official',
    buttons: ['OK'],
    text: bilingual('message.M-BADIMAGE.text'),
    provenance: { ja: 'seed', en: 'official' },
    note:
      "Windows' own Bad Image dialog (STATUS_INVALID_IMAGE_FORMAT). Japanese from the seed (Apex One (2) and (4)); " +
      'English is the Windows text; the title is Windows\' "<file name> - Bad Image" / "<file name> - 不正なイメージ".',
  },
  'M-NOACS': {
    id: 'M-NOACS',
    kind: 'popup',
    window: 'endpoint',
    title: bilingual('message.M-NOACS.title'),
    titleProvenance: 'ours',
    buttons: ['OK'],
    text: bilingual('message.M-NOACS.text'),
    provenance: { ja: 'seed', en: 'translation' },
    note:
      "The agent installer's dialog. Japanese from the seed (Apex One (3), (4) after [OK]; SaaS (1)); no official " +
      'English text is published: ours is a translation. Title: our assumption (the product name, as Windows Installer ' +
      'dialogs show it; the Japanese product name as event 11708 writes it).',
  },
  'M-SERVER-PATCH': {
    id: 'M-SERVER-PATCH',
    kind: 'popup',
    window: 'server',
    title: bilingual('message.M-SERVER-PATCH.title'),
    titleProvenance: 'ours',
    buttons: ['OK'],
    text: bilingual('message.M-SERVER-PATCH.text'),
    provenance: { ja: 'ours', en: 'ours' },
    note:
      'Wording not published; ours. The seed shows this popup (Apex One (1), patch applied to the management server) ' +
      'only as a picture and no public source gives its text: never present it as Trend Micro\'s text.',
  },
  'M-REMOTE-INSTALL': {
    id: 'M-REMOTE-INSTALL',
    kind: 'popup',
    window: 'console',
    title: bilingual('message.M-REMOTE-INSTALL.title'),
    titleProvenance: 'ours',
    buttons: ['OK'],
    text: bilingual('message.M-REMOTE-INSTALL.text'),
    provenance: { ja: 'ours', en: 'ours' },
    note:
      'Wording not published; ours. The seed shows this popup (Apex One (5), remote install from the web console) ' +
      'only as a picture and no public source gives its text: never present it as Trend Micro\'s text.',
  },
  'E-900': {
    id: 'E-900',
    kind: 'event',
    eventId: 900,
    buttons: [],
    text: bilingual('message.E-900.text'),
    provenance: { ja: 'seed', en: 'translation' },
    note: 'Event ID 900 in Windows Logs > Application (seed: Apex One (6), SaaS (3)); English is our translation.',
  },
  'E-11708': {
    id: 'E-11708',
    kind: 'event',
    eventId: 11708,
    buttons: [],
    text: bilingual('message.E-11708.text'),
    provenance: { ja: 'seed', en: 'official' },
    note:
      'Windows Installer error 1708 logged as event 11708 by MsiInstaller (seed: SaaS (2) web installer); English is ' +
      'the Windows Installer text "Product: <name> -- Installation operation failed." with the English product name.',
  },
};

/** A message with its placeholders filled, ready to show. */
export interface RenderedMessage {
  id: MessageId;
  kind: 'popup' | 'event';
  lang: Lang;
  window?: WindowKind;
  eventId?: number;
  /** popups only; '' for events */
  title: string;
  text: string;
  buttons: string[];
  provenance: Provenance;
  titleProvenance?: Provenance;
  /** 'faq' when the text is the Q&A's own (the seed), else 'inferred' */
  source: TextSource;
  /** popups: the title is never stated by the Q&A (it shows the popups as pictures): 'inferred' */
  titleSource?: TextSource;
}

/** The last component of a Windows or POSIX path. */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function fill(template: string, lang: Lang, params: MessageParams, id: MessageId): string {
  let out = template;
  for (const key of Object.keys(PLACEHOLDERS) as Array<keyof MessageParams>) {
    const placeholder = PLACEHOLDERS[key][lang];
    if (!out.includes(placeholder)) continue;
    const value = params[key];
    if (value === undefined) throw new InputError('', undefined, `message ${id} (${lang}) needs "${key}" for ${placeholder}`, { function: 'renderMessage', argument: `params.${key}`, expected: `a string (the message shows ${placeholder})` });
    out = out.split(placeholder).join(value);
  }
  const filePlaceholder = FILE_NAME_PLACEHOLDER[lang];
  if (out.includes(filePlaceholder)) {
    if (params.path === undefined) throw new InputError('', undefined, `message ${id} (${lang}) needs "path" for ${filePlaceholder}`, { function: 'renderMessage', argument: 'params.path', expected: `a string (the message shows ${filePlaceholder})` });
    out = out.split(filePlaceholder).join(fileNameOf(params.path));
  }
  return out;
}

/** A catalog message with its placeholders filled (InputError naming `params.path` … when a needed value is missing). */
export function renderMessage(id: MessageId, lang: Lang, params: MessageParams = {}): RenderedMessage {
  const m = CATALOG[id];
  return {
    id,
    kind: m.kind,
    lang,
    ...(m.window ? { window: m.window } : {}),
    ...(m.eventId !== undefined ? { eventId: m.eventId } : {}),
    title: m.title ? fill(m.title[lang], lang, params, id) : '',
    text: fill(m.text[lang], lang, params, id),
    buttons: [...m.buttons],
    provenance: m.provenance[lang],
    ...(m.titleProvenance ? { titleProvenance: m.titleProvenance } : {}),
    source: textSourceOf(m.provenance[lang]),
    ...(m.title ? { titleSource: textSourceOf(m.titleProvenance ?? 'ours') } : {}),
  };
}
