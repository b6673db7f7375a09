import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { hashFileRanges, PeDigestSource, peDigestPlan } from '../../../src/authenticode/formats/pe-digest';
import { readPeContainer } from '../../../src/authenticode/formats/pe-container';
import { bufferAccess, readPeLayout } from '../../../src/authenticode/formats/pe-reader';
import { attachSignatures, buildPe, peOffsets } from '../../helpers/pe-writer';
import { writeFixture } from './temp-files';

describe('the Authenticode digest leaves out CheckSum, the security entry and the table, and streams', () => {
  it('equals a hash of the image with exactly those 4 + 8 bytes and the table left out', async () => {
    const pe = attachSignatures(buildPe({ overlay: Buffer.from('abc') }), [Buffer.from([0x30, 0x03, 1, 2, 3])]);
    const c = await readPeContainer(writeFixture(pe), { strict: true });
    const off = peOffsets(pe);
    const table = pe.readUInt32LE(off.securityEntry);
    const expected = createHash('sha256')
      .update(pe.subarray(0, off.checksum))
      .update(pe.subarray(off.checksum + 4, off.securityEntry))
      .update(pe.subarray(off.securityEntry + 8, table))
      .digest();
    expect((await c.digestSource.digest('sha256')).equals(expected)).toBe(true);
  });

  it('pads an unsigned image with zeros to a multiple of 8, as signing tools do', async () => {
    const pe = buildPe({ overlay: Buffer.from('abc') });
    const plan = peDigestPlan(await readPeLayout(bufferAccess(pe)), null);
    expect((pe.length + plan.zeroPad) % 8).toBe(0);
    expect(plan.zeroPad).toBeGreaterThan(0);
  });

  it('gives the same digest whatever the chunk size (chunk and range boundaries)', async () => {
    const pe = buildPe({ overlay: Buffer.alloc(5000, 9) });
    const path = writeFixture(pe);
    const plan = peDigestPlan(await readPeLayout(bufferAccess(pe)), null);
    const reference = (await hashFileRanges(path, plan, ['sha384'], 1 << 20)).get('sha384')!;
    for (const chunk of [1, 7, 64, 4096]) {
      expect((await hashFileRanges(path, plan, ['sha384'], chunk)).get('sha384')!.equals(reference)).toBe(true);
    }
  });

  it('computes several algorithms in one pass and memoises them', async () => {
    const pe = buildPe();
    const path = writeFixture(pe);
    const src = new PeDigestSource(path, peDigestPlan(await readPeLayout(bufferAccess(pe)), null));
    const [a, b] = await Promise.all([src.digest('sha256'), src.digest('sha1')]);
    expect(a).toHaveLength(32);
    expect(b).toHaveLength(20);
    writeFileSync(path, Buffer.alloc(0)); // memoised: the file is not read again
    expect((await src.digest('sha256')).equals(a)).toBe(true);
  });

  it('reports a file that changed size after its headers were read as IO_ERROR', async () => {
    const pe = buildPe();
    const path = writeFixture(pe);
    const c = await readPeContainer(path, { strict: true });
    appendFileSync(path, Buffer.alloc(16));
    await expect(c.digestSource.digest('sha256')).rejects.toMatchObject({ code: 'IO_ERROR' });
  });

  it('refuses MD5 and unknown algorithms', async () => {
    const pe = buildPe();
    const c = await readPeContainer(writeFixture(pe), { strict: true });
    await expect(c.digestSource.digest('md5' as never)).rejects.toMatchObject({ code: 'WEAK_DIGEST' });
    await expect(c.digestSource.digest('sha3-256' as never)).rejects.toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
  });
});
