/**
 * The shape of data/windows-acs-minimums.json (the KB5022661 table and the later updates of each line) as zod
 * schemas, and the types minimums.ts reads it as. Not loaded at run time: the table ships with the package and
 * tests/endpoint/minimums-data.test.ts checks it against these schemas (and that parsing changes nothing), so a
 * command does not load zod at start for data it ships itself (zod was a third of a one-machine run's start-up).
 */
import { z } from 'zod';

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
  /** the series of later cumulative updates / monthly rollups of this line (key of `series`): those released after this line's fix contain it */
  laterSeries: z.string().optional(),
  released: z.string().optional(),
  /** key into sources, or "decision" (documented in docs/readiness.md) */
  source: z.string(),
  note: z.string().optional(),
});
export type WindowsLine = z.infer<typeof WindowsLineSchema>;

/** One later update of a series: its KB, the month it was released, and whether it came out of band. */
export const LaterUpdateSchema = z.object({
  kb: z.string().regex(/^KB\d+$/),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  kind: z.literal('out-of-band').optional(),
});

/** Monthly rollups (or cumulative updates) of one servicing line, complete from the month after the fix through `through`. */
export const UpdateSeriesSchema = z.object({
  name: z.string(),
  /** Microsoft's update history page of the line */
  history: z.string().url(),
  historyTitle: z.string(),
  /** the last month the list is complete for (YYYY-MM): updates after it are not known to the table */
  through: z.string().regex(/^\d{4}-\d{2}$/),
  updates: z.array(LaterUpdateSchema).min(1),
  note: z.string().optional(),
});
export type UpdateSeries = z.infer<typeof UpdateSeriesSchema>;

export const MinimumsSchema = z.object({
  title: z.string(),
  sources: z.record(z.string(), z.string().url()),
  notes: z.array(z.string()),
  series: z.record(z.string(), UpdateSeriesSchema),
  lines: z.array(WindowsLineSchema).min(1),
});
export type Minimums = z.infer<typeof MinimumsSchema>;
