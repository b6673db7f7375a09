import { OID } from '../../../src/authenticode/der/oids';
import type { TimestampOptions } from '../../helpers/authenticode-builder';
import { issueCertificate, LEAF_EKUS, TIMES } from '../../helpers/pki';
import { codes, signFixture, standardPki, testContext, verifyOne } from './support';

describe.each(['rfc3161', 'pkcs9'] as const)('timestamp rules (%s)', (kind) => {
  const pki = standardPki();
  const later = testContext(pki, { at: TIMES.later });
  const stamp = (over: Partial<TimestampOptions> = {}): TimestampOptions => ({ kind, tsa: pki.tsa, time: TIMES.signing, ...over });

  it('a valid timestamp keeps an expired leaf valid: the chain is judged at the stamped time', async () => {
    const r = await verifyOne(signFixture(pki, { timestamp: stamp() }), later);
    expect(r.failures).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.acs).toBe(true);
    expect(r.timestamp).toBe(TIMES.signing.toISOString());
    expect(r.timestampKind).toBe(kind);
  });

  it('reports TIMESTAMP_INVALID when the imprint does not match the signature it stamps, judging at ctx.at', async () => {
    const r = await verifyOne(signFixture(pki, { timestamp: stamp({ tamperImprint: true }) }), later);
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['TIMESTAMP_INVALID', 'CERT_EXPIRED']);
    expect(r.timestamp).toBeNull();
    expect(r.timestampKind).toBe(kind);
  });

  it('reports TIMESTAMP_INVALID alone when the tampered timestamp is not needed (leaf still valid)', async () => {
    const r = await verifyOne(signFixture(pki, { timestamp: stamp({ tamperImprint: true }) }), testContext(pki));
    expect(codes(r)).toEqual(['TIMESTAMP_INVALID']);
  });

  it('reports TIMESTAMP_INVALID when the TSA signature does not verify', async () => {
    const r = await verifyOne(signFixture(pki, { timestamp: stamp({ corruptSignature: true }) }), later);
    expect(codes(r)[0]).toBe('TIMESTAMP_INVALID');
  });

  it('reports TIMESTAMP_INVALID when the TSA certificate lacks the time stamping EKU', async () => {
    const notATsa = issueCertificate(pki.tsaRoot, {
      subject: 'Test Code Signer Posing As TSA',
      notBefore: TIMES.caNotBefore,
      notAfter: TIMES.caNotAfter,
      eku: [OID.ekuCodeSigning],
    });
    const r = await verifyOne(signFixture(pki, { timestamp: stamp({ tsa: notATsa }) }), later);
    expect(codes(r)).toEqual(['TIMESTAMP_INVALID', 'CERT_EXPIRED']);
    expect(r.failures[0]!.message).toMatch(/time stamping/);
  });

  it('reports TIMESTAMP_INVALID when the TSA does not chain to a trust anchor', async () => {
    const r = await verifyOne(signFixture(pki, { timestamp: stamp() }), testContext(pki, { at: TIMES.later, trust: [pki.root.x509] }));
    expect(codes(r)).toEqual(['TIMESTAMP_INVALID', 'CERT_EXPIRED']);
    expect(r.failures[0]!.message).toMatch(/UNTRUSTED_ROOT/);
  });

  it('accepts a TSA that chains to the same root as the signer (as Microsoft Public RSA Timestamping CA 2020 does)', async () => {
    const tsa = issueCertificate(pki.root, {
      subject: 'Test Time Stamping Authority Under Main Root',
      notBefore: TIMES.caNotBefore,
      notAfter: TIMES.caNotAfter,
      eku: [OID.ekuTimeStamping],
      ekuCritical: true,
    });
    const r = await verifyOne(signFixture(pki, { timestamp: stamp({ tsa }) }), testContext(pki, { at: TIMES.later, trust: [pki.root.x509] }));
    expect(r.failures).toEqual([]);
  });

  it('a valid timestamp made after the leaf expired does not help: CERT_EXPIRED at the stamped time', async () => {
    const r = await verifyOne(signFixture(pki, { timestamp: stamp({ time: new Date('2024-05-01T00:00:00Z') }) }), later);
    expect(codes(r)).toEqual(['CERT_EXPIRED']);
    expect(r.timestamp).toBe('2024-05-01T00:00:00.000Z');
  });
});

describe('lifetime signing', () => {
  const pki = standardPki();

  it('a leaf with the lifetime signing EKU expires with its certificate even when timestamped', async () => {
    const leaf = issueCertificate(pki.issuingCa, {
      subject: { CN: 'Test Publisher', O: 'Test Publisher Ltd', C: 'US' },
      notBefore: TIMES.leafNotBefore,
      notAfter: TIMES.leafNotAfter,
      eku: [...LEAF_EKUS, OID.ekuLifetimeSigning],
      keyLabel: 'leaf',
    });
    const r = await verifyOne(
      signFixture(pki, { signer: leaf, timestamp: { kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing } }),
      testContext(pki, { at: TIMES.later }),
    );
    expect(codes(r)).toEqual(['CERT_EXPIRED']);
    expect(r.timestamp).toBeNull();
  });
});

describe('expiry without a timestamp', () => {
  const pki = standardPki();

  it('an expired leaf without a timestamp is CERT_EXPIRED', async () => {
    const r = await verifyOne(signFixture(pki), testContext(pki, { at: TIMES.later }));
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['CERT_EXPIRED']);
    expect(r.timestamp).toBeNull();
    expect(r.timestampKind).toBeNull();
  });

  it('a leaf judged before its validity starts is CERT_NOT_YET_VALID', async () => {
    const r = await verifyOne(signFixture(pki), testContext(pki, { at: TIMES.before }));
    expect(codes(r)).toEqual(['CERT_NOT_YET_VALID']);
  });
});
