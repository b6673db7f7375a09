/**
 * One file, one verdict, with a resolved context: reads the container (PE, MSI, CAB, catalog, APPX by content;
 * scripts and .inf by extension: formats/detect.ts), verifies every signature it carries, and judges the file by
 * its primary (first) signature, as Windows does; the others are listed. With catalogs, a file listed in a validly
 * signed catalog is valid through it. The pool (pool/) and deep verification (deep/) call this; the public front
 * door (verify-file.ts) resolves the options and adds deep verification on top.
 *
 *   container problem (VerifyError)     → verdict "malformed", its code (IO_ERROR for file-system errors)
 *   no signature                        → "unsigned", NOT_SIGNED
 *   primary valid, no container failure → "valid"; acs = the primary's acs
 *   otherwise                           → "invalid" (container failures such as TRAILING_DATA or
 *                                          PADDING_AFTER_SIGNATURE first, then the primary's failures)
 * Bad file content never throws.
 */
import type { VerifyContext } from './context';
import { detectFormat } from './formats/detect';
import { readPeVersionInfo } from './formats/pe-version';
import { verifyErrorOf } from './errors';
import { readMsiContainer } from './formats/msi-reader';
import { OID } from './der/oids';
import { readPeContainer } from './formats/pe-container';
import { readAppxContainer } from './formats/appx-reader';
import { readCabContainer } from './formats/cab-reader';
import { readCatalogContainer } from './formats/catalog';
import { readFlatContainer } from './formats/catalog-flat';
import { applyCatalogs, lookUpInCatalogs } from './formats/catalog-membership';
import { readScriptContainer } from './formats/script';
import type { PeDigestSource } from './formats/pe-digest';
import { parseSignedDataContentInfo, parseSpcIndirectData } from './pkcs7/signed-data';
import { emptyReport, verifyPkcs7Signature } from './signature';
import type { DigestAlgorithm, Failure, FileFormat, SignatureReport, SignedContainer, VerificationResult } from './types';

/**
 * WIN_CERTIFICATE entries verified per file. Windows reads only the first; each entry may carry 16 nested
 * signatures, 64-certificate bags and 200 000 ASN.1 elements, so a 32 MiB table of such entries took 12-15 s
 * (found by scripts/fuzz, target "adversarial"). Further entries are listed as one unverified
 * MALFORMED_SIGNATURE report; the verdict, which is the first entry's, does not depend on them.
 */
export const MAX_SIGNATURE_ENTRIES = 2;
/** Signature checks chain building may spend per file, over all its signatures, nested ones and timestamps. */
export const MAX_CHAIN_CHECKS_PER_FILE = 256;

/** True when the result stands for a file that could not be read (the CLI's exit code 2). */
export function isIoError(result: VerificationResult): boolean {
  return result.failures.some((f) => f.code === 'IO_ERROR');
}

const MALFORMED_CODE: Record<FileFormat, Failure['code']> = {
  pe: 'MALFORMED_PE',
  msi: 'MALFORMED_MSI',
  cab: 'MALFORMED_CAB',
  catalog: 'MALFORMED_CATALOG',
  script: 'MALFORMED_SCRIPT',
  appx: 'MALFORMED_APPX',
  flat: 'UNKNOWN_FORMAT',
  unknown: 'UNKNOWN_FORMAT',
};

/** VerifyError → its code; a file-system error (errno code) → IO_ERROR; anything else → the format's MALFORMED_*. */
function malformed(file: string, format: FileFormat, e: unknown): VerificationResult {
  const message = `${file}: ${e instanceof Error ? e.message : String(e)}`;
  const errno = typeof (e as NodeJS.ErrnoException | null)?.code === 'string';
  const v = verifyErrorOf(e);
  const failure: Failure = v
    ? { code: v.code, message: v.message }
    : errno
      ? { code: 'IO_ERROR', message }
      : { code: MALFORMED_CODE[format], message };
  // a reader that finds the file is not its format after all (a ZIP that is no APPX) says UNKNOWN_FORMAT
  const shownFormat = failure.code === 'UNKNOWN_FORMAT' ? 'unknown' : format;
  return { file, format: shownFormat, verdict: 'malformed', acs: false, failures: [failure], signatures: [] };
}

export async function verifyFileWithContext(file: string, ctx: VerifyContext): Promise<VerificationResult> {
  const seen: Seen = {};
  const result = await verifyEmbedded(file, ctx, seen);
  if (!ctx.catalogs?.length || isIoError(result)) return withVersionInfo(file, result);
  const lookup = await lookUpInCatalogs(file, result.format, seen.container ?? null, ctx, (cat) => verifyEmbedded(cat, { ...ctx, catalogs: undefined }, {}));
  return withVersionInfo(file, applyCatalogs(result, lookup));
}

/** Adds the version resource, as sigcheck shows it: PE files only; never changes the verdict, never throws. */
async function withVersionInfo(file: string, result: VerificationResult): Promise<VerificationResult> {
  if (result.format !== 'pe' || isIoError(result)) return { ...result, versionInfo: null };
  const { versionInfo, note } = await readPeVersionInfo(file);
  return { ...result, versionInfo, ...(note !== null ? { versionInfoNote: note } : {}) };
}

/** What verifyEmbedded read, for the catalog lookup (the container's digest source, already warm). */
interface Seen {
  container?: SignedContainer;
}

/** The container readers by format ('unknown' has none). */
async function readContainer(file: string, format: Exclude<FileFormat, 'unknown'>, ctx: VerifyContext): Promise<SignedContainer> {
  switch (format) {
    case 'pe':
      return readPeContainer(file, { strict: ctx.strict });
    case 'msi':
      return readMsiContainer(file, { strict: ctx.strict });
    case 'cab':
      return readCabContainer(file);
    case 'catalog':
      return readCatalogContainer(file);
    case 'script':
      return readScriptContainer(file);
    case 'appx':
      return readAppxContainer(file);
    case 'flat':
      return readFlatContainer(file);
  }
}

/** The file judged by its own (embedded) signatures. */
async function verifyEmbedded(file: string, ctx: VerifyContext, seen: Seen): Promise<VerificationResult> {
  let format: FileFormat = 'unknown';
  let container: SignedContainer;
  try {
    format = await detectFormat(file);
    // with catalogs, a file of no known format is a flat file: its whole-file hash may be a catalog member
    if (format === 'unknown' && ctx.catalogs?.length) format = 'flat';
    if (format === 'unknown') {
      return {
        file,
        format,
        verdict: 'malformed',
        acs: false,
        failures: [{ code: 'UNKNOWN_FORMAT', message: `${file}: no format the verifier reads (PE, MSI, CAB, catalog, APPX/MSIX by content; scripts and .inf by extension)` }],
        signatures: [],
      };
    }
    container = await readContainer(file, format, ctx);
    seen.container = container;
  } catch (e) {
    return malformed(file, format, e);
  }

  if (container.signatures.length === 0) {
    return {
      file,
      format,
      verdict: 'unsigned',
      acs: false,
      failures: [
        ...container.failures,
        {
          code: 'NOT_SIGNED',
          message:
            format === 'flat'
              ? `${file}: a file Windows signs only through catalogs (give the catalog with --catalog)`
              : `${file}: the file carries no Authenticode signature`,
        },
      ],
      signatures: [],
    };
  }

  const blobs = container.signatures.slice(0, MAX_SIGNATURE_ENTRIES);
  // digest algorithm hints from the entry the verdict depends on (a second entry's algorithm may cost a pass)
  prefetchDigests({ ...container, signatures: blobs.slice(0, 1) });
  const fileCtx: VerifyContext = { ...ctx, chainBudget: { checks: MAX_CHAIN_CHECKS_PER_FILE } };
  const signatures: SignatureReport[] = [];
  try {
    for (const blob of blobs) {
      signatures.push(...(await verifyPkcs7Signature(blob, container.digestSource, fileCtx, container.format, signatures.length)));
    }
    if (container.signatures.length > blobs.length) signatures.push(unverifiedEntries(file, signatures.length, container.signatures.length, blobs.length));
  } catch (e) {
    // verifyPkcs7Signature does not throw on bad blobs; anything reaching here is unexpected: report it,
    // never throw for file content.
    return malformed(file, format, e);
  }

  // A file that could not be read while hashing is an I/O problem, not a verdict on its signature.
  const io = signatures.flatMap((s) => s.failures).find((f) => f.code === 'IO_ERROR');
  if (io) return { file, format, verdict: 'malformed', acs: false, failures: [io], signatures };

  const primary = signatures[0];
  const valid = primary !== undefined && primary.valid && container.failures.length === 0;
  return {
    file,
    format,
    verdict: valid ? 'valid' : 'invalid',
    acs: valid && primary.acs,
    failures: [...container.failures, ...(primary?.failures ?? [])],
    signatures,
  };
}

/** The report standing for the WIN_CERTIFICATE entries past MAX_SIGNATURE_ENTRIES (not verified). */
function unverifiedEntries(file: string, index: number, total: number, verified: number): SignatureReport {
  const r = emptyReport(index, false);
  r.failures.push({ code: 'MALFORMED_SIGNATURE', message: `${file}: ${total} signatures (WIN_CERTIFICATE entries); only the first ${verified} were verified` });
  return r;
}

const PREFETCH_ALGORITHMS: Record<string, DigestAlgorithm> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};
const MAX_HINTS = 32;

/**
 * The digest algorithms the signatures (nested included) will ask for, read from their
 * SpcIndirectDataContent. A hint only: anything unreadable is skipped, the signature layer judges it.
 */
export function digestAlgorithmHints(blobs: Uint8Array[]): DigestAlgorithm[] {
  const found = new Set<DigestAlgorithm>();
  const queue = [...blobs];
  for (let seen = 0; queue.length > 0 && seen < MAX_HINTS; seen++) {
    try {
      const sd = parseSignedDataContentInfo(queue.shift()!);
      const alg = PREFETCH_ALGORITHMS[parseSpcIndirectData(sd).digestAlgorithm.oid];
      if (alg) found.add(alg);
      for (const a of sd.signerInfos[0]?.unsignedAttrs ?? []) {
        if (a.type === OID.nestedSignature) queue.push(...a.values.map((v) => v.bytes));
      }
    } catch {
      // not readable: the signature layer reports it
    }
  }
  return [...found];
}

/**
 * A primary SHA-1 signature with a nested SHA-256 one (the classic dual signature) asks for two digests, one
 * after the other: ask for both up front so a streamed source computes them in one pass over the file.
 */
export function prefetchDigests(container: SignedContainer): void {
  const source = container.digestSource as Partial<Pick<PeDigestSource, 'digestAll'>>;
  if (typeof source.digestAll !== 'function') return;
  const hints = digestAlgorithmHints(container.signatures);
  if (hints.length > 1) source.digestAll(hints).catch(() => undefined); // errors surface to the real requests
}
