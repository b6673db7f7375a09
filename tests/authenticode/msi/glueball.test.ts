/**
 * CVE-2020-1464 "GlueBall": data appended to a signed MSI, or hidden in sectors no directory entry reaches,
 * is not covered by the signature; the reader reports it while the digest itself still matches.
 */
import { createTestPki } from '../../helpers/pki';
import { addUnreachableMiniSector, addUnreachableSector, appendToMsi, sampleMsi, unlinkStream, writeMsi } from '../../helpers/msi-writer';
import { signMsi } from '../../helpers/sign-msi';
import { codes, digestMatches, read } from './fixtures';

const pki = createTestPki();

describe.each([false, true])('hidden data in a signed MSI (DSE %s)', (dse) => {
  const signed = signMsi(sampleMsi(), { signer: pki.leaf, dse });

  it('data appended after the last sector is TRAILING_DATA, though the digest still matches', async () => {
    const c = read(appendToMsi(signed, Buffer.from('PK\u0003\u0004 a JAR glued to the package')));
    expect(codes(c)).toEqual(['TRAILING_DATA']);
    expect(c.failures[0].message).toMatch(/CVE-2020-1464/);
    expect(await digestMatches(c)).toBe(true);
  });

  it('a whole sector of zeros appended is TRAILING_DATA too', () => {
    expect(codes(read(appendToMsi(signed, Buffer.alloc(512)), false))).toEqual(['TRAILING_DATA']);
  });

  it('sectors no directory entry reaches are UNREACHABLE_MSI_DATA, though the digest still matches', async () => {
    const c = read(addUnreachableSector(signed, 'payload the signature does not cover'));
    expect(codes(c)).toEqual(['UNREACHABLE_MSI_DATA']);
    expect(await digestMatches(c)).toBe(true);
  });

  it('mini sectors no stream reaches are UNREACHABLE_MSI_DATA', async () => {
    const c = read(addUnreachableMiniSector(signed, 'tiny payload'));
    expect(codes(c)).toEqual(['UNREACHABLE_MSI_DATA']);
    expect(await digestMatches(c)).toBe(true);
  });
});

describe('strictness of the unreachable-data rule', () => {
  it('outside strict mode, unreachable sectors holding only zeros are tolerated', () => {
    const zeros = addUnreachableSector(sampleMsi(), Buffer.alloc(4096));
    expect(codes(read(zeros, true))).toEqual(['UNREACHABLE_MSI_DATA']);
    expect(codes(read(zeros, false))).toEqual([]);
  });

  it('outside strict mode, unreachable sectors holding data still count', () => {
    expect(codes(read(addUnreachableSector(sampleMsi(), 'x'), false))).toEqual(['UNREACHABLE_MSI_DATA']);
  });

  it('a stream whose FAT chain runs past its size leaves its extra sectors unreachable', () => {
    // Two large streams; the first one's size is cut by a sector, so its last sector carries nothing.
    const bytes = writeMsi({ streams: { A: Buffer.alloc(8192, 1), B: Buffer.alloc(8192, 2) } });
    const cut = Buffer.from(bytes);
    const e = findEntryOffset(cut, 'A');
    cut.writeUInt32LE(8192 - 512, e + 0x78);
    expect(codes(read(cut))).toEqual(['UNREACHABLE_MSI_DATA']);
  });

  it('unlinking a stream from the tree leaves its data unreachable', () => {
    expect(codes(read(unlinkStream(sampleMsi(), 'Binary')))).toEqual(['UNREACHABLE_MSI_DATA']);
  });
});

function findEntryOffset(bytes: Buffer, name: string): number {
  const needle = Buffer.concat([Buffer.from(name, 'utf16le'), Buffer.alloc(2)]);
  for (let o = 512; o + 128 <= bytes.length; o += 128) {
    if (bytes.readUInt16LE(o + 0x40) === needle.length && bytes.subarray(o, o + needle.length).equals(needle)) return o;
  }
  throw new Error(`no entry ${name}`);
}
