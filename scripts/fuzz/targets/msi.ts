/**
 * MSI targets.
 *   msi            verifyFile() on mutated signed MSI packages (through the file system)
 *   msi-container  readMsiBuffer() + the digest source, in memory (more cases per second)
 * Mutations: the generic ones plus compound-file specific ones: FAT loops (a sector pointing to itself or
 * back), mini FAT entries rewritten, chains past EOF, FAT entries set to the special values, directory sizes
 * and start sectors rewritten to extremes, directory entries duplicated (the same child linked twice), sectors
 * appended.
 */
import fc from 'fast-check';
import { isVerifyError } from '../../../src/authenticode/errors';
import { readMsiBuffer } from '../../../src/authenticode/formats/msi-reader';
import { verifyFileWithContext } from '../../../src/authenticode/verify-file';
import type { Fixtures, MsiFixture } from '../fixtures';
import { applyMutations, EXTREMES, firstSignedChange, type Mutation, mutationsArb, type Shape } from '../mutate';
import type { CaseResult, Target } from '../runner';
import { scratchFile } from '../tempdir';

export type CfbOp =
  | { k: 'fat'; index: number; v: number }
  | { k: 'fatLoop'; index: number; back: number }
  | { k: 'miniFat'; index: number; v: number }
  | { k: 'appendSectors'; n: number; fill: number }
  | { k: 'dupDirEntry'; from: number; to: number };

export interface MsiCase {
  base: number;
  ops: CfbOp[];
  muts: Mutation[];
}

export function msiShape(fx: MsiFixture): Shape {
  const sectors = Math.floor(fx.bytes.length / fx.sectorSize) - 1;
  return { length: fx.bytes.length, boundaries: fx.boundaries, fields: fx.fields, values: [sectors, sectors - 1, sectors + 1, 0xfffffffe, 0xffffffff] };
}

/** File offset of FAT entry `index` (first FAT sector only: the fixtures are small). */
function fatEntryOffset(b: Buffer, fx: MsiFixture, index: number): number | null {
  const first = b.readUInt32LE(0x4c);
  const perSector = fx.sectorSize / 4;
  const off = (first + 1) * fx.sectorSize + (index % perSector) * 4;
  return first < 0xfffffffa && off + 4 <= b.length ? off : null;
}

export function applyCfbOps(fx: MsiFixture, ops: CfbOp[]): Buffer {
  let b = Buffer.from(fx.bytes);
  const sectors = Math.floor(b.length / fx.sectorSize) - 1;
  for (const op of ops) {
    switch (op.k) {
      case 'fat': {
        const o = fatEntryOffset(b, fx, op.index % Math.max(1, sectors));
        if (o !== null) b.writeUInt32LE(op.v >>> 0, o);
        break;
      }
      case 'fatLoop': {
        const i = op.index % Math.max(1, sectors);
        const o = fatEntryOffset(b, fx, i);
        if (o !== null) b.writeUInt32LE(Math.max(0, i - (op.back % (i + 1))), o);
        break;
      }
      case 'miniFat': {
        // an entry of the first mini FAT sector: mini chains looping, crossing, or running past the mini stream
        const first = b.readUInt32LE(0x3c);
        const o = (first + 1) * fx.sectorSize + (op.index % (fx.sectorSize / 4)) * 4;
        if (first < 0xfffffffa && o + 4 <= b.length) b.writeUInt32LE(op.v >>> 0, o);
        break;
      }
      case 'appendSectors':
        b = Buffer.concat([b, Buffer.alloc(op.n * fx.sectorSize, op.fill)]);
        break;
      case 'dupDirEntry': {
        // copy one 128-byte directory entry over another (the same stream reachable twice, or a renamed twin)
        const dirStart = (b.readUInt32LE(0x30) + 1) * fx.sectorSize;
        const count = fx.sectorSize / 128;
        const from = dirStart + (op.from % count) * 128;
        const to = dirStart + (op.to % count) * 128;
        if (from + 128 <= b.length && to + 128 <= b.length && from !== to) b.copy(b, to, from, from + 128);
        break;
      }
    }
  }
  return b;
}

const cfbOpArb: fc.Arbitrary<CfbOp> = fc.oneof(
  fc.record({ k: fc.constant('fat' as const), index: fc.nat(200), v: fc.oneof(fc.constantFrom(...EXTREMES), fc.nat(300)) }),
  fc.record({ k: fc.constant('fatLoop' as const), index: fc.nat(200), back: fc.nat(8) }),
  fc.record({ k: fc.constant('miniFat' as const), index: fc.nat(40), v: fc.oneof(fc.constantFrom(...EXTREMES), fc.nat(40)) }),
  fc.record({ k: fc.constant('appendSectors' as const), n: fc.integer({ min: 1, max: 3 }), fill: fc.constantFrom(0, 0x41) }),
  fc.record({ k: fc.constant('dupDirEntry' as const), from: fc.nat(7), to: fc.nat(7) }),
);

function msiCaseArb(fixtures: MsiFixture[]): fc.Arbitrary<MsiCase> {
  return fc.nat({ max: fixtures.length - 1 }).chain((base) =>
    fc.oneof(
      { weight: 4, arbitrary: mutationsArb(msiShape(fixtures[base]!)).map((muts) => ({ base, ops: [] as CfbOp[], muts })) },
      { weight: 2, arbitrary: fc.array(cfbOpArb, { minLength: 1, maxLength: 3 }).map((ops) => ({ base, ops, muts: [] as Mutation[] })) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.array(cfbOpArb, { minLength: 1, maxLength: 2 }), mutationsArb(msiShape(fixtures[base]!), 2)).map(([ops, muts]) => ({ base, ops, muts })),
      },
    ),
  );
}

export function msiCaseBytes(fixtures: MsiFixture[], c: MsiCase): Buffer {
  const fx = fixtures[c.base]!;
  return applyMutations(c.ops.length ? applyCfbOps(fx, c.ops) : fx.bytes, msiShape(fx), c.muts);
}

/** Reasons a "valid" verdict on `m` is wrong, without the verifier's code. */
export function msiValidOracle(fx: MsiFixture, m: Buffer, signed: Uint8Array = fx.signed): string | undefined {
  if (m.length !== fx.bytes.length) {
    // appended or removed sectors: a signed package that changed length has data its signature does not
    // cover (appended: CVE-2020-1464) or lost data it does
    return `valid, but the package is ${m.length} bytes where the signed one is ${fx.bytes.length}`;
  }
  const changed = firstSignedChange(fx.bytes, m, signed);
  if (changed >= 0) return `signed byte at 0x${changed.toString(16)} changed and the package is still valid`;
  return undefined;
}

export function msiTarget(fixtures: Fixtures): Target<MsiCase> {
  const msi = fixtures.msi;
  return {
    name: 'msi',
    api: 'verifyFile (MSI)',
    arbitrary: msiCaseArb(msi),
    ext: 'msi',
    bytes: (c) => msiCaseBytes(msi, c),
    async run(c, bytes): Promise<CaseResult> {
      const file = scratchFile('case.msi', bytes);
      const r = await verifyFileWithContext(file, fixtures.ctx);
      const outcome = r.verdict === 'valid' || r.verdict === 'unsigned' ? r.verdict : `${r.verdict}:${r.failures[0]?.code ?? '?'}`;
      if (r.verdict !== 'valid') return { outcome };
      const why = msiValidOracle(msi[c.base]!, bytes);
      return why ? { outcome, falseValid: why } : { outcome };
    },
  };
}

export function msiContainerTarget(fixtures: Fixtures): Target<MsiCase> {
  const msi = fixtures.msi;
  return {
    name: 'msi-container',
    api: 'readMsiBuffer (compound file, sector accounting) + MSI digest',
    arbitrary: msiCaseArb(msi),
    ext: 'msi',
    bytes: (c) => msiCaseBytes(msi, c),
    async run(c, bytes): Promise<CaseResult> {
      const fx = msi[c.base]!;
      try {
        const container = readMsiBuffer(bytes, { strict: true });
        const digest = await container.digestSource.digest(fx.digestAlgorithm);
        const matches = digest.equals(fx.digest);
        const clean = container.failures.length === 0;
        const outcome = `${clean ? 'clean' : `failures:${container.failures[0]!.code}`}${matches ? ',digest=' : ',digest!='}`;
        if (clean && matches && container.signatures.length > 0) {
          const why = msiValidOracle(fx, bytes, fx.covered);
          if (why) return { outcome, falseValid: why.replace(/^valid/, 'a clean container with the signed digest') };
        }
        return { outcome };
      } catch (e) {
        if (isVerifyError(e)) return { outcome: `VerifyError:${e.code}` };
        throw e;
      }
    },
  };
}
