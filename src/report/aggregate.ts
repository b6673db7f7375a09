/**
 * Aggregates machine rows into the fleet summary with memory that does not grow with the fleet:
 * counters, a bounded "fix first" list, bounded distinct popups/events and a bounded sample of rows.
 */
import type {
  FixFirstEntry,
  FleetSummary,
  ImportFailure,
  InstallerProblem,
  RootProblem,
  SkippedInput,
  Lang,
  MachineRow,
  MachineTexts,
  PathOutcome,
  PerPathSummary,
  PopupView,
  Tri,
  VerificationSummary,
} from './types';

export interface AggregateLimits {
  fixFirst: number;
  sampleRows: number;
  importErrors: number;
  distinctPerPath: number;
  remediationSteps: number;
}

export const DEFAULT_LIMITS: AggregateLimits = {
  fixFirst: 25,
  sampleRows: 500,
  importErrors: 100,
  distinctPerPath: 20,
  remediationSteps: 1000,
};

const UNKNOWN_WINDOWS = '(unknown)';
/** the remediationSteps entry that counts the steps beyond the limit */
export const OTHER_STEPS = '(other steps)';

function readyKey(r: Tri): 'ready' | 'notReady' | 'unknown' {
  return r === true ? 'ready' : r === false ? 'notReady' : 'unknown';
}

/** The summary's header: what was read, when, in which language (FleetSummary's fields). */
export type SummaryMeta = Pick<FleetSummary, 'generatedAt' | 'generatedAtLocal' | 'timeZone' | 'assumptions' | 'lang' | 'inputs' | 'files' | 'paths'>;
/** SummaryMeta as FleetAggregator takes it: generatedAtLocal, timeZone and assumptions may be left out. */
export type SummaryMetaInput = Omit<SummaryMeta, 'generatedAtLocal' | 'timeZone' | 'assumptions'> &
  Partial<Pick<SummaryMeta, 'generatedAtLocal' | 'timeZone' | 'assumptions'>>;

/** What the "fix first" order reads of an entry. */
type FixFirstOrderKey = Pick<FixFirstEntry, 'name' | 'ready' | 'remediation' | 'blockedRuns'>;

/** Lower sorts first: not ready before unknown, then the most blocked runs, then the fewest steps, then name. */
export function fixFirstOrder(a: FixFirstOrderKey, b: FixFirstOrderKey): number {
  const rank = (e: FixFirstOrderKey) => (e.ready === false ? 0 : 1);
  return (
    rank(a) - rank(b) ||
    b.blockedRuns - a.blockedRuns ||
    a.remediation.length - b.remediation.length ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** Aggregates machine rows into a FleetSummary with flat memory (counts, a bounded fix-first list and row sample). */
export class FleetAggregator {
  private readonly limits: AggregateLimits;
  private totals = { machines: 0, ready: 0, notReady: 0, unknown: 0, importErrors: 0 };
  private byReason = new Map<string, { notReady: number; unknown: number }>();
  private byWindows = new Map<string, { ready: number; notReady: number; unknown: number }>();
  private fixFirst: FixFirstEntry[] = [];
  private steps = new Map<string, number>();
  /** step → the same step in the other language */
  private stepsAlt = new Map<string, { lang: Lang; text: string }>();
  private stepsOverflow = 0;
  private perPath = new Map<string, PerPathSummary>();
  private importErrors: ImportFailure[] = [];
  private skipped: SkippedInput[] = [];
  private skippedCount = 0;
  private machines: MachineRow[] = [];
  private truncated = false;
  private readonly meta: SummaryMeta;

  /**
   * per outcome object, its path's summary and the entries its popups and events count in (see addOutcome);
   * only when the caller promises outcome objects are never changed once added (`sharedOutcomes`)
   */
  private readonly slots: WeakMap<PathOutcome, OutcomeSlots> | undefined;
  /**
   * The slots of each outcome of a shared outcomes array, in its order: one weak lookup per machine instead
   * of one per outcome (machines of a decision share the array; weak: kept as long as the array)
   */
  private readonly arraySlots: WeakMap<PathOutcome[], OutcomeSlots[]> | undefined;

  /**
   * `meta`: generatedAtLocal defaults to generatedAt, timeZone to UTC, assumptions to none; `sharedOutcomes`
   * (the fleet report): outcome objects are shared by many rows and never changed, so where each one counts
   * is worked out once
   */
  constructor(meta: SummaryMetaInput, limits: Partial<AggregateLimits> = {}, options: { sharedOutcomes?: boolean } = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.slots = options.sharedOutcomes ? new WeakMap() : undefined;
    this.arraySlots = options.sharedOutcomes ? new WeakMap() : undefined;
    this.meta = { generatedAtLocal: meta.generatedAt, timeZone: 'UTC', assumptions: [], ...meta };
  }

  addImportError(e: ImportFailure): void {
    this.totals.importErrors++;
    if (this.importErrors.length < this.limits.importErrors) this.importErrors.push(e);
  }

  /** An input left out on purpose (counted; the first ones listed, as many as import errors). */
  addSkipped(s: SkippedInput): void {
    this.skippedCount++;
    if (this.skipped.length < this.limits.importErrors) this.skipped.push(s);
  }

  /**
   * `alt`: the row's reasons and remediation in another language (same order), for the page's toggle; as a
   * function it is called only when the summary needs them (a new remediation step, a place in "fix first"),
   * at most once, so a fleet of 100 000 does not judge every machine twice.
   */
  addMachine(row: MachineRow, alt?: MachineTexts | (() => MachineTexts | undefined)): void {
    let altTexts: MachineTexts | undefined = typeof alt === 'function' ? undefined : alt;
    let altAsked = typeof alt !== 'function';
    const getAlt = (): MachineTexts | undefined => {
      if (!altAsked) {
        altAsked = true;
        altTexts = (alt as () => MachineTexts | undefined)();
      }
      return altTexts;
    };
    const key = readyKey(row.ready);
    this.totals.machines++;
    this.totals[key]++;
    const windows = row.windows ?? UNKNOWN_WINDOWS;
    let win = this.byWindows.get(windows);
    if (!win) this.byWindows.set(windows, (win = { ready: 0, notReady: 0, unknown: 0 }));
    win[key]++;
    if (key !== 'ready') {
      for (const code of new Set(row.reasons.map((r) => r.code))) {
        const c = this.byReason.get(code) ?? { notReady: 0, unknown: 0 };
        c[key]++;
        this.byReason.set(code, c);
      }
      const altStep = (i: number): { lang: Lang; text: string } | undefined => {
        const a = getAlt();
        return a && a.remediation.length === row.remediation.length ? { lang: a.lang, text: a.remediation[i]! } : undefined;
      };
      row.remediation.forEach((step, i) => this.countStep(step, () => altStep(i)));
    }
    const memos = this.arraySlots?.get(row.outcomes);
    if (memos && memos.length === row.outcomes.length) for (let i = 0; i < memos.length; i++) this.addOutcome(row.outcomes[i]!, memos[i]);
    else {
      for (const o of row.outcomes) this.addOutcome(o);
      // every outcome of the array has its slots now (addOutcome keeps them when outcomes are shared)
      this.arraySlots?.set(row.outcomes, row.outcomes.map((o) => this.slots!.get(o)!));
    }
    if (key !== 'ready') this.offerFixFirst(row, getAlt);
    if (this.machines.length < this.limits.sampleRows) this.machines.push(row);
    else this.truncated = true;
  }

  /** Records, for a popup already seen, how it reads in another language. */
  addPopupTranslation(path: string, file: string | null, index: number, lang: Lang, popup: PopupView): void {
    const p = this.perPath.get(pathKey(path, file))?.popups[index];
    if (p) p.alt = { ...p.alt, [lang]: popup };
  }

  /** Popups of a path that have no text yet in `lang`: [index, id] */
  popupsMissing(path: string, file: string | null, lang: Lang): number[] {
    const s = this.perPath.get(pathKey(path, file));
    if (!s || lang === this.meta.lang) return [];
    return s.popups.flatMap((p, i) => (p.alt?.[lang] ? [] : [i]));
  }

  /**
   * `installerProblems`: installers whose own signature fails (FleetSummary.installerProblems), listed when any;
   * `rootProblems`: installers whose chain ends at a root the readiness model does not cover (FleetSummary.rootProblems)
   */
  result(verifications: VerificationSummary[] = [], installerProblems: InstallerProblem[] = [], rootProblems: RootProblem[] = []): FleetSummary {
    const sortedCounts = <T extends { notReady: number; unknown: number }>(m: Map<string, T>) =>
      [...m.entries()].sort((a, b) => b[1].notReady + b[1].unknown - (a[1].notReady + a[1].unknown) || cmp(a[0], b[0]));
    return {
      tool: 'acs-gatekeeper',
      ...this.meta,
      totals: { ...this.totals },
      byReason: sortedCounts(this.byReason).map(([code, c]) => ({ code, ...c })),
      byWindows: [...this.byWindows.entries()]
        .sort((a, b) => cmp(a[0], b[0]))
        .map(([windows, c]) => ({ windows, ...c })),
      fixFirst: [...this.fixFirst],
      remediationSteps: [
        ...[...this.steps.entries()]
          .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
          .map(([step, machines]) => {
            const a = this.stepsAlt.get(step);
            return { step, machines, ...(a ? { alt: { [a.lang]: a.text } } : {}) };
          }),
        ...(this.stepsOverflow ? [{ step: OTHER_STEPS, machines: this.stepsOverflow }] : []),
      ],
      perPath: [...this.perPath.values()],
      verifications,
      ...(installerProblems.length ? { installerProblems } : {}),
      ...(rootProblems.length ? { rootProblems } : {}),
      importErrors: [...this.importErrors],
      ...(this.skippedCount ? { skipped: { count: this.skippedCount, items: [...this.skipped] } } : {}),
      machines: [...this.machines],
      machinesTruncated: this.truncated,
    };
  }

  private countStep(step: string, altOf: () => { lang: Lang; text: string } | undefined): void {
    const n = this.steps.get(step);
    if (n !== undefined) this.steps.set(step, n + 1);
    else if (this.steps.size < this.limits.remediationSteps) {
      this.steps.set(step, 1);
      const alt = altOf();
      if (alt && alt.lang !== this.meta.lang) this.stepsAlt.set(step, alt);
    } else this.stepsOverflow++;
  }

  private addOutcome(o: PathOutcome, memo: OutcomeSlots | undefined = this.slots?.get(o)): void {
    const s = memo ? memo.summary : this.pathSummary(o);
    s[o.decision]++;
    if (o.examplePath && s.examplePath === undefined) s.examplePath = o.examplePath;
    if (o.installerInvalid) s.blockedByInstaller = (s.blockedByInstaller ?? 0) + 1;
    if (o.rootNotCovered && o.decision === 'blocked') s.blockedByRoot = (s.blockedByRoot ?? 0) + 1;
    s.downloads += o.downloads;
    // an unknown run's popups and events are those of its worst case: counted apart from the certain ones
    const w = o.decision === 'unknown' ? o.worstCase : undefined;
    if (w) s.unknownWorstCase[w.decision === 'unguarded' ? 'unguarded' : 'blocked']++;
    const key = w ? 'unknownMachines' : 'machines';
    if (memo) {
      // the entries this outcome's popups and events counted in the first time; one that found no room then
      // finds none now (the lists only grow, up to their bound)
      for (const e of memo.entries) if (e) e[key]++;
      return;
    }
    const entries: ({ machines: number; unknownMachines: number } | undefined)[] = [];
    for (const p of w ? w.popups : o.popups) {
      let seen = s.popups.find((x) => x.id === p.id && x.text === p.text && x.window === p.window);
      if (seen) seen[key]++;
      else if (s.popups.length < this.limits.distinctPerPath) s.popups.push((seen = { ...p, machines: 0, unknownMachines: 0, [key]: 1 }));
      entries.push(seen);
    }
    for (const e of w ? w.events : o.events) {
      let seen = s.events.find((x) => x.id === e.id && x.text === e.text);
      if (seen) seen[key]++;
      else if (s.events.length < this.limits.distinctPerPath) s.events.push((seen = { ...e, machines: 0, unknownMachines: 0, [key]: 1 }));
      entries.push(seen);
    }
    this.slots?.set(o, { summary: s, entries });
  }

  /** The summary of the outcome's path and file (made at its first outcome). */
  private pathSummary(o: PathOutcome): PerPathSummary {
    const k = pathKey(o.path, o.file);
    let s = this.perPath.get(k);
    if (!s) {
      s = {
        path: o.path,
        file: o.file,
        allowed: 0,
        blocked: 0,
        unguarded: 0,
        unknown: 0,
        unknownWorstCase: { blocked: 0, unguarded: 0 },
        downloads: 0,
        popups: [],
        events: [],
      };
      this.perPath.set(k, s);
    }
    return s;
  }

  private offerFixFirst(row: MachineRow, altOf: () => MachineTexts | undefined): void {
    const list = this.fixFirst;
    const blockedRuns = row.outcomes.filter((o) => o.decision === 'blocked' || o.decision === 'unguarded').length;
    const probe = { name: row.name, ready: row.ready, remediation: row.remediation, blockedRuns };
    // most machines do not make the list: they are turned away before their texts in the other language are made
    if (list.length >= this.limits.fixFirst && fixFirstOrder(probe, list[list.length - 1]!) >= 0) return;
    const alt = altOf();
    const entry: FixFirstEntry = {
      name: row.name,
      source: row.source,
      ready: row.ready,
      windows: row.windows,
      reasons: row.reasons.map((r) => r.message),
      remediation: row.remediation,
      blockedRuns,
      ...(alt && alt.lang !== this.meta.lang ? { alt: { [alt.lang]: { reasons: alt.reasons, remediation: alt.remediation } } } : {}),
    };
    let i = list.length;
    while (i > 0 && fixFirstOrder(entry, list[i - 1]!) < 0) i--;
    list.splice(i, 0, entry);
    if (list.length > this.limits.fixFirst) list.pop();
  }
}

/** Where one shared outcome counts: its path's summary and, per popup then event, the entry it counts in (none: no room). */
interface OutcomeSlots {
  summary: PerPathSummary;
  entries: ({ machines: number; unknownMachines: number } | undefined)[];
}

function pathKey(path: string, file: string | null): string {
  return `${path}\u0000${file ?? ''}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
