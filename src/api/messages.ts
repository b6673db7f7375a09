/**
 * The messages catalog's public function, with its arguments checked (src/api/doors.ts) before the inner
 * function of src/messages/ runs. Internal callers call the inner function directly.
 */
import * as catalog from '../messages/catalog';
import type { Lang, MessageId, MessageParams, RenderedMessage } from '../messages/catalog';
import { door } from './doors';

/** A catalog message with its placeholders filled (InputError naming `params.path` … when a needed value is missing). */
export function renderMessage(id: MessageId, lang: Lang, params: MessageParams = {}): RenderedMessage {
  door('renderMessage', id, lang, params);
  return catalog.renderMessage(id, lang, params);
}
