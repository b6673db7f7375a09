/** Reads certificates given on the command line: PEM (one or more per file) or DER files, or a directory of them. */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CrlLimitError, parseCrlInput } from '../authenticode/trust/crl';
import { CliInputError } from './errors';
import { checkRegularFile, readRegularFile } from './io';

const CERT_FILE = /\.(pem|crt|cer|der)$/i;

function certsOfFile(file: string): X509Certificate[] {
  // a regular file within the certificate size cap (a FIFO or /dev/zero is refused at once)
  const bytes = readRegularFile(file, 'certificate');
  const text = bytes.toString('latin1');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  try {
    if (blocks) return blocks.map((b) => new X509Certificate(b));
    return [new X509Certificate(bytes)];
  } catch {
    throw new CliInputError(`${file}: not a PEM or DER certificate`);
  }
}

/** Each argument is a certificate file or a directory holding .pem/.crt/.cer/.der files. */
export function loadCertificates(args: readonly string[]): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      throw new CliInputError(`${arg}: no such certificate file or directory`);
    }
    if (!stat.isDirectory()) checkRegularFile(arg, 'certificate');
    if (stat.isDirectory()) {
      const files = fs.readdirSync(arg).filter((f) => CERT_FILE.test(f)).sort();
      if (!files.length) throw new CliInputError(`${arg}: no .pem/.crt/.cer/.der certificate in this directory`);
      for (const f of files) out.push(...certsOfFile(path.join(arg, f)));
    } else out.push(...certsOfFile(arg));
  }
  return out;
}

/**
 * Certificates a machine's Root store may name by thumbprint: the bundled Microsoft root, always, plus the
 * caller's (a store export lists thumbprints; the simulator needs the certificates behind them).
 */
export function knownCertificates(extra: readonly X509Certificate[], bundled: X509Certificate): X509Certificate[] {
  const seen = new Set<string>();
  return [bundled, ...extra].filter((c) => !seen.has(c.fingerprint256) && Boolean(seen.add(c.fingerprint256)));
}

/**
 * Each argument is a CRL file (DER, or PEM with one or more "X509 CRL" blocks). Returns the bytes of each,
 * checked to parse as CRLs here so that a bad file is named in the error.
 */
export function loadCrls(args: readonly string[]): Buffer[] {
  return args.map((file) => {
    // a regular file within the CRL cap (a FIFO, a device or a directory is refused, naming the file)
    const bytes = readRegularFile(file, 'crl', { flag: '--crl' });
    try {
      parseCrlInput(bytes);
    } catch (e) {
      // a CRL over a documented limit is named as such, not as "not a CRL"
      if (e instanceof CrlLimitError) throw new CliInputError(`${file}: ${e.message}`);
      throw new CliInputError(`${file}: not a DER or PEM CRL (${(e as Error).message})`);
    }
    return bytes;
  });
}
