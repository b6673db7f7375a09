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
 *
 * Random access: readMsiContainer reads the compound file's structures, the signature streams (at most
 * MAX_SIGNATURE_STREAM_SIZE bytes each) and, in non-strict mode, the unreachable sectors through a file
 * handle; stream contents are only read, streamed, by the digest source. readMsiBuffer runs the same
 * readers (msi-cfb.ts Reader generators) synchronously over bytes in memory.
 */
import { open } from 'node:fs/promises';
import { VerifyError } from '../errors';
import {
  ENTRY_STREAM,
  nonZeroSectors,
  parseCompoundFile,
  readCompoundFile,
  readStream,
  runAsync,
  runSync,
  sectorRange,
  type CfbEntry,
  type CfbLayout,
  type CompoundFile,
  type Reader,
} from './msi-cfb';
import {
  algorithmForLength,
  DIGITAL_SIGNATURE_NAME,
  MSI_DIGITAL_SIGNATURE_EX_NAME,
  MsiDigestSource,
  msiPreHash,
} from './msi-digest';
import { fileAccess } from './pe-reader';
import type { Failure, SignedContainer } from '../types';

/**
 * Files larger than this are refused. The reader is random-access (only the structures are held), but it
 * keeps one FAT entry and one owner id per sector: 4 GiB of 512-byte sectors is 64 MiB of such tables.
 * (Sector numbers are 32-bit; Windows Installer packages are limited to 2 GB anyway.)
 */
export const MAX_MSI_SIZE = 2 ** 32;

/** Signature streams larger than this are refused (signatures are kilobytes; this bounds memory). */
export const MAX_SIGNATURE_STREAM_SIZE = 32 * 1024 * 1024;

export interface MsiReadOptions {
  strict: boolean;
}

/**
 * Reads the package at `path` through a file handle: the structures, the signature streams and (non-strict
 * mode) the unreachable sectors; stream contents are read again, streamed, when a digest is asked for.
 */
export async function readMsiContainer(path: string, opts: MsiReadOptions): Promise<SignedContainer> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new VerifyError('IO_ERROR', `${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new VerifyError('IO_ERROR', `${path}: not a regular file`);
    if (st.size > MAX_MSI_SIZE) throw new VerifyError('MALFORMED_MSI', `${path}: ${st.size} bytes is more than the ${MAX_MSI_SIZE}-byte limit of an MSI package`);
    const access = fileAccess(fh, st.size);
    let cf: CfbLayout;
    try {
      cf = await readCompoundFile(access);
    } catch (e) {
      throw asMsiError(e);
    }
    const parts = await runAsync(containerParts(cf, opts), access);
    return { format: 'msi', signatures: parts.signatures, digestSource: new MsiDigestSource(cf, parts.withDse, path), failures: parts.failures };
  } catch (e) {
    if (e instanceof VerifyError) throw e;
    if (typeof (e as NodeJS.ErrnoException | null)?.code === 'string') {
      throw new VerifyError('IO_ERROR', `${path}: ${(e as Error).message}`);
    }
    throw asMsiError(e);
  } finally {
    await fh.close();
  }
}

/** As readMsiContainer, from bytes already in memory. */
export function readMsiBuffer(buf: Buffer, opts: MsiReadOptions): SignedContainer {
  let cf: CompoundFile;
  try {
    cf = parseCompoundFile(buf);
  } catch (e) {
    throw asMsiError(e);
  }
  let parts: Parts;
  try {
    parts = runSync(containerParts(cf, opts), buf);
  } catch (e) {
    throw asMsiError(e);
  }
  return { format: 'msi', signatures: parts.signatures, digestSource: new MsiDigestSource(cf, parts.withDse), failures: parts.failures };
}

/** Any error of the reader as a VerifyError: a bug of ours on hostile input must still end as a clear verdict. */
function asMsiError(e: unknown): VerifyError {
  if (e instanceof VerifyError) return e;
  return new VerifyError('MALFORMED_MSI', `compound file could not be read: ${e instanceof Error ? e.message : String(e)}`);
}

interface Parts {
  signatures: Uint8Array[];
  failures: Failure[];
  withDse: boolean;
}

/** Signatures and failures of a parsed package (reads the signature streams and, if needed, unreachable sectors). */
function* containerParts(cf: CfbLayout, opts: MsiReadOptions): Reader<Parts> {
  const failures: Failure[] = yield* layoutFailures(cf, opts);

  const ds = findRootStream(cf, DIGITAL_SIGNATURE_NAME);
  const dse = findRootStream(cf, MSI_DIGITAL_SIGNATURE_EX_NAME);
  const signatures: Uint8Array[] = ds ? [yield* readStream(cf, ds, MAX_SIGNATURE_STREAM_SIZE)] : [];
  if (dse) {
    const stored = yield* readStream(cf, dse, MAX_SIGNATURE_STREAM_SIZE);
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
  return { signatures, failures, withDse: dse !== null };
}

function findRootStream(cf: CfbLayout, name: string): CfbEntry | null {
  const e = cf.root.children.find((c) => c.name === name);
  if (!e) return null;
  if (e.type !== ENTRY_STREAM) throw new VerifyError('MALFORMED_MSI', `${JSON.stringify(name)} is a storage, not a stream`);
  return e;
}

function isZero(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function* layoutFailures(cf: CfbLayout, opts: MsiReadOptions): Reader<Failure[]> {
  const out: Failure[] = [];
  const acc = cf.accounting;
  if (acc.trailingBytes > 0) {
    out.push({
      code: 'TRAILING_DATA',
      message: `${acc.trailingBytes} bytes follow the compound file's last sector (offset ${acc.trailingOffset}); data appended to an MSI is not covered by its signature (CVE-2020-1464)`,
    });
  }
  // strict: every unreachable sector counts; otherwise only those holding a non-zero byte (read to see)
  const sectors = opts.strict
    ? { count: acc.unreachableSectors.length, first: acc.unreachableSectors[0] ?? -1 }
    : yield* nonZeroSectors(cf, acc.unreachableSectors);
  if (sectors.count > 0) {
    out.push({
      code: 'UNREACHABLE_MSI_DATA',
      message: `${sectors.count} sector(s) no directory entry reaches (first: sector ${sectors.first} at offset ${sectorRange(cf, sectors.first)[0]}); hidden data is not covered by the signature (CVE-2020-1464 class)`,
    });
  }
  const minis = acc.unreachableMiniSectors.filter((m) => opts.strict || !isZero(cf.miniSectorBytes(m)));
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
