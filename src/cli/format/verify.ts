/** Human output of `acs-gate verify`, in the style of `signtool verify /v`. */
import type { SignatureReport, VerificationResult } from '../../authenticode/types';

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

function chainBlock(sig: SignatureReport, lookup: CertificateLookup): string[] {
  const lines: string[] = [];
  const rootFirst = [...sig.chain].reverse();
  rootFirst.forEach((subject, i) => {
    const pad = '    '.repeat(i + 1);
    const d = lookup(subject);
    const issuer = d ? cn(d.issuer) : i === 0 ? undefined : cn(rootFirst[i - 1]!);
    lines.push(`${pad}Issued to: ${cn(subject)}`);
    if (issuer) lines.push(`${pad}Issued by: ${issuer}`);
    if (d) {
      lines.push(`${pad}Expires:   ${new Date(d.validTo).toUTCString()}`);
      lines.push(`${pad}SHA1 hash: ${d.sha1}`);
    }
    lines.push('');
  });
  return lines;
}

export function formatSignature(sig: SignatureReport, lookup: CertificateLookup): string[] {
  const lines = [
    `Signature Index: ${sig.index} ${sig.nested ? '(Nested Signature)' : '(Primary Signature)'}`,
    `Hash of file (${sig.digestAlgorithm}): ${sig.digestMatches ? 'matches the signed digest' : 'DOES NOT match the signed digest'}`,
    '',
  ];
  if (sig.signer) lines.push(`Signer: ${sig.signer}`, '');
  if (sig.chain.length) lines.push('Signing Certificate Chain:', ...chainBlock(sig, lookup));
  lines.push(
    sig.timestamp
      ? `The signature is timestamped (${sig.timestampKind === 'rfc3161' ? 'RFC 3161' : 'PKCS #9'}): ${new Date(sig.timestamp).toUTCString()}`
      : 'File is not timestamped.',
  );
  lines.push(`Azure Code Signing (ACS): ${sig.acs ? 'yes' : 'no'}`);
  for (const f of sig.failures) lines.push(`  ${f.code}: ${f.message}`);
  lines.push('');
  return lines;
}

/** Text read from a file (a catalog member's name) shown on a terminal: control characters as \u escapes. */
function controlsEscaped(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatVerification(r: VerificationResult, lookup: CertificateLookup = () => undefined): string {
  const lines = [`Verifying: ${r.file}`, `Format: ${r.format.toUpperCase()}`, ''];
  for (const s of r.signatures) lines.push(...formatSignature(s, lookup));
  if (r.catalog) {
    const member = r.catalog.member === null ? '' : ` as "${controlsEscaped(r.catalog.member)}"`;
    lines.push(
      `File is signed in catalog: ${controlsEscaped(r.catalog.file)}${member} (${r.catalog.hashKind} ${r.catalog.digestAlgorithm} ${r.catalog.digest})`,
      `Catalog signature: ${r.catalog.valid ? 'valid' : 'DOES NOT hold'}`,
      '',
    );
    for (const s of r.catalog.signatures) lines.push(...formatSignature(s, lookup));
  }
  const fileFailures = r.failures.filter((f) => !r.signatures[0]?.failures.some((g) => g.code === f.code && g.message === f.message));
  if (r.verdict === 'valid') {
    lines.push(`Successfully verified: ${r.file}`);
    lines.push(`ACS: ${r.acs ? 'yes' : 'no'}`);
  } else {
    const first = (r.failures[0] ?? { code: r.verdict, message: r.verdict }) as { code: string; message: string };
    lines.push(`SignTool Error: ${r.verdict === 'unsigned' ? 'No signature found' : `${first.code}: ${first.message}`}`);
    for (const f of fileFailures.slice(r.verdict === 'unsigned' ? 0 : 1)) lines.push(`  ${f.code}: ${f.message}`);
    lines.push(`Verdict: ${r.verdict}`, 'ACS: no');
  }
  return lines.join('\n') + '\n';
}

export function formatVerifyTotals(results: VerificationResult[]): string {
  const ok = results.filter((r) => r.verdict === 'valid').length;
  const lines = [`Number of files successfully Verified: ${ok}`, `Number of warnings: 0`, `Number of errors: ${results.length - ok}`];
  return lines.join('\n') + '\n';
}
