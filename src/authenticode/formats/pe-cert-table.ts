/**
 * The PE attribute certificate table: a run of WIN_CERTIFICATE entries, each
 *   dwLength (u32, includes this 8-byte header)  wRevision (u16)  wCertificateType (u16)  bCertificate[…]
 * and each entry starting on an 8-byte boundary (its length rounded up to 8); the rounded lengths add up to
 * the security directory's size. Every entry of type WIN_CERT_TYPE_PKCS_SIGNED_DATA is a signature; the first
 * is the primary one.
 *
 * Decisions:
 * - wRevision 0x0200 (WIN_CERT_REVISION_2_0) and 0x0100 (1_0, which the spec keeps "for verifying legacy
 *   Authenticode signatures") are accepted; any other revision, and any type but 0x0002, is BAD_CERT_TABLE.
 * - The PKCS#7 blob ends where its outer DER TLV ends. Up to the next 8-byte boundary, ZERO bytes are alignment
 *   and always allowed. Anything else inside the entry — bytes past that boundary, or non-zero alignment bytes
 *   — is data hidden after the signature (CVE-2013-3900): PADDING_AFTER_SIGNATURE in strict mode, allowed when
 *   strict is false. This follows Microsoft's description of the opt-in EnableCertPaddingCheck behaviour
 *   (MSRC, CVE-2013-3900): binaries "that contain extraneous information in the WIN_CERTIFICATE structure" are
 *   not recognised as signed. A blob whose outer TLV cannot be read (not a SEQUENCE, indefinite length) is handed on
 *   whole; the signature layer rejects it as MALFORMED_SIGNATURE.
 */
import { hex } from './byte-reader';
import { VerifyError } from '../errors';
import type { Failure } from '../types';

export const WIN_CERT_REVISION_1_0 = 0x0100;
export const WIN_CERT_REVISION_2_0 = 0x0200;
export const WIN_CERT_TYPE_PKCS_SIGNED_DATA = 0x0002;
const HEADER_SIZE = 8;

export interface CertEntry {
  /** file offset of the entry */
  offset: number;
  dwLength: number;
  revision: number;
  type: number;
  /** the PKCS#7 ContentInfo DER bytes (a view into the table) */
  blob: Uint8Array;
}

export interface CertTable {
  entries: CertEntry[];
  failures: Failure[];
}

export const roundUp8 = (n: number): number => n + ((8 - (n % 8)) % 8);

/** Length of the outer DER TLV at the start of `b` (header + content), or null when it cannot be read. */
export function derOuterLength(b: Uint8Array): number | null {
  if (b.length < 2 || b[0] !== 0x30) return null;
  const first = b[1];
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return null; // indefinite length, or absurdly long
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i];
  return 2 + n + len;
}

/**
 * Parses the table bytes read from file offset `base`. Throws VerifyError BAD_CERT_TABLE for an inconsistent
 * table; returns PADDING_AFTER_SIGNATURE failures in strict mode.
 */
export function parseCertificateTable(table: Uint8Array, base: number, opts: { strict: boolean }): CertTable {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const entries: CertEntry[] = [];
  const failures: Failure[] = [];
  let pos = 0;
  while (pos < table.length) {
    const at = base + pos;
    const n = entries.length;
    if (pos + HEADER_SIZE > table.length) {
      throw new VerifyError('BAD_CERT_TABLE', `WIN_CERTIFICATE #${n} at ${hex(at)}: ${table.length - pos} byte(s) left, the header needs 8`);
    }
    const dwLength = view.getUint32(pos, true);
    const revision = view.getUint16(pos + 4, true);
    const type = view.getUint16(pos + 6, true);
    if (dwLength <= HEADER_SIZE) {
      throw new VerifyError('BAD_CERT_TABLE', `WIN_CERTIFICATE #${n} at ${hex(at)}: dwLength ${dwLength} leaves no certificate data`);
    }
    const rounded = roundUp8(dwLength);
    if (pos + rounded > table.length) {
      throw new VerifyError(
        'BAD_CERT_TABLE',
        `WIN_CERTIFICATE #${n} at ${hex(at)}: dwLength ${dwLength} (rounded ${rounded}) runs past the security directory size ${table.length}`,
      );
    }
    if (revision !== WIN_CERT_REVISION_2_0 && revision !== WIN_CERT_REVISION_1_0) {
      throw new VerifyError('BAD_CERT_TABLE', `WIN_CERTIFICATE #${n} at ${hex(at)}: wRevision ${hex(revision)} is not 0x200 (or legacy 0x100)`);
    }
    if (type !== WIN_CERT_TYPE_PKCS_SIGNED_DATA) {
      throw new VerifyError('BAD_CERT_TABLE', `WIN_CERTIFICATE #${n} at ${hex(at)}: wCertificateType ${hex(type)} is not PKCS_SIGNED_DATA (0x2)`);
    }
    const content = table.subarray(pos + HEADER_SIZE, pos + dwLength);
    const entryEnd = pos + rounded; // the entry owns every byte up to here
    const derLen = derOuterLength(content);
    let blob = content;
    if (derLen !== null) {
      if (derLen > content.length) {
        throw new VerifyError(
          'BAD_CERT_TABLE',
          `WIN_CERTIFICATE #${n} at ${hex(at)}: the PKCS#7 blob's DER length ${derLen} runs past dwLength ${dwLength}`,
        );
      }
      blob = content.subarray(0, derLen);
      const blobEnd = pos + HEADER_SIZE + derLen;
      const alignedEnd = Math.min(roundUp8(blobEnd), entryEnd);
      const hidden: string[] = [];
      if (entryEnd > alignedEnd) hidden.push(`${entryEnd - alignedEnd} byte(s) past the 8-byte alignment`);
      if (table.subarray(blobEnd, alignedEnd).some((b) => b !== 0)) hidden.push('non-zero alignment bytes');
      if (hidden.length > 0 && opts.strict) {
        failures.push({
          code: 'PADDING_AFTER_SIGNATURE',
          message: `WIN_CERTIFICATE #${n} at ${hex(at)}: data after the PKCS#7 blob (${hidden.join(', ')}; CVE-2013-3900)`,
        });
      }
    }
    entries.push({ offset: at, dwLength, revision, type, blob });
    pos = entryEnd;
  }
  // pos === table.length here: the rounded lengths add up to the directory size exactly.
  return { entries, failures };
}
