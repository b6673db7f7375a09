/** A package signed by the project's own code reads back with its signature and a matching digest. */
import { createTestPki } from '../../helpers/pki';
import { sampleMsi } from '../../helpers/msi-writer';
import { signMsiDetailed } from '../../helpers/sign-msi';
import { codes, digestMatches, read } from './fixtures';

const pki = createTestPki();

describe('signed MSI', () => {
  it.each([
    ['sha256', false],
    ['sha256', true],
    ['sha1', true],
    ['sha384', false],
    ['sha512', true],
  ] as const)('the digest of a package signed with %s (DSE %s) equals the signed digest', async (alg, dse) => {
    const s = signMsiDetailed(sampleMsi(), { signer: pki.leaf, digestAlgorithm: alg, dse });
    const c = read(s.bytes);
    expect(c.format).toBe('msi');
    expect(codes(c)).toEqual([]);
    expect(c.signatures).toHaveLength(1);
    expect(Buffer.from(c.signatures[0]).equals(s.signature)).toBe(true);
    expect(await digestMatches(c, alg)).toBe(true);
  });

  it('digests are memoised per algorithm', async () => {
    const c = read(signMsiDetailed(sampleMsi(), { signer: pki.leaf }).bytes);
    const p1 = c.digestSource.digest('sha256');
    expect(c.digestSource.digest('sha256')).toBe(p1);
    expect((await c.digestSource.digest('sha1')).length).toBe(20);
  });

  it('an unsigned package has no signatures and no failures', () => {
    const c = read(sampleMsi());
    expect(c.signatures).toEqual([]);
    expect(codes(c)).toEqual([]);
  });
});
