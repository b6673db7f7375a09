/**
 * Cabinet files (.cab, and compressed setup files such as .ex_ / .dl_ that are cabinets): the Authenticode
 * signature sits after the cabinet, located by the header's reserve area.
 *
 * CFHEADER (MS-CAB): "MSCF" reserved1 u32 | cbCabinet u32 | reserved2 u32 | coffFiles u32 | reserved3 u32 |
 *   versionMinor u8 | versionMajor u8 | cFolders u16 | cFiles u16 | flags u16 | setID u16 | iCabinet u16 |
 *   then, when flags has RESERVE_PRESENT (0x0004): cbCFHeader u16 | cbCFFolder u8 | cbCFData u8 |
 *   abReserve[cbCFHeader]; then szCabinetPrev/szDiskPrev (PREV_CABINET 0x0001), szCabinetNext/szDiskNext
 *   (NEXT_CABINET 0x0002); then cFolders CFFOLDER entries (8 bytes + cbCFFolder), then the CFFILE entries at
 *   coffFiles.
 * A signed cabinet has cbCFHeader = 20, cbCFFolder = cbCFData = 0, and abReserve = 00 00 10 00 | offset of
 *   the signature u32 | its length u32 (DER, zero-padded to 8 bytes) | 8 zero bytes; the signature follows the
 *   cabinet (offset = cbCabinet) and ends the file.
 *
 * The digest (the CAB SIP's, as signtool and osslsigncode compute it): the header without the fields that
 * change when the signature is added: bytes [0,4) "MSCF", [8,34) (cbCabinet … setID), then [56, signature
 * offset): the reserve's last 4 bytes, the optional names, the CFFOLDER entries and everything up to the
 * signature. An unsigned cabinet (no signature reserve) is hashed as [0,4) + [8, end) (catalog lookups).
 *
 * Rules: reserved1 and the reserve's unhashed bytes must be zero, the marker 0x00100000, the signature at
 * cbCabinet, the CFFOLDER entries ending at coffFiles (MALFORMED_CAB); a signature that runs past the end is
 * TRUNCATED_FILE; bytes after it are TRAILING_DATA (invalid). A reserve of another size (not a signature
 * reserve) and a signature reserve holding offset 0 and length 0 are an unsigned cabinet.
 */
import { VerifyError } from '../errors';
import { withOpenFile } from './open-file';
import { BatchedDigestSource, hashFilePieces, type HashPiece } from './file-hash';
import type { Failure, SignedContainer } from '../types';

export const CAB_FLAG_PREV_CABINET = 0x0001;
export const CAB_FLAG_NEXT_CABINET = 0x0002;
export const CAB_FLAG_RESERVE_PRESENT = 0x0004;
/** abReserve's first u32 in a signed cabinet */
export const CAB_SIGNATURE_MARKER = 0x00100000;
/** Signatures larger than this are refused (signatures are kilobytes; this bounds memory). */
export const MAX_CAB_SIGNATURE = 32 * 1024 * 1024;
/** MS-CAB: the optional cabinet/disk names are at most 255 bytes plus NUL */
const MAX_NAME = 256;
const HEADER_READ = 60 + 4 * MAX_NAME;

export interface CabLayout {
  size: number;
  cbCabinet: number;
  coffFiles: number;
  cFolders: number;
  flags: number;
  /** the signature's [offset, offset + length) when the cabinet is signed */
  signature: { offset: number; length: number } | null;
  /** the byte ranges the digest covers, in order */
  pieces: HashPiece[];
}

const bad = (msg: string): VerifyError => new VerifyError('MALFORMED_CAB', `cabinet: ${msg}`);

/** Reads the layout from the first bytes of the cabinet (`head`, at least min(size, HEADER_READ) bytes). */
export function cabLayout(head: Buffer, size: number): CabLayout {
  if (size < 36 || head.length < 36) throw new VerifyError('TRUNCATED_FILE', `cabinet: ${size} bytes is shorter than the 36-byte CFHEADER`);
  if (head.toString('latin1', 0, 4) !== 'MSCF') throw bad('no "MSCF" signature');
  if (head.readUInt32LE(4) !== 0) throw bad(`reserved1 is 0x${head.readUInt32LE(4).toString(16)}, not 0 (not covered by the signature)`);
  const cbCabinet = head.readUInt32LE(8);
  const coffFiles = head.readUInt32LE(16);
  const cFolders = head.readUInt16LE(26);
  const flags = head.readUInt16LE(30);
  const layout = { size, cbCabinet, coffFiles, cFolders, flags };

  const signatureReserve = (flags & CAB_FLAG_RESERVE_PRESENT) !== 0 && head.length >= 40 && head.readUInt16LE(36) === 20 && head[38] === 0 && head[39] === 0;
  if (!signatureReserve) {
    // unsigned: no reserve, or a reserve that is not the signature's (its size, not 20, or per-folder/-data reserves)
    return { ...layout, signature: null, pieces: [[0, 4], [8, size]] };
  }
  if (size < 60 || head.length < 60) throw new VerifyError('TRUNCATED_FILE', `cabinet: ${size} bytes is shorter than a header with a 20-byte reserve`);
  const marker = head.readUInt32LE(40);
  const offset = head.readUInt32LE(44);
  const length = head.readUInt32LE(48);
  if (marker !== CAB_SIGNATURE_MARKER) throw bad(`the 20-byte reserve starts with 0x${marker.toString(16)}, not the signature marker 0x00100000`);
  if (head.readUInt32LE(52) !== 0) throw bad('the reserve bytes 52-55 (not covered by the signature) are not zero');

  // the optional names and the CFFOLDER entries must end exactly at coffFiles
  let idx = 60;
  const names = ((flags & CAB_FLAG_PREV_CABINET) ? 2 : 0) + ((flags & CAB_FLAG_NEXT_CABINET) ? 2 : 0);
  for (let i = 0; i < names; i++) {
    const nul = head.indexOf(0, idx);
    if (nul < 0 || nul - idx >= MAX_NAME) throw bad(`an optional cabinet/disk name at offset ${idx} is not a NUL-terminated string of at most 255 bytes`);
    idx = nul + 1;
  }
  idx += 8 * cFolders;
  if (idx !== coffFiles) throw bad(`${cFolders} CFFOLDER entries end at offset ${idx}, but coffFiles is ${coffFiles}`);

  if (offset === 0 && length === 0) return { ...layout, signature: null, pieces: [[0, 4], [8, size]] };
  if (offset === 0 || length === 0) throw bad(`signature offset ${offset} with length ${length}`);
  if (offset !== cbCabinet) throw bad(`the signature is at offset ${offset}, not after the cabinet (cbCabinet ${cbCabinet})`);
  if (offset < coffFiles) throw bad(`the signature (offset ${offset}) starts inside the header (coffFiles ${coffFiles})`);
  if (length > MAX_CAB_SIGNATURE) throw bad(`a ${length}-byte signature is more than the ${MAX_CAB_SIGNATURE}-byte limit`);
  if (offset + length > size) throw new VerifyError('TRUNCATED_FILE', `cabinet: the signature [${offset}, ${offset + length}) runs past the end of the ${size}-byte file`);
  return { ...layout, signature: { offset, length }, pieces: [[0, 4], [8, 34], [56, offset]] };
}

export async function readCabContainer(path: string): Promise<SignedContainer> {
  return withOpenFile(path, async (fh) => {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, HEADER_READ));
    await readExactly(fh, head, 0);
    const layout = cabLayout(head, size);
    const failures: Failure[] = [];
    let signatures: Uint8Array[] = [];
    if (layout.signature) {
      const { offset, length } = layout.signature;
      const blob = Buffer.alloc(length);
      await readExactly(fh, blob, offset);
      signatures = [blob];
      const end = offset + length;
      if (end < size) {
        failures.push({ code: 'TRAILING_DATA', message: `${size - end} bytes follow the cabinet's signature (offset ${end}); they are not covered by it` });
      }
    }
    const pieces = layout.pieces;
    return {
      format: 'cab',
      signatures,
      failures,
      digestSource: new BatchedDigestSource((algorithms) => hashFilePieces(path, algorithms, pieces, { expectedSize: size })),
    };
  });
}

async function readExactly(fh: import('node:fs/promises').FileHandle, buf: Buffer, pos: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await fh.read(buf, done, buf.length - done, pos + done);
    if (bytesRead === 0) throw new VerifyError('IO_ERROR', `the file ended at ${pos + done} while being read (changed while being read?)`);
    done += bytesRead;
  }
}
