/**
 * The machine names an inventory has given so far, to report a name read twice with the source it was
 * first read from, in memory that is small and outside the JavaScript heap: a fleet of 100 000 machines
 * costs about 3 MB here, where a Map of names to sources held 10 MB of strings in the heap (which the
 * garbage collector then let grow about fourfold).
 *
 * A name is kept as a 64-bit hash of its upper-case form (Windows compares computer names without case);
 * two different names are taken for one with a chance of about n²/2^65 (below 10^-7 for a million machines).
 * A source of the form FILE:LINE or FILE[INDEX] is kept as the file's number and the line or index; any other
 * source (a machine's folder) as the string itself.
 */
const EMPTY = 0;
/** how a slot's source is kept (low two bits of its third word) */
const LINE = 0;
const INDEX = 1;
const OTHER = 2;

/** Two independent 32-bit hashes of the string's UTF-16 code units (FNV-1a, and a multiplicative mix). */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  // 0 marks an empty slot: no stored hash is 0
  return [a >>> 0 || 1, b >>> 0];
}

export class SeenNames {
  /** slots of 4 words: hash a, hash b, source kind+index, line */
  private table = new Uint32Array(4 * 1024);
  private count = 0;
  /** file names (the part before ":LINE"), and their numbers */
  private files: string[] = [];
  private fileIds = new Map<string, number>();
  /** sources that are not FILE:LINE */
  private others: string[] = [];

  /**
   * Records `name` read from `source`.
   * @returns the source it was first read from when the name was read before (the new one is not recorded), else undefined
   */
  add(name: string, source: string): string | undefined {
    const [a, b] = hash64(name.toUpperCase());
    const slots = this.table.length / 4;
    let i = (a ^ Math.imul(b, 0x27d4eb2f)) & (slots - 1);
    for (;;) {
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
    // FILE:LINE (a JSON Lines or CSV row) or FILE[INDEX] (an element of a JSON array)
    const m = /^(.*)(?::(\d{1,9})|\[(\d{1,9})\])$/s.exec(source);
    const n = m ? (m[2] ?? m[3])! : '';
    if (m && String(Number(n)) === n) {
      let id = this.fileIds.get(m[1]!);
      if (id === undefined) {
        id = this.files.length;
        this.files.push(m[1]!);
        this.fileIds.set(m[1]!, id);
      }
      this.table[at + 2] = id * 4 + (m[2] !== undefined ? LINE : INDEX);
      this.table[at + 3] = Number(n);
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
      const b = old[at + 1]!;
      let i = (a ^ Math.imul(b, 0x27d4eb2f)) & (slots - 1);
      while (this.table[i * 4] !== EMPTY) i = (i + 1) & (slots - 1);
      this.table.set(old.subarray(at, at + 4), i * 4);
    }
  }
}
