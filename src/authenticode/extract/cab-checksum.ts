/**
 * The CFDATA checksum ([MS-CAB] 2.3, CSUMCompute): the bytes XORed together as little-endian 32-bit words,
 * the last 1-3 bytes taken most significant first; computed over the data, then over the block's cbData and
 * cbUncomp fields, starting from the first result.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function cabChecksum(bytes: Uint8Array, seed: number): number {
  let csum = seed | 0;
  const n = bytes.length;
  const whole = n - (n % 4);
  let i = 0;
  if (LITTLE_ENDIAN && whole >= 64) {
    // whole words as 32-bit loads (the view needs 4-byte alignment: copy when the bytes are not aligned)
    const src = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes.subarray(0, whole));
    const words = new Uint32Array(src.buffer, src.byteOffset, whole / 4);
    for (let k = 0; k < words.length; k++) csum ^= words[k]!;
    i = whole;
  }
  for (; i < whole; i += 4) csum ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
  let tail = 0;
  // the last 1-3 bytes, the first one most significant
  for (let k = n % 4; k > 0; k--) tail |= bytes[i++]! << (8 * (k - 1));
  return (csum ^ tail) >>> 0;
}

/** The checksum a CFDATA header must carry for its 4 size bytes (cbData, cbUncomp) and its data. */
export function cfdataChecksum(sizes: Uint8Array, data: Uint8Array): number {
  return cabChecksum(sizes, cabChecksum(data, 0));
}
