/**
 * Parsed certificates shared across signatures and files. Files built by one pipeline carry the same
 * certificates (leaf, intermediates, timestamping chain): the same DER bytes give the same X509Certificate
 * object, so parsing, the facts memoised per object (certificates.ts) and issuer signature checks are done
 * once per certificate, not once per file. The key is the exact DER, so a crafted file cannot stand in for
 * another certificate. Bounded (least recently used first out).
 */
import { X509Certificate } from 'node:crypto';

const MAX_ENTRIES = 512;
const parsed = new Map<string, X509Certificate>();

/** The X509Certificate of these DER bytes (throws as `new X509Certificate` does on bad input). */
export function parseCertificate(der: Uint8Array): X509Certificate {
  const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('latin1');
  const hit = parsed.get(key);
  if (hit) {
    parsed.delete(key);
    parsed.set(key, hit);
    return hit;
  }
  const cert = new X509Certificate(Buffer.from(der));
  parsed.set(key, cert);
  if (parsed.size > MAX_ENTRIES) parsed.delete(parsed.keys().next().value as string);
  return cert;
}

const verified = new WeakMap<X509Certificate, WeakMap<X509Certificate, boolean>>();

/** Whether `issuer`'s key verifies `cert`'s signature, remembered per pair of certificate objects. */
export function issuerSignatureHolds(cert: X509Certificate, issuer: X509Certificate): boolean {
  let byIssuer = verified.get(cert);
  if (!byIssuer) verified.set(cert, (byIssuer = new WeakMap()));
  const hit = byIssuer.get(issuer);
  if (hit !== undefined) return hit;
  let ok: boolean;
  try {
    ok = cert.verify(issuer.publicKey);
  } catch {
    ok = false;
  }
  byIssuer.set(issuer, ok);
  return ok;
}
