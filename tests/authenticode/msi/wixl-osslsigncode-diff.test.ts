/**
 * Differential test against real tools: an MSI built by wixl (Debian msitools) from a tiny .wxs, signed by
 * osslsigncode with the test PKI's leaf (with and without -add-msi-dse); our verifyFile and
 * `osslsigncode verify -CAfile` must agree on it and on tampered copies.
 *
 * Where they deliberately differ: data appended after the compound file. osslsigncode 2.9 still accepts it
 * (as Windows did before CVE-2020-1464 was fixed); we reject it with TRAILING_DATA. Both outcomes are
 * asserted, so a change on either side is noticed.
 *
 * Skipped, with a note, when wixl or osslsigncode is not on PATH (.ci/run installs them).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyFile } from '../../../src/authenticode/verify-file';
import { parseCompoundFile } from '../../../src/authenticode/formats/msi-cfb';
import { decodeMsiStreamName, TABLE_PREFIX } from '../../../src/authenticode/formats/msi-names';
import { createTestPki, TIMES } from '../../helpers/pki';
import { appendToMsi } from '../../helpers/msi-writer';
import { signMsi } from '../../helpers/sign-msi';
import { flipStreamByte } from './fixtures';
import { HAS_OSSLSIGNCODE, HAS_WIXL, osslSign, osslVerify, tempDir } from './osslsigncode';

const available = HAS_OSSLSIGNCODE && HAS_WIXL;
if (!available) {
  console.warn(`skipping the wixl/osslsigncode differential test: ${HAS_WIXL ? '' : 'wixl '}${HAS_OSSLSIGNCODE ? '' : 'osslsigncode '}not on PATH`);
}
const d = available ? describe : describe.skip;

const WXS = `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="12345678-0000-4000-8000-000000000001" Name="ACS Gatekeeper Fixture" Language="1033" Version="1.0.0"
           Manufacturer="Test Publisher Ltd" UpgradeCode="12345678-1234-1234-1234-123456789012">
    <Package InstallerVersion="200" Compressed="yes" Comments="acs-gatekeeper differential fixture"/>
    <Media Id="1" Cabinet="product.cab" EmbedCab="yes"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFilesFolder">
        <Directory Id="INSTALLDIR" Name="AcsFixture">
          <Component Id="MainComponent" Guid="87654321-4321-4321-4321-210987654321">
            <File Id="PayloadFile" Name="payload.bin" Source="payload.bin"/>
          </Component>
        </Directory>
      </Directory>
    </Directory>
    <Feature Id="Main" Level="1"><ComponentRef Id="MainComponent"/></Feature>
  </Product>
</Wix>
`;

d('wixl-built MSI: our verifier and osslsigncode agree', () => {
  const pki = createTestPki();
  let dir: string;
  let unsigned: string;
  beforeAll(() => {
    dir = tempDir('msi-wixl-');
    // 20 kB of poorly compressible bytes, so the embedded cabinet is a FAT stream, not a mini stream
    const payload = Buffer.alloc(20000);
    let x = 12345;
    for (let i = 0; i < payload.length; i++) payload[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    fs.writeFileSync(path.join(dir, 'payload.bin'), payload);
    fs.writeFileSync(path.join(dir, 'product.wxs'), WXS);
    unsigned = path.join(dir, 'product.msi');
    const r = spawnSync('wixl', ['-o', unsigned, 'product.wxs'], { cwd: dir, encoding: 'utf8', timeout: 60000 });
    if (r.status !== 0) throw new Error(`wixl failed: ${r.stdout}\n${r.stderr}`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ours = (file: string) =>
    verifyFile(file, { trust: [pki.root.pem], acsRoots: [pki.root.pem], at: TIMES.signing });

  it('our stream-name decoding matches msiinfo for the non-table streams', () => {
    const r = spawnSync('msiinfo', ['streams', unsigned], { encoding: 'utf8' });
    if (r.status !== 0) return; // msiinfo is optional here
    const cf = parseCompoundFile(fs.readFileSync(unsigned));
    const names = cf.root.children
      .filter((e) => e.name.charCodeAt(0) !== TABLE_PREFIX)
      .map((e) => decodeMsiStreamName(e.name).replace(/^\\u0005/, ''))
      .sort();
    // msiinfo prints the raw U+0005 of "\u0005SummaryInformation"; we show it escaped
    const theirs = r.stdout.split('\n').filter(Boolean).map((s) => s.replace(/^\u0005/, ''));
    expect(names).toEqual(theirs.sort());
  });

  it('the unsigned wixl package is "unsigned" for us', async () => {
    const r = await ours(unsigned);
    expect(r.format).toBe('msi');
    expect(r.verdict).toBe('unsigned');
  });

  it.each([false, true])('osslsigncode accepts the package signed by our own code (DSE %s)', async (dse) => {
    const ownSigned = path.join(dir, `own-${dse}.msi`);
    fs.writeFileSync(ownSigned, signMsi(fs.readFileSync(unsigned), { signer: pki.leaf, dse }));
    expect((await ours(ownSigned)).verdict).toBe('valid');
    const v = osslVerify(dir, ownSigned, pki.root, TIMES.signing);
    expect(v.output).toMatch(/Signature verification: ok/);
    expect(v.ok).toBe(true);
  });

  describe.each([false, true])('signed by osslsigncode (-add-msi-dse %s)', (dse) => {
    let signed: string;
    beforeAll(() => {
      signed = path.join(dir, `signed-${dse}.msi`);
      osslSign(dir, unsigned, signed, { signer: pki.leaf, hash: 'sha256', dse, time: TIMES.signing });
    });

    it('both accept the signed package', async () => {
      const r = await ours(signed);
      expect(r.failures).toEqual([]);
      expect(r.verdict).toBe('valid');
      expect(osslVerify(dir, signed, pki.root, TIMES.signing).ok).toBe(true);
    });

    it('both reject a copy with one byte changed in the cabinet stream', async () => {
      const bytes = fs.readFileSync(signed);
      const cf = parseCompoundFile(bytes);
      const cab = cf.entries.find((e) => decodeMsiStreamName(e.name) === 'product.cab');
      expect(cab).toBeDefined();
      const tampered = path.join(dir, `byte-${dse}.msi`);
      fs.writeFileSync(tampered, flipStreamByte(bytes, cab!.path, 1000));
      const r = await ours(tampered);
      expect(r.verdict).toBe('invalid');
      expect(r.failures.map((f) => f.code)).toContain('DIGEST_MISMATCH');
      expect(osslVerify(dir, tampered, pki.root, TIMES.signing).ok).toBe(false);
    });

    it('both reject a copy with one byte changed in a table stream', async () => {
      const bytes = fs.readFileSync(signed);
      const cf = parseCompoundFile(bytes);
      const table = cf.entries.find((e) => e.name.charCodeAt(0) === TABLE_PREFIX && e.size > 0);
      const tampered = path.join(dir, `table-${dse}.msi`);
      fs.writeFileSync(tampered, flipStreamByte(bytes, table!.path, 0));
      expect((await ours(tampered)).verdict).toBe('invalid');
      expect(osslVerify(dir, tampered, pki.root, TIMES.signing).ok).toBe(false);
    });

    it('appended data: we reject with TRAILING_DATA, osslsigncode 2.9 still accepts (GlueBall)', async () => {
      const appended = path.join(dir, `appended-${dse}.msi`);
      fs.writeFileSync(appended, appendToMsi(fs.readFileSync(signed), 'PK\u0003\u0004 glued payload'));
      const r = await ours(appended);
      expect(r.verdict).toBe('invalid');
      expect(r.failures.map((f) => f.code)).toEqual(['TRAILING_DATA']);
      expect(r.signatures[0].valid).toBe(true);
      expect(osslVerify(dir, appended, pki.root, TIMES.signing).ok).toBe(true);
    });
  });
});
