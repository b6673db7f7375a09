/**
 * `acs-gate verify --lang ja` (and a Japanese locale): the verification in Japanese (issue 18.5). The same facts
 * as the signtool-style English output (src/cli/format/verify.ts), with Japanese labels and each failure code
 * explained in Japanese (docs/failure-codes.md) instead of the verifier's English message; names from the file
 * and its certificates are data and stay as they are (escaped). Its words come from the text home (keys `verify.*`).
 */
import { escapeText as esc } from '../../text/escape';
import type { FailureCode, SignatureReport, VerificationResult, VersionInfo } from '../../authenticode/types';
import { VERDICT_LABELS } from '../../report/i18n';
import { JA, text, type TextKey, type TextParam } from '../../messages/texts';

/** A text of the text home (keys `verify.*`) in Japanese. */
const v = (key: TextKey, params: Record<string, TextParam> = {}): string => text(key, 'ja', params);

/** Each failure code's meaning in Japanese (docs/failure-codes.md; keys `verify.failure.CODE`). */
function failureJa(code: FailureCode): string {
  const key = `verify.failure.${code}`;
  return key in JA ? v(key as TextKey) : code;
}

function cn(subject: string): string {
  const m = /(?:^|,\s*|\n)CN=((?:\\,|[^,\n])+)/.exec(subject);
  return m ? m[1]!.replace(/\\,/g, ',') : subject;
}

const yesNo = (b: boolean): string => v(b ? 'word.yes' : 'word.no');

function versionInfoJa(info: VersionInfo | null | undefined): string[] {
  if (!info) return [];
  const rows: Array<[TextKey, string | undefined]> = [
    ['verify.version.company', info.CompanyName],
    ['verify.version.description', info.FileDescription],
    ['verify.version.product', info.ProductName],
    ['verify.version.productVersion', info.ProductVersion ?? info.fixedProductVersion ?? undefined],
    ['verify.version.fileVersion', info.FileVersion ?? info.fixedFileVersion ?? undefined],
    ['verify.version.originalName', info.OriginalFilename],
  ];
  const lines = rows.filter(([, x]) => x !== undefined && x !== null).map(([k, x]) => `${v(k)}: ${esc(x!)}`);
  return lines.length ? [...lines, ''] : [];
}

function signatureJa(sig: SignatureReport): string[] {
  const lines = [
    v(sig.nested ? 'verify.signature.nested' : 'verify.signature.primary', { index: sig.index }),
    '  ' + v('verify.hash', { algorithm: sig.digestAlgorithm, result: v(sig.digestMatches === null ? 'verify.hash.notCompared' : sig.digestMatches ? 'verify.hash.matches' : 'verify.hash.differs') }),
  ];
  if (sig.signer) lines.push('  ' + v('verify.signer', { signer: esc(cn(sig.signer)) }));
  if (sig.chain.length) {
    lines.push('  ' + v('verify.chain.rootFirst'));
    const certs: Array<{ subject: string; notAfter?: string; sha1?: string }> = sig.chainCertificates?.length
      ? [...sig.chainCertificates].reverse().map((c) => ({ subject: c.subject, notAfter: String(c.notAfter), sha1: c.sha1 }))
      : [...sig.chain].reverse().map((subject) => ({ subject }));
    certs.forEach((c, i) => {
      const pad = '    ' + '  '.repeat(i);
      lines.push(pad + v('verify.cert.issuedTo', { name: esc(cn(c.subject)) }));
      const expires = c.notAfter ? new Date(c.notAfter) : undefined;
      if (expires && !Number.isNaN(expires.getTime())) lines.push(`${pad}  ${v('verify.cert.expires', { date: expires.toISOString() })}`);
      if (c.sha1) lines.push(`${pad}  ${v('verify.cert.sha1', { sha1: esc(c.sha1) })}`);
    });
  }
  lines.push('  ' + (sig.timestamp ? v('verify.timestamp.at', { kind: sig.timestampKind === 'rfc3161' ? 'RFC 3161' : 'PKCS #9', date: new Date(sig.timestamp).toISOString() }) : v('verify.timestamp.none')));
  lines.push('  ' + v('verify.revocation', { summary: v(`verify.revocation.${sig.revocation.status}`) }));
  lines.push('  ' + v('verify.acs.signature', { yesNo: yesNo(sig.acs) }));
  for (const f of sig.failures) lines.push(`    ${f.code}: ${failureJa(f.code)}`);
  lines.push('');
  return lines;
}

/** One file's verification in Japanese. */
export function formatVerificationJa(r: VerificationResult): string {
  const lines = [v('verify.verifying', { file: esc(r.file) }), v('verify.format', { format: r.format.toUpperCase() }), ''];
  lines.push(...versionInfoJa(r.versionInfo));
  for (const s of r.signatures) lines.push(...signatureJa(s));
  if (r.catalog) {
    lines.push(v('verify.catalog', { file: esc(r.catalog.file), state: v(r.catalog.valid ? 'verify.catalog.holds' : 'verify.catalog.fails') }), '');
    for (const s of r.catalog.signatures) lines.push(...signatureJa(s));
  }
  const own = r.failures.filter((f) => !r.signatures[0]?.failures.some((g) => g.code === f.code));
  for (const f of own) lines.push(`  ${f.code}: ${failureJa(f.code)}`);
  lines.push(v('verify.verdict', { verdict: VERDICT_LABELS[r.verdict]?.ja ?? r.verdict }), v('verify.acs', { yesNo: yesNo(r.verdict === 'valid' && r.acs) }));
  return lines.join('\n') + '\n';
}

/** The totals after several files, in Japanese. */
export function formatVerifyTotalsJa(results: VerificationResult[]): string {
  const ok = results.filter((r) => r.verdict === 'valid').length;
  return v('verify.totals', { total: results.length, ok, errors: results.length - ok }) + '\n';
}
