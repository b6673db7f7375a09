/** Human output of `acs-gate verify`, in the style of `signtool verify /v`. */
import { escapeText as esc } from '../../text/escape';
import type { CertificateSummary, SignatureReport, VerificationResult, VersionInfo } from '../../authenticode/types';

export interface CertificateDetails {
  subject: string;
  issuer: string;
  validTo: string;
  sha1: string;
}

/** Finds, among certificates the caller knows, the details of a chain subject (for issued by / expires / SHA-1). */
export type CertificateLookup = (subject: string) => CertificateDetails | undefined;

function cn(subject: string): string {
  const m = /(?:^|,\s*|\n)CN=((?:\\,|[^,\n])+)/.exec(subject);
  return m ? m[1]!.replace(/\\,/g, ',') : subject;
}

/** One certificate of a chain as listed: names, and expiry and SHA-1 when known. */
interface ListedCertificate {
  subject: string;
  issuer?: string;
  /** a date string Date can read (ISO 8601 or node:crypto's validTo) */
  expires?: string;
  sha1?: string;
}

/** A chain, root first, each certificate one level deeper, as `signtool verify /v` prints it. */
function certificateBlock(rootFirst: ListedCertificate[]): string[] {
  const lines: string[] = [];
  rootFirst.forEach((c, i) => {
    const pad = '    '.repeat(i + 1);
    const issuer = c.issuer !== undefined ? cn(c.issuer) : i === 0 ? undefined : cn(rootFirst[i - 1]!.subject);
    lines.push(`${pad}Issued to: ${esc(cn(c.subject))}`);
    if (issuer) lines.push(`${pad}Issued by: ${esc(issuer)}`);
    if (c.expires) lines.push(`${pad}Expires:   ${new Date(c.expires).toUTCString()}`);
    if (c.sha1) lines.push(`${pad}SHA1 hash: ${esc(c.sha1)}`);
    lines.push('');
  });
  return lines;
}

const listed = (c: CertificateSummary): ListedCertificate => ({ subject: c.subject, issuer: c.issuer, expires: c.notAfter, sha1: c.sha1 });

/**
 * The signing chain, root first: the verifier's own certificate summaries when the report has them (every
 * certificate with its expiry and SHA-1, the leaf included); otherwise the subjects, with details looked up.
 */
function chainBlock(sig: SignatureReport, lookup: CertificateLookup): string[] {
  if (sig.chainCertificates?.length) return certificateBlock([...sig.chainCertificates].reverse().map(listed));
  return certificateBlock(
    [...sig.chain].reverse().map((subject) => {
      const d = lookup(subject);
      return d ? { subject, issuer: d.issuer, expires: d.validTo, sha1: d.sha1 } : { subject };
    }),
  );
}

/** The timestamp line, in agreement with the failures below it (a timestamp present but not used is said so). */
function timestampLine(sig: SignatureReport): string {
  if (!sig.timestampKind) return 'File is not timestamped.';
  const kind = sig.timestampKind === 'rfc3161' ? 'RFC 3161' : 'PKCS #9';
  if (sig.timestamp) return `The signature is timestamped (${kind}): ${new Date(sig.timestamp).toUTCString()}`;
  if (sig.failures.some((f) => f.code === 'TIMESTAMP_INVALID')) return `The signature has a ${kind} timestamp that does not verify (TIMESTAMP_INVALID below).`;
  if (sig.failures.some((f) => f.code === 'CERT_REVOKED')) return `The signature has a ${kind} timestamp; not used: a certificate of its chain is revoked (CERT_REVOKED below).`;
  return `The signature has a ${kind} timestamp; not used: the signer's certificate is for lifetime signing, judged at the verification time.`;
}

export function formatSignature(sig: SignatureReport, lookup: CertificateLookup): string[] {
  const lines = [
    `Signature Index: ${sig.index} ${sig.nested ? '(Nested Signature)' : '(Primary Signature)'}`,
    `Hash of file (${sig.digestAlgorithm}): ${
      sig.digestMatches === null ? 'not compared (the signature was refused before)' : sig.digestMatches ? 'matches the signed digest' : 'DOES NOT match the signed digest'
    }`,
    '',
  ];
  if (sig.signer) lines.push(`Signer: ${esc(sig.signer)}`, '');
  if (sig.chain.length) lines.push('Signing Certificate Chain:', ...chainBlock(sig, lookup));
  lines.push(timestampLine(sig));
  if (sig.timestampChain?.length) lines.push('Timestamp Verified by:', ...certificateBlock([...sig.timestampChain].reverse().map(listed)));
  // names in these lines come from certificates and CRLs (data): control characters escaped
  lines.push(`Revocation: ${esc(sig.revocation.summary)}`);
  for (const d of sig.revocation.details)
    if (d.status !== 'good' && !sig.revocation.summary.includes(d.message))
      lines.push(`    ${d.chain} chain, ${esc(cn(d.subject))}: ${d.status} (${esc(d.message)})`);
  lines.push(`Azure Code Signing (ACS): ${sig.acs ? 'yes' : 'no'}`);
  for (const f of sig.failures) lines.push(`  ${f.code}: ${esc(f.message)}`);
  lines.push('');
  return lines;
}


/** The version resource as sigcheck prints it (company, description, product, versions, original name). */
export function formatVersionInfo(v: VersionInfo | null | undefined, note?: string): string[] {
  if (!v) return note ? [`Version info:   ${esc(note)}`, ''] : [];
  const lines: string[] = [];
  const row = (label: string, value: string | undefined): void => {
    if (value !== undefined) lines.push(`${(label + ':').padEnd(16)}${esc(value)}`);
  };
  const fixed = (s: string | undefined, f: string | null): string | undefined =>
    f && s !== f ? (s === undefined ? f : `${s} (fixed ${f})`) : s;
  row('Company', v.CompanyName);
  row('Description', v.FileDescription);
  row('Product', v.ProductName);
  row('Prod version', fixed(v.ProductVersion, v.fixedProductVersion));
  row('File version', fixed(v.FileVersion, v.fixedFileVersion));
  row('Original name', v.OriginalFilename);
  row('Internal name', v.InternalName);
  row('Copyright', v.LegalCopyright);
  return lines.length ? [...lines, ''] : [];
}

export function formatVerification(r: VerificationResult, lookup: CertificateLookup = () => undefined): string {
  const lines = [`Verifying: ${esc(r.file)}`, `Format: ${r.format.toUpperCase()}`, ''];
  lines.push(...formatVersionInfo(r.versionInfo, r.versionInfoNote));
  for (const s of r.signatures) lines.push(...formatSignature(s, lookup));
  if (r.catalog) {
    const member = r.catalog.member === null ? '' : ` as "${esc(r.catalog.member)}"`;
    lines.push(
      `File is signed in catalog: ${esc(r.catalog.file)}${member} (${r.catalog.hashKind} ${r.catalog.digestAlgorithm} ${r.catalog.digest})`,
      `Catalog signature: ${r.catalog.valid ? 'valid' : 'DOES NOT hold'}`,
      '',
    );
    for (const s of r.catalog.signatures) lines.push(...formatSignature(s, lookup));
  }
  const fileFailures = r.failures.filter((f) => !r.signatures[0]?.failures.some((g) => g.code === f.code && g.message === f.message));
  if (r.verdict === 'valid') {
    lines.push(`Successfully verified: ${esc(r.file)}`);
    lines.push(`ACS: ${r.acs ? 'yes' : 'no'}`);
  } else {
    const first = (r.failures[0] ?? { code: r.verdict, message: r.verdict }) as { code: string; message: string };
    lines.push(`SignTool Error: ${r.verdict === 'unsigned' ? 'No signature found' : `${first.code}: ${esc(first.message)}`}`);
    for (const f of fileFailures.slice(r.verdict === 'unsigned' ? 0 : 1)) lines.push(`  ${f.code}: ${esc(f.message)}`);
    lines.push(`Verdict: ${r.verdict}`, 'ACS: no');
  }
  return lines.join('\n') + '\n';
}

export function formatVerifyTotals(results: VerificationResult[]): string {
  const ok = results.filter((r) => r.verdict === 'valid').length;
  const lines = [`Number of files successfully Verified: ${ok}`, `Number of warnings: 0`, `Number of errors: ${results.length - ok}`];
  return lines.join('\n') + '\n';
}
