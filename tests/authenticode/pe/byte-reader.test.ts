import { ByteReader } from '../../../src/authenticode/formats/byte-reader';
import { VerifyError } from '../../../src/authenticode/errors';

describe('ByteReader reads little-endian values inside its window only', () => {
  it('respects the view\'s byteOffset and its file base offset', () => {
    const backing = Buffer.from([0xee, 0xee, 0x01, 0x02, 0x03, 0x04, 0xee]);
    const r = new ByteReader(backing.subarray(2, 6), { base: 0x100 });
    expect(r.u16(0x100)).toBe(0x0201);
    expect(r.u32(0x100)).toBe(0x04030201);
    expect(r.u8(0x103)).toBe(0x04);
    expect([...r.slice(0x101, 2)]).toEqual([2, 3]);
  });

  it('throws TRUNCATED_FILE naming the offset when a read runs past the window', () => {
    const r = new ByteReader(Buffer.alloc(4), { base: 0x10 });
    expect(() => r.u32(0x11, 'Field')).toThrow(VerifyError);
    try {
      r.u32(0x11, 'Field');
    } catch (e) {
      expect((e as VerifyError).code).toBe('TRUNCATED_FILE');
      expect((e as VerifyError).message).toMatch(/Field: 4 byte\(s\) at file offset 0x11/);
    }
  });

  it('throws for offsets before the window, negative or fractional ones, with the configured code', () => {
    const r = new ByteReader(Buffer.alloc(8), { base: 0x10, outOfRange: 'MALFORMED_PE' });
    for (const off of [0x0f, -1, 16.5, Number.MAX_SAFE_INTEGER]) {
      expect(() => r.u8(off)).toThrow(expect.objectContaining({ code: 'MALFORMED_PE' }));
    }
  });
});
