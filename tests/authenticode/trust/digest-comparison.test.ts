/**
 * `digestMatches` says what was compared: true / false after a comparison, null when none was made; PE
 * signatures naming a non-standard SpcIndirectDataContent data type are judged by their digest; an unsigned PE
 * whose sections overlap is unsigned, not malformed.
 */
import { OID } from '../../../src/authenticode/der/oids';
import * as der from '../../helpers/der';
import { spcPeImageData, spcSipInfoMsi } from '../../helpers/authenticode-builder';
import { buildPe, attachSignatures, peOffsets } from '../../helpers/pe-writer';
import { peDigest, signatureFor, signPe } from '../../helpers/sign-pe';
import { run } from '../../cli/helpers';
import { codes, testOptions, verifyBytes, writeFixture } from '../pe/fixtures';

/** SpcIndirectDataContent data element naming `type` with an SpcPeImageData value (as sbsign writes it). */
const dataOf = (type: string, value: Buffer = spcPeImageData()): Buffer => der.seq(der.oid(type), value);

describe('digestMatches', () => {
  it('true when the digest was compared and matches, false when it differs', async () => {
    const pe = buildPe();
    expect((await verifyBytes(await signPe(pe))).signatures[0]!.digestMatches).toBe(true);
    const changed = await signPe(pe);
    changed[0x100] ^= 1; // inside the headers' slack, hashed
    const r = await verifyBytes(changed);
    expect(r.signatures[0]!.digestMatches).toBe(false);
    expect(codes(r)).toContain('DIGEST_MISMATCH');
  });

  it('null when an MD5 signature is refused by policy (nothing compared)', async () => {
    const r = await verifyBytes(await signPe(buildPe(), { digestAlgorithm: 'md5', timestamp: undefined }));
    expect(codes(r)).toEqual(['WEAK_DIGEST']);
    expect(r.signatures[0]!.digestMatches).toBeNull();
  });

  it('null when the digest algorithms disagree, or the signature names an MSI data type on a PE', async () => {
    const mismatch = await verifyBytes(await signPe(buildPe(), { signerInfoDigestAlgorithm: 'sha1' }));
    expect(codes(mismatch)).toEqual(['DIGEST_ALGORITHM_MISMATCH']);
    expect(mismatch.signatures[0]!.digestMatches).toBeNull();
    const msiOnPe = await verifyBytes(await signPe(buildPe(), { spcData: dataOf(OID.spcSipInfo, spcSipInfoMsi()) }));
    expect(codes(msiOnPe)).toEqual(['MALFORMED_SIGNATURE']);
    expect(msiOnPe.signatures[0]!.digestMatches).toBeNull();
  });

  it('null in the JSON output, "not compared" in the human output', async () => {
    const file = writeFixture(await signPe(buildPe(), { digestAlgorithm: 'md5', timestamp: undefined }));
    const json = await run(['verify', file, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).signatures[0].digestMatches).toBeNull();
    expect(json.out).toContain('"digestMatches":null');
    const human = await run(['verify', file]);
    expect(human.out).toContain('Hash of file (md5): not compared');
  });
});

describe('non-standard SpcIndirectDataContent data types on PE', () => {
  const SBSIGN_TYPE = OID.spcIndividualCodeSigning; // 1.3.6.1.4.1.311.2.1.21, as sbsign writes it

  it('a matching PE digest under 1.3.6.1.4.1.311.2.1.21 (sbsign): valid, with a NONSTANDARD_DATA_TYPE note', async () => {
    const r = await verifyBytes(await signPe(buildPe(), { spcData: dataOf(SBSIGN_TYPE) }));
    expect(r.verdict).toBe('valid');
    expect(r.signatures[0]!.valid).toBe(true);
    expect(r.signatures[0]!.digestMatches).toBe(true);
    expect(codes(r.signatures[0]!)).toContain('NONSTANDARD_DATA_TYPE');
    expect(r.signatures[0]!.failures.find((f) => f.code === 'NONSTANDARD_DATA_TYPE')!.message).toContain(SBSIGN_TYPE);
  });

  it('a non-standard type whose digest does not match: invalid, DIGEST_MISMATCH, no note', async () => {
    const pe = buildPe();
    const other = buildPe({ sections: [{ name: '.text', data: Buffer.alloc(0x400, 0x90) }] });
    const blob = await signatureFor(pe, { spcData: dataOf(SBSIGN_TYPE), fileDigest: await peDigest(other, 'sha256') });
    const r = await verifyBytes(attachSignatures(pe, [blob]));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['DIGEST_MISMATCH']);
    expect(r.signatures[0]!.digestMatches).toBe(false);
  });

  it('a non-standard type whose value cannot be read as a digest of this file: invalid, UNSUPPORTED_DATA_TYPE, digestMatches null', async () => {
    const pe = buildPe();
    const blob = await signatureFor(pe, { spcData: dataOf('1.3.6.1.4.1.311.2.1.99', der.nul()), fileDigest: Buffer.alloc(5, 1) });
    const r = await verifyBytes(attachSignatures(pe, [blob]));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['UNSUPPORTED_DATA_TYPE']);
    expect(r.signatures[0]!.digestMatches).toBeNull();
  });
});

describe('section overlaps', () => {
  /** Two sections; the second's raw data starts inside the first's. */
  function overlapping(pe: Buffer): Buffer {
    const out = Buffer.from(pe);
    const off = peOffsets(out);
    const firstRaw = out.readUInt32LE(off.sectionTable + 20);
    out.writeUInt32LE(firstRaw + 0x10, off.sectionTable + 40 + 20);
    return out;
  }
  const twoSections = () =>
    buildPe({
      sections: [
        { name: '.text', data: Buffer.alloc(0x200, 0x90) },
        { name: '.data', data: Buffer.alloc(0x200, 0x11) },
      ],
    });

  it('an unsigned PE whose sections overlap is unsigned (Windows loads it), not malformed', async () => {
    const r = await verifyBytes(overlapping(twoSections()));
    expect(r.verdict).toBe('unsigned');
    expect(codes(r)).toEqual(['NOT_SIGNED']);
  });

  it('an unsigned PE whose section runs past the end of the file is unsigned too', async () => {
    const pe = twoSections();
    pe.writeUInt32LE(0x7fff0000, peOffsets(pe).sectionTable + 16);
    expect((await verifyBytes(pe)).verdict).toBe('unsigned');
  });

  it('a signed PE whose sections overlap stays malformed (its digest would not be the signer\'s)', async () => {
    const r = await verifyBytes(overlapping(await signPe(twoSections())), testOptions());
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
  });
});
