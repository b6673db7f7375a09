/**
 * Public contract of the Authenticode verifier (src/authenticode/).
 * Every install path, the CLI and outside scripts depend on these names: change them only on purpose.
 */
import type { X509Certificate } from 'node:crypto';

/** A signature's digest algorithm. */
export type DigestAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';
/** The container format, told by content (not by extension). */
export type FileFormat = 'pe' | 'msi' | 'cab' | 'catalog' | 'script' | 'appx' | 'flat' | 'unknown';
/** The formats a container reader turns into signatures + a digest ('flat': a file signed only through catalogs). */
export type SignedFormat = Exclude<FileFormat, 'unknown'>;
/** The verdict on a file: valid, invalid (signed, but it does not hold), unsigned, or malformed (not a readable signed file). */
export type Verdict = 'valid' | 'invalid' | 'unsigned' | 'malformed';

/**
 * The closed set of failure codes. Documented one by one in docs/failure-codes.md.
 * Add a code there when you add it here (a test checks both lists agree).
 */
export const FAILURE_CODES = [
  // container (file format) level
  'MALFORMED_PE', // PE headers or offsets that do not hold together
  'MALFORMED_MSI', // compound file that does not hold together
  'UNKNOWN_FORMAT', // neither PE nor MSI
  'TRUNCATED_FILE', // a structure runs past the end of the file
  'NOT_SIGNED', // no signature present
  'BAD_CERT_TABLE', // WIN_CERTIFICATE table inconsistent (lengths, revision, type, sum != directory size)
  'CERT_TABLE_NOT_AT_END', // certificate table not the last thing in the file
  'TRAILING_DATA', // bytes after the certificate table / after the compound file's last sector
  'PADDING_AFTER_SIGNATURE', // bytes after the PKCS#7 blob inside WIN_CERTIFICATE (CVE-2013-3900), strict mode
  'UNREACHABLE_MSI_DATA', // sectors no directory entry reaches (CVE-2020-1464 class)
  'MALFORMED_CAB', // cabinet header / reserve area / signature location that does not hold together
  'MALFORMED_CATALOG', // catalog (CTL) that is not PKCS#7 SignedData over a certificate trust list
  'MALFORMED_SCRIPT', // script whose signature block is not a clean run of comment lines to the end of the file
  'MALFORMED_APPX', // APPX/MSIX package: ZIP, AppxSignature.p7x, block map or content types that do not hold together
  'APPX_DIGEST_MISMATCH', // one part of the APPX digest (AXPC, AXCD, AXCT, AXBM, AXCI) differs from the file
  'APPX_BLOCKMAP_MISMATCH', // a file's 64 KiB block hashes or sizes differ from AppxBlockMap.xml
  'NOT_IN_CATALOG', // the file's hash is in none of the catalogs given
  'CATALOG_INVALID', // a catalog lists the file but its own signature does not hold
  // PKCS#7 / Authenticode structure
  'MALFORMED_SIGNATURE', // ASN.1 / SignedData not parseable or not Authenticode
  'UNSUPPORTED_ALGORITHM', // digest or signature algorithm not supported
  'WEAK_DIGEST', // MD5 (refused)
  'DIGEST_ALGORITHM_MISMATCH', // SignedData / SpcIndirectDataContent / SignerInfo algorithms disagree
  'DIGEST_MISMATCH', // file digest != digest in SpcIndirectDataContent
  'MSI_DSE_MISMATCH', // MsiDigitalSignatureEx pre-hash != metadata hash
  'UNSUPPORTED_DATA_TYPE', // SpcIndirectDataContent names a non-standard data type whose digest cannot be read for this file
  'MESSAGE_DIGEST_MISMATCH', // messageDigest attribute != hash of SpcIndirectDataContent
  'SIGNER_NOT_FOUND', // signer certificate not in the bag
  'BAD_SIGNATURE', // signer signature over authenticated attributes does not verify
  // timestamp
  'TIMESTAMP_INVALID', // timestamp present but does not verify (imprint, signature, chain, EKU)
  // chain
  'UNTRUSTED_ROOT', // chain does not end at a trust anchor
  'CHAIN_INCOMPLETE', // an issuer is missing
  'CHAIN_SIGNATURE_INVALID', // an issuer's signature over a certificate does not verify
  'CERT_EXPIRED', // a certificate is outside its validity at the chosen time
  'CERT_NOT_YET_VALID',
  'NOT_A_CA', // an issuer lacks basicConstraints CA / keyCertSign
  'PATH_LENGTH_EXCEEDED',
  'EKU_NOT_CODE_SIGNING', // leaf EKU does not allow code signing
  'KEY_USAGE_INVALID', // leaf key usage does not allow digitalSignature
  'CERT_REVOKED', // a CRL given revokes a certificate of the signer's or the timestamp's chain (not saved by a timestamp)
  // ACS policy (not failures of validity: reported as reasons why acs=false)
  'NOT_ACS_ROOT', // valid, but chain does not end at an ACS root
  'ACS_EKU_MISSING', // ACS root but leaf lacks 311.97.1.0 + a profile OID
  // notes that never change validity
  'NONSTANDARD_DATA_TYPE', // a PE signature's SpcIndirectDataContent names another data type; judged by its digest
  // I/O
  'IO_ERROR',
  // caller input
  'BAD_TRUST_INPUT', // a certificate given as trust / acsRoots is not a certificate (usage error)
] as const;
/** One of FAILURE_CODES. */
export type FailureCode = (typeof FAILURE_CODES)[number];

/** One failure: a code from FAILURE_CODES (documented in docs/failure-codes.md) and a message. */
export interface Failure {
  code: FailureCode;
  message: string;
}

/** One signature (the primary, or a nested one). */
export interface SignatureReport {
  /** 0 = primary; nested ones follow in file order. */
  index: number;
  nested: boolean;
  digestAlgorithm: DigestAlgorithm | string;
  /**
   * file digest equals the digest inside SpcIndirectDataContent; null when no comparison was made (the
   * signature was refused before: MD5, unsupported algorithm, unreadable structure or data type …)
   */
  digestMatches: boolean | null;
  /** signer subject, RFC 4514-ish "CN=…, O=…", or null when the signer is not found */
  signer: string | null;
  /** subjects, leaf first, up to the anchor when one was reached */
  chain: string[];
  /** the time the chain was judged at when a valid timestamp moved it, ISO 8601; else null */
  timestamp: string | null;
  /**
   * the kind of timestamp the signature carries, whether or not it verified (null: none); `timestamp` is set only
   * when it verified and was used (a TIMESTAMP_INVALID or CERT_REVOKED failure, or a lifetime-signing leaf, leaves it null)
   */
  timestampKind: 'rfc3161' | 'pkcs9' | null;
  /** signature (digest, signer, chain) holds */
  valid: boolean;
  /** valid AND chain ends at an ACS root AND leaf has the ACS EKUs */
  acs: boolean;
  /** the certificates of `chain`, leaf first, with issuer, validity and SHA-1 (as `signtool verify /v` lists them) */
  chainCertificates?: CertificateSummary[];
  /** the timestamp signer's chain, signer first, when the timestamp verified */
  timestampChain?: CertificateSummary[];
  /** validity failures first, then notes (NOT_ACS_ROOT, ACS_EKU_MISSING, NONSTANDARD_DATA_TYPE) */
  failures: Failure[];
  /** revocation of the signer's and the timestamp's chains from the CRLs given (VerifyOptions.crls) */
  revocation: RevocationReport;
}

/**
 * Revocation as judged from the CRLs the caller gave (never fetched). `checked` is false and `status`
 * "not-checked" when no CRL was given or the signature failed before its chain was built. "unknown" when some
 * certificate has no usable CRL (none given for its issuer, expired, not yet valid, wrong signer …): never
 * a verdict on its own. "revoked" when a revocation makes the signature fail (CERT_REVOKED).
 */
export interface RevocationReport {
  checked: boolean;
  status: 'good' | 'revoked' | 'unknown' | 'not-checked';
  /** one line per certificate judged (signer chain then timestamp chain), or why nothing was checked */
  details: RevocationDetail[];
  /** a sentence for people */
  summary: string;
}

/** How one certificate of a signer's or timestamp's chain stands against the CRLs given. */
export interface RevocationDetail {
  chain: 'signer' | 'timestamp';
  subject: string;
  /** serial number, upper-case hex */
  serial: string;
  /** revoked-after-signing: listed on a CRL, but revoked after the (timestamped) signing time: the signature holds */
  status: 'good' | 'revoked' | 'revoked-after-signing' | 'unknown';
  revokedAt?: string;
  reason?: string;
  message: string;
}

/** What verifyFile says about one file. `verdict` is judged by the primary (first) signature, as Windows does. */
export interface VerificationResult {
  file: string;
  format: FileFormat;
  verdict: Verdict;
  acs: boolean;
  /** file-level failures plus the primary signature's failures */
  failures: Failure[];
  signatures: SignatureReport[];
  /** set when catalogs were given: the catalog that lists the file (or null when none does) */
  catalog?: CatalogMatch | null;
  /**
   * the PE version resource (company, product, versions), as sigcheck shows it; null for other formats, or when absent /
   * unreadable. verifyFile always sets it; optional so results built elsewhere (a caller's AcsVerifier) stay valid.
   */
  versionInfo?: VersionInfo | null;
  /** why a PE's versionInfo is null (no version resource, a resource that does not decode); absent otherwise */
  versionInfoNote?: string;
  /** with `deep`: one entry per file inside the container (MSI, CAB, APPX/MSIX and bundles), recursively */
  contents?: DeepEntry[];
  /** with `deep`: counts, ACS / FORCE_INTEGRITY modules, and the modules that will not load without ACS */
  deepSummary?: DeepSummary;
}

/** How a file inside a package is signed. */
export type SignedBy = 'embedded' | 'catalog' | 'none';

/** One file inside a container, judged by the same verifier (deep verification). */
export interface DeepEntry {
  /** MSI: the installed path ("[ProgramFilesFolder]Contoso\\Agent\\agent.dll"); CAB / APPX: the path inside */
  path: string;
  /** where it was found: "cabinet #product.cab", "Binary table", "package" … */
  source: string;
  size: number;
  sha256: string;
  format: FileFormat;
  verdict: Verdict;
  acs: boolean;
  /** PE only: DllCharacteristics FORCE_INTEGRITY (0x0080, /INTEGRITYCHECK); null for other formats */
  forceIntegrity: boolean | null;
  /** PE only: x86 / x64 / arm64 / arm …; null for other formats */
  machine: string | null;
  versionInfo: VersionInfo | null;
  signedBy: SignedBy;
  /** the catalog inside the package that signs it (its path there), when signedBy is 'catalog' */
  catalog?: string;
  /** the primary signer's subject, when it has a signature */
  signer?: string;
  failures: Failure[];
  /** files inside this one (a nested MSI, cabinet, package) */
  contents?: DeepEntry[];
  /** what could not be read or was left out, with why */
  notes?: string[];
}

/** What a deep verification found over all the files inside (VerificationResult.deepSummary). */
export interface DeepSummary {
  /** entries, nested ones included */
  files: number;
  verdicts: Record<Verdict, number>;
  /** paths (nested ones as "outer > inner") of the ACS-signed PE modules */
  acsModules: string[];
  /** paths of the PE modules with FORCE_INTEGRITY */
  forceIntegrityModules: string[];
  /** ACS-signed and FORCE_INTEGRITY: the loader refuses them where the ACS signature cannot be checked */
  needAcs: string[];
  /** "N modules will not load on a machine without ACS support: …" (our wording; not from the seed) */
  conclusion: string;
  /** a bound was reached: some files were not read (see notes) */
  truncated: boolean;
  /** bounds reached, containers that could not be read, cabinets not found … */
  notes: string[];
}

/** Bounds of the deep verification (defaults: DEEP_DEFAULTS in deep/deep-verify.ts). */
export interface DeepOptions {
  /** containers inside containers (default 4) */
  maxDepth?: number;
  /** files read in all (default 5000) */
  maxFiles?: number;
  /** bytes extracted in all (default 4 GiB; written to a temporary folder, removed at the end) */
  maxTotalBytes?: number;
  /** where the temporary folder is made (default os.tmpdir()) */
  tempDir?: string;
}

/** A catalog that lists the verified file, and its own signature's reports. */
export interface CatalogMatch {
  /** path of the catalog file */
  file: string;
  /** the member's file name from the catalog (CAT_NAMEVALUE "File"), when it has one */
  member: string | null;
  /** algorithm and hex digest the file was found under */
  digestAlgorithm: DigestAlgorithm;
  digest: string;
  /** how the file's hash was computed: the format's Authenticode (SIP) hash, or a hash of the whole file */
  hashKind: 'authenticode' | 'flat';
  /** the catalog's signature holds (the verdict rests on it) */
  valid: boolean;
  acs: boolean;
  signatures: SignatureReport[];
}

/** A certificate as given by a caller: DER bytes, PEM text, or a node:crypto X509Certificate. */
export type CertificateInput = Uint8Array | string | X509Certificate;

/** An X.509 CRL as given by a caller: DER bytes, or PEM text holding one or more "X509 CRL" blocks. */
export type CrlInput = Uint8Array | string;

/** Options of verifyFile / verifyFiles; every field has a default. */
export interface VerifyOptions {
  /** trust anchors; default: the bundled Microsoft Identity Verification Root CA 2020 only */
  trust?: CertificateInput[];
  /** roots that make a chain ACS; default: the bundled Microsoft Identity Verification Root CA 2020 */
  acsRoots?: CertificateInput[];
  /** verification time; default now */
  at?: Date;
  /** strict mode (default true): reject padding after the PKCS#7 blob (CVE-2013-3900) */
  strict?: boolean;
  /** CRLs to judge revocation by (offline; nothing is fetched). Default none: revocation is "not-checked". */
  crls?: CrlInput[];
  /**
   * catalog files (.cat paths): the file is also valid when its hash, computed as Windows computes it for its
   * type, is a member of one of these catalogs whose own signature is valid (as `signtool verify /c`)
   */
  catalogs?: string[];
  /**
   * verify every file inside the container too (MSI, CAB, APPX/MSIX, bundles): `contents` and `deepSummary`
   * (verifyFile only; verifyFiles and the worker pool ignore it)
   */
  deep?: boolean | DeepOptions;
}

/**
 * What a container reader (PE, MSI) hands to the signature layer: a way to compute the file's
 * Authenticode digest with any algorithm (streamed, memoised by the reader), and the kind of
 * SpcIndirectDataContent expected.
 */
export interface DigestSource {
  digest(algorithm: DigestAlgorithm): Promise<Buffer>;
}

/**
 * What a container reader (PE, MSI, CAB, catalog, script, APPX, flat) returns after reading a file's structure.
 * Fatal structure problems are thrown as VerifyError (verdict "malformed"); the ones listed in
 * `failures` (TRAILING_DATA, PADDING_AFTER_SIGNATURE, UNREACHABLE_MSI_DATA, MSI_DSE_MISMATCH …)
 * make the verdict "invalid" while the signatures are still reported.
 */
export interface SignedContainer {
  format: SignedFormat;
  /** PKCS#7 ContentInfo DER blobs, primary first (a PE may carry several WIN_CERTIFICATE entries) */
  signatures: Uint8Array[];
  digestSource: DigestSource;
  failures: Failure[];
}

/** The well-known StringFileInfo names of a version resource, as typed fields of VersionInfo. */
export const VERSION_STRING_NAMES = [
  'CompanyName',
  'FileDescription',
  'FileVersion',
  'InternalName',
  'LegalCopyright',
  'LegalTrademarks',
  'OriginalFilename',
  'ProductName',
  'ProductVersion',
  'Comments',
  'PrivateBuild',
  'SpecialBuild',
] as const;
export type VersionStringName = (typeof VERSION_STRING_NAMES)[number];

/**
 * A PE file's version resource (VS_VERSIONINFO; src/authenticode/formats/pe-version.ts). The well-known
 * strings are fields, present when the resource holds them; any other string ("Assembly Version", vendor
 * keys) is listed in `otherStrings`, in file order: names read from a file never become keys of an object.
 */
export type VersionInfo = { [K in VersionStringName]?: string } & {
  /** other strings of the string table, in file order */
  otherStrings: Array<{ name: string; value: string }>;
  /** VS_FIXEDFILEINFO's FILEVERSION "a.b.c.d", or null when the resource has no fixed part */
  fixedFileVersion: string | null;
  /** VS_FIXEDFILEINFO's PRODUCTVERSION "a.b.c.d", or null */
  fixedProductVersion: string | null;
  /** the string table read: language and code page as written, e.g. "040904b0"; null when none */
  stringTable: string | null;
};

/** A certificate as `signtool verify /v` lists it. */
export interface CertificateSummary {
  /** "CN=…, O=…, C=…" */
  subject: string;
  issuer: string;
  /** ISO 8601 */
  notBefore: string;
  notAfter: string;
  /** SHA-1 thumbprint, upper-case hex without colons */
  sha1: string;
}
