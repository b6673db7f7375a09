/**
 * Sign an MSI with the project's own code: compute the MSI Authenticode digest with src/authenticode
 * (with or without MsiDigitalSignatureEx), build the PKCS#7 with buildAuthenticodeSignature({ kind: 'msi' }),
 * and insert "\u0005DigitalSignature" (+ "\u0005MsiDigitalSignatureEx") into the root storage.
 *
 * The digest is computed on the input: the signature streams are excluded from both digests, and
 * rewriteMsi keeps every other stream's content and metadata, so the output carries the same digest.
 */
import { parseCompoundFile } from '../../src/authenticode/formats/msi-cfb';
import { DIGITAL_SIGNATURE_NAME, MSI_DIGITAL_SIGNATURE_EX_NAME, msiDigest, msiPreHash } from '../../src/authenticode/formats/msi-digest';
import type { DigestAlgorithm } from '../../src/authenticode/types';
import { buildAuthenticodeSignature, type AuthenticodeBuildOptions } from './authenticode-builder';
import type { Identity } from './pki';
import { rewriteMsi } from './msi-writer';

export interface SignMsiOptions extends Partial<Omit<AuthenticodeBuildOptions, 'kind' | 'fileDigest' | 'digestAlgorithm'>> {
  signer: Identity;
  digestAlgorithm?: DigestAlgorithm;
  /** add MsiDigitalSignatureEx (the metadata pre-hash) */
  dse?: boolean;
  /** sign this digest instead of the computed one (for transplant / mismatch fixtures) */
  fileDigestOverride?: Buffer;
}

export interface SignedMsi {
  bytes: Buffer;
  /** the digest placed in SpcIndirectDataContent */
  fileDigest: Buffer;
  /** the PKCS#7 ContentInfo stored in \u0005DigitalSignature */
  signature: Buffer;
}

export function signMsiDetailed(msiBytes: Buffer, opts: SignMsiOptions): SignedMsi {
  const alg = opts.digestAlgorithm ?? 'sha256';
  const withDse = opts.dse ?? false;
  const cf = parseCompoundFile(msiBytes);
  const fileDigest = opts.fileDigestOverride ?? msiDigest(cf, alg, withDse);
  const { dse: _dse, fileDigestOverride: _o, digestAlgorithm: _a, ...build } = opts;
  void _dse;
  void _o;
  void _a;
  const signature = buildAuthenticodeSignature({ ...build, kind: 'msi', digestAlgorithm: alg, fileDigest });
  const put: Record<string, Buffer> = { [DIGITAL_SIGNATURE_NAME]: signature };
  const remove: string[] = [];
  const hasDse = cf.root.children.some((c) => c.name === MSI_DIGITAL_SIGNATURE_EX_NAME);
  if (withDse) put[MSI_DIGITAL_SIGNATURE_EX_NAME] = msiPreHash(cf, alg);
  else if (hasDse) remove.push(MSI_DIGITAL_SIGNATURE_EX_NAME);
  return { bytes: rewriteMsi(msiBytes, { put, remove }), fileDigest, signature };
}

export function signMsi(msiBytes: Buffer, opts: SignMsiOptions): Buffer {
  return signMsiDetailed(msiBytes, opts).bytes;
}

/** Replace the signature streams of `target` with those of `donor` (signature transplant). */
export function transplantSignature(donor: Buffer, target: Buffer): Buffer {
  const d = parseCompoundFile(donor);
  const put: Record<string, Buffer> = {};
  for (const name of [DIGITAL_SIGNATURE_NAME, MSI_DIGITAL_SIGNATURE_EX_NAME]) {
    const e = d.root.children.find((c) => c.name === name);
    if (e) put[name] = Buffer.concat(d.streamRanges(e).map(([a, b]) => d.buffer.subarray(a, b)));
  }
  return rewriteMsi(target, { put });
}
