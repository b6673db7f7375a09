/**
 * Evidence for the MSI digest rules: packages signed by osslsigncode (which Windows accepts), their
 * SpcIndirectDataContent digest compared with ours, and the MsiDigitalSignatureEx stream osslsigncode wrote
 * compared with our pre-hash. The fixtures are built to tell the candidate rules apart:
 *  - names "B" (42 00) and "\u0141" (41 01): bytewise order puts U+0141 first, code-unit order puts B first;
 *  - "A" / "AB" / "A\u0100": a prefix pair and a name whose second unit has a zero low byte;
 *  - a sub-storage with its own non-zero CLSID, a root CLSID, state bits and FILETIMEs.
 * One level of sub-storage only: osslsigncode 2.9 rewrites a package with a storage nested in a storage
 * into a directory tree where one entry is reached twice (a storage's right sibling points at a grandchild),
 * which our reader rejects as MALFORMED_MSI (see malformed-structure.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMsiBuffer } from '../../../src/authenticode/formats/msi-reader';
import { compareForHash, msiPreHash } from '../../../src/authenticode/formats/msi-digest';
import { parseCompoundFile } from '../../../src/authenticode/formats/msi-cfb';
import { createTestPki, TIMES } from '../../helpers/pki';
import { patchEntries, sampleMsi, writeMsi } from '../../helpers/msi-writer';
import { HAS_OSSLSIGNCODE, osslSign, osslVerify, tempDir } from './osslsigncode';
import { digestName, spcDigest } from './spc-digest';

const d = HAS_OSSLSIGNCODE ? describe : describe.skip;
if (!HAS_OSSLSIGNCODE) {
  console.warn('osslsigncode is not on PATH: skipping the osslsigncode digest evidence tests');
}

function orderingFixture(): Buffer {
  return writeMsi({
    streams: {
      B: 'stream B',
      '\u0141': 'stream U+0141',
      A: 'stream A',
      AB: 'stream AB',
      'A\u0100': 'stream A U+0100',
      'Store/Z': 'z in store',
      'Store/Y': Buffer.alloc(5000, 0x59),
      'Other/X': 'x in other',
    },
    meta: {
      '': { clsid: '84100c00000000000000c00000000046', state: 3 },
      Store: { clsid: 'a1a2a3a4b1b2c1c2d1d2d3d4d5d6d7d8', state: 9, created: 130000000000000000n, modified: 130000000000000001n },
      'Other/X': { created: 131000000000000000n, modified: 131000000000000002n, state: 0x55 },
    },
  });
}

d('MSI digest agrees with osslsigncode-signed packages', () => {
  const pki = createTestPki();
  let dir: string;
  beforeAll(() => {
    dir = tempDir('msi-ossl-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: { name: string; make: () => Buffer; hash: 'sha1' | 'sha256' | 'sha384' | 'sha512'; dse: boolean }[] = [
    { name: 'ordering fixture, sha256', make: orderingFixture, hash: 'sha256', dse: false },
    { name: 'ordering fixture, sha256 with MsiDigitalSignatureEx', make: orderingFixture, hash: 'sha256', dse: true },
    { name: 'sample package, sha1 with MsiDigitalSignatureEx', make: () => sampleMsi('a'), hash: 'sha1', dse: true },
    { name: 'sample package, sha384', make: () => sampleMsi('b'), hash: 'sha384', dse: false },
    { name: 'sample package, sha512 with MsiDigitalSignatureEx', make: () => sampleMsi('c', { largeStreamBytes: 70000 }), hash: 'sha512', dse: true },
  ];

  it('the ordering fixture really separates bytewise from code-unit order', () => {
    const b = Buffer.from('B', 'utf16le');
    const l = Buffer.from('\u0141', 'utf16le');
    expect(compareForHash(l, b)).toBeLessThan(0);
    expect('\u0141' < 'B').toBe(false);
    expect(compareForHash(Buffer.from('A', 'utf16le'), Buffer.from('AB', 'utf16le'))).toBeLessThan(0);
  });

  for (const c of cases) {
    it(`digest of ${c.name} equals the SpcIndirectDataContent digest osslsigncode signed`, async () => {
      const input = path.join(dir, `${c.name.replace(/\W+/g, '_')}.msi`);
      const output = input.replace(/\.msi$/, '.signed.msi');
      fs.writeFileSync(input, c.make());
      osslSign(dir, input, output, { signer: pki.leaf, hash: c.hash, dse: c.dse, time: TIMES.signing });
      const signed = fs.readFileSync(output);
      const container = readMsiBuffer(signed, { strict: true });
      expect(container.failures).toEqual([]);
      expect(container.signatures).toHaveLength(1);
      const spc = spcDigest(container.signatures[0]);
      expect(spc.dataTypeOid).toBe('1.3.6.1.4.1.311.2.1.30');
      expect(digestName(spc.algorithmOid)).toBe(c.hash);
      const ours = await container.digestSource.digest(c.hash);
      expect(ours.toString('hex')).toBe(spc.digest.toString('hex'));
      // and osslsigncode itself accepts the package
      expect(osslVerify(dir, output, pki.root, TIMES.signing).ok).toBe(true);
    });
  }

  it('MsiDigitalSignatureEx written by osslsigncode equals our metadata pre-hash', () => {
    const input = path.join(dir, 'dse.msi');
    const output = path.join(dir, 'dse.signed.msi');
    fs.writeFileSync(input, orderingFixture());
    osslSign(dir, input, output, { signer: pki.leaf, hash: 'sha256', dse: true, time: TIMES.signing });
    const cf = parseCompoundFile(fs.readFileSync(output));
    const dse = cf.root.children.find((e) => e.name === '\u0005MsiDigitalSignatureEx')!;
    const stored = Buffer.concat(cf.streamRanges(dse).map(([a, b]) => cf.buffer.subarray(a, b)));
    expect(stored.toString('hex')).toBe(msiPreHash(cf, 'sha256').toString('hex'));
  });

  it('a sub-storage CLSID is covered: changing it breaks the digest for us and for osslsigncode', async () => {
    const input = path.join(dir, 'clsid.msi');
    const output = path.join(dir, 'clsid.signed.msi');
    const tampered = path.join(dir, 'clsid.tampered.msi');
    fs.writeFileSync(input, orderingFixture());
    osslSign(dir, input, output, { signer: pki.leaf, hash: 'sha256', dse: false, time: TIMES.signing });
    fs.writeFileSync(tampered, patchEntries(fs.readFileSync(output), { Store: { clsid: '00'.repeat(16) } }));
    const c = readMsiBuffer(fs.readFileSync(tampered), { strict: true });
    const spc = spcDigest(c.signatures[0]);
    expect((await c.digestSource.digest('sha256')).equals(spc.digest)).toBe(false);
    expect(osslVerify(dir, tampered, pki.root, TIMES.signing).ok).toBe(false);
  });
});
