/** Changes to a signed package's streams or signature streams break its digest. */
import { createTestPki } from '../../helpers/pki';
import { patchEntries, rewriteMsi, sampleMsi } from '../../helpers/msi-writer';
import { signMsi, transplantSignature } from '../../helpers/sign-msi';
import { codes, digestMatches, flipStreamByte, read } from './fixtures';

const pki = createTestPki();

describe.each([false, true])('tampering with a signed MSI (DSE %s)', (dse) => {
  const signed = signMsi(sampleMsi(), { signer: pki.leaf, dse });

  it('one byte changed in a large stream breaks the digest', async () => {
    expect(await digestMatches(read(flipStreamByte(signed, 'Binary', 5000)))).toBe(false);
  });

  it('one byte changed in a small (mini stream) stream breaks the digest', async () => {
    expect(await digestMatches(read(flipStreamByte(signed, 'Sub/Inner', 3)))).toBe(false);
  });

  it('a stream added breaks the digest', async () => {
    expect(await digestMatches(read(rewriteMsi(signed, { put: { Extra: Buffer.from('more') } })))).toBe(false);
  });

  it('an empty stream added keeps the content digest (it adds no bytes) but not the pre-hash', async () => {
    const c = read(rewriteMsi(signed, { put: { Empty: Buffer.alloc(0) } }));
    expect(await digestMatches(c)).toBe(!dse);
    if (dse) expect(codes(c)).toContain('MSI_DSE_MISMATCH');
  });

  it('a stream removed breaks the digest', async () => {
    expect(await digestMatches(read(rewriteMsi(signed, { remove: ['Sub/Inner'] })))).toBe(false);
  });

  it('the root CLSID changed breaks the digest', async () => {
    expect(await digestMatches(read(patchEntries(signed, { '': { clsid: '11'.repeat(16) } })))).toBe(false);
  });

  it('a signature transplanted from another package does not match', async () => {
    const other = signMsi(sampleMsi('other'), { signer: pki.leaf, dse });
    const c = read(transplantSignature(other, signed));
    expect(c.signatures).toHaveLength(1);
    expect(await digestMatches(c)).toBe(false);
  });
});

describe('MsiDigitalSignatureEx', () => {
  const signed = signMsi(sampleMsi(), { signer: pki.leaf, dse: true });

  it('a changed FILETIME makes MsiDigitalSignatureEx mismatch and breaks the digest', async () => {
    const c = read(patchEntries(signed, { Binary: { modified: 133000000099999999n } }));
    expect(codes(c)).toEqual(['MSI_DSE_MISMATCH']);
    expect(await digestMatches(c)).toBe(false);
  });

  it('changed state bits make MsiDigitalSignatureEx mismatch', () => {
    expect(codes(read(patchEntries(signed, { Binary: { state: 8 } })))).toEqual(['MSI_DSE_MISMATCH']);
  });

  it('a tampered MsiDigitalSignatureEx stream is reported even when the digest still matches', async () => {
    const c = read(flipStreamByte(signed, '\u0005MsiDigitalSignatureEx', 0));
    expect(codes(c)).toEqual(['MSI_DSE_MISMATCH']);
    expect(await digestMatches(c)).toBe(true);
  });

  it('an MsiDigitalSignatureEx whose length is no digest length is reported', () => {
    const c = read(rewriteMsi(signed, { put: { '\u0005MsiDigitalSignatureEx': Buffer.alloc(7) } }));
    expect(codes(c)).toEqual(['MSI_DSE_MISMATCH']);
  });

  it('removing MsiDigitalSignatureEx from a DSE-signed package breaks the digest', async () => {
    const c = read(rewriteMsi(signed, { remove: ['\u0005MsiDigitalSignatureEx'] }));
    expect(codes(c)).toEqual([]);
    expect(await digestMatches(c)).toBe(false);
  });

  it('metadata is not covered without MsiDigitalSignatureEx (only content and CLSIDs are)', async () => {
    const plain = signMsi(sampleMsi(), { signer: pki.leaf, dse: false });
    expect(await digestMatches(read(patchEntries(plain, { Binary: { modified: 1n } })))).toBe(true);
  });
});
