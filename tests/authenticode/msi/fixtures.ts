/** Shared fixture helpers for the MSI tests (not a test file). */
import { parseCompoundFile } from '../../../src/authenticode/formats/msi-cfb';
import { readMsiBuffer } from '../../../src/authenticode/formats/msi-reader';
import type { DigestAlgorithm, SignedContainer } from '../../../src/authenticode/types';
import { spcDigest } from './spc-digest';

/** Flip one byte of a stream's content (by path) in place of a copy. */
export function flipStreamByte(bytes: Buffer, streamPath: string, index = 0): Buffer {
  const out = Buffer.from(bytes);
  const cf = parseCompoundFile(out);
  const e = cf.entries.find((x) => x.path === streamPath);
  if (!e) throw new Error(`no stream ${streamPath}`);
  let skip = index;
  for (const [a, b] of cf.streamRanges(e)) {
    if (skip < b - a) {
      out[a + skip] ^= 0x01;
      return out;
    }
    skip -= b - a;
  }
  throw new Error('index past the stream end');
}

export function read(bytes: Buffer, strict = true): SignedContainer {
  return readMsiBuffer(bytes, { strict });
}

/** Does the container's computed digest equal the digest its primary signature carries? */
export async function digestMatches(c: SignedContainer, alg: DigestAlgorithm = 'sha256'): Promise<boolean> {
  const signed = spcDigest(c.signatures[0]).digest;
  return (await c.digestSource.digest(alg)).equals(signed);
}

export const codes = (c: SignedContainer): string[] => c.failures.map((f) => f.code);
