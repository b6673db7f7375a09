import { X509Certificate } from 'node:crypto';
import { ACS_ROOT_2020_PEM, ACS_ROOT_2020_SHA256 } from '../../../src/authenticode/trust/bundled-roots';
import { bundledAcsRoot, bundledMicrosoftCertificates, certFacts, pemCertificates, toX509 } from '../../../src/authenticode/trust/certificates';
import { resolveVerifyContext } from '../../../src/authenticode/context';
import { OID } from '../../../src/authenticode/der/oids';
import { LEAF_EKUS } from '../../helpers/pki';
import { standardPki } from './support';

describe('certificates', () => {
  const pki = standardPki();

  it('toX509 reads DER bytes, PEM text and X509Certificate alike', () => {
    const fp = pki.root.x509.fingerprint256;
    expect(toX509(pki.root.der).fingerprint256).toBe(fp);
    expect(toX509(new Uint8Array(pki.root.der)).fingerprint256).toBe(fp);
    expect(toX509(pki.root.pem).fingerprint256).toBe(fp);
    expect(toX509(pki.root.x509)).toBe(pki.root.x509);
  });

  it.each([
    ['garbage text', 'hello'],
    ['an empty PEM block', '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----'],
    ['garbage bytes', Buffer.from('30030201ff', 'hex')],
    ['truncated DER', pki.root.der.subarray(0, 100)],
  ])('toX509 refuses %s with VerifyError BAD_TRUST_INPUT', (_n, input) => {
    expect(() => toX509(input)).toThrow(expect.objectContaining({ name: 'VerifyError', code: 'BAD_TRUST_INPUT' }));
  });

  it('the bundled ACS root is the Microsoft Identity Verification Root CA 2020 (pinned SHA-256)', () => {
    expect(certFacts(bundledAcsRoot()).sha256).toBe(ACS_ROOT_2020_SHA256);
    expect(certFacts(bundledAcsRoot()).subject).toBe(
      'CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US',
    );
    expect(bundledMicrosoftCertificates()).toHaveLength(4);
  });

  it('pemCertificates reads every block of a bundle', () => {
    expect(pemCertificates(pki.root.pem + pki.pca.pem + ACS_ROOT_2020_PEM)).toHaveLength(3);
  });

  it('reads EKU, basicConstraints pathLen, keyUsage, SKI and AKI from the DER', () => {
    const leaf = certFacts(pki.leaf.x509);
    expect(leaf.eku).toEqual(LEAF_EKUS);
    expect(leaf.basicConstraints).toBeUndefined();
    expect([...leaf.keyUsage!]).toEqual(['digitalSignature']);
    expect(Buffer.from(leaf.ski!)).toEqual(pki.leaf.ski);
    expect(Buffer.from(leaf.aki!)).toEqual(pki.issuingCa.ski);
    expect(leaf.notBefore.toISOString()).toBe('2024-04-10T00:00:00.000Z');
    const ca = certFacts(pki.issuingCa.x509);
    expect(ca.basicConstraints).toEqual({ ca: true, pathLen: 0 });
    expect(ca.keyUsage!.has('keyCertSign')).toBe(true);
    expect(certFacts(pki.tsa.x509).eku).toEqual([OID.ekuTimeStamping]);
    expect(certFacts(bundledAcsRoot()).basicConstraints).toEqual({ ca: true });
  });
});

describe('verification context', () => {
  it('defaults: the bundled root as the only anchor and ACS root, strict, now', () => {
    const ctx = resolveVerifyContext();
    expect(ctx.trust.map((c) => c.fingerprint256)).toEqual([bundledAcsRoot().fingerprint256]);
    expect(ctx.acsRoots.map((c) => c.fingerprint256)).toEqual([bundledAcsRoot().fingerprint256]);
    expect(ctx.strict).toBe(true);
    expect(ctx.at).toBeInstanceOf(Date);
  });

  it('takes trust, acsRoots, at and strict from the caller', () => {
    const pki = standardPki();
    const at = new Date('2030-01-01T00:00:00Z');
    const ctx = resolveVerifyContext({ trust: [pki.root.pem, pki.tsaRoot.der], acsRoots: [pki.root.x509], at, strict: false });
    expect(ctx.trust.map((c) => c.fingerprint256)).toEqual([pki.root.x509.fingerprint256, pki.tsaRoot.x509.fingerprint256]);
    expect(ctx.acsRoots[0]).toBeInstanceOf(X509Certificate);
    expect(ctx.at).toBe(at);
    expect(ctx.strict).toBe(false);
  });

  it('refuses an invalid time with BAD_TRUST_INPUT', () => {
    expect(() => resolveVerifyContext({ at: new Date('not a date') })).toThrow(expect.objectContaining({ code: 'BAD_TRUST_INPUT' }));
  });
});
