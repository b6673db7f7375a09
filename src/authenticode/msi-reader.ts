/**
 * MSI container reader: turns a Windows Installer package (an OLE compound file) into a SignedContainer.
 *
 * - signatures: the content of the root's "\u0005DigitalSignature" stream (a PKCS#7 ContentInfo), or none.
 * - digestSource: the MSI Authenticode digest (msi-digest.ts), prefixed by the MsiDigitalSignatureEx
 *   pre-hash when that stream is present.
 * - failures (verdict "invalid", signatures still reported):
 *   TRAILING_DATA        bytes after the last sector the compound file accounts for (CVE-2020-1464
 *                        "GlueBall": Windows kept such a file's signature valid).
 *   UNREACHABLE_MSI_DATA sectors / mini sectors no structure or stream reaches, sectors a chain carries past
 *                        its stream's size, and non-zero padding of a version 4 header sector. In strict mode
 *                        every such sector counts; otherwise only those holding a non-zero byte.
 *   MSI_DSE_MISMATCH     MsiDigitalSignatureEx present but not equal to the metadata pre-hash (or of a
 *                        length that is no digest length).
 * Structure that does not hold together throws VerifyError('MALFORMED_MSI' | 'TRUNCATED_FILE').
 */
import { promises as fsp } from 'node:fs';
import { VerifyError } from './errors';
import { ENTRY_STREAM, parseCompoundFile, sectorRange, type CfbEntry, type CompoundFile } from './msi-cfb';
import {
  algorithmForLength,
  DIGITAL_SIGNATURE_NAME,
  MSI_DIGITAL_SIGNATURE_EX_NAME,
  MsiDigestSource,
  msiPreHash,
} from './msi-digest';
import type { Failure, SignedContainer } from './types';

/**
 * Files larger than this are refused: the reader holds the file in one Buffer (node's readFile stops at
 * 2 GiB), and Windows Installer packages are limited to 2 GB anyway.
 */
export const MAX_MSI_SIZE = 2 ** 31 - 1;

export interface MsiReadOptions {
  strict: boolean;
}

export async function readMsiContainer(path: string, opts: MsiReadOptions): Promise<SignedContainer> {
  let buf: Buffer;
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) throw new VerifyError('IO_ERROR', `${path}: not a regular file`);
    if (st.size > MAX_MSI_SIZE) throw new VerifyError('MALFORMED_MSI', `${path}: ${st.size} bytes is more than the ${MAX_MSI_SIZE}-byte limit of an MSI package`);
    buf = await fsp.readFile(path);
  } catch (e) {
    if (e instanceof VerifyError) throw e;
    throw new VerifyError('IO_ERROR', `${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return readMsiBuffer(buf, opts);
}

/** As readMsiContainer, from bytes already in memory. */
export function readMsiBuffer(buf: Buffer, opts: MsiReadOptions): SignedContainer {
  let cf: CompoundFile;
  try {
    cf = parseCompoundFile(buf);
  } catch (e) {
    if (e instanceof VerifyError) throw e;
    // A bug of ours on hostile input must still end as a clear verdict, never a crash of another kind.
    throw new VerifyError('MALFORMED_MSI', `compound file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const failures: Failure[] = [...layoutFailures(cf, opts)];

  const ds = findRootStream(cf, DIGITAL_SIGNATURE_NAME);
  const dse = findRootStream(cf, MSI_DIGITAL_SIGNATURE_EX_NAME);
  const signatures: Uint8Array[] = ds ? [streamBytes(cf, ds)] : [];
  if (dse) {
    const stored = streamBytes(cf, dse);
    const alg = algorithmForLength(stored.length);
    if (!alg) {
      failures.push({
        code: 'MSI_DSE_MISMATCH',
        message: `MsiDigitalSignatureEx holds ${stored.length} bytes, which is no digest length`,
      });
    } else if (!msiPreHash(cf, alg).equals(stored)) {
      failures.push({
        code: 'MSI_DSE_MISMATCH',
        message: `MsiDigitalSignatureEx does not equal the ${alg} pre-hash of the package metadata (names, sizes, times, CLSIDs)`,
      });
    }
  }
  return { format: 'msi', signatures, digestSource: new MsiDigestSource(cf, dse !== null), failures };
}

function findRootStream(cf: CompoundFile, name: string): CfbEntry | null {
  const e = cf.root.children.find((c) => c.name === name);
  if (!e) return null;
  if (e.type !== ENTRY_STREAM) throw new VerifyError('MALFORMED_MSI', `${JSON.stringify(name)} is a storage, not a stream`);
  return e;
}

function streamBytes(cf: CompoundFile, e: CfbEntry): Buffer {
  return Buffer.concat(cf.streamRanges(e).map(([a, b]) => cf.buffer.subarray(a, b)));
}

function isZero(buf: Buffer, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (buf[i] !== 0) return false;
  return true;
}

function layoutFailures(cf: CompoundFile, opts: MsiReadOptions): Failure[] {
  const out: Failure[] = [];
  const acc = cf.accounting;
  if (acc.trailingBytes > 0) {
    out.push({
      code: 'TRAILING_DATA',
      message: `${acc.trailingBytes} bytes follow the compound file's last sector (offset ${acc.trailingOffset}); data appended to an MSI is not covered by its signature (CVE-2020-1464)`,
    });
  }
  const counts = (r: readonly [number, number]): boolean => opts.strict || !isZero(cf.buffer, r[0], r[1]);
  const sectors = acc.unreachableSectors.filter((s) => counts(sectorRange(cf, s)));
  if (sectors.length > 0) {
    out.push({
      code: 'UNREACHABLE_MSI_DATA',
      message: `${sectors.length} sector(s) no directory entry reaches (first: sector ${sectors[0]} at offset ${sectorRange(cf, sectors[0])[0]}); hidden data is not covered by the signature (CVE-2020-1464 class)`,
    });
  }
  const minis = acc.unreachableMiniSectors.filter((m) => {
    return counts(cf.miniSectorRange(m));
  });
  if (minis.length > 0) {
    out.push({
      code: 'UNREACHABLE_MSI_DATA',
      message: `${minis.length} mini sector(s) of the mini stream no stream reaches (first: mini sector ${minis[0]})`,
    });
  }
  if (acc.headerPaddingNonZero) {
    out.push({ code: 'UNREACHABLE_MSI_DATA', message: 'the header sector holds non-zero bytes after the 512-byte header' });
  }
  return out;
}

