/** Version 4 compound files (4096-byte sectors) read, digest and account like version 3 ones. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCompoundFile } from '../../../src/authenticode/formats/msi-cfb';
import { createTestPki, TIMES } from '../../helpers/pki';
import { appendToMsi, sampleMsi, toTree, writeCompoundFile } from '../../helpers/msi-writer';
import { signMsi } from '../../helpers/sign-msi';
import { codes, digestMatches, flipStreamByte, read } from './fixtures';
import { HAS_OSSLSIGNCODE, osslSign, tempDir } from './osslsigncode';
import { spcDigest } from './spc-digest';

const pki = createTestPki();
const v4 = (): Buffer => writeCompoundFile(toTree(sampleMsi('v4')), { version: 4 });

describe('version 4 compound files', () => {
  it('reads a version 4 file with 4096-byte sectors', () => {
    const cf = parseCompoundFile(v4());
    expect(cf.majorVersion).toBe(4);
    expect(cf.sectorSize).toBe(4096);
    expect(cf.entries.map((e) => e.path)).toContain('Sub/Inner');
  });

  it.each([false, true])('a signed version 4 package has a matching digest and no failures (DSE %s)', async (dse) => {
    const c = read(signMsi(v4(), { signer: pki.leaf, dse }));
    expect(codes(c)).toEqual([]);
    expect(await digestMatches(c)).toBe(true);
  });

  it('a byte changed in a version 4 package breaks the digest', async () => {
    const signed = signMsi(v4(), { signer: pki.leaf });
    expect(await digestMatches(read(flipStreamByte(signed, 'Binary', 4097)))).toBe(false);
  });

  it('data appended to a version 4 package is TRAILING_DATA', () => {
    expect(codes(read(appendToMsi(signMsi(v4(), { signer: pki.leaf }), 'glued')))).toEqual(['TRAILING_DATA']);
  });

  it('non-zero bytes in the padding of the 4096-byte header sector are UNREACHABLE_MSI_DATA', () => {
    const b = signMsi(v4(), { signer: pki.leaf });
    b.write('hidden', 1024);
    expect(codes(read(b))).toEqual(['UNREACHABLE_MSI_DATA']);
  });

  (HAS_OSSLSIGNCODE ? it : it.skip)('our digest of a version 4 package signed by osslsigncode equals the signed digest', async () => {
    const dir = tempDir('msi-v4-');
    try {
      const input = path.join(dir, 'v4.msi');
      const output = path.join(dir, 'v4.signed.msi');
      fs.writeFileSync(input, v4());
      osslSign(dir, input, output, { signer: pki.leaf, hash: 'sha256', dse: true, time: TIMES.signing });
      const c = read(fs.readFileSync(output));
      expect(codes(c)).toEqual([]);
      expect((await c.digestSource.digest('sha256')).equals(spcDigest(c.signatures[0]).digest)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
