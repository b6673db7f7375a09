/** MSI stream names are decoded for people; the digests hash them raw. */
import { decodeMsiStreamName, encodeMsiStreamName } from '../../../src/authenticode/formats/msi-names';

describe('MSI stream names', () => {
  it('decodes a packed table name with the table prefix', () => {
    expect(decodeMsiStreamName(encodeMsiStreamName('_StringPool', true))).toBe('!_StringPool');
  });

  it('decodes two characters per unit, low six bits first', () => {
    // U+3800 + 'A'(10) + 64 * 'B'(11)
    expect(decodeMsiStreamName(String.fromCharCode(0x3800 + 10 + 64 * 11))).toBe('AB');
  });

  it('decodes a trailing single character from U+4800..U+483F', () => {
    expect(decodeMsiStreamName(String.fromCharCode(0x4800 + 63))).toBe('_');
  });

  it('leaves plain names alone and shows control characters escaped', () => {
    expect(decodeMsiStreamName('\u0005DigitalSignature')).toBe('\\u0005DigitalSignature');
    expect(decodeMsiStreamName('Binary.dll')).toBe('Binary.dll');
  });

  it('round-trips every name over the 64-character alphabet', () => {
    const n = 'Property_File.Component9z';
    expect(decodeMsiStreamName(encodeMsiStreamName(n))).toBe(n);
  });
});
