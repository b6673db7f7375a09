import { buildPe, peOffsets, setChecksum } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

async function signed(): Promise<Buffer> {
  return signPe(buildPe({ machine: 'x64' }));
}

function securityDirectory(pe: Buffer): { offset: number; size: number } {
  const at = peOffsets(pe).securityEntry;
  return { offset: pe.readUInt32LE(at), size: pe.readUInt32LE(at + 4) };
}

function setSecurityDirectory(pe: Buffer, offset: number, size: number): Buffer {
  const at = peOffsets(pe).securityEntry;
  pe.writeUInt32LE(offset >>> 0, at);
  pe.writeUInt32LE(size >>> 0, at + 4);
  return pe;
}

function expectMalformed(r: Awaited<ReturnType<typeof verifyBytes>>, code: string): void {
  expect(r.verdict).toBe('malformed');
  expect(r.acs).toBe(false);
  expect(codes(r)).toEqual([code]);
  expect(r.failures[0].message).toMatch(/certificate table|section|WIN_CERTIFICATE/);
}

describe('the certificate table must be where the security directory says, whole, aligned and last', () => {
  it('rejects a certificate table that is not at the end of the file (CERT_TABLE_NOT_AT_END)', async () => {
    const pe = await signed();
    const off = peOffsets(pe);
    const lastSection = off.sectionTable + 40 * (off.numberOfSections - 1);
    const raw = pe.readUInt32LE(lastSection + 20);
    const size = pe.readUInt32LE(lastSection + 16);
    // move the last section's raw data behind the table
    const moved = Buffer.concat([pe, pe.subarray(raw, raw + size)]);
    moved.writeUInt32LE(pe.length, lastSection + 20);
    expectMalformed(await verifyBytes(setChecksum(moved)), 'CERT_TABLE_NOT_AT_END');
  });

  it('rejects a security directory pointing past the end of the file (BAD_CERT_TABLE)', async () => {
    const pe = await signed();
    expectMalformed(await verifyBytes(setSecurityDirectory(pe, pe.length + 8, 0x100)), 'BAD_CERT_TABLE');
  });

  it('rejects a security directory size of 0xFFFFFFFF (TRUNCATED_FILE)', async () => {
    const pe = await signed();
    expectMalformed(await verifyBytes(setSecurityDirectory(pe, securityDirectory(pe).offset, 0xffffffff)), 'TRUNCATED_FILE');
  });

  it('rejects a table that runs past the end of the file (TRUNCATED_FILE)', async () => {
    const pe = await signed();
    expectMalformed(await verifyBytes(pe.subarray(0, pe.length - 16)), 'TRUNCATED_FILE');
  });

  it('rejects a security directory pointing into the headers (MALFORMED_PE)', async () => {
    const pe = await signed();
    expectMalformed(await verifyBytes(setSecurityDirectory(pe, 0x100, pe.length - 0x100)), 'MALFORMED_PE');
  });

  it('rejects a certificate table overlapping a section\'s raw data (MALFORMED_PE)', async () => {
    const pe = await signed();
    const off = peOffsets(pe);
    const lastRaw = pe.readUInt32LE(off.sectionTable + 40 * (off.numberOfSections - 1) + 20);
    expectMalformed(await verifyBytes(setSecurityDirectory(pe, lastRaw, pe.length - lastRaw)), 'MALFORMED_PE');
  });

  it('rejects a table that is not 8-byte aligned (BAD_CERT_TABLE)', async () => {
    const pe = await signed();
    const { offset, size } = securityDirectory(pe);
    expectMalformed(await verifyBytes(setSecurityDirectory(pe, offset + 4, size - 4)), 'BAD_CERT_TABLE');
  });

  it('rejects a security directory with an offset but size 0, or a size but offset 0 (BAD_CERT_TABLE)', async () => {
    const pe = await signed();
    const { offset, size } = securityDirectory(pe);
    expectMalformed(await verifyBytes(setSecurityDirectory(Buffer.from(pe), offset, 0)), 'BAD_CERT_TABLE');
    expectMalformed(await verifyBytes(setSecurityDirectory(Buffer.from(pe), 0, size)), 'BAD_CERT_TABLE');
  });

  it('rejects a directory smaller than one WIN_CERTIFICATE header (BAD_CERT_TABLE)', async () => {
    const pe = await signed();
    const { offset } = securityDirectory(pe);
    const cut = setSecurityDirectory(Buffer.from(pe.subarray(0, offset + 4)), offset, 4);
    expectMalformed(await verifyBytes(cut), 'BAD_CERT_TABLE');
  });
});
