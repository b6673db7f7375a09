/**
 * ACS readiness of one machine (behavior-spec section 1, rules 1 and 2): the OS verdict (readiness-os.ts)
 * and the root verdict (readiness-root.ts) combined, with the remediation steps in order.
 * ready = true only when both are true; false when either is false; otherwise 'unknown'.
 * Unknown facts are never guessed: they give FACT_UNKNOWN naming the fact, and a command to collect it.
 */
import { BoundedMemo } from '../text/bounded-memo';
import type { MachineProfile, MachineProfileInput } from './profile';
import { parseProfile } from './parse-profile';
import { collectorStep, remediationFor, type RemediationContext } from './remediation';
import { assessOs, type OsVerdict } from './readiness-os';
import { assessRoot } from './readiness-root';
import type { TextLang } from './texts';
import type { Readiness, ReadinessOptions, ReadinessReason, Tri } from './types';

export   { type OsVerdict } from './readiness-os';
export  { entryThumbprint, type RootVerdict } from './readiness-root';

/**
 * The accepted KBs, trimmed, upper-cased and checked: the same list for every machine of a run, so the last
 * one is kept (compared by content, never by identity alone: a caller may change its array between calls).
 */
let lastAccept: { given: string[]; kbs: readonly string[] } | undefined;
function acceptedKbs(given: readonly string[] | undefined): readonly string[] {
  if (!given?.length) return [];
  if (lastAccept && lastAccept.given.length === given.length && lastAccept.given.every((k, i) => k === given[i])) return lastAccept.kbs;
  const kbs = given.map((k) => k.trim().toUpperCase()).filter((k) => /^KB\d+$/.test(k));
  lastAccept = { given: [...given], kbs };
  return kbs;
}

/**
 * The remediation steps of one reason, in English (deduplication) and in `lang`: remediationFor's answer
 * depends only on the reason's code, fact and the evidence it reads, the line (or lines), the KBs and the
 * language, which make the key; the steps are the same few texts on thousands of machines, so they are made
 * once (and are the same string objects, which readiness-json.ts's cache of JSON texts finds at once).
 * Bounded: a fleet has tens of distinct keys; past 2048 keys the cache starts over (BoundedMemo).
 */
const STEPS = new BoundedMemo<{ en: readonly string[]; local: readonly string[] }>(2048);
function stepsFor(r: ReadinessReason, os: OsVerdict, lang: TextLang): { en: readonly string[]; local: readonly string[] } {
  return STEPS.get(stepsKey(r, os, lang), () => {
    const ctx: RemediationContext = { line: os.line, kbs: os.requiredKbs, ...(os.lines ? { lines: os.lines } : {}) };
    const en = remediationFor(r, ctx);
    return { en, local: lang === 'en' ? en : remediationFor(r, ctx, lang) };
  });
}

/** The key of stepsFor: every input remediationFor reads for this reason, with separators no line name, KB or note contains. */
function stepsKey(r: ReadinessReason, os: OsVerdict, lang: TextLang): string {
  const ev = r.evidence;
  // the commonest reasons read little: the root step and the step for an unrecognised version read nothing but
  // the language; a missing fact (other than laterKb) its name and, for os.ubr, whether the hotfixes are known
  if (r.code === 'ROOT_NOT_TRUSTED' || r.code === 'OS_UNRECOGNIZED') return lang + '\u0000' + r.code;
  if (r.code === 'FACT_UNKNOWN' && r.fact !== 'laterKb') return lang + '\u0000' + r.code + '\u0000' + keyPart(r.fact) + '\u0000' + keyPart(ev?.['hotfixesKnown']);
  const unknownKbs = ev?.['unknownKbs'];
  return [
    lang,
    r.code,
    r.fact ?? '',
    os.line ?? '\u0001',
    os.lines ? os.lines.join('\u0002') : '\u0001',
    os.requiredKbs ? os.requiredKbs.join('\u0002') : '\u0001',
    keyPart(ev?.['newestKnownKb']),
    keyPart(ev?.['newestKnownMonth']),
    keyPart(ev?.['note']),
    keyPart(ev?.['line']),
    keyPart(Array.isArray(unknownKbs) ? unknownKbs[0] : undefined),
    keyPart(ev?.['hotfixesKnown']),
  ].join('\u0000');
}

/** A value of the evidence in a cache key: its type and its text (a string "false" is not the boolean false). */
function keyPart(v: unknown): string {
  return v === undefined ? '\u0001' : typeof v === 'string' ? 's' + v : typeof v + String(v);
}

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
  const accept = acceptedKbs(options.acceptKbs);
  const os = assessOs(profile, lang, accept);
  const root = assessRoot(profile, lang);
  const reasons: ReadinessReason[] = [];
  const remediation: string[] = [];
  // most machines have no reason at all: nothing to remedy (no copies, no sets)
  if (os.reasons.length + root.reasons.length > 0) {
    for (const r of os.reasons) reasons.push(r);
    for (const r of root.reasons) reasons.push(r);
    const seen = new Set<string>();
    // a Windows line that never gets ACS support is not ready whatever else is learnt: no step to collect more
    const osNeverSupported = os.reasons.some((r) => r.code === 'OS_NO_ACS_SUPPORT');
    for (const r of reasons) {
      if (osNeverSupported && r.code === 'FACT_UNKNOWN') continue;
      const { en, local } = stepsFor(r, os, lang);
      for (let i = 0; i < en.length; i++) {
        const step = en[i]!;
        if (seen.has(step)) continue;
        seen.add(step);
        remediation.push(local[i] ?? step);
      }
    }
    // a fact the collectors gather is missing: point to them too (collect\\acs-collect.cmd needs no Node on the endpoint)
    if (!osNeverSupported && reasons.some((r) => r.code === 'FACT_UNKNOWN' && r.fact !== 'laterKb')) {
      const step = collectorStep('en');
      if (!seen.has(step)) {
        seen.add(step);
        remediation.push(lang === 'en' ? step : collectorStep(lang));
      }
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

