/**
 * Cabinet files, differential against osslsigncode: stored (uncompressed) cabinets written here as MS-CAB
 * describes them, signed by osslsigncode with the test PKI, verified by both; tampered and appended copies.
 */
import { readFileSync } from 'node:fs';
import { cabLayout } from '../../../src/authenticode/formats/cab-reader';
import { buildCab } from './cab-writer';
import { codes, itOssl, osslSign, osslVerify, ours, writeTemp } from '../catalog/formats-kit';

const FILES = [
  { name: 'setup.inf', data: Buffer.from('[Version]\r\nSignature="$WINDOWS NT$"\r\n') },
  { name: 'payload.bin', data: Buffer.alloc(3000, 0xa5) },
];

function signedCab(name = 'update.cab', hash: 'sha1' | 'sha256' = 'sha256'): string {
  return osslSign(writeTemp(name, buildCab(FILES)), name, { hash });
}

function edited(file: string, edit: (b: Buffer) => Buffer | void, name = 'edited.cab'): string {
  const b = readFileSync(file);
  return writeTemp(name, edit(b) ?? b);
}

describe('signed cabinets: osslsigncode and verifyFile agree', () => {
  itOssl('a cabinet signed with SHA-256 or SHA-1 (also named .ex_) is valid for both', async () => {
    for (const [name, hash] of [['update.cab', 'sha256'], ['setup.ex_', 'sha1']] as const) {
      const file = signedCab(name, hash);
      const r = await ours(file);
      expect(r).toMatchObject({ format: 'cab', verdict: 'valid', acs: true });
      expect(r.signatures[0]).toMatchObject({ digestMatches: true, digestAlgorithm: hash });
      expect(osslVerify(file).ok).toBe(true);
    }
  });

  itOssl('a changed byte in a file of the cabinet: DIGEST_MISMATCH for us, failure for osslsigncode', async () => {
    const file = signedCab();
    const t = edited(file, (b) => {
      const at = b.indexOf(Buffer.alloc(16, 0xa5));
      b[at + 5] = 0;
    });
    const r = await ours(t);
    expect(codes(r)).toEqual(['DIGEST_MISMATCH']);
    expect(osslVerify(t).ok).toBe(false);
  });

  itOssl('a changed hashed header field (setID, cFiles): DIGEST_MISMATCH for both', async () => {
    for (const off of [32, 28]) {
      const t = edited(signedCab(), (b) => {
        b[off] = b[off]! ^ 0x01;
      });
      expect((await ours(t)).verdict).not.toBe('valid');
      expect(osslVerify(t).ok).toBe(false);
    }
  });

  itOssl('data appended after the signature: TRAILING_DATA (invalid) for us; osslsigncode refuses the file (offset + length != size)', async () => {
    const file = signedCab();
    const t = edited(file, (b) => Buffer.concat([b, Buffer.from('appended')]));
    const r = await ours(t);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)[0]).toBe('TRAILING_DATA');
    expect(osslVerify(t).ok).toBe(false);
  });

  itOssl('reserved1 or the reserve\'s unhashed bytes changed: MALFORMED_CAB for us (bytes the signature does not cover); osslsigncode refuses reserved1', async () => {
    const r1 = edited(signedCab(), (b) => {
      b[4] = 1;
    });
    expect(codes(await ours(r1))).toEqual(['MALFORMED_CAB']);
    expect(osslVerify(r1).ok).toBe(false);
    const r2 = edited(signedCab(), (b) => {
      b[53] = 7;
    });
    expect(codes(await ours(r2))).toEqual(['MALFORMED_CAB']);
  });

  itOssl('a signature length past the end of the file: TRUNCATED_FILE (malformed); osslsigncode refuses it', async () => {
    const t = edited(signedCab(), (b) => {
      b.writeUInt32LE(b.readUInt32LE(48) + 8, 48);
    });
    const r = await ours(t);
    expect(r).toMatchObject({ verdict: 'malformed' });
    expect(codes(r)).toEqual(['TRUNCATED_FILE']);
    expect(osslVerify(t).ok).toBe(false);
  });

  itOssl('an unsigned cabinet: unsigned for us, no signature for osslsigncode', async () => {
    const file = writeTemp('plain.cab', buildCab(FILES));
    const r = await ours(file);
    expect(r).toMatchObject({ format: 'cab', verdict: 'unsigned' });
    expect(osslVerify(file).ok).toBe(false);
  });

  itOssl('signed by an untrusted PKI: invalid for both', async () => {
    const file = osslSign(writeTemp('o.cab', buildCab(FILES)), 'o.cab', { other: true });
    expect((await ours(file)).verdict).toBe('invalid');
    expect(osslVerify(file).ok).toBe(false);
  });

  itOssl('a nested second signature (osslsigncode -nest) is reported; the primary decides', async () => {
    const first = signedCab('n.cab', 'sha1');
    const nested = osslSign(first, 'n.cab', { nest: true, hash: 'sha256' });
    const r = await ours(nested);
    expect(r.verdict).toBe('valid');
    expect(r.signatures.map((s) => [s.nested, s.digestAlgorithm, s.valid])).toEqual([
      [false, 'sha1', true],
      [true, 'sha256', true],
    ]);
    expect(osslVerify(nested).ok).toBe(true);
  });
});

describe('cabinet layout rules', () => {
  const signedHead = (): Buffer => {
    const cab = buildCab(FILES);
    const head = Buffer.alloc(60 + cab.length - 36);
    cab.copy(head, 0, 0, 36);
    cab.copy(head, 60, 36);
    head.writeUInt16LE(0x0004, 30);
    head.writeUInt16LE(20, 36);
    head.writeUInt32LE(0x00100000, 40);
    head.writeUInt32LE(head.length, 8); // cbCabinet
    head.writeUInt32LE(cab.readUInt32LE(16) + 24, 16); // coffFiles
    head.writeUInt32LE(head.length, 44);
    head.writeUInt32LE(16, 48);
    return head;
  };

  it('hashes [0,4) + [8,34) + [56, signature) of a signed cabinet, [0,4) + [8,end) of an unsigned one', () => {
    const head = signedHead();
    const l = cabLayout(head, head.length + 16);
    expect(l.signature).toEqual({ offset: head.length, length: 16 });
    expect(l.pieces).toEqual([[0, 4], [8, 34], [56, head.length]]);
    const plain = buildCab(FILES);
    expect(cabLayout(plain, plain.length).pieces).toEqual([[0, 4], [8, plain.length]]);
  });

  it('refuses CFFOLDER entries that do not end at coffFiles, a bad marker, and a signature not after the cabinet', () => {
    const h1 = signedHead();
    h1.writeUInt16LE(2, 26);
    expect(() => cabLayout(h1, h1.length + 16)).toThrow(/coffFiles/);
    const h2 = signedHead();
    h2.writeUInt32LE(0x00200000, 40);
    expect(() => cabLayout(h2, h2.length + 16)).toThrow(/marker/);
    const h3 = signedHead();
    h3.writeUInt32LE(h3.length - 8, 44);
    expect(() => cabLayout(h3, h3.length + 16)).toThrow(/cbCabinet/);
    expect(() => cabLayout(Buffer.from('MSCF'), 4)).toThrow(expect.objectContaining({ code: 'TRUNCATED_FILE' }));
  });
});
