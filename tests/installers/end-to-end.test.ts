/**
 * End to end through the real verifier: a PE signed by the test ACS PKI, and the real ACS-signed sample.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACS_ROOT_2020_PEM } from '../../src/authenticode/trust/bundled-roots';
import type { MachineProfile } from '../../src/endpoint/profile';
import { assessReadiness } from '../../src/endpoint/readiness';
import { simulate } from '../../src/installers/simulate';
import { buildPe } from '../helpers/pe-writer';
import { createTestPki, TIMES } from '../helpers/pki';
import { signPe } from '../helpers/sign-pe';
import { seedFilled } from '../messages/seed-file';
import { ready, rootMissing } from './fixtures';

const thumb = (c: X509Certificate): string => c.fingerprint.replace(/:/g, '');

describe('install paths through the real verifier', () => {
  const pki = createTestPki();
  const known = [pki.root.x509, pki.tsaRoot.x509];
  const trust = { known, acsRoots: [pki.root.x509] };
  let file = '';

  let dir = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'acs-installers-'));
    file = join(dir, 'ApexOneAgent.exe');
    writeFileSync(file, await signPe(buildPe()));
  });

  function machine(name: string, roots: X509Certificate[]): MachineProfile {
    return { name, role: 'endpoint', os: { version: '10.0.19045', ubr: 2965 }, hotfixes: [], rootStore: roots.map(thumb), rootAutoUpdate: false, online: false };
  }

  it('passes a file signed by the test ACS PKI on a machine that trusts that root', async () => {
    const run = await simulate('packager-exe', {
      machine: machine('PC01', known),
      readiness: ready('PC01'),
      artifact: { kind: 'file', path: file },
      at: TIMES.later,
      trust,
    });
    expect(run.verification?.verdict).toBe('valid');
    expect(run.verification?.acs).toBe(true);
    expect(run.decision).toBe('allowed');
    expect(run.popups).toEqual([]);
  });

  it('blocks the same file, with Bad Image then cannot-install popups, on a machine whose store lacks that root', async () => {
    const run = await simulate('packager-exe', {
      machine: machine('PC02', [pki.tsaRoot.x509]),
      readiness: rootMissing('PC02'),
      artifact: { kind: 'file', path: file, displayPath: 'C:\\Temp\\ApexOneAgent.exe' },
      at: TIMES.later,
      trust,
    });
    expect(run.decision).toBe('blocked');
    expect(run.popups.map((p) => p.text)).toEqual([seedFilled('M-BADIMAGE', 'C:\\Temp\\ApexOneAgent.exe'), seedFilled('M-NOACS')]);
    const evidence = run.reasons.find((r) => r.code === 'SIGNATURE_NOT_VALID')?.evidence as { codes: string[] };
    expect(evidence.codes).toContain('UNTRUSTED_ROOT');
    expect(run.reasons.map((r) => r.code)).toContain('ROOT_NOT_TRUSTED');
  });

  it('logs event 900 with the downloaded file path when an agent update downloads the file onto such a machine', async () => {
    const run = await simulate('agent-update', {
      machine: machine('PC03', [pki.tsaRoot.x509]),
      readiness: rootMissing('PC03'),
      artifact: { kind: 'file', path: file },
      agent: { build: 12011 },
      cycles: 2,
      at: TIMES.later,
      trust,
    });
    expect(run.downloads).toBe(1);
    expect(run.events.map((e) => e.text)).toEqual([
      seedFilled('E-900', 'C:\\Program Files (x86)\\Trend Micro\\Security Agent\\AU_Data\\AU_Temp\\ApexOneAgent.exe'),
    ]);
  });

  it('passes the real ACS sample on a patched Windows 10 22H2 whose root store holds the real root', async () => {
    const root = new X509Certificate(ACS_ROOT_2020_PEM);
    const profile: MachineProfile = {
      name: 'W10-22H2',
      role: 'endpoint',
      os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', ubr: 5131, productType: 'workstation' },
      hotfixes: [],
      rootStore: ['F40042E2E5F7E8EF8189FED15519AECE42C3BFA2'],
      rootAutoUpdate: false,
      online: false,
    };
    const readiness = assessReadiness(profile);
    expect(readiness.ready).toBe(true);
    const run = await simulate('msi', {
      machine: profile,
      readiness,
      artifact: { kind: 'file', path: join(__dirname, '..', '..', 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll') },
      at: new Date('2026-11-26T00:00:00Z'),
      trust: { known: [root] },
    });
    expect(run.verification?.verdict).toBe('valid');
    expect(run.verification?.acs).toBe(true);
    expect(run.decision).toBe('allowed');
  });

  it('blocks the real ACS sample on an offline machine without the root, as Windows would', async () => {
    const root = new X509Certificate(ACS_ROOT_2020_PEM);
    const profile: MachineProfile = {
      name: 'OFFLINE',
      role: 'endpoint',
      os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', ubr: 5131, productType: 'workstation' },
      hotfixes: [],
      rootStore: [],
      rootAutoUpdate: false,
      online: false,
    };
    const run = await simulate('msi', {
      machine: profile,
      readiness: assessReadiness(profile),
      artifact: { kind: 'file', path: join(__dirname, '..', '..', 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll'), displayPath: 'C:\\x.msi' },
      at: new Date('2026-11-26T00:00:00Z'),
      trust: { known: [root] },
    });
    expect(run.decision).toBe('blocked');
    expect(run.popups.map((p) => p.id)).toEqual(['M-NOACS']);
    expect(run.remediation.join('\n')).toMatch(/certutil -addstore Root/);
  });
});
