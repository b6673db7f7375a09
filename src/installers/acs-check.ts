/**
 * The ONE place an install path asks: "does this artifact hold on this machine?"
 *
 * - Declared artifact: ACS-signed when `acsSigned`, else when build >= 12011 (Apex One) or maintenance >=
 *   2023-03 (SaaS); with neither given it is assumed ACS-signed (every program released since then is).
 *   An ACS-signed program holds only when readiness.ready === true. A program that is not ACS-signed is
 *   judged on its own chain (spec 1.3): it holds.
 * - Real file: ONE verifyFile call with the machine's own trust anchors (machineTrustAnchors), the ACS roots
 *   and the simulation time; it holds when the verdict is valid and (it is not ACS or the OS supports ACS).
 * - readiness 'unknown' (decision, docs/behavior.md): an ACS-signed program does NOT hold, and the outcome is
 *   marked uncertain with the FACT_UNKNOWN reasons naming the missing facts: a pre-rollout admin sees the
 *   worst case (the popups that would appear) and what to collect to be sure.
 */
import type { X509Certificate } from 'node:crypto';
import type { CrlInput, VerificationResult } from '../authenticode/types';
import type { MachineProfile } from '../endpoint/profile';
import type { Readiness } from '../endpoint/types';
import type { Artifact, RunReason } from './types';
import { defaultVerifier, type AcsVerifier } from './verifier';
import { bundledAcsRoot } from '../endpoint/trust';
import { installerText, verdictWord, type TextLang } from './texts';

export const APEX_ONE_ACS_BUILD = 12011;
export const SAAS_ACS_MAINTENANCE = '2023-03';

export interface AcsCheckInput {
  artifact: Artifact;
  machine: MachineProfile;
  readiness: Readiness;
  at: Date;
  known?: X509Certificate[];
  acsRoots?: X509Certificate[];
  /** CRLs a real file's revocation is judged by (offline) */
  crls?: CrlInput[];
  /** the setting says this kind of update is ACS-signed (patternUpdatesBlocked, engineSignedWithAcs) */
  forceAcsSigned?: boolean;
  /** language of the reasons, warnings and remediation this module writes (default 'en'); the readiness's own are already in theirs */
  lang?: TextLang;
}

export interface AcsOutcome {
  /** the artifact would install / run on this machine */
  holds: boolean;
  /** the artifact is ACS-signed (declared, or as the verifier found) */
  acsSigned: boolean;
  /** the outcome rests on a fact the profile does not give */
  uncertain: boolean;
  reasons: RunReason[];
  remediation: string[];
  warnings: string[];
  verification?: VerificationResult;
  /**
   * the installer's own signature fails: its verdict is not valid even under every root this run knows
   * (the known certificates and the ACS roots), so the failure is the file's, not the machine's ACS support
   */
  installerInvalid?: boolean;
  /** with installerInvalid: the verifier's result under every known root (the file's intrinsic failure) */
  installerVerification?: VerificationResult;
  /**
   * the installer's signature is valid under a root this run knows, but that root is one the ACS readiness model
   * does not cover (not an ACS root, or an ACS root other than the one the machine's readiness was judged on) and
   * this machine's trust does not hold it: the outcome is not the machine's ACS support (reason ROOT_NOT_COVERED)
   */
  rootNotCovered?: boolean;
  /** with rootNotCovered: the verifier's (valid) result under every known root, whose chain names that root */
  rootVerification?: VerificationResult;
}

/** "YYYY-MM" → comparable number (year*12 + month), or NaN when malformed. */
export function monthIndex(m: string): number {
  const r = /^(\d{4})-(\d{2})$/.exec(m);
  if (!r) return NaN;
  const month = Number(r[2]);
  if (month < 1 || month > 12) return NaN;
  return Number(r[1]) * 12 + month;
}

export function declaredAcsSigned(a: Extract<Artifact, { kind: 'declared' }>): { acs: boolean; assumed: boolean } {
  if (a.acsSigned !== undefined) return { acs: a.acsSigned, assumed: false };
  if (a.build !== undefined) return { acs: a.build >= APEX_ONE_ACS_BUILD, assumed: false };
  if (a.maintenance !== undefined) {
    const m = monthIndex(a.maintenance);
    if (Number.isNaN(m)) throw new Error(`maintenance must be YYYY-MM: ${a.maintenance}`);
    return { acs: m >= monthIndex(SAAS_ACS_MAINTENANCE), assumed: false };
  }
  return { acs: true, assumed: true };
}

function readinessReasons(readiness: Readiness): RunReason[] {
  return readiness.reasons.map((r) => ({
    code: r.code,
    message: r.message,
    ...(r.evidence || r.fact ? { evidence: { ...(r.fact ? { fact: r.fact } : {}), ...(r.evidence ?? {}) } } : {}),
  }));
}

function notHeldOnMachine(readiness: Readiness, extra: RunReason[], warnings: string[], lang: TextLang, v?: VerificationResult): AcsOutcome {
  const uncertain = readiness.ready === 'unknown';
  const w = [...warnings];
  if (uncertain) {
    w.push(installerText('warning.uncertain', lang));
  }
  return {
    holds: false,
    acsSigned: true,
    uncertain,
    reasons: [...extra, ...readinessReasons(readiness)],
    remediation: [...readiness.remediation],
    warnings: w,
    ...(v ? { verification: v } : {}),
  };
}

function checkDeclared(input: AcsCheckInput, a: Extract<Artifact, { kind: 'declared' }>): AcsOutcome {
  const { acs, assumed } = input.forceAcsSigned ? { acs: true, assumed: false } : declaredAcsSigned(a);
  const lang = input.lang ?? 'en';
  const warnings = assumed ? [installerText('warning.declaredAssumed', lang)] : [];
  if (!acs) {
    return {
      holds: true,
      acsSigned: false,
      uncertain: false,
      reasons: [
        {
          code: 'NOT_ACS_SIGNED',
          message: installerText('reason.NOT_ACS_SIGNED.declared', lang),
          evidence: { ...(a.build !== undefined ? { build: a.build } : {}), ...(a.maintenance !== undefined ? { maintenance: a.maintenance } : {}) },
        },
      ],
      remediation: [],
      warnings,
    };
  }
  if (input.readiness.ready === true) {
    return { holds: true, acsSigned: true, uncertain: false, reasons: [], remediation: [], warnings };
  }
  return notHeldOnMachine(input.readiness, [], warnings, lang);
}

async function checkFile(input: AcsCheckInput, path: string, verifier: AcsVerifier): Promise<AcsOutcome> {
  const trust = verifier.machineTrustAnchors(input.machine, input.readiness, input.known ?? []);
  const v = await verifier.verifyFile(path, {
    trust,
    ...(input.acsRoots ? { acsRoots: input.acsRoots } : {}),
    ...(input.crls ? { crls: input.crls } : {}),
    at: input.at,
  });
  const lang = input.lang ?? 'en';
  const osOk = input.readiness.os.supported === true;
  const claim = input.artifact.kind === 'file' ? claimedAcsRelease(input.artifact) : null;
  // a program whose build says "ACS-signed" but whose valid signature is not: say so (the signature decides)
  const warnings = v.verdict === 'valid' && !v.acs && claim ? [installerText('warning.buildNotAcs', lang, { claim })] : [];
  if (v.verdict === 'valid' && (!v.acs || osOk)) {
    return {
      holds: true,
      acsSigned: v.acs,
      uncertain: false,
      reasons: v.acs ? [] : [{ code: 'NOT_ACS_SIGNED', message: installerText('reason.NOT_ACS_SIGNED.file', lang) }],
      remediation: [],
      warnings,
      verification: v,
    };
  }
  if (v.verdict !== 'valid') {
    const reference = await referenceVerification(input, verifier, trust, v);
    if (reference.verdict !== 'valid') return installerRejected(v, reference, lang);
    if (outsideReadinessModel(input, reference)) return rootNotCovered(input, v, reference, lang);
  }
  const extra: RunReason[] =
    v.verdict === 'valid'
      ? [] // valid ACS chain, but Windows on this machine cannot run ACS-signed code: the readiness reasons say why
      : [
          {
            code: 'SIGNATURE_NOT_VALID',
            message: installerText('reason.SIGNATURE_NOT_VALID', lang, { verdict: verdictWord(v.verdict, lang) }),
            evidence: { verdict: v.verdict, codes: v.failures.map((f) => f.code) },
          },
        ];
  // a ready machine never gets here: a file it cannot verify is the file's own failure (installerRejected) or
  // rests on a root the readiness model does not cover (rootNotCovered); what is left is the machine's ACS support
  const out = notHeldOnMachine(input.readiness, extra, [], lang, v);
  out.acsSigned = v.acs;
  return out;
}

/**
 * Every root this run knows: the known certificates (the bundled Microsoft roots, --trust) and the ACS roots
 * (default: the bundled Microsoft Identity Verification Root CA 2020), deduplicated by SHA-256.
 */
function referenceTrust(input: AcsCheckInput): X509Certificate[] {
  const all = new Map<string, X509Certificate>();
  for (const c of [...(input.known ?? []), ...(input.acsRoots ?? [bundledAcsRoot()])]) if (!all.has(c.fingerprint256)) all.set(c.fingerprint256, c);
  return [...all.values()];
}

/**
 * A file that does not verify under the machine's trust: is that the machine (a root it lacks) or the file?
 * It is the file's own failure when the verdict stays not valid under every root this run knows; the
 * second verification runs only when that trust adds a root the machine's lacks (else the first result is it).
 * Returns the result under every known root (valid when the failure is the machine's trust, not the file).
 */
async function referenceVerification(input: AcsCheckInput, verifier: AcsVerifier, machineTrust: X509Certificate[], v: VerificationResult): Promise<VerificationResult> {
  const reference = referenceTrust(input);
  const machine = new Set(machineTrust.map((c) => c.fingerprint256));
  if (reference.every((c) => machine.has(c.fingerprint256))) return v;
  return verifier.verifyFile(input.artifact.kind === 'file' ? input.artifact.path : '', {
    trust: reference,
    ...(input.acsRoots ? { acsRoots: input.acsRoots } : {}),
    ...(input.crls ? { crls: input.crls } : {}),
    at: input.at,
  });
}

/**
 * The file verifies under a root this run knows but not under the machine's trust: is the missing root one the
 * ACS readiness model judges? Not when the chain does not end at an ACS root (a private test PKI given with
 * --trust alone: whether the machine holds that root is no ACS matter), nor when it is an ACS root but the
 * machine is ready (its readiness was judged on another ACS root, e.g. --acs-root without --trust).
 */
function outsideReadinessModel(input: AcsCheckInput, reference: VerificationResult): boolean {
  return !reference.acs || input.readiness.ready === true;
}

/**
 * The installer's chain ends at a root the ACS readiness model does not cover, and this machine's trust does
 * not hold it: blocked (our inference: the signature does not verify there) with reason ROOT_NOT_COVERED and
 * the fix (name the ACS root with --acs-root, or give the root with --trust so the machines' stores can name
 * it). Not the machine's ACS support: no readiness reasons, and none of the FAQ's ACS popups or events (what
 * Windows and the agent show then is not in Trend Micro's Q&A; docs/behavior.md).
 */
function rootNotCovered(input: AcsCheckInput, v: VerificationResult, reference: VerificationResult, lang: TextLang): AcsOutcome {
  const chain = reference.signatures[0]?.chain ?? [];
  const root = chain[chain.length - 1] ?? '-';
  // a Root store the exports do not give may hold the root: unknown, never "blocked" (worst case: blocked)
  const uncertain = input.machine.rootStore === undefined;
  return {
    holds: false,
    acsSigned: reference.acs,
    uncertain,
    reasons: [
      {
        code: 'ROOT_NOT_COVERED',
        message: installerText('reason.ROOT_NOT_COVERED', lang, { root }),
        evidence: { root, acs: reference.acs, machineVerdict: v.verdict, machineCodes: v.failures.map((f) => f.code) },
        source: 'inferred',
      },
      ...(uncertain ? readinessReasons(input.readiness).filter((r) => r.code === 'FACT_UNKNOWN' && r.evidence?.fact === 'rootStore') : []),
    ],
    remediation: [installerText('remediation.rootNotCovered', lang)],
    warnings: [],
    verification: v,
    rootNotCovered: true,
    rootVerification: reference,
  };
}

/**
 * The installer's own signature fails: blocked on every machine, ready or not, with reason INSTALLER_INVALID
 * and the fix (obtain the installer again; --trust for a private test PKI). Not an ACS matter: no readiness
 * reasons, no uncertainty, and the machines show none of the FAQ's ACS popups or events (what Windows and the
 * agent show for such a file is not in Trend Micro's Q&A; docs/behavior.md).
 */
function installerRejected(v: VerificationResult, intrinsic: VerificationResult, lang: TextLang): AcsOutcome {
  const codes = intrinsic.failures.map((f) => f.code);
  return {
    holds: false,
    acsSigned: v.acs,
    uncertain: false,
    reasons: [
      {
        code: 'INSTALLER_INVALID',
        message: installerText('reason.INSTALLER_INVALID', lang, { verdict: verdictWord(intrinsic.verdict, lang), codes: codes.join(', ') || '-' }),
        evidence: { verdict: intrinsic.verdict, codes, machineVerdict: v.verdict, machineCodes: v.failures.map((f) => f.code) },
      },
    ],
    remediation: [installerText('remediation.installerInvalid', lang)],
    warnings: [],
    verification: v,
    installerInvalid: true,
    installerVerification: intrinsic,
  };
}

/** "build 12011" / "the 2023-03 maintenance" when a real file's declared build or month is an ACS-signed release; else null. */
function claimedAcsRelease(a: Extract<Artifact, { kind: 'file' }>): string | null {
  if (a.build !== undefined && a.build >= APEX_ONE_ACS_BUILD) return `build ${a.build}`;
  if (a.maintenance !== undefined && monthIndex(a.maintenance) >= monthIndex(SAAS_ACS_MAINTENANCE)) return `${a.maintenance}`;
  return null;
}

/** One decision: one verifier call at most. */
export async function checkArtifact(input: AcsCheckInput, verifier: AcsVerifier = defaultVerifier): Promise<AcsOutcome> {
  if (input.artifact.kind === 'declared') return checkDeclared(input, input.artifact);
  return checkFile(input, input.artifact.path, verifier);
}
