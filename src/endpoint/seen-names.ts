/**
 * The machine names an inventory has given so far, to report a name read twice with the source it was
 * first read from, in memory that is small and outside the JavaScript heap: a fleet of 100 000 machines
 * costs about 3 MB here, where a Map of names to sources held 10 MB of strings in the heap (which the
 * garbage collector then let grow about fourfold).
 *
 * A name is kept as a 64-bit KEYED hash of its upper-case form (Windows compares computer names without
 * case): HalfSipHash-2-4 (Aumasson & Bernstein's SipHash family, the 32-bit-word variant) under a 64-bit key
 * drawn at random for each index (each run). Names are chosen by whoever wrote the inventory: with a fixed,
 * public hash they can be chosen to land in one run of slots, and each insertion then walks all of them
 * (the flood of issue 22 item 6: 13× slower). Under a secret random key, where a name lands cannot be
 * predicted, so crafted names cost what random names cost. Two different names are taken for one with a
 * chance of about n²/2^65 (below 10^-7 for a million machines), which a chooser of names cannot raise either.
 * A source of the form FILE:LINE or FILE[INDEX] is kept as the file's number and the line or index; any other
 * source (a machine's folder) as the string itself.
 */
import { randomFillSync } from 'node:crypto';

const EMPTY = 0;
/** how a slot's source is kept (low two bits of its third word) */
const LINE = 0;
const INDEX = 1;
const OTHER = 2;

/**
 * HalfSipHash-2-4 with a 64-bit result of the string's UTF-16 code units (two per 32-bit word), keyed by
 * (k0, k1). Returns the two 32-bit halves through `out`.
 */
function keyedHash64(s: string, k0: number, k1: number, out: Uint32Array): void {
  let v0 = k0 | 0;
  let v1 = (k1 ^ 0xee) | 0;
  let v2 = (0x6c796765 ^ k0) | 0;
  let v3 = (0x74656462 ^ k1) | 0;
  const n = s.length;
  const whole = n & ~1;
  for (let i = 0; i < whole; i += 2) {
    const m = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    v3 ^= m;
    // two SipRounds, written out (a closure over v0..v3 was three times slower)
    v0 = (v0 + v1) | 0; v1 = ((v1 << 5) | (v1 >>> 27)) ^ v0; v0 = (v0 << 16) | (v0 >>> 16);
    v2 = (v2 + v3) | 0; v3 = ((v3 << 8) | (v3 >>> 24)) ^ v2;
    v0 = (v0 + v3) | 0; v3 = ((v3 << 7) | (v3 >>> 25)) ^ v0;
    v2 = (v2 + v1) | 0; v1 = ((v1 << 13) | (v1 >>> 19)) ^ v2; v2 = (v2 << 16) | (v2 >>> 16);
    v0 = (v0 + v1) | 0; v1 = ((v1 << 5) | (v1 >>> 27)) ^ v0; v0 = (v0 << 16) | (v0 >>> 16);
    v2 = (v2 + v3) | 0; v3 = ((v3 << 8) | (v3 >>> 24)) ^ v2;
    v0 = (v0 + v3) | 0; v3 = ((v3 << 7) | (v3 >>> 25)) ^ v0;
    v2 = (v2 + v1) | 0; v1 = ((v1 << 13) | (v1 >>> 19)) ^ v2; v2 = (v2 << 16) | (v2 >>> 16);
    v0 ^= m;
  }
  // last word: the length in bytes (mod 256) in the top byte, an odd last code unit in the low half
  const b = (((n * 2) & 0xff) << 24) | (n & 1 ? s.charCodeAt(n - 1) : 0);
  v3 ^= b;
  for (let r = 0; r < 2; r++) {
    v0 = (v0 + v1) | 0; v1 = ((v1 << 5) | (v1 >>> 27)) ^ v0; v0 = (v0 << 16) | (v0 >>> 16);
    v2 = (v2 + v3) | 0; v3 = ((v3 << 8) | (v3 >>> 24)) ^ v2;
    v0 = (v0 + v3) | 0; v3 = ((v3 << 7) | (v3 >>> 25)) ^ v0;
    v2 = (v2 + v1) | 0; v1 = ((v1 << 13) | (v1 >>> 19)) ^ v2; v2 = (v2 << 16) | (v2 >>> 16);
  }
  v0 ^= b;
  v2 ^= 0xee;
  for (let r = 0; r < 4; r++) {
    v0 = (v0 + v1) | 0; v1 = ((v1 << 5) | (v1 >>> 27)) ^ v0; v0 = (v0 << 16) | (v0 >>> 16);
    v2 = (v2 + v3) | 0; v3 = ((v3 << 8) | (v3 >>> 24)) ^ v2;
    v0 = (v0 + v3) | 0; v3 = ((v3 << 7) | (v3 >>> 25)) ^ v0;
    v2 = (v2 + v1) | 0; v1 = ((v1 << 13) | (v1 >>> 19)) ^ v2; v2 = (v2 << 16) | (v2 >>> 16);
  }
  out[0] = v1 ^ v3;
  v1 ^= 0xdd;
  for (let r = 0; r < 4; r++) {
    v0 = (v0 + v1) | 0; v1 = ((v1 << 5) | (v1 >>> 27)) ^ v0; v0 = (v0 << 16) | (v0 >>> 16);
    v2 = (v2 + v3) | 0; v3 = ((v3 << 8) | (v3 >>> 24)) ^ v2;
    v0 = (v0 + v3) | 0; v3 = ((v3 << 7) | (v3 >>> 25)) ^ v0;
    v2 = (v2 + v1) | 0; v1 = ((v1 << 13) | (v1 >>> 19)) ^ v2; v2 = (v2 << 16) | (v2 >>> 16);
  }
  out[1] = v1 ^ v3;
}

/**
 * Where the number of a source FILE:N or FILE[N] starts (the index of its ':' or '['), N of 1 to 9 digits
 * without a leading zero (so that it prints back the same); -1 for any other source. Its value is left in
 * `splitNumber`: no object per machine (this runs once for every machine of a fleet).
 */
let splitNumber = 0;
function splitAt(source: string): number {
  const last = source.length - 1;
  const line = source.charCodeAt(last) !== 0x5d; // ']'
  const end = line ? last + 1 : last;
  let i = end - 1;
  let n = 0;
  let scale = 1;
  while (i >= 0 && end - i <= 9) {
    const c = source.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    n += (c - 0x30) * scale;
    scale *= 10;
    i--;
  }
  const digits = end - 1 - i;
  if (digits < 1 || i < 0 || (digits > 1 && source.charCodeAt(i + 1) === 0x30)) return -1;
  if (source.charCodeAt(i) !== (line ? 0x3a : 0x5b)) return -1; // ':' or '['
  splitNumber = n;
  return i;
}

/** Options of SeenNames (tests). */
export interface SeenNamesOptions {
  /** the 64-bit hash key as two 32-bit words; default: random (node:crypto), new for each index */
  key?: readonly [number, number];
}

export class SeenNames {
  /** slots of 4 words: hash a, hash b, source kind+index, line */
  private table = new Uint32Array(4 * 1024);
  private count = 0;
  /** file names (the part before ":LINE"), and their numbers */
  private files: string[] = [];
  private fileIds = new Map<string, number>();
  /** the file of the last FILE:LINE source put, and its number (put's shortcut) */
  private lastFile = '';
  private lastFileId = -1;
  /** sources that are not FILE:LINE */
  private others: string[] = [];
  private readonly k0: number;
  private readonly k1: number;
  private readonly h = new Uint32Array(2);
  /** slots looked at so far (by add): the work the index has done, for tests of its worst case */
  probes = 0;

  constructor(options: SeenNamesOptions = {}) {
    const key = options.key ?? randomFillSync(new Uint32Array(2));
    this.k0 = key[0]! >>> 0;
    this.k1 = key[1]! >>> 0;
  }

  /**
   * Records `name` read from `source`.
   * @returns the source it was first read from when the name was read before (the new one is not recorded), else undefined
   */
  add(name: string, source: string): string | undefined {
    keyedHash64(name.toUpperCase(), this.k0, this.k1, this.h);
    // 0 marks an empty slot: no stored hash is 0
    const a = this.h[0]! || 1;
    const b = this.h[1]!;
    const slots = this.table.length / 4;
    let i = a & (slots - 1);
    for (;;) {
      this.probes++;
      const at = i * 4;
      if (this.table[at] === EMPTY) break;
      if (this.table[at] === a && this.table[at + 1] === b) return this.sourceAt(at);
      i = (i + 1) & (slots - 1);
    }
    this.put(i * 4, a, b, source);
    if (++this.count * 2 > slots) this.grow();
    return undefined;
  }

  private put(at: number, a: number, b: number, source: string): void {
    this.table[at] = a;
    this.table[at + 1] = b;
    // FILE:LINE (a JSON Lines or CSV row) or FILE[INDEX] (an element of a JSON array), read without a regex
    const i = splitAt(source);
    if (i >= 0) {
      // the machines of a fleet file come one after another from the same file: when the source starts with
      // the last file, its number is taken without cutting the file's name out and hashing it for the Map
      let id: number;
      if (this.lastFileId >= 0 && i === this.lastFile.length && source.startsWith(this.lastFile)) id = this.lastFileId;
      else {
        const file = source.slice(0, i);
        const known = this.fileIds.get(file);
        if (known !== undefined) id = known;
        else {
          id = this.files.length;
          this.files.push(file);
          this.fileIds.set(file, id);
        }
        this.lastFile = file;
        this.lastFileId = id;
      }
      this.table[at + 2] = id * 4 + (source.charCodeAt(i) === 0x3a ? LINE : INDEX);
      this.table[at + 3] = splitNumber;
    } else {
      this.table[at + 2] = this.others.length * 4 + OTHER;
      this.others.push(source);
    }
  }

  private sourceAt(at: number): string {
    const ref = this.table[at + 2]!;
    const kind = ref & 3;
    const id = ref >>> 2;
    if (kind === OTHER) return this.others[id]!;
    return kind === LINE ? `${this.files[id]!}:${this.table[at + 3]!}` : `${this.files[id]!}[${this.table[at + 3]!}]`;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    const slots = this.table.length / 4;
    for (let at = 0; at < old.length; at += 4) {
      const a = old[at]!;
      if (a === EMPTY) continue;
      let i = a & (slots - 1);
      while (this.table[i * 4] !== EMPTY) i = (i + 1) & (slots - 1);
      // four words copied by hand: a subarray per slot was most of the time a grow took
      const to = i * 4;
      this.table[to] = a;
      this.table[to + 1] = old[at + 1]!;
      this.table[to + 2] = old[at + 2]!;
      this.table[to + 3] = old[at + 3]!;
    }
  }
}
