import { verifyPkcs7Signature } from '../../../src/authenticode/signature';
import { codes, contentSource, digestOf, signFixture, standardPki, testContext } from './support';
import { TIMES } from '../../helpers/pki';

describe('nested signatures (1.3.6.1.4.1.311.2.4.1)', () => {
  const pki = standardPki();
  const ctx = testContext(pki);

  it('verifies each nested signature on its own, with its own digest algorithm', async () => {
    const nested256 = signFixture(pki, { digestAlgorithm: 'sha256' });
    const nested512 = signFixture(pki, { digestAlgorithm: 'sha512', timestamp: { kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing } });
    const primary = signFixture(pki, { digestAlgorithm: 'sha1', nested: [nested256, nested512] });
    const source = contentSource();
    const reports = await verifyPkcs7Signature(primary, source, ctx, 'pe', 0);
    expect(reports.map((r) => [r.index, r.nested, r.digestAlgorithm, r.valid])).toEqual([
      [0, false, 'sha1', true],
      [1, true, 'sha256', true],
      [2, true, 'sha512', true],
    ]);
    expect(reports[2]!.timestampKind).toBe('rfc3161');
    expect([...source.calls].sort()).toEqual(['sha1', 'sha256', 'sha512']);
  });

  it('numbers reports from firstIndex (a second WIN_CERTIFICATE entry)', async () => {
    const primary = signFixture(pki, { nested: [signFixture(pki)] });
    const reports = await verifyPkcs7Signature(primary, contentSource(), ctx, 'pe', 3);
    expect(reports.map((r) => r.index)).toEqual([3, 4]);
  });

  it('a broken nested signature fails on its own and does not change the primary verdict', async () => {
    const broken = signFixture(pki, { corruptSignature: true });
    const garbage = Buffer.from('3003020101', 'hex') // DER, but not a ContentInfo;
    const primary = signFixture(pki, { nested: [broken, garbage] });
    const reports = await verifyPkcs7Signature(primary, contentSource(), ctx, 'pe');
    expect(reports[0]!.valid).toBe(true);
    expect(codes(reports[1]!)).toEqual(['BAD_SIGNATURE']);
    expect(codes(reports[2]!)).toEqual(['MALFORMED_SIGNATURE']);
  });

  it('a nested signature over a different file digest is DIGEST_MISMATCH for that signature only', async () => {
    const other = signFixture(pki, { digestAlgorithm: 'sha384', fileDigest: digestOf('sha384', 'some other file') });
    const reports = await verifyPkcs7Signature(signFixture(pki, { nested: [other] }), contentSource(), ctx, 'pe');
    expect(reports[0]!.valid).toBe(true);
    expect(reports[1]!.digestMatches).toBe(false);
    expect(codes(reports[1]!)).toEqual(['DIGEST_MISMATCH']);
  });
});
