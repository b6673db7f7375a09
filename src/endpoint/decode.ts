/**
 * Bytes of a Windows export -> text.
 *  - UTF-16LE with BOM FF FE: what `>` / Out-File writes in Windows PowerShell 5.
 *  - UTF-16LE without BOM: detected by the NUL pattern (ASCII text has a NUL at every odd offset).
 *  - UTF-16BE with BOM FE FF (rare, accepted).
 *  - UTF-8 with BOM EF BB BF, or without when the bytes are UTF-8 by the evidence: no invalid sequence, or
 *    invalid sequences that are rare next to valid multi-byte ones (one bad byte in a UTF-8 file must not make
 *    the whole file Shift_JIS: 経理 would silently become 邨檎炊; the bad line is reported by the readers).
 *  - Shift_JIS (cp932, what cmd.exe `>` writes on a Japanese system) otherwise.
 * The BOM is removed. Line ends (CRLF, LF, CR) are left to `splitLines`.
 */
import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

/**
 * Guess the encoding from the first bytes. `isPrefix`: the bytes are the start of a longer file (a multi-byte
 * character cut at the end is then not evidence against UTF-8).
 */
export function detectEncoding(bytes: Uint8Array, isPrefix = false): { encoding: TextEncodingName; bom: boolean } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n >= 2) {
    let oddNul = 0;
    let evenNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenNul++;
      if (bytes[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul >= pairs * 0.3 && evenNul < pairs * 0.05) return { encoding: 'utf-16le', bom: false };
    if (evenNul >= pairs * 0.3 && oddNul < pairs * 0.05) return { encoding: 'utf-16be', bom: false };
  }
  const sample = bytes.subarray(0, Math.min(bytes.length, 1 << 20));
  const evidence = utf8Evidence(sample, isPrefix || bytes.length > 1 << 20);
  if (looksUtf8(evidence) || (evidence.valid > 0 && !isValidShiftJis(sample, isPrefix || bytes.length > 1 << 20))) return { encoding: 'utf-8', bom: false };
  return { encoding: 'shift_jis', bom: false };
}

/** Valid multi-byte UTF-8 sequences and invalid bytes in `b`. */
export function utf8Evidence(b: Uint8Array, truncated = false): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else {
      invalid++;
      i++;
      continue;
    }
    let ok = true;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) {
        if (!truncated) ok = false;
        break;
      }
      if ((b[i + k]! & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
    }
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * UTF-8 unless the invalid bytes are frequent: Shift_JIS Japanese text is invalid UTF-8 at most of its
 * characters, while a UTF-8 file damaged in a few places still has far more valid sequences than bad bytes.
 */
export function looksUtf8(e: { valid: number; invalid: number }): boolean {
  return e.invalid === 0 || (e.valid >= 2 && e.invalid * 2 <= e.valid);
}

/** The bytes decode as Shift_JIS (cp932) without an error; `truncated` forgives a lead byte cut at the end. */
export function isValidShiftJis(b: Uint8Array, truncated = false): boolean {
  let body = b;
  if (truncated && body.length) {
    const last = body[body.length - 1]!;
    if ((last >= 0x81 && last <= 0x9f) || (last >= 0xe0 && last <= 0xfc)) body = body.subarray(0, -1);
  }
  try {
    new TextDecoder('shift_jis', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

/** Strict UTF-8 validity; `truncated` allows an incomplete sequence at the very end (a prefix of a file). */
export function isValidUtf8(b: Uint8Array, truncated = false): boolean {
  return utf8Evidence(b, truncated).invalid === 0;
}

export function decodeText(bytes: Uint8Array, isPrefix = false): DecodedText {
  const { encoding, bom } = detectEncoding(bytes, isPrefix);
  const body = bom ? bytes.subarray(encoding === 'utf-8' ? 3 : 2) : bytes;
  const text = new TextDecoder(encoding, { fatal: false }).decode(body);
  return { text, encoding, bom };
}

/** A streaming decoder for big files: call `decode(chunk)` per chunk; the first chunk decides the encoding. */
export class StreamingTextDecoder {
  private decoder: TextDecoder | undefined;
  encoding: TextEncodingName | undefined;
  decode(chunk: Uint8Array): string {
    if (!this.decoder) {
      const { encoding, bom } = detectEncoding(chunk, true);
      this.encoding = encoding;
      this.decoder = new TextDecoder(encoding, { fatal: false });
      if (bom) chunk = chunk.subarray(encoding === 'utf-8' ? 3 : 2);
    }
    return this.decoder.decode(chunk, { stream: true });
  }
  end(): string {
    return this.decoder ? this.decoder.decode() : '';
  }
}

/** Split text into lines on CRLF, LF or lone CR; a final empty line after the last line end is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
