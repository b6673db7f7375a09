/**
 * The OS verdict of ACS readiness (behavior-spec section 1, rule 1): Windows support from the KB5022661 table
 * (data/windows-acs-minimums.json): build + UBR, or one of the KBs; rollup-based lines by KB only; XP/2000/2003
 * never. An unknown fact gives FACT_UNKNOWN naming it, never "not supported".
 */
import { BoundedMemo } from '../text/bounded-memo';
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
  /** read only: the verdicts of supported lines are shared (SUPPORTED below) */
  reasons: readonly ReadinessReason[];
}

type Product = 'client' | 'server' | undefined;

/** client/server from productType, else from the caption ("Server"/"サーバー"), else undefined. */
export function productOf(profile: MachineProfile): Product {
  const pt = profile.os.productType;
  if (pt === 'workstation') return 'client';
  if (pt === 'server' || pt === 'domain-controller') return 'server';
  const c = profile.os.caption;
  if (!c) return undefined;
  // a fleet has a few captions, each on thousands of machines: the two patterns run once per caption
  return CAPTION_PRODUCT.get(c, captionProduct) ?? undefined;
}

function captionProduct(c: string): Product | null {
  return /server|サーバー/i.test(c) ? 'server' : /windows\s*(11|10|8\.1|8|7|vista|xp)\b/i.test(c) ? 'client' : null;
}

/**
 * Bound of the lookups below (by caption, by version string): a fleet has tens of distinct ones; an input with
 * more (every machine a made-up version) starts the lookup over instead of growing it. The answers depend on
 * the string alone (and the bundled table, which never changes).
 */
const LOOKUP_CAP = 1024;
const CAPTION_PRODUCT = new BoundedMemo<Product | null>(LOOKUP_CAP);

/** A version string's parse and the table's lines for it, with the lines per product (filtered once). */
interface VersionLines {
  build: number;
  all: WindowsLine[];
  client?: WindowsLine[];
  server?: WindowsLine[];
}
const VERSION_LINES = new BoundedMemo<VersionLines | null>(LOOKUP_CAP);

function versionLines(version: string): VersionLines | undefined {
  return VERSION_LINES.get(version, linesOfVersion) ?? undefined;
}

function linesOfVersion(version: string): VersionLines | null {
  const v = parseVersion(version);
  const all = v ? findLines(v) : [];
  return v && all.length ? { build: v.build, all } : null;
}

function linesFor(e: VersionLines, product: Product): WindowsLine[] {
  if (!product) return e.all;
  return (e[product] ??= e.all.filter((l) => l.product === 'any' || l.product === product));
}

/** knownFixKbs of a line of the bundled table as a set, once per line: the hotfix lists are checked against it. */
const KNOWN_FIX_SET = new WeakMap<WindowsLine, ReadonlySet<string>>();
function knownFixSet(line: WindowsLine): ReadonlySet<string> {
  let s = KNOWN_FIX_SET.get(line);
  if (!s) KNOWN_FIX_SET.set(line, (s = new Set(knownFixKbs(line))));
  return s;
}

/** Whether one of the hotfixes makes this line supported: one of its known fix KBs, or a KB the administrator accepts. */
function hasQualifyingKb(line: WindowsLine, hotfixes: readonly string[], accept: readonly string[]): boolean {
  const known = knownFixSet(line);
  for (const h of hotfixes) if (known.has(h) || (accept.length > 0 && accept.includes(h))) return true;
  return false;
}

/**
 * The verdict of a line supported as shipped, at or above its minimum UBR, or by a qualifying KB: the same for every such machine
 * of the line, so one frozen object per line of the bundled table (no object per machine; judgeReadiness only
 * reads it). Its keys in the order of the other answers.
 */
const SUPPORTED = new WeakMap<WindowsLine, OsVerdict>();
const NO_REASONS: readonly ReadinessReason[] = Object.freeze([]);
function supportedVerdict(line: WindowsLine): OsVerdict {
  let v = SUPPORTED.get(line);
  if (!v) {
    v = Object.freeze(
      line.kind === 'as-shipped'
        ? { line: line.name, lineId: line.id, supported: true as const, reasons: NO_REASONS }
        : { line: line.name, lineId: line.id, requiredKbs: line.kbs, supported: true as const, reasons: NO_REASONS },
    );
    SUPPORTED.set(line, v);
  }
  return v;
}

function judgeLine(line: WindowsLine, profile: MachineProfile, build: number, lang: TextLang, accept: readonly string[] = []): OsVerdict {
  const base = { line: line.name, lineId: line.id };
  const ubr = profile.os.ubr;
  const hotfixes = profile.hotfixes;
  // the common answers first, without spreading objects (most machines: a line supported as shipped, or a UBR at
  // or above the minimum); the keys in the same order as below
  if (line.kind === 'as-shipped' || (line.kind === 'ubr' && ubr !== undefined && ubr >= (line.minUbr ?? 0))) return supportedVerdict(line);
  const src = sourceUrl(line) ?? 'docs/readiness.md (decision)';
  switch (line.kind) {
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
      if (ubr !== undefined && ubr >= min) return supportedVerdict(line);
      // the qualifying KBs are looked for only when the UBR does not decide (most machines: it does)
      if (hotfixes && hasQualifyingKb(line, hotfixes, accept)) return supportedVerdict(line);
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
      const withKbs = { ...base, requiredKbs: line.kbs };
      if (hotfixes && hasQualifyingKb(line, hotfixes, accept)) return supportedVerdict(line);
      const later = laterUpdates(line);
      const newest = later?.updates[later.updates.length - 1];
      const through = later?.series.through;
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
  // parsed and looked up in the table once per version string (versionLines)
  const v = versionLines(version);
  if (!v) {
    return {
      supported: 'unknown',
      reasons: [{ code: 'OS_UNRECOGNIZED', message: readinessText('reason.OS_UNRECOGNIZED.noLine', lang, { version }), evidence: { version } }],
    };
  }
  const all = v.all;
  const product = productOf(profile);
  // shared per version and product: read here, never changed (the narrowing below makes a new list)
  let candidates = linesFor(v, product);
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
  // one line (most machines): its verdict, without a list of one
  if (candidates.length === 1) return judgeLine(candidates[0]!, profile, v.build, lang, accept);
  const verdicts = candidates.map((l) => judgeLine(l, profile, v.build, lang, accept));
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
