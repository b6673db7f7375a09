import { parseDer, readInteger, readOid, readString, readTime } from '../../../src/authenticode/der/asn1';
import { verifyErrorOf } from '../../../src/authenticode/errors';
import * as der from '../../helpers/der';

describe('DER reader', () => {
  it('keeps views of the original bytes with header and content offsets', () => {
    const input = der.seq(der.int(5), der.octets(Buffer.from('abc')));
    const root = parseDer(input);
    const octets = root.children[1]!;
    expect(octets.offset).toBe(5);
    expect(octets.headerLength).toBe(2);
    expect(Buffer.from(octets.content).toString()).toBe('abc');
    expect(octets.bytes.buffer).toBe(input.buffer); // a view, not a copy
  });

  it('reads long-form lengths', () => {
    const big = der.octets(Buffer.alloc(300, 1));
    expect(parseDer(big).length).toBe(300);
  });

  it('reads OIDs including large arcs', () => {
    expect(readOid(parseDer(der.oid('1.3.6.1.4.1.311.97.1.0')))).toBe('1.3.6.1.4.1.311.97.1.0');
    expect(readOid(parseDer(der.oid('2.25.329800735698586629295641978511506172918')))).toBe('2.25.329800735698586629295641978511506172918');
  });

  it('reads negative and positive INTEGERs', () => {
    expect(readInteger(parseDer(Buffer.from('0201ff', 'hex')))).toBe(-1n);
    expect(readInteger(parseDer(der.int(0x8000)))).toBe(0x8000n);
  });

  it('reads UTCTime and GeneralizedTime with fractions', () => {
    expect(readTime(parseDer(der.utcTime(new Date('2049-12-31T23:59:59Z')))).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(readTime(parseDer(Buffer.concat([Buffer.from([0x17, 13]), Buffer.from('500101000000Z')]))).getUTCFullYear()).toBe(1950);
    expect(readTime(parseDer(Buffer.concat([Buffer.from([0x18, 19]), Buffer.from('20240410144434.435Z')]))).toISOString()).toBe(
      '2024-04-10T14:44:34.435Z',
    );
  });

  it('refuses impossible dates with a typed error', () => {
    expect(() => readTime(parseDer(Buffer.concat([Buffer.from([0x17, 13]), Buffer.from('240231000000Z')])))).toThrow(
      expect.objectContaining({ name: 'DerError', message: expect.stringContaining('no such date') }),
    );
  });

  it('reads BMPString names', () => {
    expect(readString(parseDer(Buffer.from('1e0400410042', 'hex')))).toBe('AB');
  });

  it.each([
    ['indefinite length', '3080'],
    ['length past the end', '0405abcd'],
    ['5-octet length', '04850000000001ff'],
    ['trailing bytes', '050000'],
    ['truncated high tag', '1f'],
  ])('rejects %s with DerError, which the verifier reads as MALFORMED_SIGNATURE', (_n, hex) => {
    let thrown: unknown;
    try {
      parseDer(Buffer.from(hex, 'hex'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toEqual(expect.objectContaining({ name: 'DerError', failureCode: undefined }));
    expect(verifyErrorOf(thrown)).toEqual(expect.objectContaining({ name: 'VerifyError', code: 'MALFORMED_SIGNATURE', message: (thrown as Error).message }));
  });

  it('uses the caller failure code', () => {
    expect(() => parseDer(Buffer.from('3080', 'hex'), { code: 'BAD_TRUST_INPUT' })).toThrow(expect.objectContaining({ name: 'DerError', failureCode: 'BAD_TRUST_INPUT' }));
    try {
      parseDer(Buffer.from('3080', 'hex'), { code: 'BAD_TRUST_INPUT' });
    } catch (e) {
      expect(verifyErrorOf(e)?.code).toBe('BAD_TRUST_INPUT');
    }
  });
});
