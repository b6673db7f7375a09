import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import * as path from 'node:path';
import { ACS_SHA1, assess } from './helpers';

const ROOT_PEM = readFileSync(path.join(__dirname, '../../certs/microsoft-identity-verification-root-ca-2020.pem'), 'utf8');
const OTHER_PEM = readFileSync(path.join(__dirname, '../../certs/microsoft-id-verified-code-signing-pca-2021.pem'), 'utf8');
const WIN11 = { version: '10.0.22631', ubr: 3880, caption: 'Microsoft Windows 11 Pro', productType: 'workstation' as const };

describe('root trust (spec 1.2)', () => {
  it('Windows 11, root missing and automatic root update off: not ready, ROOT_NOT_TRUSTED with certutil and Import-Certificate', () => {
    const r = assess({ os: WIN11, rootStore: ['CDD4EEAE6000AC7F40C3802C171E30148030C072'], rootAutoUpdate: false, online: true });
    expect(r.ready).toBe(false);
    expect(r.os.supported).toBe(true);
    expect(r.root).toEqual({ trusted: false, via: null });
    expect(r.reasons.map((x) => x.code)).toEqual(['ROOT_NOT_TRUSTED']);
    // one step: certutil, or PowerShell, or automatic root update (alternatives of one step are one step)
    expect(r.remediation).toHaveLength(1);
    expect(r.remediation[0]).toContain('(PowerShell: Import-Certificate -FilePath microsoft-identity-verification-root-ca-2020.cer -CertStoreLocation Cert:\\LocalMachine\\Root)');
    expect(r.remediation[0]).toContain('; or re-enable automatic root certificate update');
    expect(r.remediation.join('\n')).toContain('certutil -addstore Root microsoft-identity-verification-root-ca-2020.cer');
  });
  it('Windows 11, root missing, auto-update on and online: ready via auto-update', () => {
    const r = assess({ os: WIN11, rootStore: ['CDD4EEAE6000AC7F40C3802C171E30148030C072'], rootAutoUpdate: true, online: true });
    expect(r.ready).toBe(true);
    expect(r.root).toEqual({ trusted: true, via: 'auto-update' });
    expect(r.reasons).toEqual([]);
    expect(r.remediation).toEqual([]);
  });
  it('root missing, auto-update on but offline: ROOT_NOT_TRUSTED', () => {
    const r = assess({ os: WIN11, rootStore: [], rootAutoUpdate: true, online: false });
    expect(r.ready).toBe(false);
    expect(r.reasons[0]!.message).toContain('offline');
  });
  it('root in the store by SHA-1 thumbprint (lower case accepted): trusted via store even offline with auto-update off', () => {
    const r = assess({ os: WIN11, rootStore: [ACS_SHA1.toLowerCase()], rootAutoUpdate: false, online: false });
    expect(r.root).toEqual({ trusted: true, via: 'store' });
    expect(r.ready).toBe(true);
  });
  it('root in the store as a PEM (matched by its fingerprint): trusted via store', () => {
    expect(assess({ os: WIN11, rootStore: [{ pem: ROOT_PEM }], rootAutoUpdate: false }).root.via).toBe('store');
  });
  it('matching is never by name: an entry with the root\'s subject but another certificate does not count', () => {
    const fake = { subject: 'CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US', pem: OTHER_PEM };
    const r = assess({ os: WIN11, rootStore: [fake], rootAutoUpdate: false, online: true });
    expect(r.root.trusted).toBe(false);
  });
  it('a PEM entry wins over a wrong typed thumbprint', () => {
    const wrongTp = new X509Certificate(OTHER_PEM).fingerprint.replace(/:/g, '');
    expect(assess({ os: WIN11, rootStore: [{ thumbprint: wrongTp, pem: ROOT_PEM }] }).root.via).toBe('store');
  });
  it('unknown root store and auto-update off: unknown, FACT_UNKNOWN rootStore (never guessed)', () => {
    const r = assess({ os: WIN11, rootAutoUpdate: false });
    expect(r.ready).toBe('unknown');
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'FACT_UNKNOWN', fact: 'rootStore' })]);
    expect(r.remediation.join('\n')).toContain('certutil -store Root');
  });
  it('root missing, auto-update on, online unknown: unknown naming online', () => {
    const r = assess({ os: WIN11, rootStore: [], rootAutoUpdate: true });
    expect(r.root.trusted).toBe('unknown');
    expect(r.reasons.map((x) => x.fact)).toEqual(['online']);
  });
  it('root missing, auto-update unknown, online: unknown naming rootAutoUpdate with the reg query to run', () => {
    const r = assess({ os: WIN11, rootStore: [], online: true });
    expect(r.reasons.map((x) => x.fact)).toEqual(['rootAutoUpdate']);
    expect(r.remediation.join('\n')).toContain('DisableRootAutoUpdate');
  });
});

describe('ready = both true; false when either is false', () => {
  it('a machine that meets nothing (Windows 10 21H2 at .1288 without the KB, root missing, auto-update off) is not ready with both reasons and both fixes', () => {
    const r = assess({ os: { version: '10.0.19044', ubr: 1288 }, hotfixes: ['KB5003791'], rootStore: [], rootAutoUpdate: false, online: false });
    expect(r.ready).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual(['OS_PATCH_MISSING', 'ROOT_NOT_TRUSTED']);
    expect(r.reasons[0]!.evidence).toMatchObject({ build: 19044, ubr: 1288, minUbr: 1586, requiredKbs: ['KB5011487'] });
    expect(r.remediation[0]).toContain('KB5011487');
    expect(r.remediation.join('\n')).toContain('certutil -addstore Root');
  });
  it('OS false and root unknown: not ready (false wins over unknown)', () => {
    expect(assess({ os: { version: '5.1.2600' } }).ready).toBe(false);
  });
  it('OS unknown and root true: unknown', () => {
    expect(assess({ os: { version: '10.0.19044' }, rootStore: [ACS_SHA1] }).ready).toBe('unknown');
  });
  it('nothing known at all: unknown, naming os.version first, with what to collect', () => {
    const r = assess({});
    expect(r.ready).toBe('unknown');
    expect(r.reasons[0]).toMatchObject({ code: 'FACT_UNKNOWN', fact: 'os.version' });
    expect(r.remediation[0]).toContain('systeminfo /fo csv');
  });
  it('19044 without UBR or hotfixes: remediation asks for the UBR reg query and Get-HotFix', () => {
    const r = assess({ os: { version: '10.0.19044' }, rootStore: [ACS_SHA1] });
    const text = r.remediation.join('\n');
    expect(text).toContain('reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR');
    expect(text).toContain('Get-HotFix | ConvertTo-Csv');
  });
});
