import { buildPe, peOffsets } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

function table(pe: Buffer): { entry: number; size: number } {
  const at = peOffsets(pe).securityEntry;
  return { entry: pe.readUInt32LE(at), size: pe.readUInt32LE(at + 4) };
}

describe('WIN_CERTIFICATE entries: revision, type and lengths', () => {
  it('rejects a wRevision other than 0x0200 / 0x0100 (BAD_CERT_TABLE)', async () => {
    const r = await verifyBytes(await signPe(buildPe(), {}, { revision: 0x0300 }));
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['BAD_CERT_TABLE']);
    expect(r.failures[0].message).toMatch(/wRevision 0x300/);
  });

  it('accepts the legacy wRevision 0x0100', async () => {
    const r = await verifyBytes(await signPe(buildPe(), {}, { revision: 0x0100 }));
    expect(r.verdict).toBe('valid');
  });

  it('rejects a wCertificateType other than PKCS_SIGNED_DATA (BAD_CERT_TABLE)', async () => {
    const r = await verifyBytes(await signPe(buildPe(), {}, { type: 0x0001 }));
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['BAD_CERT_TABLE']);
    expect(r.failures[0].message).toMatch(/wCertificateType 0x1/);
  });

  it('rejects a directory size larger than the rounded entry lengths (BAD_CERT_TABLE)', async () => {
    const pe = await signPe(buildPe(), {}, { trailing: Buffer.alloc(8) });
    const { size } = table(pe);
    pe.writeUInt32LE(size + 8, peOffsets(pe).securityEntry + 4);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['BAD_CERT_TABLE']);
  });

  it('rejects a directory size smaller than the rounded entry lengths (BAD_CERT_TABLE)', async () => {
    const pe = await signPe(buildPe());
    const { size } = table(pe);
    pe.writeUInt32LE(size - 8, peOffsets(pe).securityEntry + 4);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['BAD_CERT_TABLE']);
  });

  it('rejects a dwLength shorter than the PKCS#7 blob inside it (BAD_CERT_TABLE)', async () => {
    const pe = await signPe(buildPe());
    const { entry } = table(pe);
    pe.writeUInt32LE(pe.readUInt32LE(entry) - 16, entry);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['BAD_CERT_TABLE']);
  });

  it('rejects a dwLength of 0 (BAD_CERT_TABLE, no endless loop)', async () => {
    const pe = await signPe(buildPe());
    pe.writeUInt32LE(0, table(pe).entry);
    const r = await verifyBytes(pe);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['BAD_CERT_TABLE']);
  });
});

describe('what is inside a WIN_CERTIFICATE entry is judged by the signature layer', () => {
  it('an entry whose bytes are not a PKCS#7 signature makes the file invalid (MALFORMED_SIGNATURE)', async () => {
    const { attachSignatures } = await import('../../helpers/pe-writer');
    const r = await verifyBytes(attachSignatures(buildPe(), [Buffer.from('this is not DER at all')]));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['MALFORMED_SIGNATURE']);
    expect(r.signatures).toHaveLength(1);
  });
});
