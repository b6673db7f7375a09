/**
 * Human-readable MSI stream names.
 *
 * Windows Installer packs the names of its table and stream streams to fit the 31-character compound file
 * limit: over an alphabet of 64 characters ("0-9A-Za-z._", values 0..63),
 *   U+3800 + a + 64*b  (U+3800..U+47FF)  two characters, a first, then b
 *   U+4800 + a         (U+4800..U+483F)  one character
 *   U+4840                               prefix of a table's stream (shown here as "!")
 * Any other code unit stands for itself. (Documented behaviour of msi.dll; the same packing is described by
 * Wine's and msitools' readers.) Only for display: the digests hash the raw names.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._';

export const TABLE_PREFIX = 0x4840;

export function decodeMsiStreamName(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x3800 && c < 0x4800) {
      const v = c - 0x3800;
      out += ALPHABET[v & 0x3f] + ALPHABET[(v >> 6) & 0x3f];
    } else if (c >= 0x4800 && c < 0x4840) {
      out += ALPHABET[c - 0x4800];
    } else if (c === TABLE_PREFIX) {
      out += '!';
    } else if (c < 0x20) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else {
      out += raw[i];
    }
  }
  return out;
}

/** Inverse of decodeMsiStreamName for names over the alphabet (for fixtures); `table` adds the prefix. */
export function encodeMsiStreamName(name: string, table = false): string {
  const vals = [...name].map((ch) => {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`character ${JSON.stringify(ch)} cannot be packed into an MSI stream name`);
    return v;
  });
  let out = table ? String.fromCharCode(TABLE_PREFIX) : '';
  for (let i = 0; i < vals.length; i += 2) {
    if (i + 1 < vals.length) out += String.fromCharCode(0x3800 + vals[i] + 64 * vals[i + 1]);
    else out += String.fromCharCode(0x4800 + vals[i]);
  }
  return out;
}
