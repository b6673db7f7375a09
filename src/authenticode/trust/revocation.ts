/**
 * Revocation judging from CRLs given offline (no network at run time): decide which CRL speaks for a certificate,
 * and judge each certificate of a chain as good, revoked or unknown. The CRLs are parsed by crl.ts.
 *
 * A CRL speaks for a certificate only when
 *   - its issuer Name is byte-equal to the certificate's issuer Name,
 *   - its authorityKeyIdentifier (when both it and the issuer's subjectKeyIdentifier exist) names the issuer's key,
 *   - the issuer's key verifies the CRL's signature (node:crypto), and the issuer's keyUsage (when present)
 *     allows cRLSign,
 *   - it is inside its time window at the verification time: thisUpdate <= at <= nextUpdate (as Windows
 *     judges CRL freshness: at the time of the check, not at the signing time),
 *   - it has no critical extension this reader does not understand (RFC 5280 §5.2).
 * A CRL that fails any of these is not used; when no usable CRL speaks for a certificate its status is
 * "unknown" with the reasons, never "revoked". A CRL that is partitioned (issuingDistributionPoint naming a
 * distribution point or limited to some reasons) or a delta CRL can prove a revocation but never its absence.
 *
 * What a revocation means for a signature is decided by the caller (signature.ts) with judgeRevocation:
 * the revocation date (never invalidityDate, which Windows does not read) against the time the signature
 * is proven to exist. See docs/architecture.md, "Revocation".
 */
import type { X509Certificate } from 'node:crypto';
import { bytesEqual } from '../der/asn1';
import { verifyWithAlgorithm } from '../der/algorithm';
import { certFacts } from './certificates';
import type { ParsedCrl } from './crl';
import type { CrlEntry } from './crl-entries';
import type { RevocationDetail } from '../types';

/** CRL entry reason codes (RFC 5280 §5.3.1); 7 is unused. */
export const CRL_REASONS: Readonly<Record<number, string>> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};

// ---------------------------------------------------------------- status of one certificate

export type CertificateRevocationStatus =
  | { status: 'good'; crls: number }
  | { status: 'revoked'; revokedAt: Date; reason?: number }
  | { status: 'unknown'; why: string };

const iso = (d: Date): string => d.toISOString();

/** Why `crl` cannot speak for certificates issued by `issuer` at `at`, or undefined when it can. */
export function crlProblem(crl: ParsedCrl, issuer: X509Certificate, at: Date): string | undefined {
  if (crl.unusable) return `the CRL from "${crl.issuer}" is not used: ${crl.unusable}`;
  const f = certFacts(issuer);
  if (crl.aki && f.ski && !bytesEqual(crl.aki, f.ski)) return `the CRL from "${crl.issuer}" names another key of that issuer (authorityKeyIdentifier)`;
  if (f.keyUsage && !f.keyUsage.has('cRLSign')) return `"${f.subject}" may not sign CRLs (keyUsage without cRLSign)`;
  const check = verifyWithAlgorithm(issuer.publicKey, crl.signatureAlgorithm, 'sha256', crl.tbs, crl.signature);
  if (!check.ok) return `the CRL from "${crl.issuer}" is not signed by the issuer's key (${check.message})`;
  if (at.getTime() < crl.thisUpdate.getTime()) return `the CRL from "${crl.issuer}" is not yet valid at ${iso(at)} (thisUpdate ${iso(crl.thisUpdate)})`;
  if (crl.nextUpdate && at.getTime() > crl.nextUpdate.getTime())
    return `the CRL from "${crl.issuer}" expired at ${iso(crl.nextUpdate)} (nextUpdate; judged at ${iso(at)})`;
  return undefined;
}

/** The revocation status of `cert` (issued by `issuer`) from the CRLs, at the verification time `at`. */
export function certificateStatus(cert: X509Certificate, issuer: X509Certificate, crls: readonly ParsedCrl[], at: Date): CertificateRevocationStatus {
  const f = certFacts(cert);
  const problems: string[] = [];
  let complete = 0;
  let revoked: CrlEntry | undefined;
  for (const crl of crls) {
    if (!bytesEqual(crl.issuerDer, f.issuerDer)) continue;
    const problem = crlProblem(crl, issuer, at);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const entry = crl.entries.get(f.serial);
    if (entry && entry.reason !== 8) {
      // several usable CRLs listing it: the earliest revocation date is kept
      if (!revoked || entry.revokedAt.getTime() < revoked.revokedAt.getTime()) revoked = entry;
    } else if (!crl.partial) complete++;
    else problems.push(`the CRL from "${crl.issuer}" is ${crl.partial}: it cannot show that a certificate is not revoked`);
  }
  if (revoked) return { status: 'revoked', revokedAt: revoked.revokedAt, ...(revoked.reason !== undefined ? { reason: revoked.reason } : {}) };
  if (complete > 0) return { status: 'good', crls: complete };
  if (problems.length) return { status: 'unknown', why: problems.join('; ') };
  return { status: 'unknown', why: `no CRL from "${f.issuer}" was given` };
}

// ---------------------------------------------------------------- judging a chain

/** Reason codes after which a time-stamping authority's earlier tokens stay valid (RFC 3161 §4, item 1). */
const TSA_BENIGN_REASONS = new Set([0, 3, 4, 5]);

export interface ChainRevocation {
  details: RevocationDetail[];
  /** the certificates whose revocation makes the signature fail (CERT_REVOKED), one message each */
  failures: string[];
}

/**
 * Judge every certificate of `path` (leaf first; the last one, the anchor or the end of the path, is not
 * checked: it has no issuer in the path) against the CRLs.
 *   signer chain: revoked when the revocation date is not after `signedAt` (the valid timestamp's time, else
 *     the verification time) — whatever the reason code, as Windows does for code signing (the CA sets the
 *     revocation date; for a key compromise it dates it back to the compromise).
 *   timestamp chain: a TSA key whose certificate is revoked without a reason code, or for any reason other than
 *     unspecified / affiliationChanged / superseded / cessationOfOperation, may have stamped any time: every
 *     token it signed fails (RFC 3161 §4); for those four reasons tokens stamped before the revocation date stay valid.
 */
export function judgeChainRevocation(
  path: readonly X509Certificate[],
  kind: 'signer' | 'timestamp',
  signedAt: Date,
  crls: readonly ParsedCrl[],
  at: Date,
): ChainRevocation {
  const out: ChainRevocation = { details: [], failures: [] };
  for (let i = 0; i + 1 < path.length; i++) {
    const cert = path[i]!;
    const f = certFacts(cert);
    const s = certificateStatus(cert, path[i + 1]!, crls, at);
    const base = { chain: kind, subject: f.subject, serial: f.serial.toString(16).toUpperCase() };
    if (s.status === 'good') {
      out.details.push({ ...base, status: 'good', message: `not revoked (${s.crls} CRL${s.crls > 1 ? 's' : ''} from "${f.issuer}")` });
      continue;
    }
    if (s.status === 'unknown') {
      out.details.push({ ...base, status: 'unknown', message: s.why });
      continue;
    }
    const reason = s.reason !== undefined ? (CRL_REASONS[s.reason] ?? `reason ${s.reason}`) : undefined;
    const what = `"${f.subject}" was revoked at ${iso(s.revokedAt)}${reason ? ` (${reason})` : ' (no reason code)'}`;
    const withReason = { ...base, revokedAt: iso(s.revokedAt), ...(reason ? { reason } : {}) };
    const before = s.revokedAt.getTime() > signedAt.getTime();
    const tsaAnyTime = kind === 'timestamp' && (s.reason === undefined || !TSA_BENIGN_REASONS.has(s.reason));
    if (before && !tsaAnyTime) {
      out.details.push({ ...withReason, status: 'revoked-after-signing', message: `${what}, after ${kind === 'signer' ? 'the signature was made' : 'the time stamped'} (${iso(signedAt)}): it still holds` });
    } else {
      const message = tsaAnyTime
        ? `${what}: a time-stamping key revoked for that reason may have stamped any time, so no token it signed is trusted`
        : `${what}, not after ${kind === 'signer' ? 'the time the signature is proven to exist' : 'the time stamped'} (${iso(signedAt)})`;
      out.details.push({ ...withReason, status: 'revoked', message });
      out.failures.push(`${kind === 'timestamp' ? 'timestamp authority chain: ' : ''}${message}`);
    }
  }
  return out;
}

/** Summary status of a set of details: revoked > unknown > good. */
export function overallStatus(details: readonly RevocationDetail[]): 'good' | 'revoked' | 'unknown' {
  if (details.some((d) => d.status === 'revoked')) return 'revoked';
  if (details.length === 0 || details.some((d) => d.status === 'unknown')) return 'unknown';
  return 'good';
}
