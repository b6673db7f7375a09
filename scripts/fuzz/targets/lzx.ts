/**
 * lzx   LzxDecoder.decodeFrame on mutated LZX frames (written by tests/helpers/lzx-writer.ts: verbatim blocks of
 *       literals and repeated-offset matches, uncompressed blocks, E8 header) and on random bytes, every window
 *       size. Unmutated frames must decode to their data (else a "false valid": wrong output); mutated ones end
 *       as LzxError or as a frame of exactly the asked length, in bounded time and memory.
 */
import fc from 'fast-check';
import { LzxDecoder, LzxError } from '../../../src/authenticode/extract/lzx';
import { writeLzxFrame, type LzxPiece } from '../../../tests/helpers/lzx-writer';
import type { CaseResult, Target } from '../runner';

export interface LzxCase {
  windowBits: number;
  pieces: { raw: boolean; data: number[] }[];
  e8: number;
  /** byte flips: [position (mod length), xor value]; none = the unmutated frame */
  flips: [number, number][];
  /** random bytes instead of a written frame */
  random: number[] | null;
  /** output length asked when the input is random */
  outLen: number;
}

const pieceArb = fc.record({
  raw: fc.boolean(),
  // runs make the writer emit matches
  data: fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x41, 0x41, 0xe8, 0)), { maxLength: 600 }),
});

const lzxCaseArb: fc.Arbitrary<LzxCase> = fc.record({
  windowBits: fc.integer({ min: 15, max: 21 }),
  pieces: fc.array(pieceArb, { minLength: 1, maxLength: 4 }),
  e8: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0x7fffffff })),
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
  // mostly written frames (mutated or not), one case in five random bytes
  random: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 2048 }) }),
  outLen: fc.integer({ min: 1, max: 32768 }),
});

function expected(c: LzxCase): Buffer {
  return Buffer.concat(c.pieces.map((p) => Buffer.from(p.data)));
}

function frameBytes(c: LzxCase): Buffer {
  if (c.random) return Buffer.from(c.random);
  const pieces: LzxPiece[] = c.pieces.filter((p) => p.data.length > 0).map((p) => ({ kind: p.raw ? 'uncompressed' : 'verbatim', data: Buffer.from(p.data) }));
  const b = writeLzxFrame(pieces.length ? pieces : [{ kind: 'verbatim', data: Buffer.from([1]) }], c.windowBits, c.e8);
  for (const [at, x] of c.flips) if (b.length > 0) b[at % b.length] ^= x;
  return b;
}

export function lzxTarget(): Target<LzxCase> {
  return {
    name: 'lzx',
    api: 'LzxDecoder.decodeFrame (CAB LZX folders)',
    arbitrary: lzxCaseArb,
    ext: 'lzx',
    bytes: frameBytes,
    // the window (2 MiB at most) and a 64K-entry table per tree are the decoder's fixed memory
    allocBound: (bytes) => bytes.length + 3 * 1024 * 1024,
    async run(c, bytes): Promise<CaseResult> {
      const want = expected(c);
      const outLen = c.random ? c.outLen : Math.max(1, want.length);
      try {
        const out = new LzxDecoder(c.windowBits).decodeFrame(bytes, outLen);
        if (out.length !== outLen) return { outcome: 'wrong-length', escape: `a frame of ${out.length} bytes for ${outLen} asked` };
        if (!c.random && c.flips.length === 0 && want.length > 0 && c.e8 === 0 && !out.equals(want)) {
          return { outcome: 'decoded', falseValid: 'an unmutated frame decoded to other bytes than were written' };
        }
        return { outcome: 'decoded' };
      } catch (e) {
        if (e instanceof LzxError) return { outcome: `LzxError:${e.message.replace(/\d+/g, 'N').slice(5, 40)}` };
        throw e;
      }
    },
  };
}
