/**
 * Compound files that do not hold together end as VerifyError('MALFORMED_MSI' | 'TRUNCATED_FILE'):
 * never another kind of exception, never a hang, never a clean read.
 */
import * as fc from 'fast-check';
import { isVerifyError } from '../../../src/authenticode/errors';
import { readMsiBuffer } from '../../../src/authenticode/formats/msi-reader';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleMsi, toTree, writeCompoundFile, writeMsi } from '../../helpers/msi-writer';
import { createTestPki, TIMES } from '../../helpers/pki';
import { signMsi } from '../../helpers/sign-msi';
import { HAS_OSSLSIGNCODE, osslSign, tempDir } from './osslsigncode';

const base = sampleMsi();
const signedV4 = signMsi(writeCompoundFile(toTree(sampleMsi('fuzz')), { version: 4 }), { signer: createTestPki().leaf, dse: true });

function codeOf(bytes: Buffer): string {
  try {
    readMsiBuffer(bytes, { strict: true });
    return 'read';
  } catch (e) {
    if (isVerifyError(e)) return e.code;
    throw e;
  }
}

function messageOf(bytes: Buffer): string {
  try {
    readMsiBuffer(bytes, { strict: true });
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const fatOffset = (b: Buffer): number => 512 * (1 + b.readUInt32LE(0x4c));
function entryOffset(b: Buffer, name: string): number {
  const needle = Buffer.concat([Buffer.from(name, 'utf16le'), Buffer.alloc(2)]);
  for (let o = 512; o + 128 <= b.length; o += 128) {
    if (b.readUInt16LE(o + 0x40) === needle.length && b.subarray(o, o + needle.length).equals(needle)) return o;
  }
  throw new Error(`no entry ${name}`);
}
function mutate(f: (b: Buffer) => void): Buffer {
  const b = Buffer.from(base);
  f(b);
  return b;
}

describe('malformed compound files', () => {
  it('rejects bytes without the compound file signature as MALFORMED_MSI', () => {
    expect(codeOf(Buffer.from('MZ not an msi at all'))).toBe('MALFORMED_MSI');
  });

  it('rejects a file shorter than the 512-byte header as TRUNCATED_FILE', () => {
    expect(codeOf(base.subarray(0, 300))).toBe('TRUNCATED_FILE');
  });

  it('rejects a file cut in the middle as TRUNCATED_FILE', () => {
    expect(codeOf(base.subarray(0, 4096))).toBe('TRUNCATED_FILE');
  });

  it('rejects garbage after a valid signature as MALFORMED_MSI or TRUNCATED_FILE', () => {
    const g = Buffer.alloc(8192, 0xa5);
    base.copy(g, 0, 0, 8);
    expect(['MALFORMED_MSI', 'TRUNCATED_FILE']).toContain(codeOf(g));
  });

  it('rejects an unknown major version', () => {
    expect(codeOf(mutate((b) => b.writeUInt16LE(5, 0x1a)))).toBe('MALFORMED_MSI');
  });

  it('rejects a sector shift that does not match the version', () => {
    expect(codeOf(mutate((b) => b.writeUInt16LE(12, 0x1e)))).toBe('MALFORMED_MSI');
  });

  it('rejects a FAT loop in a stream chain', () => {
    const bytes = mutate((b) => {
      const start = b.readUInt32LE(entryOffset(b, 'Binary') + 0x74);
      b.writeUInt32LE(start, fatOffset(b) + 4 * (start + 1)); // second sector points back to the first
    });
    expect(codeOf(bytes)).toBe('MALFORMED_MSI');
    expect(messageOf(bytes)).toMatch(/FAT loop/);
  });

  it('rejects a FAT loop in the directory chain', () => {
    const bytes = mutate((b) => {
      const dir = b.readUInt32LE(0x30);
      b.writeUInt32LE(dir, fatOffset(b) + 4 * dir);
    });
    expect(codeOf(bytes)).toBe('MALFORMED_MSI');
    expect(messageOf(bytes)).toMatch(/FAT loop/);
  });

  it('rejects a sector chain that runs past the end of the file as TRUNCATED_FILE', () => {
    const bytes = mutate((b) => {
      const start = b.readUInt32LE(entryOffset(b, 'Binary') + 0x74);
      b.writeUInt32LE(100, fatOffset(b) + 4 * start); // FAT covers 128 sectors, the file has 23
    });
    expect(codeOf(bytes)).toBe('TRUNCATED_FILE');
  });

  it('rejects a chain shorter than its stream size', () => {
    const bytes = mutate((b) => {
      const start = b.readUInt32LE(entryOffset(b, 'Binary') + 0x74);
      b.writeUInt32LE(0xfffffffe, fatOffset(b) + 4 * start);
    });
    expect(codeOf(bytes)).toBe('MALFORMED_MSI');
  });

  it('rejects sectors shared by two streams (cross-linked chains)', () => {
    const two = writeMsi({ streams: { A: Buffer.alloc(5000, 1), B: Buffer.alloc(5000, 2) } });
    const a = two.readUInt32LE(entryOffset(two, 'A') + 0x74);
    two.writeUInt32LE(a, entryOffset(two, 'B') + 0x74);
    expect(codeOf(two)).toBe('MALFORMED_MSI');
    expect(messageOf(two)).toMatch(/used by both stream A and stream B|used by both stream B and stream A/);
  });

  it('rejects a huge stream size without allocating it', () => {
    const bytes = mutate((b) => b.writeUInt32LE(0x7fffffff, entryOffset(b, 'Binary') + 0x78));
    expect(codeOf(bytes)).toBe('TRUNCATED_FILE');
  });

  it('rejects a huge FAT sector count', () => {
    expect(codeOf(mutate((b) => b.writeUInt32LE(0x40000000, 0x2c)))).toBe('TRUNCATED_FILE');
  });

  it('rejects a directory tree loop (an entry that is its own sibling)', () => {
    const bytes = mutate((b) => {
      const o = entryOffset(b, 'Binary');
      b.writeUInt32LE((o - 512 * (1 + b.readUInt32LE(0x30))) / 128, o + 0x48);
    });
    expect(codeOf(bytes)).toBe('MALFORMED_MSI');
    expect(messageOf(bytes)).toMatch(/reached twice/);
  });

  it('rejects a sibling link past the end of the directory', () => {
    expect(codeOf(mutate((b) => b.writeUInt32LE(5000, entryOffset(b, 'Binary') + 0x48)))).toBe('MALFORMED_MSI');
  });

  it('rejects a name length that is not valid', () => {
    expect(codeOf(mutate((b) => b.writeUInt16LE(70, entryOffset(b, 'Binary') + 0x40)))).toBe('MALFORMED_MSI');
  });

  it('rejects a mini stream chain pointing outside the mini stream', () => {
    const bytes = mutate((b) => b.writeUInt32LE(4000, entryOffset(b, '\u0005SummaryInformation') + 0x74));
    expect(codeOf(bytes)).toBe('MALFORMED_MSI');
  });

  it.each([
    ['a version 3 package', base, 512 * 5], // header, FAT, mini FAT, directory
    ['a signed version 4 package with MsiDigitalSignatureEx', signedV4, 4096 * 4],
  ])('never throws anything but VerifyError and never hangs on random corruption of %s', async (_label, file, structural) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: structural - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
        fc.nat({ max: 2000 }),
        async (edits, cut) => {
          const b = Buffer.from(file);
          for (const [at, v] of edits) b[at] = v;
          const bytes = cut > 1000 ? b : b.subarray(0, file.length - cut);
          try {
            const c = readMsiBuffer(bytes, { strict: true });
            return (await c.digestSource.digest('sha256')).length === 32;
          } catch (e) {
            if (!isVerifyError(e)) throw e;
            return ['MALFORMED_MSI', 'TRUNCATED_FILE'].includes(e.code);
          }
        },
      ),
      { numRuns: 400, seed: 20201464 },
    );
  });

  it('never throws anything but VerifyError on random bytes behind the compound file signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 6000 }), (body) => {
        const bytes = Buffer.concat([base.subarray(0, 8), Buffer.from(body)]);
        const code = codeOf(bytes);
        return code === 'MALFORMED_MSI' || code === 'TRUNCATED_FILE' || code === 'read';
      }),
      { numRuns: 300, seed: 1464 },
    );
  });

  it('rejects two entries of one storage whose names differ only in case', () => {
    const root = toTree(writeMsi({ streams: { Data: 'a' } }));
    root.children.push({ ...root.children.find((c) => c.name === 'Data')!, name: 'DATA' });
    expect(codeOf(writeCompoundFile(root))).toBe('MALFORMED_MSI');
  });

  (HAS_OSSLSIGNCODE ? it : it.skip)('rejects the tree osslsigncode 2.9 writes for a storage nested in a storage (an entry reached twice)', () => {
    const pki = createTestPki();
    const dir = tempDir('msi-nested-');
    try {
      const input = path.join(dir, 'nested.msi');
      const output = path.join(dir, 'nested.signed.msi');
      fs.writeFileSync(input, writeMsi({ streams: { A: 'a', 'Outer/Inner/Y': 'y', 'Outer/Z': 'z' } }));
      expect(codeOf(fs.readFileSync(input))).toBe('read');
      osslSign(dir, input, output, { signer: pki.leaf, time: TIMES.signing });
      expect(codeOf(fs.readFileSync(output))).toBe('MALFORMED_MSI');
      expect(messageOf(fs.readFileSync(output))).toMatch(/reached twice/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
