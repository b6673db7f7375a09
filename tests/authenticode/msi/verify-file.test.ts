/**
 * End to end: verifyFile on MSI packages signed by the project's own code (format detected by content),
 * judged with the same signature, chain and ACS rules as a PE.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyFile } from '../../../src/authenticode/verify-file';
import type { VerificationResult, VerifyOptions } from '../../../src/authenticode/types';
import { OID } from '../../../src/authenticode/der/oids';
import { createTestPki, issueCertificate, issuersOf, nameCopyingRoot, TIMES } from '../../helpers/pki';
import { addUnreachableSector, appendToMsi, patchEntries, rewriteMsi, sampleMsi } from '../../helpers/msi-writer';
import { signMsi, signMsiDetailed, transplantSignature } from '../../helpers/sign-msi';
import { flipStreamByte } from './fixtures';
import { tempDir } from './osslsigncode';

const pki = createTestPki();
let dir: string;
let n = 0;
beforeAll(() => {
  dir = tempDir('msi-verify-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function verifyBytes(bytes: Buffer, opts: VerifyOptions = {}, name = 'package.msi'): Promise<VerificationResult> {
  const file = path.join(dir, `${n++}-${name}`);
  fs.writeFileSync(file, bytes);
  return verifyFile(file, { trust: [pki.root.pem], acsRoots: [pki.root.pem], at: TIMES.signing, ...opts });
}
const codes = (r: VerificationResult): string[] => r.failures.map((f) => f.code);

describe.each([false, true])('verifyFile on an MSI (DSE %s)', (dse) => {
  const signed = signMsi(sampleMsi(), { signer: pki.leaf, dse });

  it('a signed MSI is valid and ACS under the test ACS root, reported as format "msi"', async () => {
    const r = await verifyBytes(signed);
    expect(r.format).toBe('msi');
    expect(r.failures).toEqual([]);
    expect(r.verdict).toBe('valid');
    expect(r.acs).toBe(true);
    expect(r.signatures[0].digestMatches).toBe(true);
  });

  it('the format comes from the content, not the file name', async () => {
    const r = await verifyBytes(signed, {}, 'installer.exe');
    expect(r.format).toBe('msi');
    expect(r.verdict).toBe('valid');
  });

  it('one byte changed in a stream gives DIGEST_MISMATCH', async () => {
    const r = await verifyBytes(flipStreamByte(signed, 'Binary', 100));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('DIGEST_MISMATCH');
  });

  it('a stream added gives DIGEST_MISMATCH', async () => {
    const r = await verifyBytes(rewriteMsi(signed, { put: { Added: Buffer.from('new') } }));
    expect(codes(r)).toContain('DIGEST_MISMATCH');
  });

  it('a stream removed gives DIGEST_MISMATCH', async () => {
    const r = await verifyBytes(rewriteMsi(signed, { remove: ['\u0005SummaryInformation'] }));
    expect(codes(r)).toContain('DIGEST_MISMATCH');
  });

  it('data appended (GlueBall) gives TRAILING_DATA and verdict invalid although the signature holds', async () => {
    const r = await verifyBytes(appendToMsi(signed, Buffer.from('PK\u0003\u0004payload')));
    expect(r.verdict).toBe('invalid');
    expect(r.acs).toBe(false);
    expect(codes(r)).toEqual(['TRAILING_DATA']);
    expect(r.signatures[0].valid).toBe(true);
  });

  it('data in unreachable sectors gives UNREACHABLE_MSI_DATA and verdict invalid', async () => {
    const r = await verifyBytes(addUnreachableSector(signed, 'hidden'));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['UNREACHABLE_MSI_DATA']);
  });

  it('a signature transplanted from another MSI gives DIGEST_MISMATCH', async () => {
    const donor = signMsi(sampleMsi('donor'), { signer: pki.leaf, dse });
    const r = await verifyBytes(transplantSignature(donor, sampleMsi()));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('DIGEST_MISMATCH');
  });
});

describe('verifyFile on MSI: chain, DSE, unsigned, malformed', () => {
  it('a chain ending at a self-signed root that copies the trusted root\'s name gives UNTRUSTED_ROOT', async () => {
    const impostor = nameCopyingRoot(pki.root);
    const leaf = issueCertificate(impostor, {
      subject: { CN: 'Test Publisher', O: 'Test Publisher Ltd', C: 'US' },
      notBefore: TIMES.leafNotBefore,
      notAfter: TIMES.leafNotAfter,
      eku: [OID.ekuCodeSigning],
      keyLabel: 'impostor-msi-leaf',
    });
    const r = await verifyBytes(signMsi(sampleMsi(), { signer: leaf, certificates: [leaf, ...issuersOf(leaf)] }));
    expect(r.verdict).toBe('invalid');
    expect(r.acs).toBe(false);
    expect(codes(r)).toContain('UNTRUSTED_ROOT');
  });

  it('metadata changed under MsiDigitalSignatureEx gives MSI_DSE_MISMATCH (and DIGEST_MISMATCH)', async () => {
    const signed = signMsi(sampleMsi(), { signer: pki.leaf, dse: true });
    const r = await verifyBytes(patchEntries(signed, { Sub: { modified: 1n } }));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('MSI_DSE_MISMATCH');
    expect(codes(r)).toContain('DIGEST_MISMATCH');
  });

  it('an RFC 3161 timestamp keeps the expired 72-hour leaf valid years later', async () => {
    const signed = signMsi(sampleMsi(), { signer: pki.leaf, timestamp: { kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing } });
    const r = await verifyBytes(signed, { trust: [pki.root.pem, pki.tsaRoot.pem], at: TIMES.later });
    expect(r.verdict).toBe('valid');
    expect(r.signatures[0].timestamp).toBe(TIMES.signing.toISOString());
  });

  it('a dual-signed MSI (sha1 primary, sha256 nested) reports both signatures, each with its own digest', async () => {
    const msi = sampleMsi('dual');
    const nested = signMsiDetailed(msi, { signer: pki.leaf, digestAlgorithm: 'sha256' }).signature;
    const r = await verifyBytes(signMsi(msi, { signer: pki.leaf, digestAlgorithm: 'sha1', nested: [nested] }));
    expect(r.verdict).toBe('valid');
    expect(r.signatures.map((s) => [s.digestAlgorithm, s.nested, s.valid])).toEqual([
      ['sha1', false, true],
      ['sha256', true, true],
    ]);
  });

  it('an unsigned MSI is "unsigned" with NOT_SIGNED', async () => {
    const r = await verifyBytes(sampleMsi());
    expect(r.format).toBe('msi');
    expect(r.verdict).toBe('unsigned');
    expect(codes(r)).toEqual(['NOT_SIGNED']);
  });

  it('a truncated compound file is "malformed" with TRUNCATED_FILE', async () => {
    const r = await verifyBytes(signMsi(sampleMsi(), { signer: pki.leaf }).subarray(0, 3000));
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['TRUNCATED_FILE']);
  });

  it('garbage behind the compound file signature is "malformed" with MALFORMED_MSI', async () => {
    const g = Buffer.alloc(4096, 0x5a);
    sampleMsi().copy(g, 0, 0, 8);
    const r = await verifyBytes(g);
    expect(r.verdict).toBe('malformed');
    expect(['MALFORMED_MSI', 'TRUNCATED_FILE']).toContain(codes(r)[0]);
  });
});
