/**
 * ACS readiness of one machine (behavior-spec section 1, rules 1 and 2):
 *  - OS support from the KB5022661 table (data/windows-acs-minimums.json): build + UBR, or one of the KBs;
 *    rollup-based lines by KB only; XP/2000/2003 never.
 *  - Root trust: the Microsoft Identity Verification Root CA 2020 in the Root store (matched by SHA-1
 *    thumbprint, or by the fingerprint of a PEM entry: never by name), or automatic root update on AND online.
 * ready = true only when both are true; false when either is false; otherwise 'unknown'.
 * Unknown facts are never guessed: they give FACT_UNKNOWN naming the fact, and a command to collect it.
 */
import { X509Certificate } from 'node:crypto';
import { ACS_ROOT_2020_SHA1, ACS_ROOT_2020_SHA256 } from '../authenticode/trust/bundled-roots';
import { findLines, knownFixKbs, laterUpdates, MINIMUMS, newerThanTable, parseVersion, sourceUrl, type WindowsLine } from './minimums';
import { parseProfile, type MachineProfile, type MachineProfileInput, type RootStoreEntry } from './profile';
import { collectorStep, remediationFor } from './remediation';
import { commaList, orList, readinessText, type TextLang } from './texts';
import type { Readiness, ReadinessOptions, ReadinessReason, Tri } from './types';
import { door } from '../api/doors';

export interface OsVerdict {
  supported: Tri;
  line?: string;
  lineId?: string;
  requiredKbs?: string[];
  /** the candidate lines when `line` names several ("A or B") that judge alike */
  lines?: string[];
  reasons: ReadinessReason[];
}

export interface RootVerdict {
  trusted: Tri;
  via: 'store' | 'auto-update' | null;
  reasons: ReadinessReason[];
}

type Product = 'client' | 'server' | undefined;

/** client/server from productType, else from the caption ("Server"/"サーバー"), else undefined. */
export function productOf(profile: MachineProfile): Product {
  const pt = profile.os.productType;
  if (pt === 'workstation') return 'client';
  if (pt === 'server' || pt === 'domain-controller') return 'server';
  const c = profile.os.caption;
  if (c) {
    if (/server|サーバー/i.test(c)) return 'server';
    if (/windows\s*(11|10|8\.1|8|7|vista|xp)\b/i.test(c)) return 'client';
  }
  return undefined;
}

/** The KBs that make this line supported: its fix KBs, its later rollups / cumulative updates, and the KBs the administrator accepts. */
function qualifyingKbs(line: WindowsLine, accept: readonly string[] = []): string[] {
  return [...knownFixKbs(line), ...accept];
}

function judgeLine(line: WindowsLine, profile: MachineProfile, build: number, lang: TextLang, accept: readonly string[] = []): OsVerdict {
  const base = { line: line.name, lineId: line.id };
  const ubr = profile.os.ubr;
  const hotfixes = profile.hotfixes;
  const src = sourceUrl(line) ?? 'docs/readiness.md (decision)';
  switch (line.kind) {
    case 'as-shipped':
      return { ...base, supported: true, reasons: [] };
    case 'never':
      return {
        ...base,
        supported: false,
        reasons: [
          {
            code: 'OS_NO_ACS_SUPPORT',
            message: readinessText('reason.OS_NO_ACS_SUPPORT', lang, { line: line.name, build }),
            evidence: { version: profile.os.version, line: line.id, source: src, ...(line.note ? { note: line.note } : {}) },
          },
        ],
      };
    case 'ubr': {
      const min = line.minUbr ?? 0;
      const withKbs = { ...base, requiredKbs: line.kbs };
      if (ubr !== undefined && ubr >= min) return { ...withKbs, supported: true, reasons: [] };
      // the qualifying KBs are looked for only when the UBR does not decide (most machines: it does)
      const kbs = qualifyingKbs(line, accept);
      const found = hotfixes?.find((h) => kbs.includes(h));
      if (found) return { ...withKbs, supported: true, reasons: [] };
      if (ubr !== undefined) {
        return {
          ...withKbs,
          supported: false,
          reasons: [
            {
              code: 'OS_PATCH_MISSING',
              message: readinessText('reason.OS_PATCH_MISSING.ubr', lang, { line: line.name, build, ubr, minUbr: min, kbs: line.kbs.join(' / ') }),
              evidence: { build, ubr, minUbr: min, requiredKbs: line.kbs, source: src, ...(line.ubrVerified === false ? { ubrVerified: false } : {}) },
            },
          ],
        };
      }
      const msg = readinessText(
        hotfixes === undefined ? 'reason.FACT_UNKNOWN.os.ubr.noHotfixes' : 'reason.FACT_UNKNOWN.os.ubr.kbNotListed',
        lang,
        { line: line.name, build, minUbr: min, kbs: line.kbs.join(' / ') },
      );
      return {
        ...withKbs,
        supported: 'unknown',
        reasons: [{ code: 'FACT_UNKNOWN', fact: 'os.ubr', message: msg, evidence: { build, minUbr: min, requiredKbs: line.kbs, hotfixesKnown: hotfixes !== undefined } }],
      };
    }
    case 'kb': {
      const kbs = qualifyingKbs(line, accept);
      const withKbs = { ...base, requiredKbs: line.kbs };
      const later = laterUpdates(line);
      const newest = later?.updates[later.updates.length - 1];
      const through = later?.series.through;
      if (hotfixes?.some((h) => kbs.includes(h))) return { ...withKbs, supported: true, reasons: [] };
      if (hotfixes === undefined) {
        return {
          ...withKbs,
          supported: 'unknown',
          reasons: [
            {
              code: 'FACT_UNKNOWN',
              fact: 'hotfixes',
              message: readinessText('reason.FACT_UNKNOWN.hotfixes', lang, { line: line.name, kbsOr: orList(line.kbs) }),
              evidence: { build, requiredKbs: line.kbs },
            },
          ],
        };
      }
      // a KB newer than everything the table knows for this line may be a later rollup: unknown, never false
      const newer = newerThanTable(line, hotfixes).filter((k) => !accept.includes(k));
      if (newer.length > 0) {
        return {
          ...withKbs,
          supported: 'unknown',
          reasons: [
            {
              code: 'FACT_UNKNOWN',
              fact: 'laterKb',
              message: readinessText('reason.FACT_UNKNOWN.laterKb', lang, {
                line: line.name,
                newer: orList(newer.slice(0, 3)),
                through: through ?? line.released?.slice(0, 7) ?? '',
                newestKnown: newest?.kb ?? line.kbs[0] ?? '',
              }),
              evidence: { build, unknownKbs: newer.slice(0, 10), tableThrough: through ?? null, newestKnownKb: newest?.kb ?? null, requiredKbs: line.kbs },
            },
          ],
        };
      }
      return {
        ...withKbs,
        supported: false,
        reasons: [
          {
            code: 'OS_PATCH_MISSING',
            message: readinessText('reason.OS_PATCH_MISSING.kb', lang, {
              line: line.name,
              kbs: line.kbs.join(' / '),
              firstKb: line.kbs[0] ?? '',
              through: through ?? '',
              newestKnown: newest?.kb ?? '',
            }),
            evidence: {
              build,
              requiredKbs: line.kbs,
              hotfixCount: hotfixes.length,
              source: src,
              ...(newest ? { newestKnownKb: newest.kb, newestKnownMonth: newest.month, tableThrough: through } : {}),
            },
          },
        ],
      };
    }
  }
}

/**
 * OS support (rule 1); `lang` only picks the language of the reason messages; `accept`: KBs the administrator
 * accepts as containing the fix, on top of the table (--accept-kb, a policy file's acceptKbs).
 */
export function assessOs(profile: MachineProfile, lang: TextLang = 'en', accept: readonly string[] = []): OsVerdict {
  const version = profile.os.version;
  if (version === undefined) {
    return {
      supported: 'unknown',
      reasons: [{ code: 'FACT_UNKNOWN', fact: 'os.version', message: readinessText('reason.FACT_UNKNOWN.os.version', lang) }],
    };
  }
  const v = parseVersion(version);
  const all = v ? findLines(v) : [];
  if (!v || all.length === 0) {
    return {
      supported: 'unknown',
      reasons: [{ code: 'OS_UNRECOGNIZED', message: readinessText('reason.OS_UNRECOGNIZED.noLine', lang, { version }), evidence: { version } }],
    };
  }
  const product = productOf(profile);
  let candidates = product ? all.filter((l) => l.product === 'any' || l.product === product) : all;
  if (candidates.length === 0) {
    return {
      supported: 'unknown',
      reasons: [
        {
          code: 'OS_UNRECOGNIZED',
          message: readinessText('reason.OS_UNRECOGNIZED.product', lang, {
            version,
            product: product === 'server' ? { en: 'server', ja: 'サーバー' } : { en: 'client', ja: 'クライアント' },
            known: commaList(all.map((l) => l.name)),
          }),
          evidence: { version, product },
        },
      ],
    };
  }
  // a KB that only one candidate line ever receives identifies that line (e.g. KB5006739 = Server 2012, not Windows 8)
  if (candidates.length > 1 && profile.hotfixes) {
    const hf = profile.hotfixes;
    const byKb = candidates.filter((l) => knownFixKbs(l).some((k) => hf.includes(k)));
    const distinctKbSets = new Set(byKb.map((l) => knownFixKbs(l).join()));
    if (byKb.length === 1 || (byKb.length > 1 && distinctKbSets.size === 1 && byKb.length < candidates.length)) {
      candidates = byKb;
    }
  }
  const verdicts = candidates.map((l) => judgeLine(l, profile, v.build, lang, accept));
  if (verdicts.length === 1) return verdicts[0]!;
  const first = verdicts[0]!;
  const same = verdicts.every(
    (x) => x.supported === first.supported && x.reasons.map((r) => r.code + (r.fact ?? '')).join() === first.reasons.map((r) => r.code + (r.fact ?? '')).join() && (x.requiredKbs ?? []).join() === (first.requiredKbs ?? []).join(),
  );
  const names = verdicts.map((x) => x.line).join(' or ');
  if (same) return { ...first, line: names, lines: verdicts.map((x) => x.line ?? '') };
  return {
    supported: 'unknown',
    line: names,
    reasons: [
      {
        code: 'FACT_UNKNOWN',
        fact: 'os.productType',
        message: readinessText('reason.FACT_UNKNOWN.os.productType', lang, { version, lines: orList(verdicts.map((x) => x.line ?? '')) }),
        evidence: { version, candidates: verdicts.map((x) => ({ line: x.lineId, supported: x.supported })) },
      },
    ],
  };
}

const pemFingerprints = new Map<string, { sha1: string; sha256: string } | null>();
function pemFingerprint(pem: string): { sha1: string; sha256: string } | null {
  let r = pemFingerprints.get(pem);
  if (r === undefined) {
    try {
      const c = new X509Certificate(pem);
      r = { sha1: c.fingerprint.replace(/:/g, '').toUpperCase(), sha256: c.fingerprint256.replace(/:/g, '').toUpperCase() };
    } catch {
      r = null;
    }
    if (pemFingerprints.size > 1000) pemFingerprints.clear();
    pemFingerprints.set(pem, r);
  }
  return r;
}

/** SHA-1 thumbprint of a root store entry (from its PEM when present: the certificate wins over a typed thumbprint). */
export function entryThumbprint(e: RootStoreEntry): string | undefined {
  if (typeof e === 'string') return e;
  if (e.pem) {
    const f = pemFingerprint(e.pem);
    if (f) return f.sha1;
  }
  return e.thumbprint;
}

export function storeHasAcsRoot(store: readonly RootStoreEntry[]): boolean {
  return store.some((e) => {
    if (typeof e === 'string') return e === ACS_ROOT_2020_SHA1;
    if (e.pem) {
      const f = pemFingerprint(e.pem);
      if (f) return f.sha1 === ACS_ROOT_2020_SHA1 && f.sha256 === ACS_ROOT_2020_SHA256;
    }
    return e.thumbprint === ACS_ROOT_2020_SHA1;
  });
}

/** Root trust (rule 2); `lang` only picks the language of the reason messages. */
export function assessRoot(profile: MachineProfile, lang: TextLang = 'en'): RootVerdict {
  const { rootStore, rootAutoUpdate, online } = profile;
  if (rootStore && storeHasAcsRoot(rootStore)) return { trusted: true, via: 'store', reasons: [] };
  if (rootAutoUpdate === true && online === true) return { trusted: true, via: 'auto-update', reasons: [] };
  if (rootStore !== undefined && (rootAutoUpdate === false || online === false)) {
    return {
      trusted: false,
      via: null,
      reasons: [
        {
          code: 'ROOT_NOT_TRUSTED',
          message: readinessText(rootAutoUpdate === false ? 'reason.ROOT_NOT_TRUSTED.autoUpdateOff' : 'reason.ROOT_NOT_TRUSTED.offline', lang, { count: { en: rootStore.length === 1 ? '1 certificate' : `${rootStore.length} certificates`, ja: String(rootStore.length) } }),
          evidence: { rootStoreSize: rootStore.length, rootAutoUpdate, online, sha1: ACS_ROOT_2020_SHA1 },
        },
      ],
    };
  }
  const reasons: ReadinessReason[] = [];
  if (rootStore === undefined)
    reasons.push({ code: 'FACT_UNKNOWN', fact: 'rootStore', message: readinessText('reason.FACT_UNKNOWN.rootStore', lang) });
  if (rootAutoUpdate === undefined)
    reasons.push({ code: 'FACT_UNKNOWN', fact: 'rootAutoUpdate', message: readinessText('reason.FACT_UNKNOWN.rootAutoUpdate', lang) });
  if (online === undefined && rootAutoUpdate !== false)
    reasons.push({ code: 'FACT_UNKNOWN', fact: 'online', message: readinessText('reason.FACT_UNKNOWN.online', lang) });
  return { trusted: 'unknown', via: null, reasons };
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
  door('assessReadiness', input, options);
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

export { MINIMUMS };
