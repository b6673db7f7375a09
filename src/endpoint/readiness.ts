/**
 * ACS readiness of one machine (behavior-spec section 1, rules 1 and 2): the OS verdict (readiness-os.ts)
 * and the root verdict (readiness-root.ts) combined, with the remediation steps in order.
 * ready = true only when both are true; false when either is false; otherwise 'unknown'.
 * Unknown facts are never guessed: they give FACT_UNKNOWN naming the fact, and a command to collect it.
 */
import type { MachineProfile, MachineProfileInput } from './profile';
import { parseProfile } from './parse-profile';
import { collectorStep, remediationFor } from './remediation';
import { assessOs } from './readiness-os';
import { assessRoot } from './readiness-root';
import type { TextLang } from './texts';
import type { Readiness, ReadinessOptions, Tri } from './types';

export   { type OsVerdict } from './readiness-os';
export  { entryThumbprint, type RootVerdict } from './readiness-root';

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return 'unknown';
}

/**
 * The machine's readiness. `options.lang` ('en' by default) is the language of reasons[].message and
 * remediation[]; codes, facts, evidence and everything else are the same in both languages, and the
 * remediation steps are the same steps in the same order (deduplicated by their English text).
 */
/**
 * Judges one machine's ACS readiness: Windows support (KB5022661's minimums) and trust in the Microsoft
 * Identity Verification Root CA 2020. A missing fact gives `'unknown'` with a FACT_UNKNOWN reason naming it,
 * never `false`.
 * @param input a machine profile: the canonical one from loadInventory, or one written by hand (defaults
 *   are applied: role "endpoint", os {})
 * @param options `lang` of the reasons' messages and of the remediation ('en' by default)
 * @returns the verdict (`ready`: true / false / 'unknown'), the reasons and the remediation steps in order
 * @throws ProfileError naming the field when `input` is not a machine profile (e.g. from plain JavaScript)
 */
export function assessReadiness(input: MachineProfileInput, options: ReadinessOptions = {}): Readiness {
  return judgeReadiness(parseProfile(input), options);
}

/**
 * assessReadiness for a profile that is already what parseProfile returns (an item of loadInventory, or
 * applyAssumptions of one), with options already checked: the same verdict without checking and copying the
 * profile again (that second parse was a third of judging a fleet's machine). Not a public entry point.
 */
export function judgeReadiness(profile: MachineProfile, options: ReadinessOptions = {}): Readiness {
  const lang: TextLang = options.lang === 'ja' ? 'ja' : 'en';
  const accept = options.acceptKbs?.length ? options.acceptKbs.map((k) => k.trim().toUpperCase()).filter((k) => /^KB\d+$/.test(k)) : [];
  const os = assessOs(profile, lang, accept);
  const root = assessRoot(profile, lang);
  const reasons = [...os.reasons, ...root.reasons];
  const remediation: string[] = [];
  const seen = new Set<string>();
  // a Windows line that never gets ACS support is not ready whatever else is learnt: no step to collect more
  const osNeverSupported = os.reasons.some((r) => r.code === 'OS_NO_ACS_SUPPORT');
  for (const r of reasons) {
    if (osNeverSupported && r.code === 'FACT_UNKNOWN') continue;
    const ctx = { line: os.line, kbs: os.requiredKbs, ...(os.lines ? { lines: os.lines } : {}) };
    const en = remediationFor(r, ctx);
    const local = lang === 'en' ? en : remediationFor(r, ctx, lang);
    en.forEach((step, i) => {
      if (seen.has(step)) return;
      seen.add(step);
      remediation.push(local[i] ?? step);
    });
  }
  // a fact the collectors gather is missing: point to them too (collect\\acs-collect.cmd needs no Node on the endpoint)
  if (!osNeverSupported && reasons.some((r) => r.code === 'FACT_UNKNOWN' && r.fact !== 'laterKb')) {
    const step = collectorStep('en');
    if (!seen.has(step)) {
      seen.add(step);
      remediation.push(lang === 'en' ? step : collectorStep(lang));
    }
  }
  // the same keys in the same order as spreading optional parts, without an object per part
  const osOut: Readiness['os'] = { supported: os.supported };
  if (os.line !== undefined) osOut.line = os.line;
  if (profile.os.version !== undefined) osOut.version = profile.os.version;
  if (profile.os.ubr !== undefined) osOut.ubr = profile.os.ubr;
  if (os.requiredKbs) osOut.requiredKbs = os.requiredKbs;
  return {
    name: profile.name,
    role: profile.role,
    ready: and(os.supported, root.trusted),
    os: osOut,
    root: { trusted: root.trusted, via: root.via },
    reasons,
    remediation,
  };
}

