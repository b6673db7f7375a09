/**
 * APPX/MSIX packages, differential against osslsigncode: packages laid out as MakeAppx writes them (classic and
 * ZIP64 end records, stored and block-wise deflated files, SHA-256/384/512 block maps, a code-integrity catalog),
 * signed by osslsigncode with the test PKI, verified by both; tampered and appended copies; deliberate
 * differences (the block map and content-type checks osslsigncode does not make) asserted and explained.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { codes, itOssl, osslSign, osslVerify, ours, writeTemp } from '../catalog/formats-kit';
import { crc32Update } from '../../../src/authenticode/formats/zip';
import { buildAppx, DEFAULT_CONTENT_TYPES, plainZip, type PackageFile, type PackageOptions } from './appx-writer';

const MANIFEST = Buffer.from('<?xml version="1.0" encoding="utf-8"?><Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10"><Identity Name="Test.App" Publisher="CN=Test Publisher, O=Test Publisher Ltd, C=US" Version="1.0.0.0"/></Package>');
const EXE = Buffer.concat([Buffer.from('MZ'), randomBytes(150_000)]); // three 64 KiB blocks, stored (incompressible)
const TEXT = Buffer.from('x'.repeat(200_000)); // four blocks, deflated

function files(extra: PackageFile[] = []): PackageFile[] {
  return [{ name: 'app.exe', data: EXE }, { name: 'Assets/readme.xml', data: TEXT, deflate: true }, ...extra, { name: 'AppxManifest.xml', data: MANIFEST, deflate: true }];
}

function signedAppx(o: PackageOptions = {}, f: PackageFile[] = files(), signHash: 'sha256' | 'sha512' = 'sha256', name = 'app.msix'): string {
  return osslSign(writeTemp(name, buildAppx(f, o)), name, { hash: signHash });
}

function edited(file: string, edit: (b: Buffer) => Buffer | void, name = 'edited.appx'): string {
  const b = readFileSync(file);
  return writeTemp(name, edit(b) ?? b);
}

describe('signed APPX/MSIX packages: osslsigncode and verifyFile agree', () => {
  const variants: [string, PackageOptions, 'sha256' | 'sha512'][] = [
    ['classic ZIP, SHA-256 block map', {}, 'sha256'],
    ['ZIP64 end records and data descriptors (as MakeAppx), SHA-256', { zip64: true }, 'sha256'],
    ['SHA-512 block map, SHA-512 signer', { hash: 'sha512' }, 'sha512'],
    ['SHA-384 block map, SHA-256 signer (the package digest follows the block map)', { hash: 'sha384', zip64: true }, 'sha256'],
  ];
  for (const [what, o, signHash] of variants) {
    itOssl(`${what}: valid for both`, async () => {
      const file = signedAppx(o, files(), signHash);
      const r = await ours(file);
      expect(r.failures).toEqual([]);
      expect(r).toMatchObject({ format: 'appx', verdict: 'valid', acs: true });
      expect(r.signatures[0]).toMatchObject({ digestMatches: true, digestAlgorithm: o.hash ?? 'sha256' });
      expect(osslVerify(file).ok).toBe(true);
    });
  }

  itOssl('with AppxMetadata/CodeIntegrity.cat (the AXCI part): valid for both', async () => {
    const file = signedAppx({}, files([{ name: 'AppxMetadata/CodeIntegrity.cat', data: Buffer.from('0\u0003\u0006\u0001\u0000') }]));
    expect((await ours(file)).verdict).toBe('valid');
    expect(osslVerify(file).ok).toBe(true);
  });

  itOssl('a changed byte in a stored file: MALFORMED_APPX (its CRC-32 no longer holds) for us, failure for osslsigncode', async () => {
    const t = edited(signedAppx(), (b) => {
      const at = b.indexOf(EXE.subarray(70_000, 70_032));
      b[at] = b[at]! ^ 0xff;
    });
    const r = await ours(t);
    expect(codes(r)).toEqual(['MALFORMED_APPX']);
    expect(r.failures[0]!.message).toMatch(/CRC-32/);
    expect(osslVerify(t).ok).toBe(false);
  });

  itOssl('a changed byte with its CRC-32 fixed up: block map, AXPC and digest mismatches for us, failure for osslsigncode', async () => {
    const t = edited(signedAppx(), (b) => {
      const at = b.indexOf(EXE.subarray(70_000, 70_032));
      const oldCrc = crc32Update(0, EXE);
      b[at] = b[at]! ^ 0xff;
      const changed = Buffer.from(EXE);
      changed[at - b.indexOf(EXE.subarray(0, 32))] = changed[at - b.indexOf(EXE.subarray(0, 32))]! ^ 0xff;
      const newCrc = crc32Update(0, changed);
      const old = Buffer.alloc(4);
      old.writeUInt32LE(oldCrc);
      for (let i = b.indexOf(old); i >= 0; i = b.indexOf(old, i + 4)) b.writeUInt32LE(newCrc, i);
    });
    const r = await ours(t);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(expect.arrayContaining(['APPX_BLOCKMAP_MISMATCH', 'APPX_DIGEST_MISMATCH', 'DIGEST_MISMATCH']));
    expect(r.failures.find((f) => f.code === 'APPX_BLOCKMAP_MISMATCH')!.message).toMatch(/app\.exe.*block 1/);
    expect(r.failures.find((f) => f.code === 'APPX_DIGEST_MISMATCH')!.message).toMatch(/AXPC/);
    expect(osslVerify(t).ok).toBe(false);
  });

  itOssl('a changed byte in the central directory (a file time): AXCD differs for us, failure for osslsigncode', async () => {
    const file = signedAppx();
    const t = edited(file, (b) => {
      const cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      b[cd + 12] = b[cd + 12]! ^ 0x01;
    });
    const r = await ours(t);
    expect(r.verdict).toBe('invalid');
    expect(r.failures.map((f) => f.message).join('\n')).toMatch(/AXCD/);
    expect(osslVerify(t).ok).toBe(false);
  });

  itOssl('bytes appended after the end record: TRAILING_DATA (invalid) for us; not valid for osslsigncode either', async () => {
    const t = edited(signedAppx(), (b) => Buffer.concat([b, Buffer.from('appended payload')]));
    const r = await ours(t);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['TRAILING_DATA']);
    expect(osslVerify(t).ok).toBe(false);
  });

  itOssl('an unsigned package: unsigned for us, no signature for osslsigncode', async () => {
    const file = writeTemp('plain.appx', buildAppx(files()));
    const r = await ours(file);
    expect(r).toMatchObject({ format: 'appx', verdict: 'unsigned' });
    expect(osslVerify(file).ok).toBe(false);
  });

  itOssl('signed by an untrusted PKI: invalid for both', async () => {
    const file = osslSign(writeTemp('o.appx', buildAppx(files())), 'o.appx', { other: true });
    expect((await ours(file)).verdict).toBe('invalid');
    expect(osslVerify(file).ok).toBe(false);
  });

  itOssl('DELIBERATE DIFFERENCE: a block map whose block hash does not match the file, signed as it is: APPX_BLOCKMAP_MISMATCH for us (Windows refuses to install it); osslsigncode checks only the digest', async () => {
    // the first hash's first character changed (to Q, or to R when it is Q already: random content made it Q 1 time in 64)
    const file = signedAppx({ blockMap: (x) => x.replace(/Hash="([A-Za-z0-9+/])/, (_m, c: string) => `Hash="${c === 'Q' ? 'R' : 'Q'}`) });
    const r = await ours(file);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['APPX_BLOCKMAP_MISMATCH']);
    expect(r.signatures[0]!.valid).toBe(true);
    expect(osslVerify(file).ok).toBe(true);
  });

  itOssl('DELIBERATE DIFFERENCE: a file the block map does not list: APPX_BLOCKMAP_MISMATCH for us; osslsigncode accepts', async () => {
    const file = signedAppx({ unlisted: ['Assets/readme.xml'] });
    const r = await ours(file);
    expect(codes(r)).toEqual(['APPX_BLOCKMAP_MISMATCH']);
    expect(r.failures[0]!.message).toMatch(/not in the block map/);
    expect(osslVerify(file).ok).toBe(true);
  });

  itOssl('DELIBERATE DIFFERENCE: a part without a content type: MALFORMED_APPX for us; osslsigncode accepts', async () => {
    const file = signedAppx({ contentTypes: DEFAULT_CONTENT_TYPES.replace('<Default Extension="exe" ContentType="application/x-msdownload" />', '') });
    const r = await ours(file);
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_APPX']);
    expect(osslVerify(file).ok).toBe(true);
  });
});

describe('APPX structure rules', () => {
  it('a ZIP that is no package (no AppxBlockMap.xml) is UNKNOWN_FORMAT', async () => {
    const r = await ours(writeTemp('archive.zip', plainZip([{ name: 'a.txt', data: Buffer.from('hi') }])));
    expect(r).toMatchObject({ format: 'unknown', verdict: 'malformed' });
    expect(codes(r)).toEqual(['UNKNOWN_FORMAT']);
  });

  it('an entry that inflates past its declared size is MALFORMED_APPX (inflation stops at the declared size)', async () => {
    const pkg = buildAppx(files());
    // shrink app.exe's… rather the deflated readme: its central directory uncompressed size
    const name = Buffer.from('Assets/readme.xml');
    const cd = pkg.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), pkg.length - 600);
    const at = pkg.indexOf(name, cd) - 46;
    pkg.writeUInt32LE(1000, at + 24);
    const r = await ours(writeTemp('bomb.appx', pkg));
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_APPX']);
  });

  it('a truncated package, or bytes slipped between two records, never verifies', async () => {
    const pkg = buildAppx(files());
    const cut = await ours(writeTemp('cut.appx', pkg.subarray(0, pkg.length - 30)));
    expect(cut.verdict).toBe('malformed');
    expect((await ours(writeTemp('tiny.appx', pkg.subarray(0, 10)))).verdict).toBe('malformed');
    // 8 bytes inserted after the first record: offsets no longer chain
    const first = pkg.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 4);
    const gap = Buffer.concat([pkg.subarray(0, first), Buffer.alloc(8), pkg.subarray(first)]);
    const r = await ours(writeTemp('gap.appx', gap));
    expect(r.verdict).toBe('malformed');
    expect(codes(r)).toEqual(['MALFORMED_APPX']);
  });

  it('the signature must be the last record', async () => {
    const pkg = buildAppx([{ name: 'AppxSignature.p7x', data: Buffer.from('PKCX0') }, ...files()], { unlisted: ['AppxSignature.p7x'] });
    const r = await ours(writeTemp('first.appx', pkg));
    expect(codes(r)).toEqual(['MALFORMED_APPX']);
    expect(r.failures[0]!.message).toMatch(/last record/);
  });
});
