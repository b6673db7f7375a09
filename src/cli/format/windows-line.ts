/** A machine's Windows line as the terminal shows it in the output's language. */
import { text } from '../../messages/texts';
import type { Lang } from '../lang';

/**
 * The candidate lines of a build that names several ("Windows 10 1809 or Windows Server 2019", joined in
 * English by the readiness, as its data) joined in the output's language: 「… または …」 in Japanese.
 */
export function windowsLine(line: string, lang: Lang): string {
  const en = text('word.or', 'en');
  return lang === 'en' || !line.includes(en) ? line : line.split(en).join(text('word.or', lang));
}
