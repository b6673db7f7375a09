/**
 * A tiny DER encoder for building test fixtures (certificates, SignedData). Test code only.
 * Every function returns the complete TLV as a Buffer.
 */

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  let v = n;
  while (v > 0) {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A TLV with a single-byte tag (the full identifier octet, e.g. 0x30, 0xa0). */
export function tlv(tag: number, content: Buffer | Uint8Array): Buffer {
  const c = Buffer.from(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(c.length), c]);
}

export const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
/** SET OF, sorted as DER requires (by encoding). */
export const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat([...items].sort((a, b) => Buffer.compare(a, b))));
/** SET with items kept in the given order (for hostile fixtures). */
export const setUnsorted = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
export const nul = (): Buffer => Buffer.from([0x05, 0x00]);
export const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
export const octets = (b: Buffer | Uint8Array): Buffer => tlv(0x04, b);
export const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printable = (s: string): Buffer => tlv(0x13, Buffer.from(s, 'latin1'));
/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 | n, inner);
/** [n] IMPLICIT over a constructed value: replaces the tag of `inner` (keeps content). */
export function implicitConstructed(n: number, inner: Buffer): Buffer {
  const out = Buffer.from(inner);
  out[0] = 0xa0 | n;
  return out;
}
/** [n] IMPLICIT primitive with the given content. */
export const implicitPrimitive = (n: number, content: Buffer): Buffer => tlv(0x80 | n, content);

export function bitString(b: Buffer | Uint8Array, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), Buffer.from(b)]));
}

/** INTEGER from a non-negative number or big-endian unsigned bytes. */
export function int(v: number | bigint | Buffer): Buffer {
  let bytes: Buffer;
  if (Buffer.isBuffer(v)) {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    bytes = v.subarray(i);
    if (bytes.length === 0) bytes = Buffer.from([0]);
  } else {
    let n = BigInt(v);
    if (n < 0n) throw new Error('negative INTEGER not supported by the test encoder');
    const arr: number[] = [];
    do {
      arr.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n > 0n);
    bytes = Buffer.from(arr);
  }
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map((p) => BigInt(p));
  if (parts.length < 2) throw new Error(`bad OID ${dotted}`);
  const out: number[] = [];
  const pushBase128 = (n: bigint): void => {
    const tmp: number[] = [Number(n & 0x7fn)];
    n >>= 7n;
    while (n > 0n) {
      tmp.unshift(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    out.push(...tmp);
  };
  pushBase128(parts[0]! * 40n + parts[1]!);
  for (const p of parts.slice(2)) pushBase128(p);
  return tlv(0x06, Buffer.from(out));
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** UTCTime for years 1950-2049, GeneralizedTime otherwise (as RFC 5280 requires). */
export function time(d: Date): Buffer {
  const y = d.getUTCFullYear();
  if (y >= 1950 && y < 2050) return utcTime(d);
  return generalizedTime(d);
}

export function utcTime(d: Date): Buffer {
  const s =
    pad(d.getUTCFullYear() % 100) +
    pad(d.getUTCMonth() + 1) +
    pad(d.getUTCDate()) +
    pad(d.getUTCHours()) +
    pad(d.getUTCMinutes()) +
    pad(d.getUTCSeconds()) +
    'Z';
  return tlv(0x17, Buffer.from(s, 'latin1'));
}

export function generalizedTime(d: Date, withMillis = false): Buffer {
  let s =
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1) +
    pad(d.getUTCDate()) +
    pad(d.getUTCHours()) +
    pad(d.getUTCMinutes()) +
    pad(d.getUTCSeconds());
  if (withMillis && d.getUTCMilliseconds() !== 0) s += '.' + pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '');
  return tlv(0x18, Buffer.from(s + 'Z', 'latin1'));
}

/** AlgorithmIdentifier with NULL parameters (or none). */
export function algorithm(dotted: string, params: Buffer | null | undefined = nul()): Buffer {
  return params ? seq(oid(dotted), params) : seq(oid(dotted));
}

/** The first TLV's content (skips tag + length) of a DER buffer. */
export function contentOf(der: Buffer): Buffer {
  let off = 1;
  const first = der[off]!;
  off++;
  if (first & 0x80) off += first & 0x7f;
  return der.subarray(off);
}
