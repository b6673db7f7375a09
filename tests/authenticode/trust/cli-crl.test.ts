/** `acs-gate verify --crl`: CRL files (DER and PEM) as users give them, JSON and human output. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPe } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { createTestPki, issueCertificate, TIMES } from '../../helpers/pki';
import { OID } from '../../../src/authenticode/der/oids';
import { profileFile, READY_W11, run, tmpDir } from '../../cli/helpers';
import { tempDir, writeFixture } from '../pe/temp-files';
import { buildCrl, crlPem } from './crl-builder';

const pki = createTestPki();
const FRESH = { thisUpdate: new Date('2026-11-01T00:00:00Z'), nextUpdate: new Date('2026-12-31T00:00:00Z') };

function files() {
  const dir = tempDir();
  const write = (name: string, data: string | Buffer): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    return p;
  };
  return {
    root: write('root.pem', pki.root.pem),
    tsaRoot: write('tsa-root.pem', pki.tsaRoot.pem),
    revokingDer: write('issuing-ca.crl', buildCrl({ issuer: pki.issuingCa, ...FRESH, entries: [{ cert: pki.leaf, revokedAt: new Date('2024-04-10T06:00:00Z'), reason: 1 }] })),
    cleanPem: write('issuing-ca-clean.pem', crlPem(buildCrl({ issuer: pki.issuingCa, ...FRESH }))),
    notACrl: write('garbage.crl', 'this is not a CRL\r\n'),
    dir,
  };
}

describe('acs-gate verify --crl', () => {
  let exe: string;
  let f: ReturnType<typeof files>;
  beforeAll(async () => {
    exe = writeFixture(await signPe(buildPe()), 'signed.exe');
    f = files();
  });
  const base = () => ['verify', exe, '--trust', f.root, '--trust', f.tsaRoot, '--acs-root', f.root, '--at', TIMES.later.toISOString()];

  it('without --crl: valid, and the output says revocation was not checked', async () => {
    const json = await run([...base(), '--json']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out);
    expect(r.signatures[0].revocation).toMatchObject({ checked: false, status: 'not-checked' });
    const human = await run(base());
    expect(human.out).toContain('Revocation: revocation not checked: no CRL was given');
  });

  it('a DER CRL revoking the leaf before the timestamp: invalid, CERT_REVOKED, exit 1', async () => {
    const res = await run([...base(), '--crl', f.revokingDer, '--json']);
    expect(res.code).toBe(1);
    const r = JSON.parse(res.out);
    expect(r.verdict).toBe('invalid');
    expect(r.failures.map((x: { code: string }) => x.code)).toEqual(['CERT_REVOKED']);
    expect(r.signatures[0].revocation).toMatchObject({ checked: true, status: 'revoked' });
    expect(r.signatures[0].revocation.details[0]).toMatchObject({ chain: 'signer', status: 'revoked', reason: 'keyCompromise' });
    const human = await run([...base(), '--crl', f.revokingDer]);
    expect(human.out).toMatch(/Revocation: revoked: "CN=Test Publisher.*keyCompromise/);
    expect(human.out).toMatch(/CERT_REVOKED/);
  });

  it('a PEM CRL not listing the leaf: valid; the CAs above and the TSA have no CRL, so the status is unknown', async () => {
    const res = await run([...base(), '--crl', f.cleanPem, '--json']);
    expect(res.code).toBe(0);
    const rev = JSON.parse(res.out).signatures[0].revocation;
    expect(rev.status).toBe('unknown');
    expect(rev.details[0]).toMatchObject({ status: 'good' });
    expect(rev.details.filter((d: { status: string }) => d.status === 'unknown')).toHaveLength(3);
  });

  it('escapes control characters of certificate names in the revocation lines', async () => {
    const evil = issueCertificate(pki.issuingCa, {
      subject: { CN: 'Evil\u001b[2J Publisher', O: 'Test Publisher Ltd', C: 'US' },
      notBefore: TIMES.leafNotBefore,
      notAfter: TIMES.leafNotAfter,
      eku: [OID.ekuCodeSigning],
    });
    const file = writeFixture(await signPe(buildPe(), { signer: evil }), 'evil.exe');
    const crlFile = path.join(f.dir, 'evil.crl');
    fs.writeFileSync(crlFile, buildCrl({ issuer: pki.issuingCa, ...FRESH, entries: [{ cert: evil, revokedAt: new Date('2024-04-10T06:00:00Z') }] }));
    const res = await run(['verify', file, '--trust', f.root, '--trust', f.tsaRoot, '--at', TIMES.later.toISOString(), '--crl', crlFile]);
    const revocationLines = res.out.split('\n').filter((l) => l.startsWith('Revocation:') || /^ {4}(signer|timestamp) chain/.test(l));
    expect(revocationLines.join('\n')).toContain('Evil\\x1b[2J Publisher');
    expect(revocationLines.join('\n')).not.toContain('\u001b');
  });

  it('a file that is not a CRL, a missing file, a directory: exit 2 naming the file', async () => {
    for (const bad of [f.notACrl, path.join(f.dir, 'missing.crl'), f.dir]) {
      const res = await run([...base(), '--crl', bad]);
      expect(res.code).toBe(2);
      expect(res.err).toContain(bad);
      expect(res.out).toBe('');
    }
  });
});

describe('acs-gate simulate / fleet --crl', () => {
  let exe: string;
  let f: ReturnType<typeof files>;
  let machine: string;
  const sha1 = (id: { x509: { fingerprint: string } }): string => id.x509.fingerprint.replace(/:/g, '');
  beforeAll(async () => {
    exe = writeFixture(await signPe(buildPe()), 'AutoPcc.exe');
    f = files();
    machine = profileFile({ ...READY_W11, name: 'PC-CRL', rootStore: [...READY_W11.rootStore, sha1(pki.root), sha1(pki.tsaRoot)] });
  });
  const simulate = (extra: string[]) =>
    run(['simulate', 'autopcc', '--machine', machine, '--file', exe, '--trust', f.root, '--trust', f.tsaRoot, '--at', TIMES.later.toISOString(), '--json', ...extra]);

  it('simulate: the file holds without --crl and is blocked when a CRL revokes its signer', async () => {
    const ok = await simulate([]);
    expect(JSON.parse(ok.out)).toMatchObject({ decision: 'allowed', verification: { verdict: 'valid' } });
    const revoked = await simulate(['--crl', f.revokingDer]);
    expect(revoked.code).toBe(1);
    const j = JSON.parse(revoked.out);
    expect(j.decision).toBe('blocked');
    expect(j.verification.failures.map((x: { code: string }) => x.code)).toEqual(['CERT_REVOKED']);
    expect(j.verification.signatures[0].revocation.status).toBe('revoked');
  });

  it('simulate: a bad --crl file is an input error (exit 2)', async () => {
    const r = await simulate(['--crl', f.notACrl]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(f.notACrl);
  });

  it('fleet: the CRL reaches every machine\'s verification (and the cache keys on it)', async () => {
    const inventory = tmpDir();
    fs.copyFileSync(machine, path.join(inventory, 'PC-CRL.json'));
    const base = ['fleet', inventory, '--file', exe, '--path', 'autopcc', '--trust', f.root, '--trust', f.tsaRoot, '--at', TIMES.later.toISOString(), '--lang', 'en'];
    const clean = await run([...base, '--out', tmpDir()]);
    expect(clean.out).toMatch(/autopcc \(\d+-AutoPcc\.exe\)\s+allowed 1, blocked 0/);
    const revoked = await run([...base, '--crl', f.revokingDer, '--out', tmpDir()]);
    expect(revoked.out).toMatch(/autopcc \(\d+-AutoPcc\.exe\)\s+allowed 0, blocked 1/);
  });
});
