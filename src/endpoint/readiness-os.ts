/**
 * The OS verdict of ACS readiness (behavior-spec section 1, rule 1): Windows support from the KB5022661 table
 * (data/windows-acs-minimums.json): build + UBR, or one of the KBs; rollup-based lines by KB only; XP/2000/2003
 * never. An unknown fact gives FACT_UNKNOWN naming it, never "not supported".
 */
import { findLines, knownFixKbs, laterUpdates, newerThanTable, parseVersion, sourceUrl, type WindowsLine } from './minimums';
import type { MachineProfile } from './profile';
import { commaList, orList, readinessText, type TextLang } from './texts';
import type { ReadinessReason, Tri } from './types';

export interface OsVerdict {
  supported: Tri;
  line?: string;
  lineId?: string;
  requiredKbs?: string[];
  /** the candidate lines when `line` names several ("A or B") that judge alike */
  lines?: string[];
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
