import * as fc from 'fast-check';
import { buildPe, peOffsets } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { verifyBytes } from './fixtures';

describe('any change to the signed image is caught; only the CheckSum field may change (property)', () => {
  let signed: Buffer;
  let tableOffset: number;
  let checksum: number;
  beforeAll(async () => {
    signed = await signPe(buildPe({ machine: 'x86' }));
    const off = peOffsets(signed);
    tableOffset = signed.readUInt32LE(off.securityEntry);
    checksum = off.checksum;
  });

  it('a file with 1-3 bytes changed before the certificate table never throws and is valid only if they were all in CheckSum', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (changes, headersOnly) => {
          const limit = headersOnly ? peOffsets(signed).sectionTable + 80 : tableOffset;
          const mutated = Buffer.from(signed);
          const touched = new Set<number>();
          for (const c of changes) {
            const at = c.at % limit;
            mutated[at] ^= c.xor;
            touched.add(at);
          }
          const changed = [...touched].filter((i) => mutated[i] !== signed[i]);
          const r = await verifyBytes(mutated);
          const onlyChecksum = changed.every((i) => i >= checksum && i < checksum + 4);
          if (r.verdict === 'valid' && !onlyChecksum) {
            throw new Error(`bytes ${changed.map((i) => '0x' + i.toString(16)).join(',')} changed and the file is still valid`);
          }
          if (onlyChecksum && r.verdict !== 'valid') throw new Error(`CheckSum change made the file ${r.verdict}`);
        },
      ),
      { numRuns: 150, seed: 20261126 },
    );
  });
});
