/**
 * The vocabulary of an APPX / MSIX package shared by its reader's files: the footprint part names, the block
 * size and read bounds, and the one error of a package that is not well formed (MALFORMED_APPX, "APPX: …").
 * The reader is appx-reader.ts; see its header for the format.
 */
import { VerifyError } from '../errors';
import type { ZipArchive, ZipEntry } from './zip';

export const SIGNATURE_PART = 'AppxSignature.p7x';
export const BLOCK_MAP_PART = 'AppxBlockMap.xml';
export const CONTENT_TYPES_PART = '[Content_Types].xml';
export const CODE_INTEGRITY_PART = 'AppxMetadata/CodeIntegrity.cat';
/** the package's own files, which the block map does not list */
export const FOOTPRINT = new Set([SIGNATURE_PART, BLOCK_MAP_PART, CONTENT_TYPES_PART, CODE_INTEGRITY_PART]);
export const BLOCK_SIZE = 64 * 1024;
/** bytes a deflated file may hold beyond its blocks' compressed sizes (the final empty deflate block: 2 bytes) */
export const MAX_DEFLATE_TAIL = 16;
/** XML parts and the signature are read into memory up to this size. */
export const MAX_PART_SIZE = 64 * 1024 * 1024;

/** A package that is not well formed: VerifyError MALFORMED_APPX, "APPX: …". */
export const malformedAppx = (msg: string): VerifyError => new VerifyError('MALFORMED_APPX', `APPX: ${msg}`);

/** The entries of a package its digest and checks are computed over. */
export interface Parts {
  zip: ZipArchive;
  signatureEntry: ZipEntry | null;
  contentTypes: ZipEntry;
  blockMap: ZipEntry;
  codeIntegrity: ZipEntry | null;
}
