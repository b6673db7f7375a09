/** Human output of `acs-gate verify`, in the style of `signtool verify /v`; its words from the text home (keys `verify.*`). */
import { escapeText as esc } from '../../text/escape';
import type { CertificateSummary, SignatureReport, VerificationResult, VersionInfo } from '../../authenticode/types';
import { text, type TextKey, type TextParam } from '../../messages/texts';

/** A text of the text home (keys `verify.*`) in English: this output is signtool's, in English. */
const v = (key: TextKey, params: Record<string, TextParam> = {}): string => text(key, 'en', params);

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
    lines.push(pad + v('verify.cert.issuedTo.signtool', { name: esc(cn(c.subject)) }));
    if (issuer) lines.push(pad + v('verify.cert.issuedBy.signtool', { name: esc(issuer) }));
    if (c.expires) lines.push(pad + v('verify.cert.expires.signtool', { date: new Date(c.expires).toUTCString() }));
    if (c.sha1) lines.push(pad + v('verify.cert.sha1.signtool', { sha1: esc(c.sha1) }));
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
  if (!sig.timestampKind) return v('verify.timestamp.none.signtool');
  const kind = sig.timestampKind === 'rfc3161' ? 'RFC 3161' : 'PKCS #9';
  if (sig.timestamp) return v('verify.timestamp.at.signtool', { kind, date: new Date(sig.timestamp).toUTCString() });
  if (sig.failures.some((f) => f.code === 'TIMESTAMP_INVALID')) return v('verify.timestamp.invalid', { kind });
  if (sig.failures.some((f) => f.code === 'CERT_REVOKED')) return v('verify.timestamp.revoked', { kind });
  return v('verify.timestamp.lifetime', { kind });
}

export function formatSignature(sig: SignatureReport, lookup: CertificateLookup): string[] {
  const lines = [
    v(sig.nested ? 'verify.signature.nested' : 'verify.signature.primary', { index: sig.index }),
    v('verify.hash', {
      algorithm: sig.digestAlgorithm,
      result: v(sig.digestMatches === null ? 'verify.hash.notCompared' : sig.digestMatches ? 'verify.hash.matches' : 'verify.hash.differs'),
    }),
    '',
  ];
  if (sig.signer) lines.push(v('verify.signer', { signer: esc(sig.signer) }), '');
  if (sig.chain.length) lines.push(v('verify.chain.signtool'), ...chainBlock(sig, lookup));
  lines.push(timestampLine(sig));
  if (sig.timestampChain?.length) lines.push(v('verify.timestamp.chain'), ...certificateBlock([...sig.timestampChain].reverse().map(listed)));
  // names in these lines come from certificates and CRLs (data): control characters escaped
  lines.push(v('verify.revocation', { summary: esc(sig.revocation.summary) }));
  for (const d of sig.revocation.details)
    if (d.status !== 'good' && !sig.revocation.summary.includes(d.message))
      lines.push('    ' + v('verify.revocation.detail', { chain: d.chain, subject: esc(cn(d.subject)), status: d.status, message: esc(d.message) }));
  lines.push(v('verify.acs.signature.signtool', { yesNo: v(sig.acs ? 'word.yes' : 'word.no') }));
  for (const f of sig.failures) lines.push(`  ${f.code}: ${esc(f.message)}`);
  lines.push('');
  return lines;
}


/** The version resource as sigcheck prints it (company, description, product, versions, original name). */
export function formatVersionInfo(info: VersionInfo | null | undefined, note?: string): string[] {
  if (!info) return note ? [v('verify.version.note', { note: esc(note) }), ''] : [];
  const lines: string[] = [];
  const row = (label: TextKey, value: string | undefined): void => {
    if (value !== undefined) lines.push(`${(v(label) + ':').padEnd(16)}${esc(value)}`);
  };
  const fixed = (s: string | undefined, f: string | null): string | undefined =>
    f && s !== f ? (s === undefined ? f : v('verify.version.fixed', { value: s, fixed: f })) : s;
  row('verify.version.company', info.CompanyName);
  row('verify.version.description', info.FileDescription);
  row('verify.version.product', info.ProductName);
  row('verify.version.productVersion', fixed(info.ProductVersion, info.fixedProductVersion));
  row('verify.version.fileVersion', fixed(info.FileVersion, info.fixedFileVersion));
  row('verify.version.originalName', info.OriginalFilename);
  row('verify.version.internalName', info.InternalName);
  row('verify.version.copyright', info.LegalCopyright);
  return lines.length ? [...lines, ''] : [];
}

export function formatVerification(r: VerificationResult, lookup: CertificateLookup = () => undefined): string {
  const lines = [v('verify.verifying', { file: esc(r.file) }), v('verify.format', { format: r.format.toUpperCase() }), ''];
  lines.push(...formatVersionInfo(r.versionInfo, r.versionInfoNote));
  for (const s of r.signatures) lines.push(...formatSignature(s, lookup));
  if (r.catalog) {
    const member = r.catalog.member === null ? '' : v('verify.catalog.member', { member: esc(r.catalog.member) });
    lines.push(
      v('verify.catalog.signtool', { file: esc(r.catalog.file), member, hashKind: r.catalog.hashKind, algorithm: r.catalog.digestAlgorithm, digest: r.catalog.digest }),
      v('verify.catalog.signature.signtool', { state: v(r.catalog.valid ? 'verify.catalog.holds' : 'verify.catalog.fails') }),
      '',
    );
    for (const s of r.catalog.signatures) lines.push(...formatSignature(s, lookup));
  }
  const fileFailures = r.failures.filter((f) => !r.signatures[0]?.failures.some((g) => g.code === f.code && g.message === f.message));
  if (r.verdict === 'valid') {
    lines.push(v('verify.success.signtool', { file: esc(r.file) }));
    lines.push(v('verify.acs', { yesNo: v(r.acs ? 'word.yes' : 'word.no') }));
  } else {
    const first = (r.failures[0] ?? { code: r.verdict, message: r.verdict }) as { code: string; message: string };
    lines.push(v('verify.error.signtool', { error: r.verdict === 'unsigned' ? v('verify.noSignature.signtool') : `${first.code}: ${esc(first.message)}` }));
    for (const f of fileFailures.slice(r.verdict === 'unsigned' ? 0 : 1)) lines.push(`  ${f.code}: ${esc(f.message)}`);
    lines.push(v('verify.verdict', { verdict: r.verdict }), v('verify.acs', { yesNo: v('word.no') }));
  }
  return lines.join('\n') + '\n';
}

export function formatVerifyTotals(results: VerificationResult[]): string {
  const ok = results.filter((r) => r.verdict === 'valid').length;
  return v('verify.totals.signtool', { ok, errors: results.length - ok }) + '\n';
}
