/**
 * LZX decoder for cabinet folders (typeCompress 3), written from the published format: [MS-PATCH] "LZX DELTA
 * Compression and Decompression" section 2 (block header: 3-bit type, 24-bit size; verbatim, aligned offset
 * and uncompressed blocks; trees sent as path lengths through a 20-element pretree; position slots, footer
 * bits, repeated offsets R0-R2; the E8 call translation) and [MS-CAB] 2.4 (one 32 KiB frame per CFDATA, the
 * window size in typeCompress bits 8-12, 15 to 21).
 *
 * Streaming with bounded memory: the decoder holds the window (32 KiB to 2 MiB) and its trees; each call
 * decodes one frame from the bytes of one CFDATA block and returns the frame (a copy, E8-translated).
 * Every read is bounds-checked: a frame that needs more than its block's bytes (plus the few zero bytes a
 * bit reader may look ahead), a tree that does not form a prefix code, a match reaching before the start of
 * the stream or past the end of its block are LzxError, never a loop: every token produces output and every
 * block header consumes input.
 */

export class LzxError extends Error {
  constructor(message: string) {
    super(`LZX: ${message}`);
    this.name = 'LzxError';
  }
}

/** Frames are 32 KiB of output ([MS-PATCH] 2.1: the bitstream is realigned to 16 bits after each one). */
export const LZX_FRAME_SIZE = 32768;
export const LZX_MIN_WINDOW_BITS = 15;
export const LZX_MAX_WINDOW_BITS = 21;
/** The E8 translation applies to the first 32768 frames (1 GiB of output). */
const E8_MAX_FRAMES = 32768;

const BLOCK_VERBATIM = 1;
const BLOCK_ALIGNED = 2;
const BLOCK_UNCOMPRESSED = 3;

const NUM_CHARS = 256;
const PRETREE_SIZE = 20;
const ALIGNED_SIZE = 8;
const LENGTH_SIZE = 249;
const MIN_MATCH = 2;
const PRIMARY_LENGTHS = 7;
const MAX_CODE_BITS = 16;
/** zero bytes the reader may take past the end of a frame's input (look-ahead of the last codes) */
const MAX_PAD_BYTES = 8;

/** Position slots per window size (2^15 .. 2^21): [MS-PATCH] 2.2. */
const POSITION_SLOTS: Record<number, number> = { 15: 30, 16: 32, 17: 34, 18: 36, 19: 38, 20: 42, 21: 50 };

/** footer bits and base of each position slot: bits = 0 for slots 0-3, then (slot - 2) >> 1, at most 17 */
const FOOTER_BITS = new Uint8Array(51);
const POSITION_BASE = new Uint32Array(52);
for (let s = 0; s < 51; s++) FOOTER_BITS[s] = s < 4 ? 0 : Math.min(17, (s - 2) >> 1);
for (let s = 0; s < 51; s++) POSITION_BASE[s + 1] = POSITION_BASE[s]! + (1 << FOOTER_BITS[s]!);

/** Bits of the direct lookup table; longer codes are decoded from the canonical counts. */
const TABLE_BITS = 10;

/**
 * A canonical Huffman code: codes of at most TABLE_BITS bits through a lookup table (entry = length << 16 |
 * symbol, 0 = none), longer ones (up to 16 bits) by walking the canonical code's counts per length.
 */
class Huffman {
  readonly table = new Uint32Array(1 << TABLE_BITS);
  /** codes per length 0..16 */
  readonly counts = new Uint16Array(MAX_CODE_BITS + 1);
  /** symbols in canonical order (by length, then symbol) */
  readonly sorted: Uint16Array;
  empty = true;
  constructor(readonly lengths: Uint8Array) {
    this.sorted = new Uint16Array(lengths.length);
  }

  /** Builds the decoder from `lengths` (all zero: an empty tree, an error only when used). */
  build(what: string): void {
    const lens = this.lengths;
    const counts = this.counts;
    counts.fill(0);
    for (let i = 0; i < lens.length; i++) counts[lens[i]!]!++;
    counts[0] = 0;
    // Kraft sum: over-subscribed or incomplete codes are refused (an all-zero tree is empty)
    let left = 1;
    let any = false;
    for (let len = 1; len <= MAX_CODE_BITS; len++) {
      left = left * 2 - counts[len]!;
      if (left < 0) throw new LzxError(`the ${what} tree's path lengths over-subscribe the code space`);
      if (counts[len]) any = true;
    }
    this.empty = !any;
    this.table.fill(0);
    if (!any) return;
    if (left !== 0) throw new LzxError(`the ${what} tree's path lengths do not form a complete prefix code`);
    const offs = new Uint16Array(MAX_CODE_BITS + 2);
    for (let len = 1; len <= MAX_CODE_BITS; len++) offs[len + 1] = offs[len]! + counts[len]!;
    for (let sym = 0; sym < lens.length; sym++) if (lens[sym]) this.sorted[offs[lens[sym]!]!++] = sym;
    // fill the table with the short codes
    let code = 0;
    let k = 0;
    for (let len = 1; len <= TABLE_BITS; len++) {
      for (let n = 0; n < counts[len]!; n++, k++) {
        const span = 1 << (TABLE_BITS - len);
        this.table.fill((len << 16) | this.sorted[k]!, code * span, (code + 1) * span);
        code++;
      }
      code <<= 1;
    }
  }

  /** The symbol of the code at the top of `bits16` (16 bits, most significant first) and its length, for long codes. */
  slow(bits16: number): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_CODE_BITS; len++) {
      code |= (bits16 >>> (MAX_CODE_BITS - len)) & 1;
      const count = this.counts[len]!;
      if (code - first < count) return (len << 16) | this.sorted[index + code - first]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    return 0;
  }
}

/**
 * Per-frame bit reader: 16-bit little-endian words, most significant bit first. The buffer is left-aligned
 * in a 32-bit integer (the next bit is bit 31) so every value stays a small integer for the JIT.
 */
class Bits {
  /** the `count` next bits, from bit 31 down (int32) */
  buf = 0;
  count = 0;
  pos = 0;
  pad = 0;
  constructor(readonly input: Uint8Array) {}

  /** Adds the next word (count <= 16). */
  fill(): void {
    const inp = this.input;
    let word: number;
    if (this.pos + 1 < inp.length) {
      word = inp[this.pos]! | (inp[this.pos + 1]! << 8);
      this.pos += 2;
    } else {
      // past the end: zeros, a few bytes at most (look-ahead of the last codes)
      if (this.pos < inp.length) {
        word = inp[this.pos]!;
        this.pos = inp.length;
      } else word = 0;
      this.pad += 2;
      if (this.pad > MAX_PAD_BYTES) throw new LzxError(`the frame needs more than the ${inp.length} bytes of its data block`);
    }
    this.buf |= word << (16 - this.count);
    this.count += 16;
  }

  /** n <= 16 */
  read(n: number): number {
    if (n === 0) return 0;
    while (this.count < n) this.fill();
    const v = this.buf >>> (32 - n);
    this.buf <<= n;
    this.count -= n;
    return v;
  }

  decode(h: Huffman, what: string): number {
    while (this.count < MAX_CODE_BITS) this.fill();
    const bits16 = this.buf >>> 16;
    let e = h.table[bits16 >>> (MAX_CODE_BITS - TABLE_BITS)]!;
    if (e === 0) {
      if (h.empty) throw new LzxError(`a symbol of the ${what} tree, which is empty, is needed`);
      e = h.slow(bits16);
      if (e === 0) throw new LzxError(`no ${what} code matches the input`);
    }
    const len = e >>> 16;
    this.buf <<= len;
    this.count -= len;
    return e & 0xffff;
  }

  /**
   * For an uncompressed block: drop the 1-16 bits up to the next 16-bit boundary (a whole word when already
   * aligned); whole words read ahead go back to the input.
   */
  alignForBytes(): void {
    if (this.count === 0) this.fill();
    const partial = this.count & 15;
    const whole = (this.count >> 4) - (partial === 0 ? 1 : 0);
    this.pos -= 2 * whole;
    this.count = 0;
    this.buf = 0;
  }

  /** After a frame: drop the 0-15 bits left in the current word. */
  alignFrame(): void {
    const drop = this.count & 15;
    this.buf <<= drop;
    this.count -= drop;
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.input.length) throw new LzxError(`an uncompressed block runs past the end of its ${this.input.length}-byte data block`);
    const out = this.input.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

export class LzxDecoder {
  private readonly window: Uint8Array;
  private readonly windowSize: number;
  private readonly mainSize: number;
  private readonly mainLens: Uint8Array;
  private readonly lengthLens = new Uint8Array(LENGTH_SIZE);
  private readonly alignedLens = new Uint8Array(ALIGNED_SIZE);
  private readonly pretreeLens = new Uint8Array(PRETREE_SIZE);
  private readonly main: Huffman;
  private readonly length = new Huffman(this.lengthLens);
  private readonly aligned = new Huffman(this.alignedLens);
  private readonly pretree = new Huffman(this.pretreeLens);
  /** position in the window */
  private wpos = 0;
  /** bytes decoded so far (output of earlier frames plus any run-over into the current one) */
  private total = 0;
  /** bytes of the current frame already produced by the previous frame's last match */
  private ahead = 0;
  private frames = 0;
  private headerRead = false;
  private e8Size = 0;
  private blockType = 0;
  private blockRemaining = 0;
  private r0 = 1;
  private r1 = 1;
  private r2 = 1;
  /** an uncompressed block's odd size leaves one padding byte after its data */
  private uncompressedPad = false;

  constructor(windowBits: number) {
    const slots = POSITION_SLOTS[windowBits];
    if (slots === undefined) throw new LzxError(`window of 2^${windowBits} bytes (LZX windows are 2^15 to 2^21)`);
    this.windowSize = 1 << windowBits;
    this.window = new Uint8Array(this.windowSize);
    this.mainSize = NUM_CHARS + slots * 8;
    this.mainLens = new Uint8Array(this.mainSize);
    this.main = new Huffman(this.mainLens);
  }

  /**
   * Decodes one frame of `outLen` bytes (1..32768) from the bytes of one data block.
   * @returns the frame's bytes (a new Buffer, E8-translated)
   */
  decodeFrame(input: Uint8Array, outLen: number): Buffer {
    if (outLen <= 0 || outLen > LZX_FRAME_SIZE) throw new LzxError(`a frame of ${outLen} bytes (frames are 1 to ${LZX_FRAME_SIZE} bytes)`);
    const bits = new Bits(input);
    if (!this.headerRead) {
      this.headerRead = true;
      if (bits.read(1) === 1) this.e8Size = ((bits.read(16) << 16) | bits.read(16)) >>> 0;
    }
    const frameStart = this.total - this.ahead;
    const frameEnd = frameStart + outLen;
    if (this.ahead > outLen) throw new LzxError(`a match ran ${this.ahead} bytes into a frame of ${outLen} bytes`);
    while (this.total < frameEnd) {
      if (this.blockRemaining === 0) this.readBlockHeader(bits);
      const want = Math.min(this.blockRemaining, frameEnd - this.total);
      if (this.blockType === BLOCK_UNCOMPRESSED) this.copyUncompressed(bits, want);
      else this.decodeTokens(bits, want, frameEnd);
    }
    if (this.blockRemaining === 0 && this.blockType === BLOCK_UNCOMPRESSED && this.uncompressedPad) {
      this.uncompressedPad = false;
      bits.bytes(1);
    }
    this.ahead = this.total - frameEnd;
    // the frame, copied out of the window (it may wrap)
    const out = Buffer.allocUnsafe(outLen);
    const startW = (this.wpos - (this.total - frameStart) + this.windowSize * 2) % this.windowSize;
    const first = Math.min(outLen, this.windowSize - startW);
    out.set(this.window.subarray(startW, startW + first), 0);
    if (first < outLen) out.set(this.window.subarray(0, outLen - first), first);
    if (this.e8Size !== 0 && this.frames < E8_MAX_FRAMES && outLen > 10) translateE8(out, frameStart, this.e8Size);
    this.frames++;
    if (this.blockType !== BLOCK_UNCOMPRESSED || this.blockRemaining === 0) bits.alignFrame();
    return out;
  }

  private readBlockHeader(bits: Bits): void {
    if (this.blockType === BLOCK_UNCOMPRESSED && this.uncompressedPad) {
      this.uncompressedPad = false;
      bits.bytes(1);
    }
    if (this.blockType === BLOCK_UNCOMPRESSED) {
      // after raw bytes the bit reader restarts on the next word
      bits.buf = 0;
      bits.count = 0;
    }
    const type = bits.read(3);
    const size = (bits.read(8) << 16) | (bits.read(8) << 8) | bits.read(8);
    this.blockType = type;
    this.blockRemaining = size;
    switch (type) {
      case BLOCK_ALIGNED:
      case BLOCK_VERBATIM:
        if (type === BLOCK_ALIGNED) {
          // an aligned block sends its aligned offset tree, then the same trees as a verbatim one
          for (let i = 0; i < ALIGNED_SIZE; i++) this.alignedLens[i] = bits.read(3);
          this.aligned.build('aligned offset');
        }
        this.readLengths(bits, this.mainLens, 0, NUM_CHARS);
        this.readLengths(bits, this.mainLens, NUM_CHARS, this.mainSize);
        this.main.build('main');
        if (this.main.empty) throw new LzxError('a block whose main tree is empty');
        this.readLengths(bits, this.lengthLens, 0, LENGTH_SIZE);
        this.length.build('length');
        break;
      case BLOCK_UNCOMPRESSED: {
        bits.alignForBytes();
        const r = bits.bytes(12);
        const view = new DataView(r.buffer, r.byteOffset, 12);
        this.r0 = view.getUint32(0, true);
        this.r1 = view.getUint32(4, true);
        this.r2 = view.getUint32(8, true);
        this.uncompressedPad = (size & 1) === 1;
        break;
      }
      default:
        throw new LzxError(`block type ${type} (1 verbatim, 2 aligned offset, 3 uncompressed)`);
    }
  }

  /** Path lengths [first, last) of a tree, as deltas against the previous ones through a pretree. */
  private readLengths(bits: Bits, lens: Uint8Array, first: number, last: number): void {
    for (let i = 0; i < PRETREE_SIZE; i++) this.pretreeLens[i] = bits.read(4);
    this.pretree.build('pretree');
    let x = first;
    while (x < last) {
      const code = bits.decode(this.pretree, 'pretree');
      if (code === 17) {
        let n = bits.read(4) + 4;
        while (n-- > 0 && x < last) lens[x++] = 0;
      } else if (code === 18) {
        let n = bits.read(5) + 20;
        while (n-- > 0 && x < last) lens[x++] = 0;
      } else if (code === 19) {
        let n = bits.read(1) + 4;
        const z = bits.decode(this.pretree, 'pretree');
        if (z > 16) throw new LzxError(`pretree code ${z} where a path length delta is needed`);
        const v = (lens[x]! + 17 - z) % 17;
        while (n-- > 0 && x < last) lens[x++] = v;
      } else {
        lens[x] = (lens[x]! + 17 - code) % 17;
        x++;
      }
    }
  }

  private copyUncompressed(bits: Bits, n: number): void {
    const src = bits.bytes(n);
    for (let i = 0; i < n; i++) {
      this.window[this.wpos] = src[i]!;
      this.wpos = (this.wpos + 1) & (this.windowSize - 1);
    }
    this.total += n;
    this.blockRemaining -= n;
  }

  /**
   * Literals and matches until `want` more bytes of the block were produced (a last match may run over).
   * The hot path (main tree symbols, literals) keeps the bit buffer in locals; it is handed back to `bits`
   * around the rarer reads (length tree, footer bits, aligned tree).
   */
  private decodeTokens(bits: Bits, want: number, _frameEnd: number): void {
    const window = this.window;
    const mask = this.windowSize - 1;
    const aligned = this.blockType === BLOCK_ALIGNED;
    const main = this.main;
    const mainTable = main.table;
    const inp = bits.input;
    const inLen = inp.length;
    let buf = bits.buf;
    let count = bits.count;
    let pos = bits.pos;
    let produced = 0;
    let wpos = this.wpos;
    while (produced < want) {
      if (count < MAX_CODE_BITS) {
        if (pos + 1 < inLen) {
          buf |= (inp[pos]! | (inp[pos + 1]! << 8)) << (16 - count);
          pos += 2;
          count += 16;
        } else {
          bits.buf = buf;
          bits.count = count;
          bits.pos = pos;
          bits.fill();
          buf = bits.buf;
          count = bits.count;
          pos = bits.pos;
        }
      }
      let e = mainTable[buf >>> (32 - TABLE_BITS)]!;
      if (e === 0) {
        if (main.empty) throw new LzxError('a symbol of the main tree, which is empty, is needed');
        e = main.slow(buf >>> 16);
        if (e === 0) throw new LzxError('no main code matches the input');
      }
      const clen = e >>> 16;
      buf <<= clen;
      count -= clen;
      const sym = e & 0xffff;
      if (sym < NUM_CHARS) {
        window[wpos] = sym;
        wpos = (wpos + 1) & mask;
        produced++;
        continue;
      }
      // a match: the rarer reads go through `bits`
      bits.buf = buf;
      bits.count = count;
      bits.pos = pos;
      const m = sym - NUM_CHARS;
      let len = m & 7;
      if (len === PRIMARY_LENGTHS) len += bits.decode(this.length, 'length');
      len += MIN_MATCH;
      const slot = m >>> 3;
      let offset: number;
      if (slot === 0) offset = this.r0;
      else if (slot === 1) {
        offset = this.r1;
        this.r1 = this.r0;
        this.r0 = offset;
      } else if (slot === 2) {
        offset = this.r2;
        this.r2 = this.r0;
        this.r0 = offset;
      } else {
        const extra = FOOTER_BITS[slot]!;
        let footer: number;
        if (aligned && extra >= 3) {
          const high = extra > 3 ? this.readBig(bits, extra - 3) * 8 : 0;
          footer = high + bits.decode(this.aligned, 'aligned offset');
        } else footer = this.readBig(bits, extra);
        offset = POSITION_BASE[slot]! + footer - 2;
        this.r2 = this.r1;
        this.r1 = this.r0;
        this.r0 = offset;
      }
      buf = bits.buf;
      count = bits.count;
      pos = bits.pos;
      if (len > this.blockRemaining - produced) throw new LzxError(`a ${len}-byte match runs past the end of its block`);
      if (offset <= 0 || offset > this.total + produced) throw new LzxError(`a match at distance ${offset} reaches before the start of the data (${this.total + produced} bytes decoded)`);
      if (offset > this.windowSize) throw new LzxError(`a match at distance ${offset} is farther than the ${this.windowSize}-byte window`);
      let src = (wpos - offset + this.windowSize) & mask;
      if (src + len <= this.windowSize && wpos + len <= this.windowSize && src < wpos) {
        if (offset >= len) window.copyWithin(wpos, src, src + len);
        else {
          // an overlapping match repeats the last `offset` bytes: copy whole periods, doubling each time
          let done = 0;
          while (done < len) {
            const n = Math.min(done + offset, len - done);
            window.copyWithin(wpos + done, src, src + n);
            done += n;
          }
        }
        wpos = (wpos + len) & mask;
      } else {
        for (let i = 0; i < len; i++) {
          window[wpos] = window[src]!;
          wpos = (wpos + 1) & mask;
          src = (src + 1) & mask;
        }
      }
      produced += len;
    }
    bits.buf = buf;
    bits.count = count;
    bits.pos = pos;
    this.wpos = wpos;
    this.total += produced;
    this.blockRemaining -= produced;
  }

  /** up to 17 bits */
  private readBig(bits: Bits, n: number): number {
    if (n <= 16) return bits.read(n);
    return bits.read(n - 16) * 65536 + bits.read(16);
  }
}

/**
 * Undoes the E8 (x86 CALL) translation of one frame in place ([MS-PATCH] 2.5): for each 0xE8 byte in the
 * frame but its last 10, the 32-bit value after it is an absolute target; values in [-position, size) go back
 * to relative ones. The 4 bytes after any 0xE8 are skipped.
 */
export function translateE8(frame: Uint8Array, frameOffset: number, size: number): void {
  const end = frame.length - 10;
  for (let i = 0; i < end; i++) {
    i = frame.indexOf(0xe8, i);
    if (i < 0 || i >= end) break;
    const cur = frameOffset + i;
    const abs = (frame[i + 1]! | (frame[i + 2]! << 8) | (frame[i + 3]! << 16) | (frame[i + 4]! << 24)) | 0;
    if (abs >= -cur && abs < size) {
      const rel = abs >= 0 ? abs - cur : abs + size;
      frame[i + 1] = rel & 0xff;
      frame[i + 2] = (rel >>> 8) & 0xff;
      frame[i + 3] = (rel >>> 16) & 0xff;
      frame[i + 4] = (rel >>> 24) & 0xff;
    }
    i += 4;
  }
}
