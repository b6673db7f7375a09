/**
 * A small LZX writer for tests and fuzz seeds (not a compressor): one frame of at most 32 KiB as verbatim
 * blocks (literals, and runs coded as matches at the repeated offset R0 = 1, i.e. repeats of the previous
 * byte) or uncompressed blocks, optionally with the E8 translation header. Trees: 256 literals of 9 bits
 * and the eight R0-match symbols of 4 bits (a complete code); the pretree is 12 codes of 4 bits and 8 of 5.
 */

class BitWriter {
  private words: number[] = [];
  private acc = 0;
  private n = 0;
  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >>> i) & 1);
      if (++this.n === 16) {
        this.words.push(this.acc);
        this.acc = 0;
        this.n = 0;
      }
    }
  }
  /** pad to the 16-bit boundary (0-15 bits) */
  align(): void {
    if (this.n > 0) this.bits(0, 16 - this.n);
  }
  /** 1-16 bits of padding (uncompressed blocks), then raw bytes */
  raw(bytes: Uint8Array): void {
    if (this.n === 0) this.bits(0, 16);
    else this.align();
    const tail = Buffer.from(bytes);
    this.rawBytes.push({ at: this.words.length, bytes: tail });
  }
  private rawBytes: { at: number; bytes: Buffer }[] = [];
  bytes(): Buffer {
    this.align();
    const parts: Buffer[] = [];
    let w = 0;
    for (const r of this.rawBytes) {
      parts.push(wordsBuf(this.words.slice(w, r.at)), r.bytes);
      w = r.at;
    }
    parts.push(wordsBuf(this.words.slice(w)));
    return Buffer.concat(parts);
  }
}

function wordsBuf(words: number[]): Buffer {
  const b = Buffer.alloc(words.length * 2);
  words.forEach((x, i) => b.writeUInt16LE(x, i * 2));
  return b;
}

/** canonical codes from path lengths */
function canonical(lengths: number[]): number[] {
  const codes = new Array<number>(lengths.length).fill(0);
  let code = 0;
  for (let len = 1; len <= 16; len++) {
    for (let s = 0; s < lengths.length; s++) if (lengths[s] === len) codes[s] = code++;
    code <<= 1;
  }
  return codes;
}

const PRETREE_LENS = Array.from({ length: 20 }, (_, i) => (i < 12 ? 4 : 5));
const PRETREE_CODES = canonical(PRETREE_LENS);

function sendLengths(w: BitWriter, prev: number[], next: number[], first: number, last: number): void {
  for (const l of PRETREE_LENS) w.bits(l, 4);
  for (let i = first; i < last; i++) {
    const code = (prev[i]! - next[i]! + 17) % 17;
    w.bits(PRETREE_CODES[code]!, PRETREE_LENS[code]!);
  }
}

export type LzxPiece = { kind: 'verbatim'; data: Buffer } | { kind: 'uncompressed'; data: Buffer };

/**
 * An LZX stream for a window of 2^windowBits bytes decoding to the concatenation of the pieces' data (one
 * frame: at most 32 KiB in all). `e8` writes the translation header with that size (0: no translation).
 */
export function writeLzxFrame(pieces: LzxPiece[], windowBits = 15, e8 = 0): Buffer {
  return writeLzxFrames([pieces], windowBits, e8)[0]!;
}

/**
 * A stream of several frames (each at most 32 KiB of output; all but the last exactly 32 KiB), one data block
 * per frame as [MS-CAB] LZX folders hold them: the bitstream is realigned to 16 bits after each frame.
 */
export function writeLzxFrames(frames: LzxPiece[][], windowBits = 15, e8 = 0): Buffer[] {
  const slots: Record<number, number> = { 15: 30, 16: 32, 17: 34, 18: 36, 19: 38, 20: 42, 21: 50 };
  const mainSize = 256 + 8 * slots[windowBits]!;
  let w = new BitWriter();
  const out: Buffer[] = [];
  if (e8 > 0) {
    w.bits(1, 1);
    w.bits(e8 >>> 16, 16);
    w.bits(e8 & 0xffff, 16);
  } else w.bits(0, 1);
  let prevMain = new Array<number>(mainSize).fill(0);
  let prevLength = new Array<number>(249).fill(0);
  const mainLens = new Array<number>(mainSize).fill(0);
  for (let i = 0; i < 256; i++) mainLens[i] = 9;
  for (let i = 256; i < 264; i++) mainLens[i] = 4;
  const mainCodes = canonical(mainLens);
  let last = -1;
  for (const pieces of frames) {
  for (const p of pieces) {
    const size = p.data.length;
    if (p.kind === 'uncompressed') {
      w.bits(3, 3);
      w.bits(size >>> 16, 8);
      w.bits((size >>> 8) & 0xff, 8);
      w.bits(size & 0xff, 8);
      const r = Buffer.alloc(12);
      r.writeUInt32LE(1, 0);
      r.writeUInt32LE(1, 4);
      r.writeUInt32LE(1, 8);
      w.raw(Buffer.concat([r, p.data, size % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]));
      if (size > 0) last = p.data[size - 1]!;
      continue;
    }
    w.bits(1, 3);
    w.bits(size >>> 16, 8);
    w.bits((size >>> 8) & 0xff, 8);
    w.bits(size & 0xff, 8);
    sendLengths(w, prevMain, mainLens, 0, 256);
    sendLengths(w, prevMain, mainLens, 256, mainSize);
    sendLengths(w, prevLength, prevLength, 0, 249);
    prevMain = [...mainLens];
    prevLength = [...prevLength];
    let i = 0;
    const d = p.data;
    while (i < d.length) {
      // a run of the previous byte: a match at R0 = 1 (the writer never changes R0), 2..8 bytes
      let run = 0;
      while (last >= 0 && i + run < d.length && d[i + run] === last && run < 8) run++;
      if (run >= 2) {
        const sym = 256 + (run - 2);
        w.bits(mainCodes[sym]!, 4);
        i += run;
        continue;
      }
      w.bits(mainCodes[d[i]!]!, 9);
      last = d[i]!;
      i++;
    }
  }
  out.push(w.bytes());
  w = new BitWriter();
  }
  return out;
}
