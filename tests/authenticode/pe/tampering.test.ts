import { buildPe, peOffsets } from '../../helpers/pe-writer';
import { signatureFor, signPe } from '../../helpers/sign-pe';
import { attachSignatures } from '../../helpers/pe-writer';
import { codes, verifyBytes } from './fixtures';

describe('the digest covers the image and nothing else', () => {
  it('a byte changed inside a section gives DIGEST_MISMATCH', async () => {
    const signed = await signPe(buildPe());
    const sectionRaw = signed.readUInt32LE(peOffsets(signed).sectionTable + 20);
    signed[sectionRaw + 5] ^= 0x01;
    const r = await verifyBytes(signed);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)[0]).toBe('DIGEST_MISMATCH');
    expect(r.signatures[0].digestMatches).toBe(false);
  });

  it('a byte changed in the section table gives DIGEST_MISMATCH', async () => {
    const signed = await signPe(buildPe());
    signed[peOffsets(signed).sectionTable + 1] ^= 0x20; // ".text" → ".Text"
    const r = await verifyBytes(signed);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('DIGEST_MISMATCH');
  });

  it('a changed CheckSum field stays valid (the field is excluded from the digest)', async () => {
    const signed = await signPe(buildPe());
    signed.writeUInt32LE(0xdeadbeef, peOffsets(signed).checksum);
    const r = await verifyBytes(signed);
    expect(codes(r)).toEqual([]);
    expect(r.verdict).toBe('valid');
  });

  it('a signature transplanted from another file gives DIGEST_MISMATCH', async () => {
    const donor = buildPe({ machine: 'x64', overlay: Buffer.from('the donor') });
    const victim = buildPe({ machine: 'x64', overlay: Buffer.from('the victim') });
    const transplanted = attachSignatures(victim, [await signatureFor(donor)]);
    const r = await verifyBytes(transplanted);
    expect(r.verdict).toBe('invalid');
    expect(r.acs).toBe(false);
    expect(codes(r)[0]).toBe('DIGEST_MISMATCH');
  });
});
