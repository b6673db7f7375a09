/**
 * Issue 21 in the install-path runs and the fleet report: `simulate --file` names the modules of the installer
 * that need ACS support and, on a machine without it, that they would be refused; `fleet --file` puts them in
 * the report's verifications (summary.verifications[].needAcs). The MSI is built with wixl (skipped without it):
 * a FORCE_INTEGRITY DLL signed by the ACS-shaped test PKI, and an unsigned one.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPe } from '../helpers/pe-writer';
import { signPe } from '../helpers/sign-pe';
import { createTestPki, TIMES } from '../helpers/pki';
import { MACHINES, run, tmpDir } from './helpers';

const HAS_WIXL = spawnSync('wixl', ['--version']).status === 0;
const pki = createTestPki();
const AT = new Date(TIMES.signing.getTime() + 3600_000).toISOString();
const AGENT = '[ProgramFilesFolder]Contoso\\Agent\\agent.dll';

let dir = '';
let msi = '';
let roots = '';

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

(HAS_WIXL ? describe : describe.skip)('modules that need ACS support (wixl-built MSI)', () => {
  beforeAll(async () => {
    dir = tmpDir('acs-deep-fleet-');
    const fi = buildPe({ machine: 'x64' });
    const at = fi.readUInt32LE(0x3c) + 24 + 70;
    fi.writeUInt16LE(fi.readUInt16LE(at) | 0x0080, at);
    fs.writeFileSync(path.join(dir, 'fi.dll'), await signPe(fi));
    fs.writeFileSync(path.join(dir, 'plain.dll'), buildPe({ machine: 'x64' }));
    fs.writeFileSync(
      path.join(dir, 'a.wxs'),
      `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="Agent" Language="1033" Version="1.0.0" Manufacturer="Contoso" UpgradeCode="12345678-1234-1234-1234-1234567890aa">
    <Package InstallerVersion="200" Compressed="yes" />
    <Media Id="1" Cabinet="a.cab" EmbedCab="yes" />
    <Directory Id="TARGETDIR" Name="SourceDir"><Directory Id="ProgramFilesFolder"><Directory Id="C" Name="Contoso"><Directory Id="A" Name="Agent">
      <Component Id="K" Guid="44444444-4444-4444-4444-444444444444"><File Id="agent" Name="agent.dll" Source="fi.dll" KeyPath="yes" /><File Id="plain" Name="plain.dll" Source="plain.dll" /></Component>
    </Directory></Directory></Directory></Directory>
    <Feature Id="F" Level="1"><ComponentRef Id="K" /></Feature>
  </Product>
</Wix>`,
    );
    expect(spawnSync('wixl', ['-o', 'Agent.msi', 'a.wxs'], { cwd: dir }).status).toBe(0);
    msi = path.join(dir, 'Agent.msi');
    roots = path.join(dir, 'roots.pem');
    fs.writeFileSync(roots, pki.root.pem + pki.tsaRoot.pem);
  }, 120_000);

  it('simulate --file on a machine without ACS support names the modules that would be refused', async () => {
    const machine = path.join(MACHINES, 'pc-w10-21h2-kaikei'); // ready: false (KB5011487 missing)
    const r = await run(['simulate', 'msi', '--machine', machine, '--file', msi, '--trust', roots, '--acs-root', roots, '--json', '--at', AT]);
    const out = JSON.parse(r.out) as { modulesNeedingAcs: { modules: string[]; machineAcsSupport: unknown; refused: string[] } };
    expect(out.modulesNeedingAcs.modules).toEqual([AGENT]);
    expect(out.modulesNeedingAcs.machineAcsSupport).toBe(false);
    expect(out.modulesNeedingAcs.refused).toEqual([AGENT]);
    const t = await run(['simulate', 'msi', '--machine', machine, '--file', msi, '--trust', roots, '--acs-root', roots, '--at', AT, '--lang', 'en']);
    expect(t.out).toMatch(/Modules that (will|would) be refused on this machine without ACS support[^\n]*: 1: \[ProgramFilesFolder\]Contoso\\Agent\\agent\.dll/);
  }, 120_000);

  it('fleet --file lists them per installer in the report', async () => {
    const out = tmpDir('acs-deep-fleet-out-');
    try {
      const r = await run(['fleet', path.join(MACHINES, 'pc-win7-esu'), path.join(MACHINES, 'pc-win11-01'), '--file', msi, '--trust', roots, '--acs-root', roots, '--out', out, '--at', AT, '--lang', 'en']);
      expect(r.err).toBe('');
      const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { summary: { verifications: Array<{ file: string; needAcs?: string[] }> } };
      const v = report.summary.verifications.filter((x) => x.file === msi);
      expect(v.length).toBeGreaterThan(0);
      for (const x of v) expect(x.needAcs).toEqual([AGENT]);
      const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
      expect(html).toMatch(/class="need-acs muted">.*Modules that need ACS support.*: \[ProgramFilesFolder\]Contoso\\Agent\\agent\.dll<\/div>/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
