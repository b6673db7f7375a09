/**
 * Chain layer: build a path from a leaf through the bag's certificates to a trust anchor, then judge it.
 *
 * Building: an issuer candidate has the child's issuer name as its subject (byte-equal DER), a SKI equal
 * to the child's AKI when both exist, and a key that verifies the child's signature. Alternatives are all
 * tried (bounded); a path ends at an anchor, which is any certificate the caller trusts, self-signed or not,
 * matched by its exact DER (so by key and fingerprint), never by name.
 * Judging (RFC 5280 §6 in the parts Windows applies to code signing): validity of every certificate at the
 * chosen time, issuers below the anchor are CAs (basicConstraints cA, keyCertSign when keyUsage is present)
 * within their pathLenConstraint, the leaf's EKU allows the purpose (absent EKU = any purpose for code
 * signing, as Windows does), every issuer's EKU extension (when present) allows the purpose too (EKU
 * chaining), the leaf's keyUsage (when present) allows digitalSignature.
 */
import type { X509Certificate } from 'node:crypto';
import { bytesEqual } from '../der/asn1';
import { type CertFacts, certFacts, signedBy } from './certificates';
import { OID } from '../der/oids';
import type { Failure, FailureCode } from '../types';

export type ChainPurpose = 'codeSigning' | 'timeStamping';

export interface ChainInput {
  leaf: X509Certificate;
  /** certificates that may serve as intermediates (the bag) */
  pool: X509Certificate[];
  /** trust anchors */
  anchors: X509Certificate[];
  at: Date;
  purpose: ChainPurpose;
  /**
   * Signature checks this search may still spend, shared by every chain of one file (verifyFileWithContext
   * sets it; see VerifyContext.chainBudget). Decremented here; absent = only MAX_SIGNATURE_CHECKS applies.
   */
  budget?: { checks: number };
}

export interface ChainResult {
  ok: boolean;
  /** leaf first; up to the anchor when one was reached, else as far as building got */
  path: X509Certificate[];
  /** the anchor the path ends at, when it reached one */
  anchor?: X509Certificate;
  failures: Failure[];
}

/** Longest path considered (leaf + intermediates + anchor). */
export const MAX_PATH_LENGTH = 10;
/** Bound on the search (each step = one candidate path extension). */
const MAX_STEPS = 500;
/**
 * Bound on the signature checks of one search (each distinct certificate/issuer pair is checked once).
 * A real bag needs a handful; 63 certificates sharing one name and one key (every one verifies every other)
 * needed ~4 000 per chain, 17 signatures per blob, two chains each (found by scripts/fuzz, target
 * "adversarial": 15 s for a 16 MB PE). When the checks run out the search gives up: CHAIN_INCOMPLETE.
 */
export const MAX_SIGNATURE_CHECKS = 64;

interface DeadEnd {
  path: X509Certificate[];
  failure: Failure;
}

const DEAD_END_PRIORITY: FailureCode[] = ['UNTRUSTED_ROOT', 'CHAIN_SIGNATURE_INVALID', 'CHAIN_INCOMPLETE'];

function facts(c: X509Certificate): CertFacts | undefined {
  try {
    return certFacts(c);
  } catch {
    return undefined;
  }
}

function describe(c: X509Certificate): string {
  return facts(c)?.subject ?? c.subject.replace(/\n/g, ', ');
}

/** Build and judge the best path from `leaf` to one of `anchors`. Never throws on bad certificates. */
export function buildChain(input: ChainInput): ChainResult {
  const byDer = new Map<string, X509Certificate>();
  for (const c of [...input.anchors, ...input.pool]) byDer.set(c.fingerprint256 + c.raw.length, c);
  const candidates = [...byDer.values()].filter((c) => facts(c));
  const isAnchor = (c: X509Certificate): boolean => input.anchors.some((a) => bytesEqual(a.raw, c.raw));

  // each (certificate, issuer) signature is checked once, however many paths share the link
  const verified = new Map<string, boolean>();
  let checks = 0;
  let gaveUp = false;
  const linkHolds = (cert: X509Certificate, issuer: X509Certificate): boolean => {
    const key = `${cert.fingerprint256}>${issuer.fingerprint256}`;
    let ok = verified.get(key);
    if (ok === undefined) {
      if (checks >= MAX_SIGNATURE_CHECKS || (input.budget !== undefined && input.budget.checks <= 0)) {
        gaveUp = true;
        return false;
      }
      checks++;
      if (input.budget) input.budget.checks--;
      verified.set(key, (ok = signedBy(cert, issuer)));
    }
    return ok;
  };

  const complete: X509Certificate[][] = [];
  const deadEnds: DeadEnd[] = [];
  let steps = 0;

  const extend = (path: X509Certificate[]): void => {
    if (++steps > MAX_STEPS) return;
    const cur = path[path.length - 1]!;
    if (isAnchor(cur)) {
      complete.push(path);
      return;
    }
    const f = facts(cur);
    if (!f) {
      deadEnds.push({ path, failure: { code: 'CHAIN_INCOMPLETE', message: `certificate "${describe(cur)}" does not parse` } });
      return;
    }
    if (path.length >= MAX_PATH_LENGTH) {
      deadEnds.push({ path, failure: { code: 'CHAIN_INCOMPLETE', message: `no anchor within ${MAX_PATH_LENGTH} certificates` } });
      return;
    }
    const byName = candidates.filter((c) => {
      if (path.some((p) => bytesEqual(p.raw, c.raw))) return false;
      const cf = facts(c)!;
      if (!bytesEqual(cf.subjectDer, f.issuerDer)) return false;
      return !(f.aki && cf.ski && !bytesEqual(f.aki, cf.ski));
    });
    const verifying = byName.filter((c) => linkHolds(cur, c));
    if (verifying.length === 0) {
      if (gaveUp) return; // out of signature checks: this branch was not judged
      // self-signed (isSelfSigned), with the check counted like the others
      if (bytesEqual(f.subjectDer, f.issuerDer) && linkHolds(cur, cur)) {
        deadEnds.push({
          path,
          failure: { code: 'UNTRUSTED_ROOT', message: `the chain ends at self-signed "${f.subject}", which is not a trust anchor` },
        });
      } else if (byName.length > 0) {
        deadEnds.push({
          path,
          failure: {
            code: 'CHAIN_SIGNATURE_INVALID',
            message: `no certificate named "${f.issuer}" verifies the signature on "${f.subject}"`,
          },
        });
      } else {
        deadEnds.push({ path, failure: { code: 'CHAIN_INCOMPLETE', message: `the issuer "${f.issuer}" of "${f.subject}" was not found` } });
      }
      return;
    }
    verifying.sort((a, b) => Number(isAnchor(b)) - Number(isAnchor(a)));
    for (const next of verifying) extend([...path, next]);
  };
  extend([input.leaf]);

  if (complete.length > 0) {
    let best: { path: X509Certificate[]; failures: Failure[] } | undefined;
    for (const path of complete) {
      const failures = judgePath(path, input);
      if (!best || failures.length < best.failures.length) best = { path, failures };
      if (failures.length === 0) break;
    }
    return { ok: best!.failures.length === 0, path: best!.path, anchor: best!.path[best!.path.length - 1], failures: best!.failures };
  }
  if (deadEnds.length === 0 || gaveUp) {
    return { ok: false, path: [input.leaf], failures: [{ code: 'CHAIN_INCOMPLETE', message: 'chain building gave up (too many alternatives)' }] };
  }
  deadEnds.sort((a, b) => DEAD_END_PRIORITY.indexOf(a.failure.code) - DEAD_END_PRIORITY.indexOf(b.failure.code) || b.path.length - a.path.length);
  const chosen = deadEnds[0]!;
  return { ok: false, path: chosen.path, failures: [chosen.failure] };
}

/** Judge a complete path (leaf first, anchor last) at input.at for input.purpose. */
export function judgePath(path: X509Certificate[], input: Pick<ChainInput, 'at' | 'purpose'>): Failure[] {
  const out: Failure[] = [];
  const at = input.at;
  path.forEach((cert, i) => {
    const f = certFacts(cert);
    if (at.getTime() < f.notBefore.getTime())
      out.push({ code: 'CERT_NOT_YET_VALID', message: `"${f.subject}" is not valid before ${f.notBefore.toISOString()} (judged at ${at.toISOString()})` });
    if (at.getTime() > f.notAfter.getTime())
      out.push({ code: 'CERT_EXPIRED', message: `"${f.subject}" expired at ${f.notAfter.toISOString()} (judged at ${at.toISOString()})` });
    const isIssuer = i > 0;
    const isAnchor = i === path.length - 1;
    if (isIssuer && !isAnchor) {
      if (!f.basicConstraints?.ca)
        out.push({ code: 'NOT_A_CA', message: `"${f.subject}" issues certificates but is not a CA (basicConstraints cA missing)` });
      else if (f.keyUsage && !f.keyUsage.has('keyCertSign'))
        out.push({ code: 'NOT_A_CA', message: `"${f.subject}" issues certificates but its keyUsage lacks keyCertSign` });
      const below = i - 1; // intermediate CAs between this issuer and the leaf
      if (f.basicConstraints?.pathLen !== undefined && below > f.basicConstraints.pathLen)
        out.push({
          code: 'PATH_LENGTH_EXCEEDED',
          message: `"${f.subject}" allows ${f.basicConstraints.pathLen} CA certificate(s) below it, the chain has ${below}`,
        });
    }
  });
  // EKU chaining (as Windows applies it): a CA whose certificate has an EKU extension limits its subtree.
  const wanted = input.purpose === 'codeSigning' ? OID.ekuCodeSigning : OID.ekuTimeStamping;
  for (const cert of path.slice(1)) {
    const f = certFacts(cert);
    if (f.eku && !f.eku.includes(wanted) && !f.eku.includes(OID.anyExtendedKeyUsage))
      out.push({ code: 'EKU_NOT_CODE_SIGNING', message: `issuer "${f.subject}" restricts its EKUs to ${f.eku.join(', ')}, without ${wanted}` });
  }
  const leaf = certFacts(path[0]!);
  const eku = leaf.eku;
  if (input.purpose === 'codeSigning') {
    if (eku && !eku.includes(OID.ekuCodeSigning) && !eku.includes(OID.anyExtendedKeyUsage))
      out.push({ code: 'EKU_NOT_CODE_SIGNING', message: `"${leaf.subject}" has EKUs ${eku.join(', ')} but not code signing (1.3.6.1.5.5.7.3.3)` });
  } else if (!eku || !eku.includes(OID.ekuTimeStamping)) {
    out.push({ code: 'EKU_NOT_CODE_SIGNING', message: `"${leaf.subject}" lacks the time stamping EKU (1.3.6.1.5.5.7.3.8)` });
  }
  if (leaf.keyUsage && !leaf.keyUsage.has('digitalSignature'))
    out.push({ code: 'KEY_USAGE_INVALID', message: `"${leaf.subject}" keyUsage does not allow digitalSignature` });
  return out;
}
