/**
 * The revoked serials of one CRL, kept compactly: no object or string per entry (a CRL may list millions).
 * Filled by the CRL parser (crl.ts), asked by the revocation judge (revocation.ts).
 */

export interface CrlEntry {
  revokedAt: Date;
  /** RFC 5280 reason code, undefined when the entry has none */
  reason?: number;
}

const NO_REASON = 0xffff;

/** FNV-1a over bytes[start, end). */
function fnv1a(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

/** The serial's significant octets: its INTEGER content's first 64 octets (as serialValue reads them), leading zeros dropped. */
function significant(b: Uint8Array, start: number, end: number): [number, number] {
  const stop = Math.min(end, start + 64);
  let s = start;
  while (s < stop && b[s] === 0) s++;
  return [s, stop];
}

/** A certificate serial (its unsigned value, as certFacts gives it) as big-endian octets without leading zeros. */
function serialOctets(serial: bigint): Buffer {
  if (serial <= 0n) return Buffer.alloc(0);
  const hex = serial.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/**
 * The revoked serials of one CRL, with no object or string per entry: each slot is the serial's place in the
 * CRL's bytes (kept anyway), its revocation time and reason code, in typed arrays sized from the entry count;
 * an open-addressing hash table (FNV-1a of the serial's octets, linear probing, octets compared) finds a
 * serial. About 30 bytes per entry besides the CRL's own bytes. When a serial is listed twice, the later entry wins.
 */
export class CrlEntries {
  private count = 0;
  private readonly starts: Uint32Array;
  private readonly lengths: Uint8Array;
  private readonly times: Float64Array;
  private readonly reasons: Uint16Array;
  private readonly table: Int32Array;
  private readonly mask: number;

  /** `bytes`: the buffer the serials are read from (held); `capacity`: the number of entries that will be added */
  constructor(
    private readonly bytes: Uint8Array = new Uint8Array(0),
    capacity = 0,
  ) {
    this.starts = new Uint32Array(capacity);
    this.lengths = new Uint8Array(capacity);
    this.times = new Float64Array(capacity);
    this.reasons = new Uint16Array(capacity);
    let size = 8;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The slot of the octets [start, end) of `b`, or the table position where it would go (as -1 - position). */
  private find(b: Uint8Array, start: number, end: number): number {
    const len = end - start;
    for (let pos = fnv1a(b, start, end) & this.mask; ; pos = (pos + 1) & this.mask) {
      const slot = this.table[pos]!;
      if (slot < 0) return -1 - pos;
      if (this.lengths[slot] !== len) continue;
      const at = this.starts[slot]!;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (this.bytes[at + i] !== b[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return slot;
    }
  }

  /** Adds the entry whose serial INTEGER content is bytes[start, end) of the buffer given to the constructor. */
  add(start: number, end: number, revokedAtMs: number, reason: number | undefined): void {
    const [s, e] = significant(this.bytes, start, end);
    let slot = this.find(this.bytes, s, e);
    if (slot < 0) {
      if (this.count === this.starts.length) throw new Error('CrlEntries: more entries than its capacity');
      this.table[-1 - slot] = this.count;
      slot = this.count++;
      this.starts[slot] = s;
      this.lengths[slot] = e - s;
    }
    this.times[slot] = revokedAtMs;
    this.reasons[slot] = reason ?? NO_REASON;
  }

  /** The entry for a certificate serial (its unsigned value, as certFacts gives it). */
  get(serial: bigint): CrlEntry | undefined {
    const octets = serialOctets(serial);
    const [s, e] = significant(octets, 0, octets.length);
    const slot = this.find(octets, s, e);
    if (slot < 0) return undefined;
    const reason = this.reasons[slot]!;
    return { revokedAt: new Date(this.times[slot]!), ...(reason !== NO_REASON ? { reason } : {}) };
  }
}
