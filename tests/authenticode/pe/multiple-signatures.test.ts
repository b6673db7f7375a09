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
