import { buildPe, peOffsets } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

describe('a file cut at any structural boundary is malformed with the right code, never valid', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await signPe(buildPe({ machine: 'x86' }));
  });

  it('cut inside "MZ": UNKNOWN_FORMAT; inside the DOS header: TRUNCATED_FILE', async () => {
    expect(codes(await verifyBytes(signed.subarray(0, 0)))).toEqual(['UNKNOWN_FORMAT']);
    expect(codes(await verifyBytes(signed.subarray(0, 1)))).toEqual(['UNKNOWN_FORMAT']);
    for (const cut of [2, 0x3c, 0x3f]) {
      const r = await verifyBytes(signed.subarray(0, cut));
      expect([r.verdict, codes(r)]).toEqual(['malformed', ['TRUNCATED_FILE']]);
    }
  });

  it('cut in the PE signature, COFF header, optional header, data directories or section table: TRUNCATED_FILE', async () => {
    const off = peOffsets(signed);
    const cuts = [
      off.peOffset + 2, // inside "PE\0\0"
      off.peOffset + 4, // after the signature
      off.peOffset + 14, // inside the COFF header
      off.optionalHeader, // COFF complete, no optional header
      off.optionalHeader + 40, // inside the optional header
      off.checksum + 2, // inside CheckSum
      off.securityEntry + 4, // inside the security directory entry
      off.sectionTable, // optional header complete, no section table
      off.sectionTable + 40 + 12, // inside the second section header
    ];
    for (const cut of cuts) {
      const r = await verifyBytes(signed.subarray(0, cut));
      expect({ cut, verdict: r.verdict, codes: codes(r) }).toEqual({ cut, verdict: 'malformed', codes: ['TRUNCATED_FILE'] });
    }
  });

  it('cut in section data or the certificate table: TRUNCATED_FILE (or BAD_CERT_TABLE when the table is gone)', async () => {
    const off = peOffsets(signed);
    const table = signed.readUInt32LE(off.securityEntry);
    const firstRaw = signed.readUInt32LE(off.sectionTable + 20);
    for (const cut of [firstRaw + 1, table - 8, table, table + 4, table + 8, signed.length - 1]) {
      const r = await verifyBytes(signed.subarray(0, cut));
      expect(r.verdict).toBe('malformed');
      expect(['TRUNCATED_FILE', 'BAD_CERT_TABLE']).toContain(codes(r)[0]);
      expect(codes(r)).toHaveLength(1);
    }
  });

  it('every prefix of a signed file is malformed (one cut every 13 bytes, all of the headers)', async () => {
    const headerEnd = peOffsets(signed).sectionTable + 80;
    for (let cut = 0; cut < signed.length; cut += cut < headerEnd ? 1 : 13) {
      const r = await verifyBytes(signed.subarray(0, cut));
      if (r.verdict !== 'malformed') throw new Error(`cut at ${cut}: verdict ${r.verdict}`);
    }
  });
});
