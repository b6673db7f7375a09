import { codes, contentSource, digestOf, signFixture, standardPki, testContext, verifyOne } from './support';

describe('digest rules', () => {
  const pki = standardPki();
  const ctx = testContext(pki);

  it('accepts a well-formed signature (baseline: valid and ACS)', async () => {
    const r = await verifyOne(signFixture(pki), ctx);
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ valid: true, acs: true, digestMatches: true, digestAlgorithm: 'sha256', index: 0, nested: false });
    expect(r.signer).toBe('CN=Test Publisher, O=Test Publisher Ltd, C=US');
    expect(r.chain).toEqual([
      'CN=Test Publisher, O=Test Publisher Ltd, C=US',
      'CN=Test ID Verified CS AOC CA, O=Test PKI, C=US',
      'CN=Test ID Verified Code Signing PCA, O=Test PKI, C=US',
      'CN=Test Identity Verification Root CA, O=Test PKI, C=US',
    ]);
  });

  it.each(['sha1', 'sha384', 'sha512'] as const)('verifies with digest algorithm %s, asking the file for that digest', async (alg) => {
    const source = contentSource();
    const r = await verifyOne(signFixture(pki, { digestAlgorithm: alg }), ctx, source);
    expect(r.failures).toEqual([]);
    expect(r.digestAlgorithm).toBe(alg);
    expect(source.calls).toEqual([alg]);
  });

  it('refuses MD5 with WEAK_DIGEST', async () => {
    const r = await verifyOne(signFixture(pki, { digestAlgorithm: 'md5' }), ctx);
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['WEAK_DIGEST']);
    expect(r.digestAlgorithm).toBe('md5');
  });

  it('refuses MD5 anywhere (SignerInfo only) with WEAK_DIGEST', async () => {
    const r = await verifyOne(signFixture(pki, { signerInfoDigestAlgorithm: 'md5' }), ctx);
    expect(codes(r)).toEqual(['WEAK_DIGEST']);
  });

  it('reports DIGEST_ALGORITHM_MISMATCH when SignedData.digestAlgorithms disagrees', async () => {
    const r = await verifyOne(signFixture(pki, { signedDataDigestAlgorithm: 'sha1' }), ctx);
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['DIGEST_ALGORITHM_MISMATCH']);
  });

  it('reports DIGEST_ALGORITHM_MISMATCH when SignerInfo.digestAlgorithm disagrees', async () => {
    const r = await verifyOne(signFixture(pki, { signerInfoDigestAlgorithm: 'sha384' }), ctx);
    expect(codes(r)).toEqual(['DIGEST_ALGORITHM_MISMATCH']);
  });

  it('reports DIGEST_ALGORITHM_MISMATCH when the SpcIndirectDataContent DigestInfo disagrees', async () => {
    const r = await verifyOne(signFixture(pki, { spcDigestAlgorithm: 'sha512', fileDigest: digestOf('sha512') }), ctx);
    expect(codes(r)).toEqual(['DIGEST_ALGORITHM_MISMATCH']);
  });

  it('reports DIGEST_MISMATCH (digestMatches=false) when the file changed after signing', async () => {
    const r = await verifyOne(signFixture(pki), ctx, contentSource('the bytes of a signed test filE'));
    expect(r.valid).toBe(false);
    expect(r.digestMatches).toBe(false);
    expect(codes(r)).toEqual(['DIGEST_MISMATCH']);
  });

  it('reports MESSAGE_DIGEST_MISMATCH when messageDigest does not hash SpcIndirectDataContent', async () => {
    const r = await verifyOne(signFixture(pki, { messageDigestOverride: Buffer.alloc(32, 1) }), ctx);
    expect(r.valid).toBe(false);
    expect(r.digestMatches).toBe(true);
    expect(codes(r)).toEqual(['MESSAGE_DIGEST_MISMATCH']);
  });

  it('reports MESSAGE_DIGEST_MISMATCH when messageDigest has the wrong length', async () => {
    const r = await verifyOne(signFixture(pki, { messageDigestOverride: Buffer.alloc(20, 1) }), ctx);
    expect(codes(r)).toEqual(['MESSAGE_DIGEST_MISMATCH']);
  });

  it('reports IO_ERROR (not a throw) when the digest source fails', async () => {
    const r = await verifyOne(signFixture(pki), ctx, { digest: async () => Promise.reject(new Error('disk gone')) });
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['IO_ERROR']);
  });

  it('refuses a PE signature presented for an MSI file as MALFORMED_SIGNATURE', async () => {
    const r = await verifyOne(signFixture(pki), ctx, contentSource(), 'msi');
    expect(codes(r)).toEqual(['MALFORMED_SIGNATURE']);
  });

  it('recognises an MSI signature by SpcSipInfo with the MSI SIP GUID', async () => {
    const r = await verifyOne(signFixture(pki, { kind: 'msi' }), ctx, contentSource(), 'msi');
    expect(r.failures).toEqual([]);
    expect(r.valid).toBe(true);
  });
});
