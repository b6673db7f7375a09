/**
 * Differential test: osslsigncode (an independent Authenticode implementation) and verifyFile must agree on
 * whether each fixture's signature holds. Fixtures are signed by osslsigncode with the test PKI's leaf and by
 * the project's own code; tampered copies of both are included. Where the two differ ON PURPOSE (policy, not
 * parsing) the fixture says why and the test checks that exact difference.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { verifyFile } from '../../../src/authenticode/verify-file';
import type { VerificationResult } from '../../../src/authenticode/types';
import { attachSignatures, buildPe, peOffsets, type PeSpec } from '../../helpers/pe-writer';
import { createTestPki, issueCertificate, issuersOf, nameCopyingRoot, TIMES } from '../../helpers/pki';
import { signatureFor, signPe } from '../../helpers/sign-pe';
import { tempDir } from './temp-files';

const OSSLSIGNCODE = 'osslsigncode';
const available = spawnSync(OSSLSIGNCODE, ['--version']).status === 0;
if (!available) {
  console.log('osslsigncode-diff: osslsigncode is not on PATH; differential test skipped (.ci/run installs it with apt-get)');
}

interface Fixture {
  name: string;
  make: () => Promise<string>; // path of the file to verify
  at: Date;
  strict?: boolean;
  /** the agreed outcome: true = both say the signature holds */
  valid: boolean;
  /** set when osslsigncode accepts what we reject by policy: why */
  policy?: string;
}

const dir = (): string => tempDir();
const file = (name: string): string => path.join(dir(), name);
const write = (name: string, bytes: Buffer): string => {
  writeFileSync(file(name), bytes);
  return file(name);
};
const epoch = (d: Date): string => String(Math.floor(d.getTime() / 1000));

function setupKeys(): { chain: string; key: string; root: string; tsaRoot: string } {
  const pki = createTestPki();
  return {
    chain: write('chain.pem', Buffer.from(pki.leaf.pem + pki.issuingCa.pem + pki.pca.pem)),
    key: write('leaf-key.pem', Buffer.from(pki.leaf.keyPem)),
    root: write('root.pem', Buffer.from(pki.root.pem)),
    tsaRoot: write('tsa-root.pem', Buffer.from(pki.tsaRoot.pem)),
  };
}

function osslSign(input: string, output: string, hash: string, nest = false): string {
  const k = setupKeys();
  execFileSync(OSSLSIGNCODE, ['sign', ...(nest ? ['-nest'] : []), '-certs', k.chain, '-key', k.key, '-h', hash, '-in', input, '-out', output], {
    stdio: 'pipe',
  });
  return output;
}

async function osslSigned(name: string, spec: PeSpec, hash: string): Promise<string> {
  return osslSign(write(`${name}.unsigned`, buildPe(spec)), file(name), hash);
}

function osslVerify(p: string, at: Date): { ok: boolean; output: string } {
  const k = setupKeys();
  const r = spawnSync(OSSLSIGNCODE, ['verify', '-CAfile', k.root, '-TSA-CAfile', k.tsaRoot, '-time', epoch(at), '-in', p], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

function flipSectionByte(p: string): string {
  const b = readFileSync(p);
  b[b.readUInt32LE(peOffsets(b).sectionTable + 20) + 3] ^= 0xff;
  const out = `${p}.tampered`;
  writeFileSync(out, b);
  return out;
}

const fixtures: Fixture[] = [
  // signed by osslsigncode
  { name: 'osslsigncode sha256, PE32+ x64', make: () => osslSigned('o-sha256-x64.exe', { machine: 'x64' }, 'sha256'), at: TIMES.signing, valid: true },
  { name: 'osslsigncode sha1, PE32 x86', make: () => osslSigned('o-sha1-x86.exe', { machine: 'x86' }, 'sha1'), at: TIMES.signing, valid: true },
  { name: 'osslsigncode sha512, PE32+ ARM64', make: () => osslSigned('o-sha512-arm64.exe', { machine: 'arm64' }, 'sha512'), at: TIMES.signing, valid: true },
  { name: 'osslsigncode sha384, EFI application', make: () => osslSigned('o-sha384.efi', { machine: 'x64', subsystem: 'efiApplication' }, 'sha384'), at: TIMES.signing, valid: true },
  { name: 'osslsigncode, image of odd length (padded by the signer)', make: () => osslSigned('o-odd.exe', { overlay: Buffer.from('xyz') }, 'sha256'), at: TIMES.signing, valid: true },
  {
    name: 'osslsigncode sha256 + nested sha1 (-nest)',
    make: async () => osslSign(await osslSigned('o-nest-base.exe', {}, 'sha256'), file('o-nested.exe'), 'sha1', true),
    at: TIMES.signing,
    valid: true,
  },
  { name: 'osslsigncode, section byte tampered', make: async () => flipSectionByte(await osslSigned('o-tamper.exe', {}, 'sha256')), at: TIMES.signing, valid: false },
  {
    name: 'osslsigncode, CheckSum field changed (excluded from the digest)',
    make: async () => {
      const p = await osslSigned('o-checksum.exe', {}, 'sha256');
      const b = readFileSync(p);
      b.writeUInt32LE(0x1234, peOffsets(b).checksum);
      writeFileSync(p, b);
      return p;
    },
    at: TIMES.signing,
    valid: true,
  },
  { name: 'osslsigncode, no timestamp, judged after the leaf expired', make: () => osslSigned('o-expired.exe', {}, 'sha256'), at: TIMES.later, valid: false },
  {
    name: 'osslsigncode, data appended after the table',
    make: async () => {
      const p = await osslSigned('o-trailing.exe', {}, 'sha256');
      appendFileSync(p, Buffer.from('appended!'));
      return p;
    },
    at: TIMES.signing,
    valid: false,
  },
  // signed by the project
  { name: 'project sha256 + RFC 3161 timestamp, judged years later', make: async () => write('p-ts.exe', await signPe(buildPe())), at: TIMES.later, valid: true },
  { name: 'project sha1, no timestamp, inside the leaf validity', make: async () => write('p-sha1.exe', await signPe(buildPe({ machine: 'x86' }), { digestAlgorithm: 'sha1', timestamp: undefined })), at: TIMES.signing, valid: true },
  { name: 'project, no timestamp, judged years later', make: async () => write('p-expired.exe', await signPe(buildPe(), { timestamp: undefined })), at: TIMES.later, valid: false },
  { name: 'project, nested sha256 inside sha1', make: async () => write('p-nested.exe', await signPe(buildPe(), { digestAlgorithm: 'sha1', nested: [{}] })), at: TIMES.later, valid: true },
  { name: 'project, section byte tampered', make: async () => flipSectionByte(write('p-tamper.exe', await signPe(buildPe()))), at: TIMES.later, valid: false },
  {
    name: 'project, signature transplanted from another image',
    make: async () => write('p-transplant.exe', attachSignatures(buildPe({ overlay: Buffer.from('victim') }), [await signatureFor(buildPe())])),
    at: TIMES.later,
    valid: false,
  },
  {
    name: 'project, chain to a self-signed root copying the trusted root\'s name',
    make: async () => {
      const impostor = nameCopyingRoot(createTestPki().root);
      const leaf = issueCertificate(impostor, {
        subject: { CN: 'Test Publisher', O: 'Test Publisher Ltd', C: 'US' },
        notBefore: TIMES.leafNotBefore,
        notAfter: TIMES.leafNotAfter,
        eku: ['1.3.6.1.5.5.7.3.3'],
        keyLabel: 'diff-impostor-leaf',
      });
      return write('p-impostor.exe', await signPe(buildPe(), { signer: leaf, certificates: [leaf, ...issuersOf(leaf)], timestamp: undefined }));
    },
    at: TIMES.signing,
    valid: false,
  },
  { name: 'unsigned image', make: async () => write('p-unsigned.exe', buildPe()), at: TIMES.signing, valid: false },
  {
    name: 'project, padding after the PKCS#7 blob, strict: false',
    make: async () => write('p-padding-lax.exe', await signPe(buildPe(), {}, { padding: Buffer.from('hidden data') })),
    at: TIMES.later,
    strict: false,
    valid: true,
  },
  {
    name: 'project, padding after the PKCS#7 blob, strict',
    make: async () => write('p-padding.exe', await signPe(buildPe(), {}, { padding: Buffer.from('hidden data') })),
    at: TIMES.later,
    valid: false,
    policy: 'CVE-2013-3900: osslsigncode does not check for data after the PKCS#7 blob; strict mode rejects it',
  },
  {
    name: 'project, MD5 digest',
    make: async () => write('p-md5.exe', await signPe(buildPe(), { digestAlgorithm: 'md5', timestamp: undefined })),
    at: TIMES.signing,
    valid: false,
    policy: 'osslsigncode accepts MD5 Authenticode digests; this verifier refuses them (WEAK_DIGEST)',
  },
];

(available ? describe : describe.skip)('osslsigncode and verifyFile agree on every fixture', () => {
  const results: { name: string; ours: VerificationResult; ossl: boolean }[] = [];

  it.each(fixtures)('$name', async (f) => {
    const p = await f.make();
    const pki = createTestPki();
    const ours = await verifyFile(p, { trust: [pki.root.pem, pki.tsaRoot.pem], acsRoots: [pki.root.pem], at: f.at, strict: f.strict ?? true });
    const ossl = osslVerify(p, f.at);
    results.push({ name: f.name, ours, ossl: ossl.ok });
    const oursValid = ours.verdict === 'valid';
    expect({ ours: oursValid, failures: ours.failures.map((x) => x.code) }).toMatchObject({ ours: f.valid });
    if (f.policy) {
      expect({ osslsigncode: ossl.ok, policy: f.policy }).toEqual({ osslsigncode: true, policy: f.policy });
    } else {
      expect({ osslsigncode: ossl.ok, output: ossl.ok === f.valid ? '' : ossl.output }).toEqual({ osslsigncode: f.valid, output: '' });
    }
  });

  it('osslsigncode finds the CheckSum the project wrote correct', () => {
    const p = file('p-ts.exe');
    expect(osslVerify(p, TIMES.later).output).not.toMatch(/invalid PE checksum/);
    expect(osslVerify(file('o-checksum.exe'), TIMES.signing).output).toMatch(/invalid PE checksum/);
  });

  it('reports every signature osslsigncode reports (nested included)', async () => {
    const nested = results.find((r) => r.name.includes('-nest'));
    expect(nested?.ours.signatures.map((s) => [s.nested, s.digestAlgorithm])).toEqual([
      [false, 'sha256'],
      [true, 'sha1'],
    ]);
  });
});
