/**
 * cab   extractCabinet on mutated cabinets (tests/helpers/cab-writer.ts: stored, MSZIP and LZX folders of a few
 *       members, CFDATA checksums set) with byte flips, header fields set to extremes and truncation. Unmutated
 *       cabinets must extract every member with its bytes (else a "false valid": wrong bytes); mutated ones end
 *       as a CabError or per-member errors, never another exception, a loop or an unbounded allocation.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { CabError, extractCabinet } from '../../../src/authenticode/extract/cab-extract';
import { bufferAccess } from '../../../src/authenticode/formats/pe-reader';
import { buildCab } from '../../../tests/helpers/cab-writer';
import type { CaseResult, Target } from '../runner';

export interface CabCase {
  method: 'stored' | 'mszip' | 'lzx';
  files: { name: string; data: number[]; repeat: number }[];
  flips: [number, number][];
  /** header field writes: [offset (mod 60), 16-bit value] */
  fields: [number, number][];
  truncate: number | null;
}

const cabCaseArb: fc.Arbitrary<CabCase> = fc.record({
  method: fc.constantFrom<CabCase['method']>('stored', 'mszip', 'lzx'),
  files: fc.array(
    fc.record({
      name: fc.stringMatching(/^[a-z\\]{1,12}$/),
      data: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
      repeat: fc.integer({ min: 1, max: 2000 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }),
  fields: fc.array(fc.tuple(fc.nat({ max: 59 }), fc.constantFrom(0, 1, 2, 3, 0xff, 0x7fff, 0xffff, 0x1503, 0x1f03)), { maxLength: 2 }),
  truncate: fc.option(fc.nat(), { freq: 6 }),
});

function contents(c: CabCase): Buffer[] {
  return c.files.map((f) => Buffer.concat(Array.from({ length: f.repeat }, () => Buffer.from(f.data))).subarray(0, 200_000));
}

function cabBytes(c: CabCase): Buffer {
  const data = contents(c);
  const b = buildCab(
    c.files.map((f, i) => ({ name: f.name, data: data[i]! })),
    c.method === 'lzx' ? { lzxWindowBits: 16 } : c.method === 'mszip' ? { mszip: true } : {},
  );
  for (const [at, x] of c.flips) b[at % b.length] ^= x;
  for (const [at, v] of c.fields) if (at + 2 <= b.length) b.writeUInt16LE(v, at);
  return c.truncate === null ? b : b.subarray(0, c.truncate % (b.length + 1));
}

export function cabTarget(): Target<CabCase> {
  return {
    name: 'cab-extract',
    api: 'extractCabinet (CFHEADER/CFFOLDER/CFFILE/CFDATA, stored, MSZIP, LZX)',
    arbitrary: cabCaseArb,
    ext: 'cab',
    bytes: cabBytes,
    allocBound: (bytes) => bytes.length + 4 * 1024 * 1024,
    async run(c, bytes): Promise<CaseResult> {
      const hashes = new Map<number, ReturnType<typeof createHash>>();
      try {
        const ex = await extractCabinet(
          bufferAccess(bytes),
          { open: (m) => { const h = createHash('sha256'); hashes.set(m.index, h); return (chunk) => h.update(chunk); } },
          { maxFiles: 100, maxTotalBytes: 64 * 1024 * 1024 },
        );
        const ok = ex.results.filter((r) => r.ok).length;
        const pristine = c.flips.length === 0 && c.fields.length === 0 && c.truncate === null;
        if (pristine) {
          const want = contents(c);
          for (const r of ex.results) {
            const got = r.ok ? hashes.get(r.member.index)!.digest('hex') : null;
            if (got !== createHash('sha256').update(want[r.member.index]!).digest('hex')) {
              return { outcome: 'extracted', falseValid: `member ${r.member.index} of an unmutated cabinet: ${r.ok ? 'other bytes' : r.error}` };
            }
          }
        }
        return { outcome: ok === ex.results.length ? 'all-members' : ok > 0 ? 'some-members' : 'no-member' };
      } catch (e) {
        if (e instanceof CabError) return { outcome: `CabError:${e.message.replace(/\d+/g, 'N').slice(9, 40)}` };
        throw e;
      }
    },
  };
}
