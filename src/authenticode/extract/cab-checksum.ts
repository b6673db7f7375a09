/**
 * The CFDATA checksum ([MS-CAB] 2.3, CSUMCompute): the bytes XORed together as little-endian 32-bit words,
 * the last 1-3 bytes taken most significant first; computed over the data, then over the block's cbData and
 * cbUncomp fields, starting from the first result.
 */
export function cabChecksum(bytes: Uint8Array, seed: number): number {
  let csum = seed >>> 0;
  const n = bytes.length;
  const whole = n - (n % 4);
  let i = 0;
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
