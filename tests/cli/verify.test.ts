import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUTOPCC, REAL_DLL, ROOT, run, SAMPLE_MSI, TEST_ROOT, tmpDir } from './helpers';

describe('acs-gate verify', () => {
  it('verifies the real ACS-signed sample with only the bundled root: exit 0, ACS yes, signtool-style block', async () => {
    const r = await run(['verify', REAL_DLL]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Verifying: ${REAL_DLL}`);
    expect(r.out).toContain('Signature Index: 0 (Primary Signature)');
    expect(r.out).toContain('    Issued to: Microsoft Identity Verification Root Certificate Authority 2020');
    expect(r.out).toContain('SHA1 hash: F40042E2E5F7E8EF8189FED15519AECE42C3BFA2');
    expect(r.out).toContain('Expires:   Sun, 16 Apr 2045 18:44:40 GMT');
    // the 72-hour leaf, from the file's own certificate bag
    expect(r.out).toMatch(/ {16}Issued to: Joel Verhagen\n {16}Issued by: Microsoft ID Verified CS AOC CA 02\n {16}Expires: {3}Sat, 13 Apr 2024 13:28:34 GMT\n {16}SHA1 hash: [0-9A-F]{40}\n/);
    expect(r.out).toMatch(/The signature is timestamped \(RFC 3161\): Wed, 10 Apr 2024/);
    expect(r.out).toContain(`Successfully verified: ${REAL_DLL}\nACS: yes`);
    expect(r.out).toContain('Number of errors: 0');
  });

  it('verifies at the time given by --at (2024-04-11) as well', async () => {
    const r = await run(['verify', REAL_DLL, '--at', '2024-04-11', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'valid', acs: true });
  });

  it('prints one JSON document per file, as JSON Lines when several, with the documented fields', async () => {
    const r = await run(['verify', REAL_DLL, AUTOPCC, '--json']);
    expect(r.code).toBe(1);
    const docs = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(2);
    expect(Object.keys(docs[0])).toEqual(expect.arrayContaining(['file', 'format', 'verdict', 'acs', 'failures', 'signatures']));
    expect(docs[0].signatures[0]).toMatchObject({ digestAlgorithm: 'sha256', digestMatches: true, valid: true, acs: true });
    expect(docs[0].signatures[0].chain[0]).toContain('Joel Verhagen');
    expect(docs[1]).toMatchObject({ file: AUTOPCC, format: 'pe', verdict: 'invalid', acs: false });
    expect(docs[1].failures.map((f: { code: string }) => f.code)).toContain('UNTRUSTED_ROOT');
  });

  it('trusts the anchors given by --trust, and calls them ACS only with --acs-root', async () => {
    const trusted = await run(['verify', AUTOPCC, SAMPLE_MSI, '--trust', TEST_ROOT, '--json']);
    expect(trusted.code).toBe(0);
    const [pe, msi] = trusted.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(pe).toMatchObject({ format: 'pe', verdict: 'valid', acs: false });
    expect(msi).toMatchObject({ format: 'msi', verdict: 'valid', acs: false });
    expect(pe.signatures[0].failures.map((f: { code: string }) => f.code)).toContain('NOT_ACS_ROOT');
    const acs = await run(['verify', AUTOPCC, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT]);
    expect(acs.code).toBe(0);
    expect(acs.out).toContain('ACS: yes');
  });

  it('accepts a directory of certificates for --trust', async () => {
    const r = await run(['verify', REAL_DLL, '--trust', path.join(ROOT, 'certs'), '--json']);
    expect(r.code).toBe(0);
  });

  it('reports an untrusted signature with a SignTool-style error line, exit 1', async () => {
    const r = await run(['verify', SAMPLE_MSI]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/SignTool Error: (TIMESTAMP_INVALID|UNTRUSTED_ROOT): /);
    expect(r.out).toMatch(/UNTRUSTED_ROOT: the chain ends at self-signed/);
    expect(r.out).toContain('Verdict: invalid');
    expect(r.out).toContain('Number of errors: 1');
  });

  it('reports a tampered byte as DIGEST_MISMATCH, exit 1', async () => {
    const bytes = fs.readFileSync(REAL_DLL);
    bytes[0x400] ^= 0xff;
    const f = path.join(tmpDir(), 'tampered.dll');
    fs.writeFileSync(f, bytes);
    const r = await run(['verify', f, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).failures.map((x: { code: string }) => x.code)).toContain('DIGEST_MISMATCH');
  });

  it('says unsigned for a PE without a signature and malformed for a non-PE, exit 1', async () => {
    const r = await run(['verify', path.join(ROOT, 'package.json'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'unknown', verdict: 'malformed' });
  });

  it('names a missing file in one line on stderr, exit 2, and still verifies the others', async () => {
    const missing = path.join(tmpDir(), 'nope.exe');
    const r = await run(['verify', missing, REAL_DLL]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^acs-gate verify: .*${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\n$`));
    expect(r.out).toContain(`Successfully verified: ${REAL_DLL}`);
  });

  it('rejects a bad --at, a missing FILE and an unreadable --trust with one line, exit 2', async () => {
    const badAt = await run(['verify', REAL_DLL, '--at', 'last tuesday']);
    expect(badAt.code).toBe(2);
    expect(badAt.err.split('\n')[0]).toBe('acs-gate verify: --at must be an ISO 8601 time like 2024-04-11 or 2024-04-11T09:00:00Z, got "last tuesday"');
    const noFile = await run(['verify']);
    expect(noFile.code).toBe(2);
    expect(noFile.err.split('\n')[0]).toBe('acs-gate verify: no FILE given');
    const notPem = await run(['verify', REAL_DLL, '--trust', path.join(ROOT, 'package.json')]);
    expect(notPem.code).toBe(2);
    expect(notPem.err).toBe(`acs-gate verify: ${path.join(ROOT, 'package.json')}: not a PEM or DER certificate\n`);
  });

  it('rejects padding after the PKCS #7 blob by default and allows it with --no-strict', async () => {
    // grow the primary WIN_CERTIFICATE entry by 8 zero bytes inside dwLength (CVE-2013-3900 padding)
    const pe = Buffer.from(fs.readFileSync(REAL_DLL));
    const peOff = pe.readUInt32LE(0x3c);
    const magic = pe.readUInt16LE(peOff + 24);
    const dirOff = peOff + 24 + (magic === 0x20b ? 112 : 96) + 4 * 8;
    const tableOff = pe.readUInt32LE(dirOff);
    const tableSize = pe.readUInt32LE(dirOff + 4);
    const entryLen = pe.readUInt32LE(tableOff);
    const aligned = entryLen + ((8 - (entryLen % 8)) % 8);
    if (aligned !== tableSize) return; // only a single-entry table is patched here
    const entry = Buffer.concat([pe.subarray(tableOff, tableOff + entryLen), Buffer.alloc(aligned - entryLen), Buffer.alloc(8)]);
    entry.writeUInt32LE(aligned + 8, 0);
    const out = Buffer.concat([pe.subarray(0, tableOff), entry]);
    out.writeUInt32LE(tableSize + 8, dirOff + 4);
    const f = path.join(tmpDir(), 'padded.dll');
    fs.writeFileSync(f, out);
    const strict = await run(['verify', f, '--json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.out).failures.map((x: { code: string }) => x.code)).toContain('PADDING_AFTER_SIGNATURE');
    const lax = await run(['verify', f, '--no-strict', '--json']);
    expect(JSON.parse(lax.out).failures.map((x: { code: string }) => x.code)).not.toContain('PADDING_AFTER_SIGNATURE');
  });
});
