/** End to end through the real verifier with MSI packages signed by the test ACS PKI. */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MachineProfile } from '../../src/endpoint/profile';
import { simulate } from '../../src/installers/simulate';
import { appendToMsi, sampleMsi } from '../helpers/msi-writer';
import { createTestPki, TIMES } from '../helpers/pki';
import { signMsi } from '../helpers/sign-msi';
import { seedFilled } from '../messages/seed-file';
import { ready, rootMissing } from './fixtures';

const thumb = (c: X509Certificate): string => c.fingerprint.replace(/:/g, '');

describe('MSI install paths through the real verifier', () => {
  const pki = createTestPki();
  const known = [pki.root.x509, pki.tsaRoot.x509];
  const trust = { known, acsRoots: [pki.root.x509] };
  let msi = '';
  let glued = '';

  let dir = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-installers-msi-'));
    const signedMsi = signMsi(sampleMsi(), { signer: pki.leaf, dse: true, timestamp: { kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing } });
    msi = join(dir, 'agent_cloud_x64.msi');
    writeFileSync(msi, signedMsi);
    glued = join(dir, 'glued.msi');
    writeFileSync(glued, appendToMsi(signedMsi, 'PK\u0003\u0004 glued payload'));
  });

  function machine(name: string, roots: X509Certificate[]): MachineProfile {
    return { name, role: 'endpoint', os: { version: '10.0.19045', ubr: 2965 }, hotfixes: [], rootStore: roots.map(thumb), rootAutoUpdate: false, online: false };
  }

  it('passes an MSI signed by the test ACS PKI (SaaS standalone installer) on a machine that trusts that root', async () => {
    const run = await simulate('saas-msi', { machine: machine('PC04', known), readiness: ready('PC04'), artifact: { kind: 'file', path: msi }, at: TIMES.later, trust });
    expect(run.verification?.format).toBe('msi');
    expect(run.verification?.acs).toBe(true);
    expect(run.decision).toBe('allowed');
  });

  it('blocks that MSI with the cannot-install popup on a machine without the root', async () => {
    const run = await simulate('saas-msi', { machine: machine('PC05', [pki.tsaRoot.x509]), readiness: rootMissing('PC05'), artifact: { kind: 'file', path: msi }, at: TIMES.later, trust });
    expect(run.decision).toBe('blocked');
    expect(run.popups.map((p) => p.text)).toEqual([seedFilled('M-NOACS')]);
  });

  it('blocks an MSI with data glued after its signature (CVE-2020-1464) even on a ready machine', async () => {
    const run = await simulate('msi', { machine: machine('PC06', known), readiness: ready('PC06'), artifact: { kind: 'file', path: glued }, at: TIMES.later, trust });
    expect(run.decision).toBe('blocked');
    // the file's own failure (issue 18.2): INSTALLER_INVALID, none of the FAQ's ACS popups
    const evidence = run.reasons.find((r) => r.code === 'INSTALLER_INVALID')?.evidence as { codes: string[] };
    expect(evidence.codes).toContain('TRAILING_DATA');
    expect(run.popups).toEqual([]);
    expect(run.installerInvalid?.failures).toContain('TRAILING_DATA');
  });
});
