/**
 * File format by content first, then, for text formats only, by the file name's extension:
 *   "MZ" → PE; the OLE compound file signature → MSI; "MSCF" → CAB; "PK\x03\x04" → APPX/MSIX (the reader
 *   refuses a ZIP that is no package as UNKNOWN_FORMAT); DER SEQUENCE { OID signedData … } → catalog.
 *   Otherwise the extension decides, as Windows picks a SIP by extension for text files:
 *   .ps1 .psm1 .psd1 .ps1xml .psc1 .cdxml .mof → script (signed or not, by its content);
 *   .inf → flat (a file Windows signs only through catalogs: unsigned without one).
 *   Anything else is unknown (UNKNOWN_FORMAT), whatever text it holds: a "# SIG # Begin signature block" in a
 *   .txt file does not make it a script, since no Windows SIP would read it as one.
 * With catalogs given (verify --catalog), an unknown file is hashed whole and looked up as a flat file.
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { VerifyError } from '../errors';
import type { FileFormat } from '../types';

export const MSI_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const CAB_MAGIC = Buffer.from('MSCF', 'latin1');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const SIGNED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
/** bytes of the head detection looks at */
export const DETECT_HEAD_BYTES = 32;

/** Script extensions (lower case) and their comment style. */
export const SCRIPT_EXTENSIONS: ReadonlyMap<string, 'hash' | 'xml' | 'c'> = new Map([
  ['.ps1', 'hash'],
  ['.psm1', 'hash'],
  ['.psd1', 'hash'],
  ['.ps1xml', 'xml'],
  ['.psc1', 'xml'],
  ['.cdxml', 'xml'],
  ['.mof', 'c'],
]);
/** Extensions of files Windows signs only through catalogs (no embedded signature format). */
export const FLAT_EXTENSIONS: ReadonlySet<string> = new Set(['.inf']);

function startsWith(head: Uint8Array, magic: Buffer, at = 0): boolean {
  return head.length >= at + magic.length && magic.every((b, i) => head[at + i] === b);
}

function isSignedDataDer(head: Uint8Array): boolean {
  if (head.length < 2 || head[0] !== 0x30) return false;
  const n = head[1]! < 0x80 ? 0 : head[1]! & 0x7f;
  return n <= 4 && startsWith(head, SIGNED_DATA_OID, 2 + n);
}

/** Format of the leading bytes of a file, and (for text formats) its name. */
export function detectFormatOf(head: Uint8Array, name?: string): FileFormat {
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'pe';
  if (startsWith(head, MSI_MAGIC)) return 'msi';
  if (startsWith(head, CAB_MAGIC)) return 'cab';
  if (startsWith(head, ZIP_MAGIC)) return 'appx';
  if (isSignedDataDer(head)) return 'catalog';
  if (name !== undefined) {
    const ext = extname(name).toLowerCase();
    if (SCRIPT_EXTENSIONS.has(ext)) return 'script';
    if (FLAT_EXTENSIONS.has(ext)) return 'flat';
  }
  return 'unknown';
}

/** Reads the first bytes of `path`. File-system errors become VerifyError IO_ERROR. */
export async function detectFormat(path: string): Promise<FileFormat> {
  let fh;
  try {
    fh = await open(path, 'r');
    const head = Buffer.alloc(DETECT_HEAD_BYTES);
    const { bytesRead } = await fh.read(head, 0, DETECT_HEAD_BYTES, 0);
    return detectFormatOf(head.subarray(0, bytesRead), path);
  } catch (e) {
    throw new VerifyError('IO_ERROR', `cannot read ${path}: ${(e as Error).message}`);
  } finally {
    await fh?.close();
  }
}
