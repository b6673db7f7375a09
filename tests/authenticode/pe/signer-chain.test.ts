import { OID } from '../../../src/authenticode/der/oids';
import { buildPe } from '../../helpers/pe-writer';
import { createTestPki, issuersOf, nameCopyingRoot, issueCertificate, TIMES } from '../../helpers/pki';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

describe('the signer and its chain, through a signed PE', () => {
  it('a leaf without the code-signing EKU gives EKU_NOT_CODE_SIGNING', async () => {
    const pki = createTestPki({ leafEku: ['1.3.6.1.5.5.7.3.1'], label: 'wrong-eku' });
    const r = await verifyBytes(await signPe(buildPe(), { signer: pki.leaf }), { trust: [pki.root.pem, pki.tsaRoot.pem], acsRoots: [pki.root.pem] });
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('EKU_NOT_CODE_SIGNING');
  });

  it('an expired 72-hour leaf without a timestamp gives CERT_EXPIRED', async () => {
    const r = await verifyBytes(await signPe(buildPe(), { timestamp: undefined }));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('CERT_EXPIRED');
    expect(r.signatures[0].timestamp).toBeNull();
  });

  it('the same leaf with an RFC 3161 timestamp is valid: the chain is judged at the stamped time', async () => {
    const r = await verifyBytes(await signPe(buildPe()));
    expect(r.verdict).toBe('valid');
    expect(r.signatures[0].timestamp).toBe(TIMES.signing.toISOString());
    expect(r.signatures[0].timestampKind).toBe('rfc3161');
  });

  it('a chain ending at a self-signed certificate that copies the trusted root\'s name gives UNTRUSTED_ROOT', async () => {
    const pki = createTestPki();
    const impostor = nameCopyingRoot(pki.root);
    const pca = issueCertificate(impostor, { subject: { CN: 'Test ID Verified Code Signing PCA', O: 'Test PKI', C: 'US' }, notBefore: TIMES.caNotBefore, notAfter: TIMES.caNotAfter, isCa: true, keyLabel: 'impostor-pca' });
    const leaf = issueCertificate(pca, { subject: { CN: 'Test Publisher', O: 'Test Publisher Ltd', C: 'US' }, notBefore: TIMES.leafNotBefore, notAfter: TIMES.leafNotAfter, eku: [OID.ekuCodeSigning], keyLabel: 'impostor-leaf' });
    const r = await verifyBytes(await signPe(buildPe(), { signer: leaf, certificates: [leaf, ...issuersOf(leaf)] }));
    expect(r.verdict).toBe('invalid');
    expect(r.acs).toBe(false);
    expect(codes(r)).toContain('UNTRUSTED_ROOT');
  });

  it('a valid signature under a trusted root that is not an ACS root is valid but not ACS (NOT_ACS_ROOT)', async () => {
    const pki = createTestPki();
    const other = createTestPki({ label: 'other' });
    const r = await verifyBytes(await signPe(buildPe()), { acsRoots: [other.root.pem] });
    expect(r.verdict).toBe('valid');
    expect(r.acs).toBe(false);
    expect(codes(r)).toEqual(['NOT_ACS_ROOT']);
    void pki;
  });
});
