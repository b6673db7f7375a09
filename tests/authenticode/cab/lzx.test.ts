/**
 * The LZX decoder on streams written by tests/helpers/lzx-writer.ts: verbatim blocks with literals and
 * repeated-offset matches, uncompressed blocks (odd sizes and their padding byte), the E8 translation, and
 * damaged streams that must end as LzxError, never another exception or a loop.
 */
import { LzxDecoder, LzxError, translateE8 } from '../../../src/authenticode/extract/lzx';
import { writeLzxFrame, writeLzxFrames } from '../../helpers/lzx-writer';

const text = Buffer.from('aaaaaaaaaaaaaabbbbbbbbbbbbb The quick brown fox jumps over the lazy dog. zzzzzzzzzzzzzzzzzzzzzzzzzzzz\n'.repeat(40));

describe('LzxDecoder', () => {
  it('decodes verbatim blocks with literals and R0 matches', () => {
    const stream = writeLzxFrame([{ kind: 'verbatim', data: text }]);
    expect(stream.length).toBeLessThan(text.length);
    expect(new LzxDecoder(15).decodeFrame(stream, text.length).equals(text)).toBe(true);
  });

  it('decodes uncompressed blocks (odd size) followed by a verbatim one, in a 2 MiB window', () => {
    const a = Buffer.from('odd-sized raw block!!');
    const data = Buffer.concat([a, text.subarray(0, 999)]);
    const stream = writeLzxFrame([{ kind: 'uncompressed', data: a }, { kind: 'verbatim', data: text.subarray(0, 999) }], 21);
    expect(new LzxDecoder(21).decodeFrame(stream, data.length).equals(data)).toBe(true);
  });

  it('undoes the E8 translation of the output', () => {
    const raw = Buffer.alloc(64, 0x90);
    raw[0] = 0xe8;
    raw.writeInt32LE(100, 1); // absolute 100 at position 0 → relative 100
    raw[20] = 0xe8;
    raw.writeInt32LE(50, 21); // absolute 50 at position 20 → relative 30
    const stream = writeLzxFrame([{ kind: 'uncompressed', data: raw }], 15, 1_000_000);
    const out = new LzxDecoder(15).decodeFrame(stream, raw.length);
    expect(out.readInt32LE(1)).toBe(100);
    expect(out.readInt32LE(21)).toBe(30);
    const again = Buffer.from(raw);
    translateE8(again, 0, 1_000_000);
    expect(again.equals(out)).toBe(true);
  });

  it('refuses damaged streams with LzxError', () => {
    const stream = writeLzxFrame([{ kind: 'verbatim', data: text }]);
    const cases: Buffer[] = [Buffer.alloc(0), stream.subarray(0, 10), Buffer.alloc(64, 0xff)];
    for (let i = 0; i < 200; i++) {
      const b = Buffer.from(stream);
      b[(i * 7919) % b.length] ^= 1 << i % 8;
      cases.push(b);
    }
    for (const c of cases) {
      try {
        const out = new LzxDecoder(15).decodeFrame(c, text.length);
        expect(out.length).toBe(text.length);
      } catch (e) {
        expect(e).toBeInstanceOf(LzxError);
      }
    }
    expect(() => new LzxDecoder(15).decodeFrame(Buffer.alloc(64, 0xff), 100)).toThrow(LzxError);
    expect(() => new LzxDecoder(14)).toThrow(/window/);
  });
});

describe('LzxDecoder over several frames', () => {
  it('keeps the window and the trees from frame to frame (one data block per 32 KiB frame)', () => {
    const data = Buffer.concat(Array.from({ length: 5 }, (_, i) => Buffer.from(`frame ${i} `.repeat(4000)))).subarray(0, 32768 * 4 + 1234);
    const frames = [] as { kind: 'verbatim'; data: Buffer }[][];
    for (let at = 0; at < data.length; at += 32768) frames.push([{ kind: 'verbatim', data: data.subarray(at, at + 32768) }]);
    const streams = writeLzxFrames(frames, 17);
    const d = new LzxDecoder(17);
    const out = Buffer.concat(streams.map((s, i) => d.decodeFrame(s, frames[i]![0]!.data.length)));
    expect(out.equals(data)).toBe(true);
  });
});
