/**
 * Revocation from CRLs given offline, with CRLs made by the test PKI (crl-builder.ts): which CRL speaks for
 * which certificate, its time window and signature, and the rule that a timestamp made before the revocation
 * date keeps a signature valid (docs/architecture.md, "Revocation").
 */
import { resolveVerifyContext, type VerifyContext } from '../../../src/authenticode/context';
import { parseCrlInput } from '../../../src/authenticode/trust/crl';
import { isVerifyError } from '../../../src/authenticode/errors';
import type { TimestampOptions } from '../../helpers/authenticode-builder';
import { issueCertificate, selfSigned, TIMES, type Identity } from '../../helpers/pki';
import { OID } from '../../../src/authenticode/der/oids';
import { codes, signFixture, standardPki, testContext, verifyOne } from '../core/support';
import { buildCrl, crlExtension, crlPem, type CrlSpec } from './crl-builder';

const pki = standardPki();
const REASON = { unspecified: 0, keyCompromise: 1, superseded: 4, certificateHold: 6, removeFromCRL: 8 } as const;
/** CRLs issued after the signing time, valid through the verification time TIMES.later (2026-11-26) */
const FRESH = { thisUpdate: new Date('2026-11-01T00:00:00Z'), nextUpdate: new Date('2026-12-31T00:00:00Z') };
const BEFORE_SIGNING = new Date('2024-04-10T06:00:00Z'); // TIMES.signing is 2024-04-10T12:00Z
const AFTER_SIGNING = new Date('2024-04-11T00:00:00Z');

const crl = (spec: Partial<CrlSpec> & { issuer: Identity }): Buffer => buildCrl({ ...FRESH, ...spec });
/** CRLs of every issuer of a certificate below the anchors (issuing CA, PCA, root, TSA root), listing nothing unless given. */
function fullSet(over: { issuingCa?: Partial<CrlSpec>; pca?: Partial<CrlSpec>; tsaRoot?: Partial<CrlSpec> } = {}): Buffer[] {
  return [
    crl({ issuer: pki.issuingCa, ...over.issuingCa }),
    crl({ issuer: pki.pca, ...over.pca }),
    crl({ issuer: pki.root }),
    crl({ issuer: pki.tsaRoot, ...over.tsaRoot }),
  ];
}
const ctxWith = (crls: Buffer[], over: Partial<VerifyContext> = {}): VerifyContext =>
  testContext(pki, { at: TIMES.later, crls: crls.flatMap((c) => parseCrlInput(c)), ...over });
const stamp = (over: Partial<TimestampOptions> = {}): TimestampOptions => ({ kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing, ...over });
const stamped = (over: Partial<TimestampOptions> = {}) => signFixture(pki, { timestamp: stamp(over) });

describe('revocation: without CRLs', () => {
  it('says revocation was not checked and judges as before', async () => {
    const r = await verifyOne(stamped(), testContext(pki, { at: TIMES.later }));
    expect(r.valid).toBe(true);
    expect(r.revocation).toEqual({ checked: false, status: 'not-checked', details: [], summary: 'revocation not checked: no CRL was given' });
  });
});

describe('revocation: the signer chain', () => {
  it('good when every certificate below the anchors has a usable CRL that does not list it', async () => {
    const r = await verifyOne(stamped(), ctxWith(fullSet()));
    expect(r.valid).toBe(true);
    expect(r.revocation.checked).toBe(true);
    expect(r.revocation.status).toBe('good');
    expect(r.revocation.details.map((d) => [d.chain, d.subject, d.status])).toEqual([
      ['signer', pki.leaf.subjectString, 'good'],
      ['signer', pki.issuingCa.subjectString, 'good'],
      ['signer', pki.pca.subjectString, 'good'],
      ['timestamp', pki.tsa.subjectString, 'good'],
    ]);
  });

  it('revoked before the timestamp: invalid, CERT_REVOKED', async () => {
    const crls = fullSet({ issuingCa: { entries: [{ cert: pki.leaf, revokedAt: BEFORE_SIGNING, reason: REASON.superseded }] } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['CERT_REVOKED']);
    expect(r.failures[0]!.message).toContain(BEFORE_SIGNING.toISOString());
    expect(r.revocation.status).toBe('revoked');
    expect(r.revocation.details[0]).toMatchObject({ chain: 'signer', status: 'revoked', reason: 'superseded', revokedAt: BEFORE_SIGNING.toISOString() });
    expect(r.acs).toBe(false);
  });

  it('revoked after the timestamp: the signature holds (the Trusted Signing rule), the detail says so', async () => {
    const crls = fullSet({ issuingCa: { entries: [{ cert: pki.leaf, revokedAt: AFTER_SIGNING, reason: REASON.superseded }] } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.failures.map((f) => f.code)).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.acs).toBe(true);
    expect(r.revocation.status).toBe('good');
    expect(r.revocation.details[0]).toMatchObject({ status: 'revoked-after-signing', revokedAt: AFTER_SIGNING.toISOString() });
    expect(r.revocation.summary).toMatch(/revoked only after the timestamp/);
  });

  it('keyCompromise after the timestamp: the revocation date still decides (the CA dates a compromise back)', async () => {
    const crls = fullSet({ issuingCa: { entries: [{ cert: pki.leaf, revokedAt: AFTER_SIGNING, reason: REASON.keyCompromise }] } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.valid).toBe(true);
    expect(r.revocation.details[0]).toMatchObject({ status: 'revoked-after-signing', reason: 'keyCompromise' });
  });

  it('no timestamp: revoked at or before the verification time is invalid', async () => {
    const unstamped = signFixture(pki);
    const crls = fullSet({ issuingCa: { entries: [{ cert: pki.leaf, revokedAt: AFTER_SIGNING }], thisUpdate: AFTER_SIGNING } });
    const at = new Date('2024-04-12T00:00:00Z'); // leaf still valid, after the revocation
    const r = await verifyOne(unstamped, ctxWith(crls, { at }));
    expect(codes(r)).toEqual(['CERT_REVOKED']);
    expect(r.revocation.details[0]).toMatchObject({ status: 'revoked' });
    expect(r.revocation.details[0]!.reason).toBeUndefined();
    // judged before the revocation date, the same CRL (already issued) does not revoke it
    const early = await verifyOne(unstamped, ctxWith([crl({ issuer: pki.issuingCa, thisUpdate: TIMES.signing, entries: [{ cert: pki.leaf, revokedAt: AFTER_SIGNING }] })], { at: new Date('2024-04-10T18:00:00Z') }));
    expect(early.valid).toBe(true);
    expect(early.revocation.details[0]).toMatchObject({ status: 'revoked-after-signing' });
  });

  it('a revoked intermediate makes the signature invalid', async () => {
    const crls = fullSet({ pca: { entries: [{ cert: pki.issuingCa, revokedAt: BEFORE_SIGNING, reason: REASON.keyCompromise }] } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(codes(r)).toEqual(['CERT_REVOKED']);
    expect(r.revocation.details.find((d) => d.status === 'revoked')).toMatchObject({ subject: pki.issuingCa.subjectString, reason: 'keyCompromise' });
  });

  it('certificateHold counts as revoked; a removeFromCRL entry does not', async () => {
    const hold = await verifyOne(stamped(), ctxWith(fullSet({ issuingCa: { entries: [{ cert: pki.leaf, revokedAt: BEFORE_SIGNING, reason: REASON.certificateHold }] } })));
    expect(codes(hold)).toEqual(['CERT_REVOKED']);
    const removed = await verifyOne(stamped(), ctxWith(fullSet({ issuingCa: { entries: [{ cert: pki.leaf, revokedAt: BEFORE_SIGNING, reason: REASON.removeFromCRL }] } })));
    expect(removed.valid).toBe(true);
    expect(removed.revocation.status).toBe('good');
  });

  it('several CRLs from one issuer: one listing the certificate is enough', async () => {
    const crls = [...fullSet(), crl({ issuer: pki.issuingCa, entries: [{ cert: pki.leaf, revokedAt: BEFORE_SIGNING }] })];
    expect(codes(await verifyOne(stamped(), ctxWith(crls)))).toEqual(['CERT_REVOKED']);
  });
});

describe('revocation: CRLs that cannot speak make it unknown, never revoked', () => {
  const listingLeaf = { entries: [{ cert: pki.leaf, revokedAt: BEFORE_SIGNING }] };

  it('an expired CRL (nextUpdate before the verification time)', async () => {
    const crls = fullSet({ issuingCa: { ...listingLeaf, thisUpdate: new Date('2024-05-01T00:00:00Z'), nextUpdate: new Date('2024-06-01T00:00:00Z') } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.valid).toBe(true);
    expect(r.revocation.status).toBe('unknown');
    expect(r.revocation.details[0]).toMatchObject({ subject: pki.leaf.subjectString, status: 'unknown' });
    expect(r.revocation.details[0]!.message).toMatch(/expired at 2024-06-01/);
    expect(r.revocation.summary).toMatch(/^unknown: 1 of 4 certificates could not be checked/);
  });

  it('a CRL not yet valid at the verification time', async () => {
    const crls = fullSet({ issuingCa: { ...listingLeaf, thisUpdate: new Date('2027-01-01T00:00:00Z'), nextUpdate: new Date('2027-02-01T00:00:00Z') } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.valid).toBe(true);
    expect(r.revocation.details[0]!.message).toMatch(/not yet valid/);
  });

  it('a CRL signed by the wrong key (the issuer name, another key)', async () => {
    const crls = fullSet({ issuingCa: { ...listingLeaf, signer: pki.pca, aki: null } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.valid).toBe(true);
    expect(r.revocation.status).toBe('unknown');
    expect(r.revocation.details[0]!.message).toMatch(/not signed by the issuer's key/);
  });

  it('a CRL whose authorityKeyIdentifier names another key of the issuer', async () => {
    const crls = fullSet({ issuingCa: { ...listingLeaf, aki: Buffer.alloc(20, 7) } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.valid).toBe(true);
    expect(r.revocation.details[0]!.message).toMatch(/authorityKeyIdentifier/);
  });

  it('a CRL for another issuer does not speak for the certificate (even listing the same serial)', async () => {
    const other = selfSigned({ subject: { CN: 'Another CA', O: 'Test PKI', C: 'US' }, notBefore: TIMES.rootNotBefore, notAfter: TIMES.rootNotAfter });
    const r = await verifyOne(stamped(), ctxWith([crl({ issuer: other, ...listingLeaf }), ...fullSet().slice(1)]));
    expect(r.valid).toBe(true);
    expect(r.revocation.details[0]).toMatchObject({ status: 'unknown', message: `no CRL from "${pki.issuingCa.subjectString}" was given` });
  });

  it('a CRL with a critical extension it does not understand, or from an issuer without cRLSign', async () => {
    const critical = fullSet({ issuingCa: { ...listingLeaf, extensions: [crlExtension('1.2.3.4.5', true, Buffer.from([5, 0]))] } });
    const r = await verifyOne(stamped(), ctxWith(critical));
    expect(r.valid).toBe(true);
    expect(r.revocation.details[0]!.message).toMatch(/critical extension 1\.2\.3\.4\.5/);

    const noCrlSign = issueCertificate(pki.pca, {
      subject: { CN: 'Test CA Without cRLSign', O: 'Test PKI', C: 'US' },
      notBefore: TIMES.caNotBefore,
      notAfter: TIMES.caNotAfter,
      isCa: true,
      keyUsage: ['keyCertSign'],
    });
    const leaf = issueCertificate(noCrlSign, { subject: 'Leaf Under No cRLSign', notBefore: TIMES.leafNotBefore, notAfter: TIMES.leafNotAfter, eku: [OID.ekuCodeSigning] });
    const sig = signFixture(pki, { signer: leaf, timestamp: stamp() });
    const r2 = await verifyOne(sig, ctxWith([crl({ issuer: noCrlSign, entries: [{ cert: leaf, revokedAt: BEFORE_SIGNING }] })]));
    expect(r2.valid).toBe(true);
    expect(r2.revocation.details[0]!.message).toMatch(/cRLSign/);
  });

  it('a delta CRL proves a revocation but not its absence', async () => {
    const delta = crlExtension('2.5.29.27', true, Buffer.from([2, 1, 1]));
    const listed = await verifyOne(stamped(), ctxWith([crl({ issuer: pki.issuingCa, ...listingLeaf, extensions: [delta] })]));
    expect(codes(listed)).toEqual(['CERT_REVOKED']);
    const notListed = await verifyOne(stamped(), ctxWith([crl({ issuer: pki.issuingCa, extensions: [delta] })]));
    expect(notListed.revocation.details[0]).toMatchObject({ status: 'unknown' });
    expect(notListed.revocation.details[0]!.message).toMatch(/delta CRL/);
  });
});

describe('revocation: the timestamp chain', () => {
  it('a TSA certificate revoked for keyCompromise, even after the stamped time: the timestamp is not trusted', async () => {
    const crls = fullSet({ tsaRoot: { entries: [{ cert: pki.tsa, revokedAt: AFTER_SIGNING, reason: REASON.keyCompromise }] } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.valid).toBe(false);
    // the timestamp no longer moves the time: the 72 h leaf is judged at 2026 and has expired
    expect(codes(r)).toEqual(['CERT_REVOKED', 'CERT_EXPIRED']);
    expect(r.failures[0]!.message).toMatch(/^timestamp authority chain: .*keyCompromise/);
    expect(r.timestamp).toBeNull();
    expect(r.revocation.status).toBe('revoked');
    expect(r.revocation.details.find((d) => d.chain === 'timestamp')).toMatchObject({ status: 'revoked', reason: 'keyCompromise' });
  });

  it('a TSA certificate revoked without a reason code: every token it signed fails (RFC 3161 §4)', async () => {
    const crls = fullSet({ tsaRoot: { entries: [{ cert: pki.tsa, revokedAt: AFTER_SIGNING }] } });
    expect(codes(await verifyOne(stamped(), ctxWith(crls)))).toEqual(['CERT_REVOKED', 'CERT_EXPIRED']);
  });

  it('a TSA certificate superseded after the stamped time: tokens before it stay valid', async () => {
    const crls = fullSet({ tsaRoot: { entries: [{ cert: pki.tsa, revokedAt: AFTER_SIGNING, reason: REASON.superseded }] } });
    const r = await verifyOne(stamped(), ctxWith(crls));
    expect(r.valid).toBe(true);
    expect(r.timestamp).toBe(TIMES.signing.toISOString());
    expect(r.revocation.details.find((d) => d.chain === 'timestamp')).toMatchObject({ status: 'revoked-after-signing', reason: 'superseded' });
  });

  it('a TSA certificate superseded before the stamped time: CERT_REVOKED', async () => {
    const crls = fullSet({ tsaRoot: { entries: [{ cert: pki.tsa, revokedAt: BEFORE_SIGNING, reason: REASON.superseded }] } });
    expect(codes(await verifyOne(stamped(), ctxWith(crls)))).toEqual(['CERT_REVOKED', 'CERT_EXPIRED']);
  });

  it('applies to legacy PKCS #9 counter-signatures too', async () => {
    const crls = fullSet({ tsaRoot: { entries: [{ cert: pki.tsa, revokedAt: AFTER_SIGNING, reason: REASON.keyCompromise }] } });
    const r = await verifyOne(signFixture(pki, { timestamp: stamp({ kind: 'pkcs9' }) }), ctxWith(crls));
    expect(codes(r)).toEqual(['CERT_REVOKED', 'CERT_EXPIRED']);
  });
});

describe('revocation: CRL input', () => {
  it('takes DER and PEM (several blocks in one text)', () => {
    const [a, b] = fullSet();
    expect(parseCrlInput(a!)).toHaveLength(1);
    const both = parseCrlInput(crlPem(a!) + crlPem(b!));
    expect(both.map((c) => c.issuer)).toEqual([pki.issuingCa.subjectString, pki.pca.subjectString]);
    expect(parseCrlInput(Buffer.from(crlPem(a!)))).toHaveLength(1);
    const ctx = resolveVerifyContext({ crls: [a!, crlPem(b!)] });
    expect(ctx.crls).toHaveLength(2);
  });

  it('reads a CRL of 35 000 entries entry by entry (more elements than one DER tree may hold), in bounded time', async () => {
    const entries = Array.from({ length: 35_000 }, (_, k) => ({ serial: 0x1000000n + BigInt(k), revokedAt: BEFORE_SIGNING, reason: REASON.superseded }));
    entries.push({ serial: BigInt('0x' + pki.leaf.x509.serialNumber), revokedAt: BEFORE_SIGNING, reason: REASON.superseded });
    const big = crl({ issuer: pki.issuingCa, entries });
    const t0 = performance.now();
    const [parsed] = parseCrlInput(big);
    expect(performance.now() - t0).toBeLessThan(15000);
    expect(parsed!.entries.size).toBe(35_001);
    expect(codes(await verifyOne(stamped(), ctxWith([big, ...fullSet().slice(1)])))).toEqual(['CERT_REVOKED']);
  }, 60000);

  it('refuses what is not a CRL with BAD_TRUST_INPUT', () => {
    const good = fullSet()[0]!;
    const trailing = Buffer.concat([good, Buffer.from([0])]);
    const indefinite = Buffer.from(good);
    indefinite[1] = 0x80;
    for (const bad of [Buffer.from('not a crl'), pki.leaf.der, pki.leaf.pem, Buffer.alloc(0), good.subarray(0, 100), trailing, indefinite, Buffer.from([0x30])]) {
      let err: unknown;
      try {
        resolveVerifyContext({ crls: [bad] });
      } catch (e) {
        err = e;
      }
      expect(isVerifyError(err) && err.code).toBe('BAD_TRUST_INPUT');
    }
  });
});
