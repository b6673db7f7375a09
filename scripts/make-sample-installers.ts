/**
 * Generates the demo's sample data (committed, so `npm start` needs no generation):
 *  - samples/installers/AutoPcc.exe: a small x86 GUI PE signed with the project's test ACS-like PKI
 *    (72-hour leaf with the ACS EKUs, RFC 3161 timestamp inside the leaf's life), like Trusted Signing output;
 *  - samples/installers/ApexOneAgent.msi: a small compound-file package signed the same way (with MsiDigitalSignatureEx);
 *  - samples/installers/test-acs-root.pem: the test root that both chain to (the timestamping authority
 *    chains to it too, as Microsoft's does to its root);
 *  - samples/fleet/: the mixed sample fleet as Windows exports (see samples/fleet/README.md), whose Root
 *    stores list the test root where they list the Microsoft root.
 * The test PKI's keys are made fresh on each run: rerun this script and commit all outputs together.
 *
 *   npx ts-node --transpile-only scripts/make-sample-installers.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OID } from '../src/authenticode/der/oids';
import { signMsi } from '../tests/helpers/sign-msi';
import { sampleMsi } from '../tests/helpers/msi-writer';
import { buildPe } from '../tests/helpers/pe-writer';
import { createTestPki, issueCertificate, TIMES, type Identity } from '../tests/helpers/pki';
import { signPe } from '../tests/helpers/sign-pe';
import { writeSampleFleet } from './sample-fleet';

const ROOT = path.join(__dirname, '..');

function autoPccLikePe(): Buffer {
  const text = Buffer.alloc(0x600);
  for (let i = 0; i < text.length; i++) text[i] = (i * 17 + 3) & 0xff;
  text[0] = 0xc3; // ret
  const rsrc = Buffer.from(
    'CompanyName\0acs-gatekeeper sample\0FileDescription\0AutoPcc-like sample installer (not Trend Micro software)\0' +
      'OriginalFilename\0AutoPcc.exe\0ProductVersion\u000014.0.0.12011\0',
    'utf16le',
  );
  return buildPe({
    machine: 'x86',
    subsystem: 'gui',
    sections: [
      { name: '.text', data: text, characteristics: 0x60000020 },
      { name: '.rsrc', data: rsrc, characteristics: 0x40000040 },
    ],
  });
}

async function main(): Promise<void> {
  const pki = createTestPki();
  const tsa: Identity = issueCertificate(pki.root, {
    subject: { CN: 'Test Public RSA Time Stamping Authority', O: 'Test PKI', C: 'US' },
    notBefore: TIMES.caNotBefore,
    notAfter: TIMES.caNotAfter,
    eku: [OID.ekuTimeStamping],
    ekuCritical: true,
  });
  const timestamp = { kind: 'rfc3161' as const, tsa, tsaChain: [tsa, pki.root], time: TIMES.signing };
  const out = path.join(ROOT, 'samples', 'installers');
  fs.mkdirSync(out, { recursive: true });

  const pe = await signPe(autoPccLikePe(), { timestamp });
  fs.writeFileSync(path.join(out, 'AutoPcc.exe'), pe);
  const msi = signMsi(sampleMsi('ApexOneAgent'), { signer: pki.leaf, timestamp, dse: true });
  fs.writeFileSync(path.join(out, 'ApexOneAgent.msi'), msi);
  fs.writeFileSync(path.join(out, 'test-acs-root.pem'), pki.root.pem);

  const testRootSha1 = pki.root.x509.fingerprint.replace(/:/g, '');
  writeSampleFleet(path.join(ROOT, 'samples', 'fleet'), { sha1: testRootSha1, subject: pki.root.subjectString });
  process.stdout.write(`wrote samples/installers (test root SHA-1 ${testRootSha1}) and samples/fleet\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`make-sample-installers: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
