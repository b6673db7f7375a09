import { derOuterLength, parseCertificateTable } from '../../../src/authenticode/formats/pe-cert-table';

function entry(blob: Buffer, opts: { dwLength?: number; revision?: number; type?: number; extra?: Buffer; fill?: number } = {}): Buffer {
  const content = Buffer.concat([blob, opts.extra ?? Buffer.alloc(0)]);
  const exact = 8 + content.length;
  const e = Buffer.alloc(Math.ceil(exact / 8) * 8, opts.fill ?? 0);
  e.writeUInt32LE(opts.dwLength ?? exact, 0);
  e.writeUInt16LE(opts.revision ?? 0x200, 4);
  e.writeUInt16LE(opts.type ?? 2, 6);
  content.copy(e, 8);
  return e;
}
const blob = (n: number): Buffer => Buffer.concat([Buffer.from([0x30, 0x82, n >> 8, n & 0xff]), Buffer.alloc(n, 7)]);

describe('WIN_CERTIFICATE table parsing', () => {
  it('reads every entry, each rounded to 8, and hands on exactly the DER blob', () => {
    const t = Buffer.concat([entry(blob(301)), entry(blob(200))]);
    const { entries, failures } = parseCertificateTable(t, 0x1000, { strict: true });
    expect(failures).toEqual([]);
    expect(entries.map((e) => [e.offset, e.blob.length])).toEqual([
      [0x1000, 305],
      [0x1000 + 320, 204],
    ]);
  });

  it('reads the outer DER length in short and long forms, and gives up on indefinite length', () => {
    expect(derOuterLength(Buffer.from([0x30, 0x03, 1, 2, 3]))).toBe(5);
    expect(derOuterLength(Buffer.from([0x30, 0x81, 0x80]))).toBe(3 + 0x80);
    expect(derOuterLength(Buffer.from([0x30, 0x80, 0, 0]))).toBeNull();
    expect(derOuterLength(Buffer.from([0x31, 0x01, 0]))).toBeNull();
  });

  it('flags bytes after the blob in strict mode only (PADDING_AFTER_SIGNATURE)', () => {
    const t = entry(blob(300), { extra: Buffer.from('hidden data here') });
    expect(parseCertificateTable(t, 0, { strict: true }).failures.map((f) => f.code)).toEqual(['PADDING_AFTER_SIGNATURE']);
    expect(parseCertificateTable(t, 0, { strict: false }).failures).toEqual([]);
  });

  it('rejects rounded lengths that do not add up to the directory size (BAD_CERT_TABLE)', () => {
    const t = entry(blob(300));
    expect(() => parseCertificateTable(Buffer.concat([t, Buffer.alloc(8)]), 0, { strict: true })).toThrow(expect.objectContaining({ code: 'BAD_CERT_TABLE' }));
    expect(() => parseCertificateTable(Buffer.concat([t, Buffer.alloc(4)]), 0, { strict: true })).toThrow(expect.objectContaining({ code: 'BAD_CERT_TABLE' }));
    expect(() => parseCertificateTable(t.subarray(0, t.length - 8), 0, { strict: true })).toThrow(expect.objectContaining({ code: 'BAD_CERT_TABLE' }));
  });

  it('rejects dwLength 0xFFFFFFFF without allocating for it (BAD_CERT_TABLE)', () => {
    expect(() => parseCertificateTable(entry(blob(300), { dwLength: 0xffffffff }), 0, { strict: true })).toThrow(
      expect.objectContaining({ code: 'BAD_CERT_TABLE' }),
    );
  });

  it('rejects a blob whose DER length runs past dwLength (BAD_CERT_TABLE)', () => {
    const b = blob(300);
    b.writeUInt16BE(400, 2);
    expect(() => parseCertificateTable(entry(b), 0, { strict: true })).toThrow(expect.objectContaining({ code: 'BAD_CERT_TABLE' }));
  });

  it('passes an unreadable blob on whole for the signature layer to reject', () => {
    const junk = Buffer.from('not a DER sequence at all');
    const { entries, failures } = parseCertificateTable(entry(junk), 0, { strict: true });
    expect(failures).toEqual([]);
    expect(Buffer.from(entries[0].blob).equals(junk)).toBe(true);
  });
});
