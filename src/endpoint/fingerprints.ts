/**
 * Certificate thumbprints (SHA-1 and SHA-256, hex, upper case), read once per certificate: the one cache of
 * them for the endpoint model. By certificate object (a WeakMap: the bundled root, `known` certificates), and
 * by PEM text of a root store entry (bounded: cleared past 1000 entries; the parsed certificate is kept with
 * its thumbprints, null when the PEM is not a certificate).
 */
import { X509Certificate } from 'node:crypto';

/** A certificate's thumbprints: hex, upper case, no colons. */
export interface Thumbprints {
  sha1: string;
  sha256: string;
}

const hex = (fp: string): string => fp.replace(/:/g, '').toUpperCase();

/** A known certificate's SHA-1 and SHA-256 thumbprints (hex, upper case), read once per certificate object. */
const thumbprintsOf = new WeakMap<X509Certificate, Thumbprints>();
export function thumbprints(c: X509Certificate): Thumbprints {
  let t = thumbprintsOf.get(c);
  if (!t) thumbprintsOf.set(c, (t = { sha1: hex(c.fingerprint), sha256: hex(c.fingerprint256) }));
  return t;
}

/** A root store entry's PEM read as a certificate, with its thumbprints (null: not a certificate); cached by PEM text. */
const pemCertificates = new Map<string, (Thumbprints & { cert: X509Certificate }) | null>();
export function pemCertificate(pem: string): (Thumbprints & { cert: X509Certificate }) | null {
  let r = pemCertificates.get(pem);
  if (r === undefined) {
    try {
      const cert = new X509Certificate(pem);
      r = { cert, ...thumbprints(cert) };
    } catch {
      r = null;
    }
    if (pemCertificates.size > 1000) pemCertificates.clear();
    pemCertificates.set(pem, r);
  }
  return r;
}

/** The thumbprints of a root store entry's PEM (null: not a certificate). */
export function pemFingerprint(pem: string): Thumbprints | null {
  return pemCertificate(pem);
}
