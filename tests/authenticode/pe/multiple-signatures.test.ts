import { buildPe } from '../../helpers/pe-writer';
import { createTestPki } from '../../helpers/pki';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

describe('a PE may carry several signatures; the primary (first) decides the verdict', () => {
  it('two WIN_CERTIFICATE entries are both verified and reported, primary first', async () => {
    const pe = await signPe(buildPe(), [{ digestAlgorithm: 'sha256' }, { digestAlgorithm: 'sha1' }]);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('valid');
    expect(r.signatures.map((s) => [s.index, s.digestAlgorithm, s.valid])).toEqual([
      [0, 'sha256', true],
      [1, 'sha1', true],
    ]);
  });

  it('an invalid second entry does not change the verdict; an invalid first one does', async () => {
    const stranger = createTestPki({ label: 'untrusted' });
    const good = {};
    const bad = { signer: stranger.leaf };
    const r1 = await verifyBytes(await signPe(buildPe(), [good, bad]));
    expect(r1.verdict).toBe('valid');
    expect(r1.signatures[1].valid).toBe(false);
    const r2 = await verifyBytes(await signPe(buildPe(), [bad, good]));
    expect(r2.verdict).toBe('invalid');
    expect(codes(r2)).toContain('UNTRUSTED_ROOT');
  });

  it('a nested signature (1.3.6.1.4.1.311.2.4.1) is verified on its own and listed after the primary', async () => {
    const pe = await signPe(buildPe(), { digestAlgorithm: 'sha1', nested: [{ digestAlgorithm: 'sha256' }] });
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('valid');
    expect(r.signatures.map((s) => [s.nested, s.digestAlgorithm, s.digestMatches, s.valid])).toEqual([
      [false, 'sha1', true, true],
      [true, 'sha256', true, true],
    ]);
  });

  it('a nested signature over another file is reported invalid without changing the primary verdict', async () => {
    const other = buildPe({ overlay: Buffer.from('another file') });
    const { peDigest } = await import('../../helpers/sign-pe');
    const pe = await signPe(buildPe(), { nested: [{ fileDigest: await peDigest(other, 'sha256') }] });
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('valid');
    expect(r.signatures[1]).toMatchObject({ nested: true, digestMatches: false, valid: false });
    expect(r.signatures[1].failures.map((f) => f.code)).toContain('DIGEST_MISMATCH');
  });
});

describe('a dual-signed file (SHA-1 primary, nested SHA-256) is hashed in one pass', () => {
  it('the digest algorithms of every signature, nested included, are known before verification starts', async () => {
    const { digestAlgorithmHints } = await import('../../../src/authenticode/verify-file');
    const { readPeContainer } = await import('../../../src/authenticode/formats/pe-container');
    const { writeFixture } = await import('./temp-files');
    const pe = await signPe(buildPe(), [{ digestAlgorithm: 'sha1', nested: [{ digestAlgorithm: 'sha256' }] }, { digestAlgorithm: 'sha512' }]);
    const c = await readPeContainer(writeFixture(pe), { strict: true });
    expect(digestAlgorithmHints(c.signatures).sort()).toEqual(['sha1', 'sha256', 'sha512']);
    expect(digestAlgorithmHints([Buffer.from('junk')])).toEqual([]);
  });
});

describe('one pass over the file for every digest a dual-signed file needs', () => {
  it('after the prefetch, the SHA-1 then SHA-256 requests of the signature layer share one pass', async () => {
    const { prefetchDigests } = await import('../../../src/authenticode/verify-file');
    const { readPeContainer } = await import('../../../src/authenticode/formats/pe-container');
    const { writeFixture } = await import('./temp-files');
    const path = writeFixture(await signPe(buildPe(), { digestAlgorithm: 'sha1', nested: [{ digestAlgorithm: 'sha256' }] }));
    const c = await readPeContainer(path, { strict: true });
    prefetchDigests(c);
    await c.digestSource.digest('sha1');
    await c.digestSource.digest('sha256');
    expect(c.digestSource.passes).toBe(1);

    const plain = await readPeContainer(path, { strict: true });
    await plain.digestSource.digest('sha1');
    await plain.digestSource.digest('sha256');
    expect(plain.digestSource.passes).toBe(2);
  });
});
