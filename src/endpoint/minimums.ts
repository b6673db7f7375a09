/**
 * Typed loader for data/windows-acs-minimums.json: the KB5022661 table (sources in the data).
 * `findLines` returns every Windows line a version could be; the caller narrows by product type.
 */
import { z } from 'zod';
import raw from './data/windows-acs-minimums.json';

export const WindowsLineSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** client, server, or either (one rule for both) */
  product: z.enum(['client', 'server', 'any']),
  major: z.number().int(),
  minor: z.number().int().optional(),
  /** exact builds of this line */
  builds: z.array(z.number().int()).optional(),
  /** or: every build from this one up */
  buildFrom: z.number().int().optional(),
  /** as-shipped: supported at any UBR; ubr: minimum UBR or one of kbs; kb: rollup-based, judged by KB only; never */
  kind: z.enum(['as-shipped', 'ubr', 'kb', 'never']),
  minUbr: z.number().int().optional(),
  ubrVerified: z.boolean().optional(),
  /** any one of these qualifies */
  kbs: z.array(z.string().regex(/^KB\d+$/)),
  /** later cumulative/monthly KBs known to contain the fix (optional, verified numbers only) */
  laterKbs: z.array(z.string().regex(/^KB\d+$/)).optional(),
  released: z.string().optional(),
  /** key into sources, or "decision" (documented in docs/readiness.md) */
  source: z.string(),
  note: z.string().optional(),
});
export type WindowsLine = z.infer<typeof WindowsLineSchema>;

export const MinimumsSchema = z.object({
  title: z.string(),
  sources: z.record(z.string(), z.string().url()),
  notes: z.array(z.string()),
  lines: z.array(WindowsLineSchema).min(1),
});
export type Minimums = z.infer<typeof MinimumsSchema>;

/** The table, validated once at load (a broken data file fails loudly at import time). */
export const MINIMUMS: Minimums = MinimumsSchema.parse(raw);

export interface ParsedVersion {
  major: number;
  minor: number;
  build: number;
}

export function parseVersion(v: string): ParsedVersion | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), build: Number(m[3]) };
}

/** Lines whose version range covers v (client and server candidates both, when the build is shared). */
export function findLines(v: ParsedVersion, table: Minimums = MINIMUMS): WindowsLine[] {
  return table.lines.filter((l) => {
    if (l.major !== v.major) return false;
    if (l.minor !== undefined && l.minor !== v.minor) return false;
    if (l.builds) return l.builds.includes(v.build);
    if (l.buildFrom !== undefined) return v.build >= l.buildFrom;
    return true;
  });
}

export function sourceUrl(line: WindowsLine, table: Minimums = MINIMUMS): string | undefined {
  return table.sources[line.source];
}
