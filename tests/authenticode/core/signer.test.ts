import { createTestPki, issueCertificate, LEAF_EKUS, TIMES } from '../../helpers/pki';
import { codes, signFixture, standardPki, testContext, verifyOne } from './support';

describe('signer rules', () => {
  const pki = standardPki();
  const ctx = testContext(pki);

  it('reports BAD_SIGNATURE when the signer signature over the authenticated attributes is corrupted', async () => {
    const r = await verifyOne(signFixture(pki, { corruptSignature: true }), ctx);
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['BAD_SIGNATURE']);
    expect(r.signer).toBe(pki.leaf.subjectString);
  });

  it('reports BAD_SIGNATURE when the bag certificate named by issuer+serial holds another key', async () => {
    const spec = {
      subject: { CN: 'Test Publisher', O: 'Test Publisher Ltd', C: 'US' },
      notBefore: TIMES.leafNotBefore,
      notAfter: TIMES.leafNotAfter,
      eku: LEAF_EKUS,
      serial: 4242,
    };
    const signer = issueCertificate(pki.issuingCa, { ...spec, keyLabel: 'publisher key A' });
    const lookalike = issueCertificate(pki.issuingCa, { ...spec, keyLabel: 'publisher key B' });
    const r = await verifyOne(signFixture(pki, { signer, certificates: [lookalike, pki.issuingCa, pki.pca] }), ctx);
    expect(codes(r)).toEqual(['BAD_SIGNATURE']);
  });

  it('reports SIGNER_NOT_FOUND when the signer certificate is not in the bag', async () => {
    const r = await verifyOne(signFixture(pki, { certificates: [pki.issuingCa, pki.pca, pki.root] }), ctx);
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['SIGNER_NOT_FOUND']);
  });

  it('finds the signer by subject key identifier (SignerInfo version 3)', async () => {
    const r = await verifyOne(signFixture(pki, { signerIdentifier: 'ski' }), ctx);
    expect(r.failures).toEqual([]);
    expect(r.signer).toBe(pki.leaf.subjectString);
  });

  it('reports SIGNER_NOT_FOUND when no bag certificate has the signer subject key identifier', async () => {
    const r = await verifyOne(signFixture(pki, { signerIdentifier: 'ski', certificates: [pki.issuingCa, pki.pca] }), ctx);
    expect(codes(r)).toEqual(['SIGNER_NOT_FOUND']);
  });

  it('accepts repeated certificates in the bag', async () => {
    const r = await verifyOne(
      signFixture(pki, { certificates: [pki.issuingCa, pki.leaf, pki.pca, pki.leaf, pki.issuingCa, pki.root, pki.root] }),
      ctx,
    );
    expect(r.failures).toEqual([]);
    expect(r.chain).toHaveLength(4);
  });

  it('verifies an RSA-PSS signature from an RSA key (PSS parameters read from the SignerInfo)', async () => {
    const r = await verifyOne(signFixture(pki, { signatureScheme: 'pss' }), ctx);
    expect(r.failures).toEqual([]);
  });

  it('verifies an RSA-PSS signature with SHA-384', async () => {
    const r = await verifyOne(signFixture(pki, { signatureScheme: 'pss', digestAlgorithm: 'sha384' }), ctx);
    expect(r.failures).toEqual([]);
  });

  it('verifies a signer whose certificate holds an RSA-PSS key', async () => {
    const psspki = createTestPki({ leafKeyType: 'rsa-pss' });
    const r = await verifyOne(signFixture(psspki), testContext(psspki));
    expect(r.failures).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('verifies an ECDSA (P-256) signer', async () => {
    const ecpki = createTestPki({ leafKeyType: 'ec' });
    const r = await verifyOne(signFixture(ecpki), testContext(ecpki));
    expect(r.failures).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('reports BAD_SIGNATURE for a corrupted ECDSA signature', async () => {
    const ecpki = createTestPki({ leafKeyType: 'ec' });
    const r = await verifyOne(signFixture(ecpki, { corruptSignature: true }), testContext(ecpki));
    expect(codes(r)).toEqual(['BAD_SIGNATURE']);
  });
});
