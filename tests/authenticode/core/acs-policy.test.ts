import { resolveVerifyContext } from '../../../src/authenticode/context';
import { OID } from '../../../src/authenticode/der/oids';
import { type IssueOptions, issueCertificate, type Identity, LEAF_EKUS, nameCopyingRoot, TIMES } from '../../helpers/pki';
import { codes, signFixture, standardPki, testContext, verifyOne } from './support';

const pki = standardPki();
const ctx = testContext(pki);

function leafUnder(issuer: Identity, over: Partial<IssueOptions> = {}): Identity {
  return issueCertificate(issuer, {
    subject: { CN: 'Test Publisher', O: 'Test Publisher Ltd', C: 'US' },
    notBefore: TIMES.leafNotBefore,
    notAfter: TIMES.leafNotAfter,
    eku: LEAF_EKUS,
    keyLabel: 'leaf',
    ...over,
  });
}

describe('ACS policy', () => {
  it('is ACS when valid, anchored at an ACS root, with 311.97.1.0 and a profile OID', async () => {
    const r = await verifyOne(signFixture(pki), ctx);
    expect(r).toMatchObject({ valid: true, acs: true, failures: [] });
  });

  it('notes ACS_EKU_MISSING (still valid) when the leaf lacks 1.3.6.1.4.1.311.97.1.0', async () => {
    const leaf = leafUnder(pki.issuingCa, { eku: [OID.ekuCodeSigning, '1.3.6.1.4.1.311.97.990.1'] });
    const r = await verifyOne(signFixture(pki, { signer: leaf }), ctx);
    expect(r).toMatchObject({ valid: true, acs: false });
    expect(codes(r)).toEqual(['ACS_EKU_MISSING']);
  });

  it('notes ACS_EKU_MISSING when the leaf has 311.97.1.0 but no profile-specific 311.97.* OID', async () => {
    const leaf = leafUnder(pki.issuingCa, { eku: [OID.ekuCodeSigning, OID.ekuAcsPublicTrust] });
    const r = await verifyOne(signFixture(pki, { signer: leaf }), ctx);
    expect(r).toMatchObject({ valid: true, acs: false });
    expect(codes(r)).toEqual(['ACS_EKU_MISSING']);
  });

  it('notes NOT_ACS_ROOT (still valid) when the anchor is trusted but not an ACS root', async () => {
    const r = await verifyOne(signFixture(pki), testContext(pki, { acsRoots: [pki.tsaRoot.x509] }));
    expect(r).toMatchObject({ valid: true, acs: false });
    expect(codes(r)).toEqual(['NOT_ACS_ROOT']);
  });

  it('by default only the bundled Microsoft root is an ACS root', async () => {
    const r = await verifyOne(signFixture(pki), resolveVerifyContext({ trust: [pki.root.der], at: TIMES.signing }));
    expect(r).toMatchObject({ valid: true, acs: false });
    expect(codes(r)).toEqual(['NOT_ACS_ROOT']);
  });

  it('matches ACS roots by certificate, not by name (a trusted name-copying root is not ACS)', async () => {
    const impostor = nameCopyingRoot(pki.root);
    const leaf = leafUnder(impostor);
    const r = await verifyOne(signFixture(pki, { signer: leaf, certificates: [leaf] }), testContext(pki, { trust: [pki.root.x509, impostor.x509] }));
    expect(r).toMatchObject({ valid: true, acs: false });
    expect(codes(r)).toEqual(['NOT_ACS_ROOT']);
  });

  it('never pins intermediates: a new issuing CA under the ACS root is still ACS', async () => {
    const newCa = issueCertificate(pki.pca, {
      subject: { CN: 'Test ID Verified CS EOC CA 04', O: 'Test PKI', C: 'US' },
      notBefore: TIMES.caNotBefore,
      notAfter: TIMES.caNotAfter,
      isCa: true,
      pathLen: 0,
    });
    const r = await verifyOne(signFixture(pki, { signer: leafUnder(newCa) }), ctx);
    expect(r).toMatchObject({ valid: true, acs: true });
  });

  it('is never ACS when the signature is invalid (no policy notes are added)', async () => {
    const r = await verifyOne(signFixture(pki, { corruptSignature: true }), ctx);
    expect(r.acs).toBe(false);
    expect(codes(r)).toEqual(['BAD_SIGNATURE']);
  });
});
