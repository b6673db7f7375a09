import * as path from 'node:path';
import { readPeContainer } from '../../../src/authenticode/formats/pe-container';
import type { DigestAlgorithm } from '../../../src/authenticode/types';
import { spcDigest } from './spc-digest';

const SAMPLES = path.join(__dirname, '../../../samples/real');
const FILES = ['Knapcode.MiniZip-0.21.1-net451.dll', 'Knapcode.MiniZip-0.21.1-netstandard2.0.dll'];

describe('the Authenticode digest of a real signed PE equals the digest its signature carries', () => {
  it.each(FILES)('%s', async (name) => {
    const c = await readPeContainer(path.join(SAMPLES, name), { strict: true });
    expect(c.failures).toEqual([]);
    expect(c.signatures).toHaveLength(1);
    const { algorithm, digest } = spcDigest(c.signatures[0]);
    expect(algorithm).toBe('sha256');
    expect((await c.digestSource.digest(algorithm as DigestAlgorithm)).toString('hex')).toBe(digest.toString('hex'));
  });
});
