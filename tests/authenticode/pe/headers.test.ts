import { buildPe, peOffsets } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

describe('PE headers are read with every offset bounds-checked', () => {
  it('rejects an e_lfanew pointing past the end of the file (MALFORMED_PE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt32LE(0xfffffff0, 0x3c);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
    expect(r.failures[0].message).toMatch(/e_lfanew 0xfffffff0/);
  });

  it('rejects an e_lfanew pointing at bytes that are not "PE\\0\\0" (MALFORMED_PE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt32LE(0x40, 0x3c);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
  });

  it('rejects an e_lfanew so close to the end that the COFF header is cut (TRUNCATED_FILE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt32LE(pe.length - 8, 0x3c);
    pe.write('PE\0\0', pe.length - 8, 'latin1');
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['TRUNCATED_FILE']);
  });

  it('rejects an optional header magic other than 0x10B / 0x20B (MALFORMED_PE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt16LE(0x107, peOffsets(pe).optionalHeader);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
  });

  it('rejects a SizeOfOptionalHeader smaller than the fixed fields (MALFORMED_PE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt16LE(0x40, peOffsets(pe).peOffset + 20);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
  });

  it('rejects a NumberOfRvaAndSizes that does not fit SizeOfOptionalHeader (MALFORMED_PE)', async () => {
    const pe = await signPe(buildPe({ numberOfRvaAndSizes: 6 }));
    pe.writeUInt32LE(16, peOffsets(pe).numberOfRvaAndSizes);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
  });

  it('treats an image with fewer than 5 data directories as unsigned (it has no security directory)', async () => {
    const r = await verifyBytes(buildPe({ numberOfRvaAndSizes: 4 }));
    expect(r.verdict).toBe('unsigned');
    expect(codes(r)).toEqual(['NOT_SIGNED']);
  });

  it('rejects NumberOfSections 0xFFFF without allocating for it (TRUNCATED_FILE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt16LE(0xffff, peOffsets(pe).peOffset + 6);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['TRUNCATED_FILE']);
  });

  it('rejects sections whose raw data overlap (MALFORMED_PE)', async () => {
    const pe = await signPe(buildPe());
    const off = peOffsets(pe);
    const firstRaw = pe.readUInt32LE(off.sectionTable + 20);
    pe.writeUInt32LE(firstRaw + 0x10, off.sectionTable + 40 + 20);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
    expect(r.failures[0].message).toMatch(/overlapping raw data/);
  });

  it('rejects section raw data inside the headers (MALFORMED_PE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt32LE(0x40, peOffsets(pe).sectionTable + 20);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
  });

  it('rejects section raw data running past the end of the file (TRUNCATED_FILE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt32LE(0x7fff0000, peOffsets(pe).sectionTable + 16);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['TRUNCATED_FILE']);
  });

  it('rejects a SizeOfHeaders past the end of the file (MALFORMED_PE)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt32LE(0xffffffff, peOffsets(pe).optionalHeader + 60);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_PE']);
  });
});
