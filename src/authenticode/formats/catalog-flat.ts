/**
 * Flat files: files Windows signs only through catalogs (.inf, or any file looked up with --catalog that has
 * no format of its own). No embedded signature; the digest is a hash of the whole file, streamed, as
 * catalogs list such members (SpcIndirectDataContent of type SPC_CAB_DATA over the file's bytes).
 */
import { stat } from 'node:fs/promises';
import { VerifyError } from '../errors';
import { BatchedDigestSource, hashFilePieces } from './file-hash';
import type { DigestSource, SignedContainer } from '../types';

export async function flatDigestSource(path: string): Promise<DigestSource> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new VerifyError('IO_ERROR', `${path}: not a regular file`);
    size = st.size;
  } catch (e) {
    if (e instanceof VerifyError) throw e;
    throw new VerifyError('IO_ERROR', `cannot read ${path}: ${(e as Error).message}`);
  }
  return new BatchedDigestSource((algorithms) => hashFilePieces(path, algorithms, [[0, size]], { expectedSize: size }));
}

export async function readFlatContainer(path: string): Promise<SignedContainer> {
  return { format: 'flat', signatures: [], digestSource: await flatDigestSource(path), failures: [] };
}
