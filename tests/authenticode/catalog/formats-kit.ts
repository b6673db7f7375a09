/**
 * Shared kit of the format tests (catalog, script, CAB, APPX): the test PKI written out for osslsigncode,
 * signing and verifying with osslsigncode, verifying with verifyFile, temp files, and an unsigned catalog
 * (CTL) builder. osslsigncode is the independent implementation the differential tests compare with; when it is
 * not on PATH those tests skip with a note (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyFile } from '../../../src/authenticode/verify-file';
import { OID } from '../../../src/authenticode/der/oids';
import type { VerificationResult, VerifyOptions } from '../../../src/authenticode/types';
import * as der from '../../helpers/der';
import { spcPeImageData } from '../../helpers/authenticode-builder';
import { createTestPki, TIMES, type TestPki } from '../../helpers/pki';

export const HAS_OSSLSIGNCODE = spawnSync('osslsigncode', ['--version']).status === 0;
if (!HAS_OSSLSIGNCODE) {
  console.log('format tests: osslsigncode is not on PATH; differential checks skipped (.ci/run installs it with apt-get)');
}
/** `it` for tests that need osslsigncode */
export const itOssl = HAS_OSSLSIGNCODE ? it : it.skip;

let dir: string | null = null;
let n = 0;
if (typeof afterAll === 'function') {
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
}
export function tempDir(): string {
  if (!dir) dir = mkdtempSync(path.join(os.tmpdir(), 'acs-formats-'));
  return dir;
}
/** Writes bytes to a fresh temp file named `name` (in its own sub-folder, so the name is kept) and returns its path. */
export function writeTemp(name: string, bytes: Uint8Array | string): string {
  const p = freshPath(name);
  writeFileSync(p, bytes);
  return p;
}
/** A path named `name` in a fresh sub-folder of the temp dir (nothing written). */
export function freshPath(name: string): string {
  const sub = path.join(tempDir(), String(n++));
  mkdirSync(sub, { recursive: true });
  return path.join(sub, name);
}

export const pki: TestPki = createTestPki();
/** a PKI the verifier does not trust (same shape, other keys and names) */
export const otherPki: TestPki = createTestPki({ label: 'Other' });
/** when fixtures are judged: inside the test leaf's 72 hours */
export const AT = new Date(TIMES.signing.getTime() + 3600_000);

const unix = (d: Date): string => String(Math.floor(d.getTime() / 1000));

function keyFiles(p: TestPki): { chain: string; key: string; root: string } {
  return {
    chain: writeTemp('chain.pem', p.leaf.pem + p.issuingCa.pem + p.pca.pem),
    key: writeTemp('leaf-key.pem', p.leaf.keyPem),
    root: writeTemp('root.pem', pki.root.pem), // osslsigncode always trusts only the main test root
  };
}

export interface OsslSign {
  hash?: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  /** sign with the untrusted PKI */
  other?: boolean;
  nest?: boolean;
}

/** Signs `input` into a new file named `outName` with osslsigncode; throws with its output when it fails. */
export function osslSign(input: string, outName: string, o: OsslSign = {}): string {
  const k = keyFiles(o.other ? otherPki : pki);
  const out = freshPath(outName);
  const h = o.hash ?? 'sha256';
  const args = ['sign', ...(o.nest ? ['-nest'] : []), '-certs', k.chain, '-key', k.key, '-h', h === 'sha256' ? 'sha2' : h, '-time', unix(TIMES.signing), '-in', input, '-out', out];
  const r = spawnSync('osslsigncode', args, { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`osslsigncode sign failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  return out;
}

export interface OsslVerdict {
  ok: boolean;
  output: string;
}

/** `osslsigncode verify -CAfile root -time AT [-catalog CAT] -in file` */
export function osslVerify(file: string, catalog?: string): OsslVerdict {
  const root = writeTemp('root.pem', pki.root.pem);
  const args = ['verify', '-CAfile', root, '-time', unix(AT), '-ignore-cdp', '-ignore-crl', ...(catalog ? ['-catalog', catalog] : []), '-in', file];
  const r = spawnSync('osslsigncode', args, { encoding: 'utf8', timeout: 60000 });
  return { ok: r.status === 0, output: `${r.stdout}\n${r.stderr}` };
}

/** verifyFile with the test root trusted, at AT. */
export function ours(file: string, extra: VerifyOptions = {}): Promise<VerificationResult> {
  return verifyFile(file, { trust: [pki.root.pem], acsRoots: [pki.root.pem], at: AT, ...extra });
}

export const codes = (r: VerificationResult): string[] => r.failures.map((f) => f.code);

// ---------------------------------------------------------------- catalogs

export interface MemberSpec {
  /** the "File" name */
  name?: string;
  algorithm: 'sha1' | 'sha256';
  digest: Buffer;
  /** SpcPeImageData for PE members, SPC_CAB_DATA for flat files */
  kind: 'pe' | 'flat';
}

const DIGEST_OIDS = { sha1: OID.sha1, sha256: OID.sha256 } as const;

function bmp(s: string): Buffer {
  return der.tlv(0x1e, Buffer.from(s, 'utf16le').swap16());
}

function member(m: MemberSpec, version: 1 | 2): Buffer {
  const tag = version === 1 ? Buffer.from(`${m.digest.toString('hex').toUpperCase()}\0`, 'utf16le') : m.digest;
  const data = m.kind === 'pe' ? der.seq(der.oid(OID.spcPeImageData), spcPeImageData()) : der.seq(der.oid(OID.spcCabData), der.explicit(2, der.implicitPrimitive(0, Buffer.alloc(0))));
  const spc = der.seq(data, der.seq(der.algorithm(DIGEST_OIDS[m.algorithm]), der.octets(m.digest)));
  const attrs = [der.seq(der.oid(OID.spcIndirectData), der.set(spc))];
  if (m.name !== undefined) {
    const nv = der.seq(bmp('File'), der.int(0x10010001), der.octets(Buffer.from(`${m.name}\0`, 'utf16le')));
    attrs.push(der.seq(der.oid(OID.catNameValue), der.set(nv)));
  }
  return der.seq(der.octets(tag), der.set(...attrs));
}

/** The CTL of a catalog listing `members` (catalog version 1 = SHA-1 era tags as UTF-16 hex, 2 = raw digests). */
export function ctl(members: MemberSpec[], version: 1 | 2 = 2, usage: string = OID.catalogList): Buffer {
  return der.seq(
    der.seq(der.oid(usage)),
    der.octets(Buffer.alloc(16, 0x42)),
    der.utcTime(TIMES.signing),
    der.seq(der.oid(version === 1 ? '1.3.6.1.4.1.311.12.1.2' : '1.3.6.1.4.1.311.12.1.3'), der.nul()),
    der.seq(...members.map((m) => member(m, version))),
  );
}

/** An unsigned catalog: ContentInfo(SignedData { v1, no digest algorithms, CTL, no signers }), as MakeCat writes before signing. */
export function unsignedCatalog(ctlDer: Buffer): Buffer {
  const sd = der.seq(der.int(1), der.set(), der.seq(der.oid(OID.ctl), der.explicit(0, ctlDer)), der.set());
  return der.seq(der.oid(OID.signedData), der.explicit(0, sd));
}

/** A catalog listing `members`, signed by osslsigncode (the test PKI, or the untrusted one). */
export function signedCatalog(members: MemberSpec[], o: OsslSign & { version?: 1 | 2 } = {}): string {
  const unsigned = writeTemp('unsigned.cat', unsignedCatalog(ctl(members, o.version ?? 2)));
  return osslSign(unsigned, 'signed.cat', o);
}
