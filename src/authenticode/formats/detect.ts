/**
 * File format by content, never by extension: "MZ" → PE; the OLE compound file signature → MSI.
 */
import { open } from 'node:fs/promises';
import { VerifyError } from '../errors';
import type { FileFormat } from '../types';

export const MSI_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Format of the leading bytes of a file. */
export function detectFormatOf(head: Uint8Array): FileFormat {
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'pe';
  if (head.length >= 8 && Buffer.from(head.subarray(0, 8)).equals(MSI_MAGIC)) return 'msi';
  return 'unknown';
}

/** Reads the first 8 bytes of `path`. File-system errors become VerifyError IO_ERROR. */
export async function detectFormat(path: string): Promise<FileFormat> {
  let fh;
  try {
    fh = await open(path, 'r');
    const head = Buffer.alloc(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    return detectFormatOf(head.subarray(0, bytesRead));
  } catch (e) {
    throw new VerifyError('IO_ERROR', `cannot read ${path}: ${(e as Error).message}`);
  } finally {
    await fh?.close();
  }
}
