/**
 * `acs-gate verify` shows what `signtool verify /v` and sigcheck show: every certificate of the signing chain
 * with its expiry and SHA-1 (the leaf included), the timestamp signer's chain, and the file's version resource.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SignatureReport, VerificationResult } from '../../src/authenticode/types';
import { certificatesInFile } from '../../src/cli/file-certificates';
import { formatVerification } from '../../src/cli/format/verify';
import { buildPe } from '../helpers/pe-writer';
import { writeFixture } from '../authenticode/pe/temp-files';
import { AT, AUTOPCC, REAL_DLL, TEST_ROOT, run } from './helpers';

const NOT_CHECKED: SignatureReport['revocation'] = { checked: false, status: 'not-checked', details: [], summary: 'not checked' };

/** The blocks of a chain listing: one per certificate, root first. */
function blocks(out: string, heading: string): string[][] {
  const start = out.indexOf(heading + '\n');
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = out.slice(start + heading.length + 1).split('\n');
  const result: string[][] = [];
  let cur: string[] = [];
  for (const line of rest) {
    if (!line.startsWith(' ')) {
      if (line === '' && cur.length) {
        result.push(cur);
        cur = [];
        continue;
      }
      break;
    }
    cur.push(line.trim());
  }
  return result;
}

describe('verify: certificates and version resource, as signtool /v and sigcheck print them', () => {
  it('lists every chain certificate of the real ACS sample with expiry and SHA-1, the leaf included', async () => {
    const r = await run(['verify', REAL_DLL]);
    expect(r.code).toBe(0);
    const chain = blocks(r.out, 'Signing Certificate Chain:');
    expect(chain.map((b) => b[0])).toEqual([
      'Issued to: Microsoft Identity Verification Root Certificate Authority 2020',
      'Issued to: Microsoft ID Verified Code Signing PCA 2021',
      'Issued to: Microsoft ID Verified CS AOC CA 02',
      'Issued to: Joel Verhagen',
    ]);
    const inFile = await certificatesInFile(REAL_DLL, 'pe');
    const leaf = inFile.find((c) => c.subject.includes('CN=Joel Verhagen'))!;
    expect(chain[3]).toEqual([
      'Issued to: Joel Verhagen',
      'Issued by: Microsoft ID Verified CS AOC CA 02',
      `Expires:   ${new Date(leaf.validTo).toUTCString()}`,
      `SHA1 hash: ${leaf.fingerprint.replace(/:/g, '')}`,
    ]);
    for (const b of chain) {
      expect(b[2]).toMatch(/^Expires: {3}\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      expect(b[3]).toMatch(/^SHA1 hash: [0-9A-F]{40}$/);
    }
  });

  it("lists the timestamp signer's chain under \"Timestamp Verified by:\", signer last", async () => {
    const r = await run(['verify', REAL_DLL]);
    const ts = blocks(r.out, 'Timestamp Verified by:');
    expect(ts.map((b) => b[0])).toEqual([
      'Issued to: Microsoft Identity Verification Root Certificate Authority 2020',
      'Issued to: Microsoft Public RSA Timestamping CA 2020',
      'Issued to: Microsoft Public RSA Time Stamping Authority',
    ]);
    expect(ts[2]).toEqual([
      'Issued to: Microsoft Public RSA Time Stamping Authority',
      'Issued by: Microsoft Public RSA Timestamping CA 2020',
      'Expires:   Fri, 14 Jun 2024 19:38:09 GMT',
      'SHA1 hash: 38C311B3BFBDC09EDECB07AB252FACA2BBFC424C',
    ]);
  });

  it('shows the version resource as sigcheck does: company, description, product, versions, original name', async () => {
    const r = await run(['verify', REAL_DLL]);
    expect(r.out).toContain(
      [
        'Company:        Joel Verhagen',
        'Description:    Knapcode.MiniZip',
        'Product:        Knapcode.MiniZip',
        'Prod version:   0.21.1+607c10d76e5d00196bc91adfd2e5b56cb43c1bb4 (fixed 0.21.1.0)',
        'File version:   0.21.1.0',
        'Original name:  Knapcode.MiniZip.dll',
      ].join('\n'),
    );
  });

  it('--json carries versionInfo and the certificate summaries', async () => {
    const r = await run(['verify', REAL_DLL, '--json']);
    const j = JSON.parse(r.out) as VerificationResult;
    expect(j.versionInfo).toMatchObject({ ProductName: 'Knapcode.MiniZip', CompanyName: 'Joel Verhagen', fixedFileVersion: '0.21.1.0' });
    const sig = j.signatures[0]!;
    expect(sig.chainCertificates!.map((c) => c.subject)).toEqual(sig.chain);
    expect(sig.timestampChain!.map((c) => c.sha1)[0]).toBe('38C311B3BFBDC09EDECB07AB252FACA2BBFC424C');
  });

  it('prints the test-PKI sample with its TSA chain, and notes a PE without a version resource', async () => {
    const r = await run(['verify', AUTOPCC, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--at', AT]);
    expect(r.code).toBe(0);
    expect(blocks(r.out, 'Timestamp Verified by:').map((b) => b[0])).toEqual([
      'Issued to: Test Identity Verification Root CA',
      'Issued to: Test Public RSA Time Stamping Authority',
    ]);
    const plain = writeFixture(buildPe(), 'plain.exe');
    const u = await run(['verify', plain]);
    expect(u.out).toContain('Format: PE\n\nVersion info:   no version resource (the file has no resources)\n');
  });

  it('escapes control and bidi characters of certificate names and version strings', () => {
    const evil = 'CN=Evil\u001b[31m\u202eCorp';
    const cert = { subject: evil, issuer: evil, notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2030-01-01T00:00:00.000Z', sha1: 'AB'.repeat(20) };
    const sig: SignatureReport = {
      index: 0,
      nested: false,
      digestAlgorithm: 'sha256',
      digestMatches: true,
      signer: evil,
      chain: [evil],
      chainCertificates: [cert],
      timestamp: '2024-01-02T00:00:00.000Z',
      timestampKind: 'rfc3161',
      timestampChain: [cert],
      valid: true,
      acs: false,
      failures: [],
      revocation: NOT_CHECKED,
    };
    const out = formatVerification({
      file: 'x.exe',
      format: 'pe',
      verdict: 'valid',
      acs: false,
      failures: [],
      signatures: [sig],
      versionInfo: { CompanyName: 'Bad\u0007\nCo', otherStrings: [], fixedFileVersion: null, fixedProductVersion: null, stringTable: null },
    });
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(out).toContain('Company:        Bad');
    expect(out.split('\n').filter((l) => l.includes('Issued to: Evil')).length).toBe(2);
  });

  it('falls back to certificates it knows for a report without summaries (a caller-built result)', () => {
    const root = new X509Certificate(readFileSync(TEST_ROOT));
    const out = formatVerification(
      {
        file: 'x.exe',
        format: 'pe',
        verdict: 'valid',
        acs: false,
        failures: [],
        signatures: [
          { index: 0, nested: false, digestAlgorithm: 'sha256', digestMatches: true, signer: null, chain: ['CN=Leaf', 'CN=Root'], timestamp: null, timestampKind: null, valid: true, acs: false, failures: [], revocation: NOT_CHECKED },
        ],
      },
      (s) => (s === 'CN=Root' ? { subject: 'CN=Root', issuer: 'CN=Root', validTo: root.validTo, sha1: 'CD'.repeat(20) } : undefined),
    );
    expect(out).toContain('    Issued to: Root\n    Issued by: Root\n');
    expect(out).toContain(`SHA1 hash: ${'CD'.repeat(20)}`);
    expect(out).toContain('        Issued to: Leaf\n        Issued by: Root\n\n');
  });
});
