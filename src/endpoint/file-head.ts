/**
 * The first bytes of a file (one read from offset 0): what the classifiers of inputs (inventory-classify.ts)
 * and of files inside folders (discover.ts) look at before deciding how to read a file.
 */
import { promises as fsp } from 'node:fs';

/** Up to `n` bytes from the start of `file` (fewer when the file is shorter); open and read errors are thrown as they come. */
export async function head(file: string, n: number): Promise<Buffer> {
  const fh = await fsp.open(file, 'r');
  try {
    const b = Buffer.alloc(n);
    const { bytesRead } = await fh.read(b, 0, n, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
