import { parseDer } from '../../../src/authenticode/der/asn1';
import { resolveVerifyContext } from '../../../src/authenticode/context';
import { parseSignedDataContentInfo, parseSpcIndirectData } from '../../../src/authenticode/pkcs7/signed-data';
import { verifyPkcs7Signature } from '../../../src/authenticode/signature';
import type { DigestSource } from '../../../src/authenticode/types';
import * as der from '../../helpers/der';
import { codes, extractPkcs7, REAL_SAMPLES } from './support';

/** A DigestSource that returns the digest recorded inside the sample's own SpcIndirectDataContent. */
function recordedDigest(blob: Buffer): DigestSource {
  const root = parseDer(blob, { allowTrailing: true });
  const spc = parseSpcIndirectData(parseSignedDataContentInfo(root.bytes));
  return { digest: async () => Buffer.from(spc.digest) };
}

/** The same signature with its unsigned attributes (the RFC 3161 timestamp) removed, re-encoded around it. */
function withoutTimestamp(blob: Buffer): Buffer {
  const ci = parseDer(blob, { allowTrailing: true });
  const sd = ci.children[1]!.children[0]!;
  const signerInfos = sd.children[sd.children.length - 1]!;
  const si = signerInfos.children[0]!;
  const keptSi = der.tlv(0x30, Buffer.concat(si.children.filter((c) => c.tag !== 0xa1).map((c) => Buffer.from(c.bytes))));
  const sdParts = sd.children.slice(0, -1).map((c) => Buffer.from(c.bytes));
  return der.seq(Buffer.from(ci.children[0]!.bytes), der.explicit(0, der.seq(...sdParts, der.set(keptSi))));
}

describe.each(REAL_SAMPLES)('real Trusted Signing sample %s', (name) => {
  const blob = extractPkcs7(name);
  const source = recordedDigest(blob);

  it('messageDigest covers the content octets of SpcIndirectDataContent (no tag and length)', async () => {
    const [r] = await verifyPkcs7Signature(blob, source, resolveVerifyContext({ at: new Date('2024-04-11T00:00:00Z') }), 'pe');
    expect(codes(r!)).not.toContain('MESSAGE_DIGEST_MISMATCH');
  });

  it('is valid and ACS with only the bundled root, years later, through its RFC 3161 timestamp', async () => {
    const ctx = resolveVerifyContext({ at: new Date('2026-11-26T00:00:00Z') });
    const reports = await verifyPkcs7Signature(blob, source, ctx, 'pe');
    expect(reports).toHaveLength(1);
    const r = reports[0]!;
    expect(r.failures).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.acs).toBe(true);
    expect(r.digestAlgorithm).toBe('sha256');
    expect(r.digestMatches).toBe(true);
    expect(r.timestampKind).toBe('rfc3161');
    expect(r.timestamp).toMatch(/^2024-04-10T/);
    expect(r.signer).toMatch(/^CN=/);
    expect(r.chain[r.chain.length - 1]).toBe(
      'CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US',
    );
    expect(r.chain).toContain('CN=Microsoft ID Verified CS AOC CA 02, O=Microsoft Corporation, C=US');
  });

  it('is valid and ACS at 2024-04-11, inside the 72-hour leaf validity', async () => {
    const [r] = await verifyPkcs7Signature(blob, source, resolveVerifyContext({ at: new Date('2024-04-11T00:00:00Z') }), 'pe');
    expect(r!.valid).toBe(true);
    expect(r!.acs).toBe(true);
  });

  it('is CERT_EXPIRED years later once its timestamp is removed', async () => {
    const stripped = withoutTimestamp(blob);
    const [r] = await verifyPkcs7Signature(stripped, source, resolveVerifyContext({ at: new Date('2026-11-26T00:00:00Z') }), 'pe');
    expect(r!.valid).toBe(false);
    expect(r!.acs).toBe(false);
    expect(codes(r!)).toContain('CERT_EXPIRED');
    expect(r!.timestamp).toBeNull();
  });

  it('without its timestamp still holds inside the leaf validity (the timestamp is what carries it later)', async () => {
    const [r] = await verifyPkcs7Signature(withoutTimestamp(blob), source, resolveVerifyContext({ at: new Date('2024-04-11T00:00:00Z') }), 'pe');
    expect(r!.valid).toBe(true);
  });

  it('is UNTRUSTED_ROOT when the caller trusts some other root only', async () => {
    const { bundledMicrosoftCertificates } = await import('../../../src/authenticode/trust/certificates');
    const tsaCa = bundledMicrosoftCertificates()[3]!; // a Microsoft CA, but not a root of this chain's anchor set
    const [r] = await verifyPkcs7Signature(blob, source, resolveVerifyContext({ at: new Date('2024-04-11T00:00:00Z'), trust: [tsaCa] }), 'pe');
    expect(r!.valid).toBe(false);
    expect(codes(r!)).toContain('UNTRUSTED_ROOT');
  });

  it('is DIGEST_MISMATCH when the file digest differs', async () => {
    const wrong: DigestSource = { digest: async () => Buffer.alloc(32, 0xab) };
    const [r] = await verifyPkcs7Signature(blob, wrong, resolveVerifyContext({ at: new Date('2024-04-11T00:00:00Z') }), 'pe');
    expect(r!.digestMatches).toBe(false);
    expect(codes(r!)[0]).toBe('DIGEST_MISMATCH');
  });
});
