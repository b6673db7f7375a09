import { buildPe } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

describe('every Authenticode digest algorithm but MD5 is accepted', () => {
  it.each(['sha1', 'sha256', 'sha384', 'sha512'] as const)('a %s signature verifies valid', async (alg) => {
    const r = await verifyBytes(await signPe(buildPe(), { digestAlgorithm: alg }));
    expect(codes(r)).toEqual([]);
    expect(r.verdict).toBe('valid');
    expect(r.signatures[0]).toMatchObject({ digestAlgorithm: alg, digestMatches: true, valid: true });
  });

  it('an MD5 signature is refused with WEAK_DIGEST', async () => {
    const r = await verifyBytes(await signPe(buildPe(), { digestAlgorithm: 'md5' }));
    expect(r.verdict).toBe('invalid');
    expect(r.acs).toBe(false);
    expect(codes(r)).toContain('WEAK_DIGEST');
    expect(r.signatures[0].valid).toBe(false);
  });
});
