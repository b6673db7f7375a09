/**
 * Deep verification (issue 21) the way users reach it: an MSI built with wixl (an embedded MSZIP cabinet, a
 * directory tree, the real ACS-signed DLL from samples/real, a DLL signed by a non-ACS test PKI, an unsigned
 * one, a FORCE_INTEGRITY x64 DLL signed by the ACS-shaped test PKI, a custom-action DLL in the Binary table),
 * a cabinet made with gcab, and an MSIX bundle built here (an inner package holding an unsigned DLL listed in
 * its CodeIntegrity.cat catalog). Checked through verifyFile(…, { deep: true }) and, once, through the CLI as a
 * spawned process (`acs-gate verify --deep --json`). Skipped with a message when wixl / gcab / osslsigncode are absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyFile } from '../../../src/authenticode/verify-file';
import { bundledAcsRoot } from '../../../src/authenticode/trust/certificates';
import { OID } from '../../../src/authenticode/der/oids';
import type { DeepEntry, VerificationResult, VerifyOptions } from '../../../src/authenticode/types';
import { buildPe } from '../../helpers/pe-writer';
import { peDigest, signPe } from '../../helpers/sign-pe';
import { createTestPki, TIMES } from '../../helpers/pki';
import { buildAppx, DEFAULT_CONTENT_TYPES } from '../appx/appx-writer';
import { HAS_OSSLSIGNCODE, signedCatalog } from '../catalog/formats-kit';
import { transpileSources } from '../../helpers/transpiled';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const HAS_WIXL = has('wixl');
const HAS_GCAB = has('gcab');
const REAL_ACS_DLL = path.join(__dirname, '..', '..', '..', 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll');

const pki = createTestPki();
const plain = createTestPki({ label: 'Plain', leafEku: [OID.ekuCodeSigning] });
const AT = new Date(TIMES.signing.getTime() + 3600_000);
const OPTIONS: VerifyOptions = {
  trust: [pki.root.x509, pki.tsaRoot.x509, plain.root.x509, bundledAcsRoot()],
  acsRoots: [pki.root.x509, bundledAcsRoot()],
  at: AT,
};

let dir = '';
const files: Record<string, Buffer> = {};

/** FORCE_INTEGRITY: DllCharacteristics (optional header + 70) |= 0x0080, before signing */
function withForceIntegrity(pe: Buffer): Buffer {
  const at = pe.readUInt32LE(0x3c) + 24 + 70;
  pe.writeUInt16LE(pe.readUInt16LE(at) | 0x0080, at);
  return pe;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'acs-deep-test-'));
  const version = { fileVersion: [3, 1, 0, 7] as [number, number, number, number], strings: [['CompanyName', 'Contoso'], ['FileVersion', '3.1.0.7']] as Array<[string, string]> };
  files['fi.dll'] = await signPe(withForceIntegrity(buildPe({ machine: 'x64', versionInfo: version })));
  files['plain.dll'] = await signPe(buildPe({ machine: 'x86' }), { signer: plain.leaf });
  files['unsigned.dll'] = buildPe({ machine: 'arm64' });
  files['acs-real.dll'] = Buffer.from(require('node:fs').readFileSync(REAL_ACS_DLL));
  files['readme.txt'] = Buffer.from('Contoso Security Agent\r\n');
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const byPath = (r: VerificationResult): Map<string, DeepEntry> => new Map((r.contents ?? []).map((e) => [e.path, e]));

function expectModules(r: VerificationResult, prefix: string, names: { fi: string; plain: string; unsigned: string; real: string }): void {
  const m = byPath(r);
  const fi = m.get(prefix + names.fi)!;
  expect(fi).toMatchObject({ format: 'pe', verdict: 'valid', acs: true, forceIntegrity: true, machine: 'x64', signedBy: 'embedded' });
  expect(fi.versionInfo?.FileVersion).toBe('3.1.0.7');
  expect(fi.size).toBe(files['fi.dll']!.length);
  expect(fi.sha256).toBe(require('node:crypto').createHash('sha256').update(files['fi.dll']!).digest('hex'));
  expect(m.get(prefix + names.plain)).toMatchObject({ verdict: 'valid', acs: false, forceIntegrity: false, machine: 'x86', signedBy: 'embedded' });
  expect(m.get(prefix + names.unsigned)).toMatchObject({ verdict: 'unsigned', acs: false, forceIntegrity: false, machine: 'arm64', signedBy: 'none' });
  expect(m.get(prefix + names.real)).toMatchObject({ verdict: 'valid', acs: true, forceIntegrity: false, machine: 'x86', signedBy: 'embedded' });
}

const describeWixl = HAS_WIXL ? describe : describe.skip;
if (!HAS_WIXL) test.skip('deep verification of an MSI: wixl is not installed (apt-get install wixl)', () => undefined);

describeWixl('an MSI built with wixl', () => {
  let msi = '';
  beforeAll(() => {
    const wxs = `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="Security Agent" Language="1033" Version="3.1.0" Manufacturer="Contoso" UpgradeCode="12345678-1234-1234-1234-123456789012">
    <Package InstallerVersion="200" Compressed="yes" />
    <Media Id="1" Cabinet="agent.cab" EmbedCab="yes" />
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFilesFolder">
        <Directory Id="CONTOSO" Name="Contoso">
          <Directory Id="INSTALLDIR" Name="Security Agent">
            <Component Id="Core" Guid="11111111-1111-1111-1111-111111111111">
              <File Id="agent.dll" Name="agent.dll" Source="fi.dll" KeyPath="yes" />
              <File Id="readme" Name="readme.txt" Source="readme.txt" />
            </Component>
            <Directory Id="PLUGINS" Name="plugins">
              <Component Id="Plugins" Guid="22222222-2222-2222-2222-222222222222">
                <File Id="plain.dll" Name="plain.dll" Source="plain.dll" KeyPath="yes" />
                <File Id="unsigned.dll" Name="unsigned.dll" Source="unsigned.dll" />
                <File Id="minizip.dll" Name="Knapcode.MiniZip.dll" Source="acs-real.dll" />
              </Component>
            </Directory>
          </Directory>
        </Directory>
      </Directory>
    </Directory>
    <Binary Id="CheckAcs" SourceFile="fi.dll" />
    <Feature Id="Main" Level="1"><ComponentRef Id="Core" /><ComponentRef Id="Plugins" /></Feature>
  </Product>
</Wix>`;
    writeFileSync(path.join(dir, 'agent.wxs'), wxs);
    const r = spawnSync('wixl', ['-o', 'agent.msi', 'agent.wxs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`wixl failed: ${r.stderr}`);
    msi = path.join(dir, 'agent.msi');
  }, 120_000);

  it('lists each file at its installed path with verdict, acs, forceIntegrity, machine and the summary', async () => {
    const r = await verifyFile(msi, { ...OPTIONS, deep: true });
    expect(r.verdict).toBe('unsigned'); // the package itself, as without --deep
    const base = '[ProgramFilesFolder]Contoso\\Security Agent\\';
    expectModules(r, base, { fi: 'agent.dll', plain: 'plugins\\plain.dll', unsigned: 'plugins\\unsigned.dll', real: 'plugins\\Knapcode.MiniZip.dll' });
    const m = byPath(r);
    expect(m.get(base + 'readme.txt')).toMatchObject({ format: 'unknown', verdict: 'unsigned', signedBy: 'none', forceIntegrity: null, machine: null });
    expect(m.get(base + 'agent.dll')!.source).toBe('cabinet #agent.cab');
    expect(m.get('[Binary]CheckAcs')).toMatchObject({ source: 'Binary table', verdict: 'valid', acs: true, forceIntegrity: true });
    const s = r.deepSummary!;
    expect(s.files).toBe(6);
    expect(s.verdicts).toEqual({ valid: 4, invalid: 0, unsigned: 2, malformed: 0 });
    expect(s.acsModules.sort()).toEqual([base + 'agent.dll', base + 'plugins\\Knapcode.MiniZip.dll', '[Binary]CheckAcs'].sort());
    expect(s.forceIntegrityModules.sort()).toEqual([base + 'agent.dll', '[Binary]CheckAcs'].sort());
    expect(s.conclusion).toBe(`2 modules will not load on a machine without ACS support: ${s.needAcs.join(', ')}`);
    expect([...s.needAcs].sort()).toEqual([base + 'agent.dll', '[Binary]CheckAcs'].sort());
    expect(s.truncated).toBe(false);
    expect(s.notes).toEqual([]);
  }, 120_000);

  it('names the bound when fewer files may be read, and leaves no temporary files', async () => {
    // a temporary root of this test's own: counting acs-deep-* in the shared /tmp failed when another full run
    // was unpacking at the same time; here nothing else writes, so what is left is what this run left
    const temp = mkdtempSync(path.join(os.tmpdir(), 'acs-dtest-'));
    try {
      const r = await verifyFile(msi, { ...OPTIONS, deep: { maxFiles: 2, tempDir: temp } });
      expect(r.contents).toHaveLength(2);
      expect(r.deepSummary!.truncated).toBe(true);
      expect(r.deepSummary!.notes.join('\n')).toMatch(/bound of 2 files read in all was reached/);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }, 120_000);

  it('opens an MSI nested in another one (Binary table) and names its modules as "outer > inner"', async () => {
    const nest = path.join(dir, 'nest');
    mkdirSync(nest);
    copyFileSync(msi, path.join(nest, 'inner.msi'));
    copyFileSync(path.join(dir, 'readme.txt'), path.join(nest, 'readme.txt'));
    writeFileSync(
      path.join(nest, 'outer.wxs'),
      `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="Bootstrap" Language="1033" Version="1.0.0" Manufacturer="Contoso" UpgradeCode="12345678-1234-1234-1234-1234567890cc">
    <Package InstallerVersion="200" Compressed="yes" />
    <Media Id="1" Cabinet="o.cab" EmbedCab="yes" />
    <Directory Id="TARGETDIR" Name="SourceDir"><Directory Id="ProgramFilesFolder"><Directory Id="B" Name="Bootstrap">
      <Component Id="R" Guid="55555555-5555-5555-5555-555555555555"><File Id="readme" Name="readme.txt" Source="readme.txt" KeyPath="yes" /></Component>
    </Directory></Directory></Directory>
    <Binary Id="InnerPackage" SourceFile="inner.msi" />
    <Feature Id="F" Level="1"><ComponentRef Id="R" /></Feature>
  </Product>
</Wix>`,
    );
    expect(spawnSync('wixl', ['-o', 'outer.msi', 'outer.wxs'], { cwd: nest }).status).toBe(0);
    const r = await verifyFile(path.join(nest, 'outer.msi'), { ...OPTIONS, deep: true });
    const inner = byPath(r).get('[Binary]InnerPackage')!;
    expect(inner.format).toBe('msi');
    expect(inner.contents!.length).toBe(6);
    expect([...r.deepSummary!.needAcs].sort()).toEqual(['[Binary]InnerPackage > [Binary]CheckAcs', '[Binary]InnerPackage > [ProgramFilesFolder]Contoso\\Security Agent\\agent.dll']);
    expect(r.deepSummary!.files).toBe(2 + 6);
  }, 120_000);

  (HAS_GCAB ? it : it.skip)('reads an external cabinet beside the MSI (made with gcab), and says when it is missing', async () => {
    const ext = path.join(dir, 'ext');
    mkdirSync(ext);
    for (const f of ['fi.dll', 'readme.txt']) copyFileSync(path.join(dir, f), path.join(ext, f));
    writeFileSync(
      path.join(ext, 'ext.wxs'),
      `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="Ext" Language="1033" Version="1.0.0" Manufacturer="Contoso" UpgradeCode="12345678-1234-1234-1234-123456789099">
    <Package InstallerVersion="200" Compressed="yes" />
    <Media Id="1" Cabinet="payload.cab" EmbedCab="no" />
    <Directory Id="TARGETDIR" Name="SourceDir"><Directory Id="ProgramFiles64Folder"><Directory Id="APP" Name="App">
      <Component Id="C" Guid="33333333-3333-3333-3333-333333333333"><File Id="app.dll" Name="app.dll" Source="fi.dll" KeyPath="yes" /><File Id="notes" Name="notes.txt" Source="readme.txt" /></Component>
    </Directory></Directory></Directory>
    <Feature Id="F" Level="1"><ComponentRef Id="C" /></Feature>
  </Product>
</Wix>`,
    );
    const w = spawnSync('wixl', ['-o', 'ext.msi', 'ext.wxs'], { cwd: ext, encoding: 'utf8', timeout: 120_000 });
    expect(w.status).toBe(0);
    const missing = await verifyFile(path.join(ext, 'ext.msi'), { ...OPTIONS, deep: true });
    expect(missing.contents).toEqual([]);
    expect(missing.deepSummary!.notes.join('\n')).toMatch(/the external cabinet payload\.cab is not beside the package/);
    // the cabinet's members are named by the File table's keys
    const cabSrc = path.join(ext, 'cab');
    mkdirSync(cabSrc);
    copyFileSync(path.join(ext, 'fi.dll'), path.join(cabSrc, 'app.dll'));
    copyFileSync(path.join(ext, 'readme.txt'), path.join(cabSrc, 'notes'));
    expect(spawnSync('gcab', ['-c', '-z', path.join(ext, 'payload.cab'), 'app.dll', 'notes'], { cwd: cabSrc }).status).toBe(0);
    const r = await verifyFile(path.join(ext, 'ext.msi'), { ...OPTIONS, deep: true });
    expect(byPath(r).get('[ProgramFiles64Folder]App\\app.dll')).toMatchObject({ source: 'cabinet payload.cab', verdict: 'valid', acs: true, forceIntegrity: true, machine: 'x64' });
    expect(byPath(r).get('[ProgramFiles64Folder]App\\notes.txt')).toMatchObject({ verdict: 'unsigned', size: files['readme.txt']!.length });
  }, 120_000);

  it('acs-gate verify --deep --json (spawned) prints the contents and the summary', () => {
    const js = transpileSources();
    try {
      const trust = path.join(dir, 'trust.pem');
      writeFileSync(trust, pki.root.pem + pki.tsaRoot.pem + plain.root.pem);
      const acsRoot = path.join(dir, 'acs-root.pem');
      writeFileSync(acsRoot, pki.root.pem);
      const r = spawnSync(process.execPath, [path.join(js, 'acs-gate.js'), 'verify', '--deep', '--json', '--trust', trust, '--acs-root', acsRoot, '--at', AT.toISOString(), msi], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1); // the package is unsigned
      const out = JSON.parse(r.stdout) as VerificationResult;
      const base = '[ProgramFilesFolder]Contoso\\Security Agent\\';
      expect(out.contents!.map((e) => e.path).sort()).toEqual(
        ['agent.dll', 'readme.txt', 'plugins\\plain.dll', 'plugins\\unsigned.dll', 'plugins\\Knapcode.MiniZip.dll'].map((p) => base + p).concat('[Binary]CheckAcs').sort(),
      );
      expect(out.deepSummary!.needAcs.sort()).toEqual([base + 'agent.dll', '[Binary]CheckAcs'].sort());
      // the text form names them too
      const t = spawnSync(process.execPath, [path.join(js, 'acs-gate.js'), 'verify', '--deep', '--trust', trust, '--acs-root', acsRoot, '--at', AT.toISOString(), msi], { encoding: 'utf8', timeout: 120_000 });
      expect(t.stdout).toContain('2 modules will not load on a machine without ACS support');
      expect(t.stdout).toContain(`${base}agent.dll  [valid, ACS, FORCE_INTEGRITY, x64, signed, version 3.1.0.7]`);
    } finally {
      rmSync(js, { recursive: true, force: true });
    }
  }, 180_000);
});

const describeGcab = HAS_GCAB ? describe : describe.skip;
if (!HAS_GCAB) test.skip('deep verification of a CAB: gcab is not installed (apt-get install gcab)', () => undefined);

describeGcab('a cabinet made with gcab (MSZIP)', () => {
  it('lists each member by its path inside, with the same judgements', async () => {
    const src = path.join(dir, 'cabsrc');
    mkdirSync(path.join(src, 'bin'), { recursive: true });
    copyFileSync(path.join(dir, 'fi.dll'), path.join(src, 'bin', 'agent.dll'));
    copyFileSync(path.join(dir, 'plain.dll'), path.join(src, 'bin', 'plain.dll'));
    copyFileSync(path.join(dir, 'unsigned.dll'), path.join(src, 'unsigned.dll'));
    copyFileSync(path.join(dir, 'acs-real.dll'), path.join(src, 'minizip.dll'));
    const g = spawnSync('gcab', ['-c', '-z', path.join(dir, 'agent.cab'), 'bin/agent.dll', 'bin/plain.dll', 'unsigned.dll', 'minizip.dll'], { cwd: src, encoding: 'utf8' });
    expect(g.status).toBe(0);
    const r = await verifyFile(path.join(dir, 'agent.cab'), { ...OPTIONS, deep: true });
    expect(r.format).toBe('cab');
    expect(r.verdict).toBe('unsigned');
    const sep = [...byPath(r).keys()].find((k) => k.endsWith('agent.dll'))!.includes('\\') ? '\\' : '/';
    expectModules(r, '', { fi: `bin${sep}agent.dll`, plain: `bin${sep}plain.dll`, unsigned: 'unsigned.dll', real: 'minizip.dll' });
    expect(r.deepSummary!.needAcs).toEqual([`bin${sep}agent.dll`]);
    expect(r.deepSummary!.conclusion).toBe(`1 module will not load on a machine without ACS support: bin${sep}agent.dll`);
  }, 120_000);
});

const itOssl = HAS_OSSLSIGNCODE ? it : it.skip;
const TYPES = DEFAULT_CONTENT_TYPES.replace(
  '<Override',
  '<Default Extension="dll" ContentType="application/x-msdownload" /><Default Extension="msix" ContentType="application/vnd.ms-appx" /><Override',
);

describe('an MSIX bundle built here', () => {
  itOssl('opens the packages inside, and judges a member by the catalog inside its package', async () => {
    const catalogDigest = await peDigest(files['unsigned.dll']!, 'sha256');
    const cat = require('node:fs').readFileSync(signedCatalog([{ name: 'helper.dll', algorithm: 'sha256', digest: catalogDigest, kind: 'pe' }])) as Buffer;
    const inner = buildAppx([
      { name: 'AppxManifest.xml', data: Buffer.from('<Package/>') },
      { name: 'agent.dll', data: files['fi.dll']!, deflate: true },
      { name: 'helper.dll', data: files['unsigned.dll']! },
      { name: 'VFS/ProgramFilesX64/Contoso/minizip.dll', data: files['acs-real.dll']!, deflate: true },
      { name: 'AppxMetadata/CodeIntegrity.cat', data: cat },
    ], { contentTypes: TYPES });
    const bundle = buildAppx([
      { name: 'AppxMetadata/AppxBundleManifest.xml', data: Buffer.from('<Bundle/>') },
      { name: 'Agent_x64.msix', data: inner },
    ], { contentTypes: TYPES });
    const file = path.join(dir, 'Agent.msixbundle');
    writeFileSync(file, bundle);
    const r = await verifyFile(file, { ...OPTIONS, deep: true });
    const pkg = byPath(r).get('Agent_x64.msix')!;
    expect(pkg).toMatchObject({ format: 'appx', verdict: 'unsigned' });
    const m = new Map((pkg.contents ?? []).map((e) => [e.path, e]));
    expect(m.get('agent.dll')).toMatchObject({ verdict: 'valid', acs: true, forceIntegrity: true, machine: 'x64', signedBy: 'embedded' });
    expect(m.get('helper.dll')).toMatchObject({ verdict: 'valid', acs: true, machine: 'arm64', signedBy: 'catalog', catalog: 'AppxMetadata/CodeIntegrity.cat' });
    expect(m.get('VFS/ProgramFilesX64/Contoso/minizip.dll')).toMatchObject({ verdict: 'valid', acs: true, signedBy: 'embedded' });
    expect(m.get('AppxMetadata/CodeIntegrity.cat')).toMatchObject({ format: 'catalog', verdict: 'valid' });
    expect(r.deepSummary!.needAcs).toEqual(['Agent_x64.msix > agent.dll']);
    expect(r.deepSummary!.acsModules.sort()).toEqual(['Agent_x64.msix > VFS/ProgramFilesX64/Contoso/minizip.dll', 'Agent_x64.msix > agent.dll', 'Agent_x64.msix > helper.dll'].sort());
  }, 120_000);
});
