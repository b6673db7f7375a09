/**
 * Signs PE images in tests: the Authenticode digest comes from the project's own pe-reader / pe-digest code,
 * the PKCS#7 from buildAuthenticodeSignature (test PKI). Several WIN_CERTIFICATE entries and nested signatures.
 */
import { createHash } from 'node:crypto';
import { peDigestPlan, type PeDigestPlan } from '../../src/authenticode/formats/pe-digest';
import { bufferAccess, readPeLayout } from '../../src/authenticode/formats/pe-reader';
import { type AuthenticodeBuildOptions, type BuilderDigest, buildAuthenticodeSignature } from './authenticode-builder';
import { attachSignatures, type AttachOptions } from './pe-writer';
import { createTestPki, TIMES } from './pki';

/** The digest plan of an UNSIGNED image held in memory. */
export async function unsignedPlan(pe: Buffer): Promise<PeDigestPlan> {
  const layout = await readPeLayout(bufferAccess(pe));
  if (layout.securityDirectory) throw new Error('signPe: the image is already signed');
  return peDigestPlan(layout, null);
}

/** Authenticode digest of an unsigned image (md5 allowed here, to build refused fixtures). */
export async function peDigest(pe: Buffer, alg: BuilderDigest): Promise<Buffer> {
  const plan = await unsignedPlan(pe);
  const h = createHash(alg);
  for (const r of plan.ranges) h.update(pe.subarray(r.start, r.end));
  if (plan.zeroPad) h.update(Buffer.alloc(plan.zeroPad));
  return h.digest();
}

export type SignatureSpec = Partial<Omit<AuthenticodeBuildOptions, 'kind' | 'fileDigest' | 'nested'>> & {
  /** nested signatures (attribute 1.3.6.1.4.1.311.2.4.1), each over the same image */
  nested?: SignatureSpec[];
  /** sign this digest instead of the image's (transplant / mismatch fixtures) */
  fileDigest?: Buffer;
};

/** One PKCS#7 blob over `pe` (unsigned). Defaults: SHA-256, the test PKI leaf, an RFC 3161 timestamp. */
export async function signatureFor(pe: Buffer, spec: SignatureSpec = {}): Promise<Buffer> {
  const pki = createTestPki();
  const digestAlgorithm = spec.digestAlgorithm ?? 'sha256';
  const nested = spec.nested ? await Promise.all(spec.nested.map((n) => signatureFor(pe, n))) : undefined;
  return buildAuthenticodeSignature({
    signer: pki.leaf,
    timestamp: { kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing },
    ...spec,
    kind: 'pe',
    digestAlgorithm,
    fileDigest: spec.fileDigest ?? (await peDigest(pe, digestAlgorithm)),
    nested,
  });
}

/**
 * A signed copy of the unsigned image `pe`: one WIN_CERTIFICATE entry per spec (primary first; default one
 * SHA-256 signature), attached with `attach` options (padding, trailing data, revision …).
 */
export async function signPe(pe: Buffer, specs: SignatureSpec | SignatureSpec[] = {}, attach: AttachOptions = {}): Promise<Buffer> {
  const list = Array.isArray(specs) ? specs : [specs];
  const blobs = await Promise.all(list.map((s) => signatureFor(pe, s)));
  return attachSignatures(pe, blobs, attach);
}
