/**
 * Catalog files: the catalog's own signature (a PKCS#7 SignedData over a CTL) and catalog membership
 * (verifyFile with `catalogs`), differential against osslsigncode (catalogs signed by osslsigncode with the
 * test PKI; `osslsigncode verify -catalog` for membership). Deliberate differences are asserted and explained.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import { readPeContainer } from '../../../src/authenticode/formats/pe-container';
import { parseCatalogMembers } from '../../../src/authenticode/formats/catalog';
import { buildPe } from '../../helpers/pe-writer';
import { AT, codes, ctl, freshPath, itOssl, osslSign, osslVerify, ours, signedCatalog, unsignedCatalog, writeTemp, type MemberSpec } from './formats-kit';

const sha = (alg: 'sha1' | 'sha256', b: Buffer): Buffer => createHash(alg).update(b).digest();

async function peAuthenticodeDigest(file: string, alg: 'sha1' | 'sha256'): Promise<Buffer> {
  return (await readPeContainer(file, { strict: true })).digestSource.digest(alg);
}

const INF = Buffer.from('[Version]\r\nSignature="$WINDOWS NT$"\r\nClass=System\r\n', 'latin1');

/** a copy of `file` with one byte XORed at `offset` (negative: from the end) */
function flipped(file: string, offset: number, name = 'flipped.cat'): string {
  const b = readFileSync(file);
  const at = offset < 0 ? b.length + offset : offset;
  b[at] = b[at]! ^ 0x01;
  return writeTemp(name, b);
}

describe('a catalog file verified on its own (its signature over the CTL)', () => {
  itOssl('an osslsigncode-signed catalog (SHA-256 and SHA-1) is valid for both', async () => {
    for (const hash of ['sha256', 'sha1'] as const) {
      const cat = signedCatalog([{ name: 'a.inf', algorithm: 'sha256', digest: sha('sha256', INF), kind: 'flat' }], { hash });
      const r = await ours(cat);
      expect(r).toMatchObject({ format: 'catalog', verdict: 'valid', acs: true });
      expect(r.signatures[0]).toMatchObject({ digestAlgorithm: hash, valid: true, signer: expect.stringContaining('Test Publisher') });
      expect(osslVerify(cat).ok).toBe(true);
    }
  });

  itOssl('a catalog signed by an untrusted PKI: invalid (its chain reaches no anchor: CHAIN_INCOMPLETE) for both', async () => {
    const cat = signedCatalog([{ algorithm: 'sha256', digest: sha('sha256', INF), kind: 'flat' }], { other: true });
    const r = await ours(cat);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('CHAIN_INCOMPLETE');
    expect(osslVerify(cat).ok).toBe(false);
  });

  itOssl('a changed member digest inside the signed CTL: invalid (MESSAGE_DIGEST_MISMATCH) for both', async () => {
    const digest = Buffer.alloc(32, 0x5a);
    const cat = signedCatalog([{ algorithm: 'sha256', digest, kind: 'flat' }]);
    const bytes = readFileSync(cat);
    const at = bytes.indexOf(digest);
    expect(at).toBeGreaterThan(0);
    const tampered = flipped(cat, at + 3);
    const r = await ours(tampered);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['MESSAGE_DIGEST_MISMATCH']);
    expect(osslVerify(tampered).ok).toBe(false);
  });

  itOssl('a flipped byte in the signature value: invalid (BAD_SIGNATURE) for both', async () => {
    const cat = signedCatalog([{ algorithm: 'sha256', digest: sha('sha256', INF), kind: 'flat' }]);
    const tampered = flipped(cat, -10);
    const r = await ours(tampered);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('BAD_SIGNATURE');
    expect(osslVerify(tampered).ok).toBe(false);
  });

  itOssl('DELIBERATE DIFFERENCE: data appended after the catalog is TRAILING_DATA (invalid); osslsigncode reads the first DER element and ignores the rest', async () => {
    const cat = signedCatalog([{ algorithm: 'sha256', digest: sha('sha256', INF), kind: 'flat' }]);
    const appended = freshPath('appended.cat');
    copyFileSync(cat, appended);
    appendFileSync(appended, Buffer.from('hidden payload'));
    const r = await ours(appended);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)[0]).toBe('TRAILING_DATA');
    expect(r.signatures[0]!.valid).toBe(true); // the signature itself still holds: only the appended bytes are refused
    expect(osslVerify(appended).ok).toBe(true);
  });

  itOssl('an unsigned catalog (no SignerInfo): invalid (MALFORMED_SIGNATURE); osslsigncode finds no signature', async () => {
    const cat = writeTemp('unsigned.cat', unsignedCatalog(ctl([{ algorithm: 'sha1', digest: sha('sha1', INF), kind: 'flat' }])));
    const r = await ours(cat);
    expect(r).toMatchObject({ format: 'catalog', verdict: 'invalid' });
    expect(codes(r)).toEqual(['MALFORMED_SIGNATURE']);
    expect(osslVerify(cat).ok).toBe(false);
  });

  it('a truncated catalog is invalid, never valid', async () => {
    const cat = writeTemp('t.cat', unsignedCatalog(ctl([{ algorithm: 'sha1', digest: sha('sha1', INF), kind: 'flat' }])).subarray(0, 60));
    const r = await ours(cat);
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['MALFORMED_SIGNATURE']);
  });

  it('reads the members: name, algorithm and digest, in catalog versions 1 and 2', () => {
    const members: MemberSpec[] = [
      { name: 'a.inf', algorithm: 'sha1', digest: sha('sha1', INF), kind: 'flat' },
      { name: 'b.sys', algorithm: 'sha256', digest: Buffer.alloc(32, 7), kind: 'pe' },
      { algorithm: 'sha256', digest: Buffer.alloc(32, 8), kind: 'flat' },
    ];
    for (const version of [1, 2] as const) {
      const parsed = parseCatalogMembers(unsignedCatalog(ctl(members, version)));
      expect(parsed.map((m) => [m.name, m.hashes[0]!.algorithm, m.hashes[0]!.digest.toString('hex')])).toEqual(
        members.map((m) => [m.name ?? null, m.algorithm, m.digest.toString('hex')]),
      );
    }
  });

  it('a CTL that is not a catalog list (another usage) is MALFORMED_CATALOG for the membership reader', () => {
    expect(() => parseCatalogMembers(unsignedCatalog(ctl([], 2, '1.3.6.1.4.1.311.10.3.9')))).toThrow(expect.objectContaining({ code: 'MALFORMED_CATALOG' }));
  });
});

describe('catalog membership (catalogs option)', () => {
  const pe = (): string => writeTemp('driver.sys', buildPe({ overlay: Buffer.from('payload') }));

  itOssl('an unsigned PE listed by its Authenticode SHA-256 hash is valid through the catalog, for both', async () => {
    const file = pe();
    const cat = signedCatalog([{ name: 'driver.sys', algorithm: 'sha256', digest: await peAuthenticodeDigest(file, 'sha256'), kind: 'pe' }]);
    expect((await ours(file)).verdict).toBe('unsigned');
    const r = await ours(file, { catalogs: [cat] });
    expect(r).toMatchObject({ format: 'pe', verdict: 'valid', acs: true, failures: [], signatures: [] });
    expect(r.catalog).toMatchObject({ file: cat, member: 'driver.sys', digestAlgorithm: 'sha256', hashKind: 'authenticode', valid: true });
    expect(r.catalog!.signatures[0]!.signer).toContain('Test Publisher');
    expect(osslVerify(file, cat).ok).toBe(true);
  });

  itOssl('a version 1 catalog with the SHA-1 Authenticode hash, signed with SHA-1: valid for both', async () => {
    const file = pe();
    const cat = signedCatalog([{ name: 'driver.sys', algorithm: 'sha1', digest: await peAuthenticodeDigest(file, 'sha1'), kind: 'pe' }], { version: 1, hash: 'sha1' });
    const r = await ours(file, { catalogs: [cat] });
    expect(r.verdict).toBe('valid');
    expect(r.catalog).toMatchObject({ digestAlgorithm: 'sha1', hashKind: 'authenticode' });
    expect(osslVerify(file, cat).ok).toBe(true);
  });

  itOssl('the PE changed after it was catalogued: unsigned, NOT_IN_CATALOG; osslsigncode fails', async () => {
    const file = pe();
    const cat = signedCatalog([{ algorithm: 'sha256', digest: await peAuthenticodeDigest(file, 'sha256'), kind: 'pe' }]);
    const changed = flipped(file, 0x400, 'driver.sys');
    const r = await ours(changed, { catalogs: [cat] });
    expect(r.verdict).toBe('unsigned');
    expect(codes(r)).toEqual(['NOT_SIGNED', 'NOT_IN_CATALOG']);
    expect(r.catalog).toBeNull();
    expect(osslVerify(changed, cat).ok).toBe(false);
  });

  itOssl('a PE is looked up by its Authenticode hash only: its whole-file hash in a catalog does not count (as for osslsigncode)', async () => {
    const file = pe();
    const cat = signedCatalog([{ algorithm: 'sha256', digest: sha('sha256', readFileSync(file)), kind: 'flat' }]);
    expect((await ours(file, { catalogs: [cat] })).verdict).toBe('unsigned');
    expect(osslVerify(file, cat).ok).toBe(false);
  });

  itOssl('listed in a catalog whose signature does not hold: invalid, CATALOG_INVALID then the catalog failures; osslsigncode fails', async () => {
    const file = pe();
    const cat = signedCatalog([{ algorithm: 'sha256', digest: await peAuthenticodeDigest(file, 'sha256'), kind: 'pe' }], { other: true });
    const r = await ours(file, { catalogs: [cat] });
    expect(r.verdict).toBe('invalid');
    expect(codes(r)[0]).toBe('CATALOG_INVALID');
    expect(codes(r)).toContain('CHAIN_INCOMPLETE');
    expect(r.catalog).toMatchObject({ file: cat, valid: false });
    expect(osslVerify(file, cat).ok).toBe(false);
  });

  itOssl('an embedded valid signature stays valid when no catalog lists the file', async () => {
    const signed = osslSign(pe(), 'signed.sys');
    const cat = signedCatalog([{ algorithm: 'sha256', digest: Buffer.alloc(32, 1), kind: 'pe' }]);
    const r = await ours(signed, { catalogs: [cat] });
    expect(r.verdict).toBe('valid');
    expect(r.catalog).toBeNull();
    expect(r.signatures).toHaveLength(1);
  });

  itOssl('several catalogs: the one that lists the file is named; a valid listing wins over an invalid one', async () => {
    const file = pe();
    const digest = await peAuthenticodeDigest(file, 'sha256');
    const other = signedCatalog([{ algorithm: 'sha256', digest: Buffer.alloc(32, 3), kind: 'pe' }]);
    const bad = signedCatalog([{ algorithm: 'sha256', digest, kind: 'pe' }], { other: true });
    const good = signedCatalog([{ name: 'x.sys', algorithm: 'sha256', digest, kind: 'pe' }]);
    const r = await ours(file, { catalogs: [other, bad, good] });
    expect(r.verdict).toBe('valid');
    expect(r.catalog!.file).toBe(good);
  });

  itOssl('DELIBERATE DIFFERENCE: flat files (.inf) are looked up by their whole-file hash; osslsigncode has no flat-file format and cannot check them', async () => {
    const inf = writeTemp('driver.inf', INF);
    const cat = signedCatalog([{ name: 'driver.inf', algorithm: 'sha256', digest: sha('sha256', INF), kind: 'flat' }]);
    const alone = await ours(inf);
    expect(alone).toMatchObject({ format: 'flat', verdict: 'unsigned' });
    expect(codes(alone)).toEqual(['NOT_SIGNED']);
    const r = await ours(inf, { catalogs: [cat] });
    expect(r).toMatchObject({ format: 'flat', verdict: 'valid' });
    expect(r.catalog).toMatchObject({ member: 'driver.inf', hashKind: 'flat', digest: sha('sha256', INF).toString('hex') });
    // changed by one byte: listed nowhere
    const changed = writeTemp('driver.inf', Buffer.concat([INF, Buffer.from(' ')]));
    const c = await ours(changed, { catalogs: [cat] });
    expect(c.verdict).toBe('unsigned');
    expect(codes(c)).toEqual(['NOT_SIGNED', 'NOT_IN_CATALOG']);
    if (osslVerify(inf, cat).ok) throw new Error('osslsigncode now reads flat files: revisit this difference');
  });

  itOssl('with catalogs, a file of no known format (.txt) is a flat file; without, it stays UNKNOWN_FORMAT', async () => {
    const txt = writeTemp('readme.txt', 'hello\r\n');
    const cat = signedCatalog([{ algorithm: 'sha1', digest: sha('sha1', Buffer.from('hello\r\n')), kind: 'flat' }]);
    expect(codes(await ours(txt))).toEqual(['UNKNOWN_FORMAT']);
    expect(await ours(txt, { catalogs: [cat] })).toMatchObject({ format: 'flat', verdict: 'valid' });
  });

  it('a catalog path that cannot be read (missing, a directory) is a VerifyError IO_ERROR naming it, before any verdict (issue 19)', async () => {
    const inf = writeTemp('driver.inf', INF);
    const missing = freshPath('missing.cat');
    await expect(ours(inf, { catalogs: [missing] })).rejects.toMatchObject({ name: 'VerifyError', code: 'IO_ERROR', message: expect.stringContaining(missing) });
    const dir = path.dirname(inf);
    await expect(ours(inf, { catalogs: [dir] })).rejects.toMatchObject({ name: 'VerifyError', code: 'IO_ERROR', message: expect.stringContaining('a directory') });
  });

  it('a catalog that is not DER: its failure is reported, the file is not valid', async () => {
    const inf = writeTemp('driver.inf', INF);
    const junk = writeTemp('junk.cat', Buffer.from('not a catalog'));
    const r = await ours(inf, { catalogs: [junk] });
    expect(r.verdict).toBe('unsigned');
    expect(codes(r)).toContain('MALFORMED_CATALOG');
  });

  itOssl('the same file checked again reuses the verified catalog (one options object)', async () => {
    const { verifyFiles } = await import('../../../src/authenticode/verify-file');
    const { pki } = await import('./formats-kit');
    const inf = writeTemp('driver.inf', INF);
    const cat = signedCatalog([{ algorithm: 'sha256', digest: sha('sha256', INF), kind: 'flat' }]);
    const rs = await verifyFiles([inf, inf], { trust: [pki.root.pem], acsRoots: [pki.root.pem], at: AT, catalogs: [cat] });
    expect(rs.map((r) => r.verdict)).toEqual(['valid', 'valid']);
    expect(rs[1]!.catalog!.signatures).toBe(rs[0]!.catalog!.signatures); // one verification of the catalog
  });
});
