import { OID } from '../../../src/authenticode/der/oids';
import { type Identity, type IssueOptions, issueCertificate, LEAF_EKUS, nameCopyingRoot, TIMES } from '../../helpers/pki';
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

function caUnder(issuer: Identity, cn: string, over: Partial<IssueOptions> = {}): Identity {
  return issueCertificate(issuer, { subject: { CN: cn, O: 'Test PKI', C: 'US' }, notBefore: TIMES.caNotBefore, notAfter: TIMES.caNotAfter, isCa: true, ...over });
}

describe('chain rules', () => {
  it('reports EKU_NOT_CODE_SIGNING when the leaf EKU does not allow code signing', async () => {
    const leaf = leafUnder(pki.issuingCa, { eku: ['1.3.6.1.5.5.7.3.1', OID.ekuAcsPublicTrust, '1.3.6.1.4.1.311.97.990.1'] });
    const r = await verifyOne(signFixture(pki, { signer: leaf }), ctx);
    expect(codes(r)).toEqual(['EKU_NOT_CODE_SIGNING']);
  });

  it('treats an absent EKU extension as any purpose (valid; not ACS)', async () => {
    const leaf = leafUnder(pki.issuingCa, { eku: null });
    const r = await verifyOne(signFixture(pki, { signer: leaf }), ctx);
    expect(r.valid).toBe(true);
    expect(r.acs).toBe(false);
    expect(codes(r)).toEqual(['ACS_EKU_MISSING']);
  });

  it('accepts anyExtendedKeyUsage for code signing', async () => {
    const leaf = leafUnder(pki.issuingCa, { eku: [OID.anyExtendedKeyUsage] });
    const r = await verifyOne(signFixture(pki, { signer: leaf }), ctx);
    expect(r.valid).toBe(true);
  });

  it('reports KEY_USAGE_INVALID when the leaf keyUsage lacks digitalSignature', async () => {
    const leaf = leafUnder(pki.issuingCa, { keyUsage: ['keyEncipherment'] });
    const r = await verifyOne(signFixture(pki, { signer: leaf }), ctx);
    expect(codes(r)).toEqual(['KEY_USAGE_INVALID']);
  });

  it('reports NOT_A_CA for an issuing certificate without basicConstraints', async () => {
    const notCa = caUnder(pki.pca, 'Test Issuer Without Basic Constraints', { isCa: false, basicConstraints: false, keyUsage: ['keyCertSign', 'cRLSign'] });
    const leaf = leafUnder(notCa);
    const r = await verifyOne(signFixture(pki, { signer: leaf }), ctx);
    expect(codes(r)).toEqual(['NOT_A_CA']);
  });

  it('reports NOT_A_CA for a CA whose keyUsage lacks keyCertSign', async () => {
    const ca = caUnder(pki.pca, 'Test CA Without keyCertSign', { keyUsage: ['digitalSignature'] });
    const r = await verifyOne(signFixture(pki, { signer: leafUnder(ca) }), ctx);
    expect(codes(r)).toEqual(['NOT_A_CA']);
  });

  it('reports PATH_LENGTH_EXCEEDED when a CA below a pathLen 0 CA issues the leaf', async () => {
    const sub = caUnder(pki.issuingCa, 'Test Sub CA Below pathLen 0');
    const r = await verifyOne(signFixture(pki, { signer: leafUnder(sub) }), ctx);
    expect(codes(r)).toEqual(['PATH_LENGTH_EXCEEDED']);
  });

  it('reports UNTRUSTED_ROOT for a self-signed root that copies the trusted root name (matched by key, never by name)', async () => {
    const impostor = nameCopyingRoot(pki.root);
    expect(impostor.x509.subject).toBe(pki.root.x509.subject);
    const leaf = leafUnder(impostor);
    const r = await verifyOne(signFixture(pki, { signer: leaf, certificates: [leaf, impostor] }), ctx);
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['UNTRUSTED_ROOT']);
  });

  it('reports CHAIN_SIGNATURE_INVALID when the only issuer with the right name did not sign the certificate', async () => {
    const impostor = nameCopyingRoot(pki.root);
    const leaf = leafUnder(impostor, { akiExtension: false });
    const r = await verifyOne(signFixture(pki, { signer: leaf, certificates: [leaf] }), ctx);
    expect(codes(r)).toEqual(['CHAIN_SIGNATURE_INVALID']);
  });

  it('reports CHAIN_INCOMPLETE when the name matches a trusted root but the AKI names another key', async () => {
    const impostor = nameCopyingRoot(pki.root);
    const leaf = leafUnder(impostor);
    const r = await verifyOne(signFixture(pki, { signer: leaf, certificates: [leaf] }), ctx);
    expect(codes(r)).toEqual(['CHAIN_INCOMPLETE']);
  });

  it('reports UNTRUSTED_ROOT when the chain ends at a root the caller does not trust', async () => {
    const r = await verifyOne(signFixture(pki), testContext(pki, { trust: [pki.tsaRoot.x509] }));
    expect(codes(r)).toEqual(['UNTRUSTED_ROOT']);
  });

  it('reports CHAIN_INCOMPLETE when an intermediate is missing from the bag', async () => {
    const r = await verifyOne(signFixture(pki, { certificates: [pki.leaf, pki.issuingCa] }), ctx);
    expect(codes(r)).toEqual(['CHAIN_INCOMPLETE']);
    expect(r.chain).toEqual([pki.leaf.subjectString, pki.issuingCa.subjectString]);
  });

  it('accepts an intermediate the caller trusts as the anchor (chain ends there; not an ACS root)', async () => {
    const r = await verifyOne(signFixture(pki, { certificates: [pki.leaf] }), testContext(pki, { trust: [pki.issuingCa.x509] }));
    expect(r.valid).toBe(true);
    expect(r.chain).toEqual([pki.leaf.subjectString, pki.issuingCa.subjectString]);
    expect(codes(r)).toEqual(['NOT_ACS_ROOT']);
  });

  it('reports CERT_EXPIRED for an intermediate expired at the chosen time', async () => {
    const old = caUnder(pki.pca, 'Test Expired Issuing CA', { notAfter: new Date('2024-01-01T00:00:00Z') });
    const r = await verifyOne(signFixture(pki, { signer: leafUnder(old) }), ctx);
    expect(codes(r)).toEqual(['CERT_EXPIRED']);
    expect(r.failures[0]!.message).toMatch(/Test Expired Issuing CA/);
  });

  it('reports EKU_NOT_CODE_SIGNING when an issuing CA restricts its EKUs to other purposes (EKU chaining)', async () => {
    const ca = caUnder(pki.pca, 'Test Server-Auth-Only CA', { eku: ['1.3.6.1.5.5.7.3.1'] });
    const r = await verifyOne(signFixture(pki, { signer: leafUnder(ca) }), ctx);
    expect(codes(r)).toEqual(['EKU_NOT_CODE_SIGNING']);
  });

  it('accepts an issuing CA whose EKU extension includes code signing', async () => {
    const ca = caUnder(pki.pca, 'Test Code-Signing CA', { eku: [OID.ekuCodeSigning] });
    const r = await verifyOne(signFixture(pki, { signer: leafUnder(ca) }), ctx);
    expect(r.valid).toBe(true);
  });

  it('picks the path that holds when a cross-certificate offers an alternative', async () => {
    // a second, expired PCA certificate with the same name and key: the verifier must try the valid one.
    const expiredPca = issueCertificate(pki.root, {
      subject: { CN: 'Test ID Verified Code Signing PCA', O: 'Test PKI', C: 'US' },
      notBefore: new Date('2019-01-01T00:00:00Z'),
      notAfter: new Date('2020-06-01T00:00:00Z'),
      isCa: true,
      serial: 77,
    });
    const r = await verifyOne(signFixture(pki, { certificates: [pki.leaf, pki.issuingCa, expiredPca, pki.pca] }), ctx);
    expect(r.failures).toEqual([]);
  });
});
