/**
 * Driving osslsigncode (and wixl) from tests: availability probes, signing, verifying.
 * Tests that need them skip with a clear note when they are not on PATH.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Identity } from '../../helpers/pki';
import { issuersOf } from '../../helpers/pki';

export function onPath(tool: string, arg = '--version'): boolean {
  const r = spawnSync(tool, [arg], { encoding: 'utf8', timeout: 20000 });
  return r.error === undefined && r.status !== null;
}

export const HAS_OSSLSIGNCODE = onPath('osslsigncode');
export const HAS_WIXL = onPath('wixl');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface OsslSignOptions {
  signer: Identity;
  hash?: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  dse?: boolean;
  /** signing time (unix seconds): the test PKI's leaf lives only 72 hours */
  time: Date;
}

const unix = (d: Date): string => String(Math.floor(d.getTime() / 1000));

/** Sign `input` into `output` with osslsigncode; throws with its output when it fails. */
export function osslSign(dir: string, input: string, output: string, o: OsslSignOptions): void {
  const certs = path.join(dir, 'signer-chain.pem');
  const key = path.join(dir, 'signer-key.pem');
  fs.writeFileSync(certs, [o.signer, ...issuersOf(o.signer)].map((i) => i.pem).join(''));
  fs.writeFileSync(key, o.signer.keyPem);
  const hash = o.hash ?? 'sha256';
  const args = ['sign', '-certs', certs, '-key', key, '-h', hash === 'sha256' ? 'sha2' : hash, '-time', unix(o.time)];
  if (o.dse) args.push('-add-msi-dse');
  args.push('-in', input, '-out', output);
  const r = spawnSync('osslsigncode', args, { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`osslsigncode sign failed (${r.status}): ${r.stdout}\n${r.stderr}`);
}

export interface OsslVerifyResult {
  ok: boolean;
  output: string;
}

/** `osslsigncode verify -CAfile root.pem -time …` */
export function osslVerify(dir: string, file: string, root: Identity, time: Date): OsslVerifyResult {
  const ca = path.join(dir, 'ca.pem');
  fs.writeFileSync(ca, root.pem);
  const r = spawnSync(
    'osslsigncode',
    ['verify', '-CAfile', ca, '-time', unix(time), '-ignore-cdp', '-ignore-crl', '-in', file],
    { encoding: 'utf8', timeout: 60000 },
  );
  return { ok: r.status === 0, output: `${r.stdout}\n${r.stderr}` };
}
