/**
 * Catalog membership (verify --catalog CAT, VerifyOptions.catalogs), as `signtool verify /c CAT FILE` judges:
 * FILE is valid when its hash is a member of a catalog whose own signature is valid.
 *
 * The file's hash, as Windows computes it for its type:
 *   PE, MSI            the format's Authenticode (SIP) digest, with the algorithm of each catalog member
 *                      (SHA-1 in catalog v1, SHA-256 in v2)
 *   CAB, script, APPX  the SIP digest, and a hash of the whole file (what osslsigncode and catalog tools
 *                      that do not know the SIP list; both bind the exact bytes)
 *   flat (.inf, any other file when catalogs are given)   a hash of the whole file
 * Members are matched by the digest inside their SPC_INDIRECT_DATA attribute (not by the tag, whose form
 * differs between catalog versions).
 *
 * The verdict with catalogs (applyCatalogs):
 *   a catalog with a valid signature lists the file      → valid (the catalog named in `catalog`), acs = the
 *                                                           catalog's; the embedded signature is still listed
 *   else an embedded signature decides as without catalogs; an unsigned file listed only in catalogs whose
 *   signature fails is invalid (CATALOG_INVALID, then the catalog's failures); one listed nowhere stays
 *   unsigned, with NOT_IN_CATALOG.
 * Each catalog is read and verified once per set of options (verifyFiles shares the work).
 */
import { readWholeFile, MAX_CATALOG_SIZE, parseCatalogMembers, catalogContainerOf, type CatalogMember } from './catalog';
import { flatDigestSource } from './catalog-flat';
import { verifyErrorOf } from '../errors';
import type { CatalogMatch, DigestAlgorithm, DigestSource, Failure, FileFormat, SignedContainer, VerificationResult } from '../types';
import type { VerifyContext } from '../context';

interface LoadedCatalog {
  path: string;
  /** `${algorithm}:${hex digest}` → member */
  index: Map<string, CatalogMember>;
  algorithms: Set<DigestAlgorithm>;
  /** the catalog verified as a file (its own signature) */
  result: VerificationResult;
  failure?: Failure;
}

export type VerifyCatalogFile = (path: string) => Promise<VerificationResult>;

const cache = new WeakMap<string[], Map<string, Promise<LoadedCatalog>>>();

async function loadCatalog(path: string, verifyCatalog: VerifyCatalogFile): Promise<LoadedCatalog> {
  const index = new Map<string, CatalogMember>();
  const algorithms = new Set<DigestAlgorithm>();
  let failure: Failure | undefined;
  try {
    const bytes = await readWholeFile(path, MAX_CATALOG_SIZE, 'MALFORMED_CATALOG', 'catalog');
    const blob = catalogContainerOf(bytes).signatures[0]!;
    for (const m of parseCatalogMembers(blob)) {
      for (const h of m.hashes) {
        const key = `${h.algorithm}:${h.digest.toString('hex')}`;
        if (!index.has(key)) index.set(key, m);
        algorithms.add(h.algorithm);
      }
    }
  } catch (e) {
    const v = verifyErrorOf(e);
    failure = v ? { code: v.code, message: `catalog ${path}: ${v.message}` } : { code: 'MALFORMED_CATALOG', message: `catalog ${path}: ${String(e)}` };
  }
  const result = await verifyCatalog(path);
  return { path, index, algorithms, result, ...(failure ? { failure } : {}) };
}

function catalogsOf(ctx: VerifyContext, verifyCatalog: VerifyCatalogFile): Promise<LoadedCatalog>[] {
  const paths = ctx.catalogs ?? [];
  let byPath = cache.get(paths);
  if (!byPath) {
    byPath = new Map();
    cache.set(paths, byPath);
  }
  return paths.map((p) => {
    let c = byPath.get(p);
    if (!c) {
      c = loadCatalog(p, verifyCatalog);
      byPath.set(p, c);
    }
    return c;
  });
}

export interface CatalogLookup {
  match: CatalogMatch | null;
  /** the failures (validity failures, then policy notes) of the matching catalog's own verification */
  matchFailures: Failure[];
  /** catalogs that could not be read */
  failures: Failure[];
}

/** The hashes of the file to look up: the SIP digest of its container, and (not for PE/MSI) a whole-file hash. */
async function hashSources(file: string, format: FileFormat, container: SignedContainer | null): Promise<{ kind: CatalogMatch['hashKind']; source: DigestSource }[]> {
  const out: { kind: CatalogMatch['hashKind']; source: DigestSource }[] = [];
  if (container && format !== 'flat' && format !== 'catalog') out.push({ kind: 'authenticode', source: container.digestSource });
  if (format !== 'pe' && format !== 'msi') out.push({ kind: 'flat', source: await flatDigestSource(file) });
  return out;
}

export async function lookUpInCatalogs(
  file: string,
  format: FileFormat,
  container: SignedContainer | null,
  ctx: VerifyContext,
  verifyCatalog: VerifyCatalogFile,
): Promise<CatalogLookup> {
  const catalogs = await Promise.all(catalogsOf(ctx, verifyCatalog));
  const failures = catalogs.flatMap((c) => (c.failure ? [c.failure] : []));
  const sources = await hashSources(file, format, container);
  const matches: { m: CatalogMatch; failures: Failure[] }[] = [];
  for (const cat of catalogs) {
    for (const { kind, source } of sources) {
      for (const alg of cat.algorithms) {
        let digest: Buffer;
        try {
          digest = await source.digest(alg);
        } catch (e) {
          if (verifyErrorOf(e)?.code === 'IO_ERROR') failures.push({ code: 'IO_ERROR', message: (e as Error).message });
          continue;
        }
        const member = cat.index.get(`${alg}:${digest.toString('hex')}`);
        if (!member) continue;
        matches.push({ failures: cat.result.failures, m: {
          file: cat.path,
          member: member.name,
          digestAlgorithm: alg,
          digest: digest.toString('hex'),
          hashKind: kind,
          valid: cat.result.verdict === 'valid',
          acs: cat.result.acs,
          signatures: cat.result.signatures,
        } });
      }
    }
  }
  const best = matches.find((x) => x.m.valid) ?? matches[0];
  return { match: best?.m ?? null, matchFailures: best?.failures ?? [], failures };
}

/** The file's verdict with catalogs (rules above). */
export function applyCatalogs(result: VerificationResult, lookup: CatalogLookup): VerificationResult {
  const { match } = lookup;
  if (match?.valid) return { ...result, verdict: 'valid', acs: match.acs, failures: lookup.matchFailures, catalog: match };
  if (result.verdict === 'valid') return { ...result, catalog: match };
  if (match && result.verdict === 'unsigned') {
    return {
      ...result,
      verdict: 'invalid',
      acs: false,
      failures: [
        { code: 'CATALOG_INVALID', message: `${result.file} is listed in catalog ${match.file}, whose own signature does not hold` },
        ...lookup.matchFailures,
      ],
      catalog: match,
    };
  }
  const notIn: Failure[] = match ? [] : [{ code: 'NOT_IN_CATALOG', message: `${result.file}: its hash is in none of the catalogs given` }];
  return { ...result, failures: [...result.failures, ...notIn, ...lookup.failures], catalog: match };
}
