/**
 * The fleet report: streams an inventory, judges each machine's readiness and, for each chosen install
 * path × installer, what would happen there; writes report.json, report.csv and report.html.
 *
 * Speed and memory: a run's outcome depends on the machine's facts, not its name, so outcomes are cached
 * per (path, installer, facts without the name): an installer file is verified once per distinct machine
 * (trust, OS, patches), not once per machine. The cache is bounded; rows go to disk as they come.
 * Machines of one decision also share one outcomes array and the tallies it adds (DecisionEntry), so what
 * depends on the outcomes alone is made once per decision, not per machine: report.json's outcomes text
 * (json.ts), the CSV's decision cells (csv.ts), the page's decision letters (page/rows.ts) and where the
 * aggregator counts each outcome (aggregate.ts, `sharedOutcomes`); each machine adds its own fields to them.
 *
 * This file runs the report in named steps (runFleetReport); the keys work is shared by are dedup-keys.ts,
 * the bounded cache lru.ts, the outcome and row of a machine outcome-rows.ts.
 */
import { ensureOutDir } from './out-dir';
import type { X509Certificate } from 'node:crypto';
import * as path from 'node:path';
import type { LoadOptions } from '../endpoint/inventory';
import type { MachineProfile } from '../endpoint/profile';
import type { Readiness, ReadinessOptions } from '../endpoint/types';
import type { InstallPath, PathRun, SimulateInput, SimulateSettings } from '../installers/types';
import type { AcsVerifier } from '../installers/verifier';
import { cachingVerifier } from './verify-cache';
import { loadInventory, loadInventoryBatches } from '../endpoint/inventory';
import { assessReadiness, judgeReadiness } from '../endpoint/readiness';
import { FleetAggregator, type AggregateLimits } from './aggregate';
import { CsvReportWriter } from './csv';
import { writeHtml } from './html';
import { PageRows } from './page/rows';
import { JsonReportWriter } from './json';
import { inputOverwrittenBy, OutputSet } from './sink';
import { installerText } from '../installers/texts';
import { ACS_ROOT_2020_PEM } from '../authenticode/trust/bundled-roots';
import { ROOT_CER_FILE } from '../endpoint/remediation';
import type { FleetSummary, InstallerProblem, Lang, RootProblem, MachineRow, MachineTexts, PathOutcome, VerificationSummary } from './types';
import { applyAssumptions, assumedFacts, type Assumptions } from './assumptions';
import { formatLocalTime, resolveTimeZone } from './time';
import { newInputFileStats } from '../endpoint/discover';
import { noMachine, withInputs } from './inputs';
import { modulesNeedingAcs } from '../authenticode/deep/needs-acs';
import { anchorsKey, decisionKey, popupKey, trustLabel, verificationKey } from './dedup-keys';
import { Lru } from './lru';
import { popupView, toOutcome, toRow, type Run } from './outcome-rows';

export  { factsKey } from './dedup-keys';
export { toOutcome, type Run } from './outcome-rows';


export type InventoryItem =
  | { ok: true; profile: MachineProfile; source: string }
  | { ok: false; source: string; line?: number; error: string; skipped?: true; unread?: true };

/** The library functions the report calls (injectable for tests). */
export interface FleetDeps {
  loadInventory(inputs: string[], options?: LoadOptions): AsyncIterable<InventoryItem>;
  /** called with the report's language, and with the other one for machines that are not ready (the page's toggle) */
  assessReadiness(profile: MachineProfile, options?: ReadinessOptions): Readiness;
  simulate(path: InstallPath, input: SimulateInput, options?: { verifier?: AcsVerifier }): Promise<PathRun>;
  /** the verifier the simulator uses; the report wraps it in a cache (one verification per file and trust) */
  verifier: AcsVerifier;
}

/** Options of fleetReport: the inventory, installers and paths, the output directory, language and clock. */
export interface FleetOptions {
  inventory: string[];
  /** installer files; none: each path runs on its declared ACS-signed artifact */
  files?: string[];
  /** install paths; default: per file, `msi` for .msi and `autopcc` otherwise; without files autopcc, msi, agent-update */
  paths?: InstallPath[];
  /** explicit path × installer pairs; overrides files × paths. `displayPath`: the path popups and events show */
  runs?: { path: InstallPath; file: string | null; displayPath?: string }[];
  outDir: string;
  /** how the inventory is read (inventory CSV columns) */
  inventoryOptions?: LoadOptions;
  /** readiness options besides the language (KBs the administrator accepts) */
  readinessOptions?: Omit<ReadinessOptions, 'lang'>;
  lang?: Lang;
  at: Date;
  /** IANA time zone the report shows times in (default: TZ from the environment, else the runtime's) */
  timeZone?: string;
  /** facts the estate does not collect, assumed where a profile lacks them (recorded in the report) */
  assume?: Assumptions;
  /** the program when a path runs without a file: its Apex One build or SaaS maintenance month */
  declared?: { build?: number; maintenance?: string };
  /** the installed agent, for the update paths */
  agent?: { build?: number; maintenance?: string };
  settings?: SimulateSettings;
  /** certificates the machines' root stores may name (matched by thumbprint), e.g. a test root */
  known?: X509Certificate[];
  /** roots that make a chain ACS (default: the bundled Microsoft root) */
  acsRoots?: X509Certificate[];
  /** CRLs installer files' revocation is judged by (offline; default none: not checked) */
  crls?: Buffer[];
  /** called after each machine with the number done so far */
  onProgress?(done: number): void;
  limits?: Partial<AggregateLimits>;
  /** entries kept in the outcome cache (default 20 000) */
  cacheSize?: number;
  /**
   * the output folder's lock (one run at a time writes it; docs/security.md, "Reports committed whole"):
   * `waitMs` how long to wait for another run (default 60 s); `staleMs` how long a lock whose pid cannot be
   * checked here (another host or PID namespace) must stay unchanged to be stale (default 30 s); `onWait`
   * called once after a second of waiting, with a line naming the owner
   */
  lock?: { waitMs?: number; staleMs?: number; onWait?(message: string): void };
}

/** An input the report cannot use as given (e.g. one it would overwrite): the message names it. */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** What fleetReport returns. */
export interface FleetResult {
  summary: FleetSummary;
  /**
   * `rootCertificate`: the Microsoft Identity Verification Root CA 2020 (DER, .cer) written next to the report
   * when a machine needs it added by hand (ROOT_NOT_TRUSTED) or its root store is unknown, for offline machines
   */
  outputs: { json: string; csv: string; html: string; rootCertificate?: string };
  /** simulations actually run (the rest came from the cache) */
  simulations: number;
  /** file verifications actually run (once per file and distinct trust) */
  verifications: number;
}

/** The path × installer runs of a fleet report: files × paths, or per file msi / autopcc, or the paths on a declared artifact. */
export function chooseRuns(files: string[], paths: InstallPath[]): Run[] {
  if (paths.length && files.length) return paths.flatMap((p) => files.map((f) => ({ path: p, file: f })));
  if (paths.length) return paths.map((p) => ({ path: p, file: null }));
  if (files.length) return files.map((f) => ({ path: (/\.msi$/i.test(f) ? 'msi' : 'autopcc') as InstallPath, file: f }));
  return (['autopcc', 'msi', 'agent-update'] as const).map((p) => ({ path: p, file: null }));
}

/** The report's three files in `outDir`. */
type ReportPaths = { json: string; csv: string; html: string };

/** The runs with their files made absolute: the explicit pairs, else files × paths (chooseRuns). */
function resolveRuns(opts: FleetOptions): Run[] {
  return opts.runs
    ? opts.runs.map((r) => ({ ...r, file: r.file && path.resolve(r.file) }))
    : chooseRuns((opts.files ?? []).map((f) => path.resolve(f)), opts.paths ?? []);
}

function reportPaths(outDir: string): ReportPaths {
  return {
    json: path.join(outDir, 'report.json'),
    csv: path.join(outDir, 'report.csv'),
    html: path.join(outDir, 'report.html'),
  };
}

/** The aggregator of the summary, with the report's header (times, assumptions, inputs, files, paths). */
function newAggregator(opts: FleetOptions, runs: Run[], files: string[], lang: Lang): FleetAggregator {
  const timeZone = resolveTimeZone(opts.timeZone, process.env);
  return new FleetAggregator(
    {
      generatedAt: opts.at.toISOString(),
      generatedAtLocal: formatLocalTime(opts.at, timeZone, lang),
      timeZone,
      assumptions: assumedFacts(opts.assume),
      lang,
      inputs: opts.inventory,
      files,
      paths: [...new Set(runs.map((r) => r.path))],
    },
    opts.limits,
    // the outcomes come from the decision cache (machineJudge) and are never changed once made
    { sharedOutcomes: true },
  );
}

/** Refuses an input the report would overwrite, and an output folder that is itself an input folder. */
function refuseInputsAsOutputs(opts: FleetOptions, outputs: ReportPaths, files: string[]): void {
  const overwritten = inputOverwrittenBy([...Object.values(outputs), path.join(opts.outDir, ROOT_CER_FILE)], [...opts.inventory, ...files]);
  if (overwritten) throw new ReportInputError(`${overwritten}: is an input of the report and would be overwritten by it; choose another --out`);
  // an output folder inside an input folder is skipped when the input is read; the input folder itself cannot be
  const outIsInput = inputOverwrittenBy([opts.outDir], opts.inventory);
  if (outIsInput)
    throw new ReportInputError(`${outIsInput}: is an input folder of the report; the report cannot be written into it (choose another --out, e.g. a sub-folder: it is skipped when the input is read)`);
}

/** The report's writers, each on a temporary file of the output set (nothing is left behind when one fails). */
interface Writers {
  csv: CsvReportWriter;
  json: JsonReportWriter;
  /** every machine's row for the page, streamed to a temporary part and copied into report.html at the end */
  page: PageRows;
}

function openWriters(out: OutputSet, outputs: ReportPaths, runs: Run[], lang: Lang): Writers {
  try {
    const csv = new CsvReportWriter(out.open(outputs.csv), runs, lang);
    const json = new JsonReportWriter(out.open(outputs.json));
    const page = new PageRows(out.scratch(outputs.html, 'rows'), runs);
    return { csv, json, page };
  } catch (e) {
    out.discard();
    throw e;
  }
}

/**
 * The fleet report with the given dependencies (fleetReport passes the real ones): reads the inventory,
 * judges each machine, runs each path × installer, and writes report.json, report.csv and report.html.
 * @returns the summary, the files written and the counts of simulations and verifications run
 * @throws InputError when an inventory input cannot be read, or another run holds the output folder longer
 *   than `lock.waitMs`; NoMachineError when no machine was read; errors writing the output directory (the
 *   previous report is then kept whole)
 */
export async function runFleetReport(opts: FleetOptions, deps: FleetDeps): Promise<FleetResult> {
  const lang: Lang = opts.lang ?? 'ja';
  const runs = resolveRuns(opts);
  const files = [...new Set(runs.flatMap((r) => (r.file ? [r.file] : [])))];
  ensureOutDir(opts.outDir);
  const outputs = reportPaths(opts.outDir);
  const agg = newAggregator(opts, runs, files, lang);
  refuseInputsAsOutputs(opts, outputs, files);
  const stats = newInputFileStats();
  const inventoryOptions = { ...opts.inventoryOptions, exclude: [...(opts.inventoryOptions?.exclude ?? []), opts.outDir], stats };
  // one run at a time in the folder (its lock); every file goes to a temporary file first; they replace the
  // old report together (all or none), after the last input
  const out = await OutputSet.acquire(opts.outDir, opts.lock);
  // the files' disk work (writes, fsyncs) runs in libuv's thread pool, beside the judging: both cores work
  out.writeInBackground();
  let committed = false;
  const writers = openWriters(out, outputs, runs, lang);
  const judge = machineJudge(opts, deps, runs, lang);
  try {
    const unread = await readMachines(opts, deps, inventoryOptions, agg, writers, judge);
    const sofar = agg.result();
    if (sofar.totals.machines === 0) throw noMachine(opts.inventory, stats, sofar, writers.json);
    const result = await finishReport(opts, deps, runs, lang, outputs, out, agg, writers, judge, stats, unread);
    committed = true;
    return result;
  } finally {
    writers.page.discard();
    if (!committed) out.discard();
  }
}

/** Reads the inventory: every item becomes a skipped entry, an import error or a machine row (written at once); returns the unread count. */
async function readMachines(
  opts: FleetOptions,
  deps: FleetDeps,
  inventoryOptions: LoadOptions,
  agg: FleetAggregator,
  { csv, json, page }: Writers,
  { machineRow }: MachineJudge,
): Promise<number> {
  let unread = 0;
  let done = 0;
  // the real loadInventory's items in its batches (the same items in the same order): one asynchronous step
  // per batch instead of one per machine
  const batches: AsyncIterable<InventoryItem[]> =
    deps.loadInventory === loadInventory ? loadInventoryBatches(opts.inventory, inventoryOptions) : oneByOne(deps.loadInventory(opts.inventory, inventoryOptions));
  for await (const batch of batches) {
    for (const item of batch) {
      if (!item.ok && item.skipped) {
        const skipped = { source: item.source, ...(item.line !== undefined ? { line: item.line } : {}), reason: item.error, ...(item.unread ? { unread: true as const } : {}) };
        if (item.unread) unread++;
        agg.addSkipped(skipped);
        json.addSkipped(skipped);
        continue;
      }
      if (!item.ok) {
        const failure = { source: item.source, ...(item.line !== undefined ? { line: item.line } : {}), error: item.error };
        agg.addImportError(failure);
        json.addImportError(failure);
        continue;
      }
      let row: MachineRow;
      let alt: (() => MachineTexts | undefined) | undefined;
      try {
        const { profile, assumed } = applyAssumptions(item.profile, opts.assume);
        // a machine whose decision is cached is judged without an asynchronous step
        const judged = machineRow(profile, item.source, assumed);
        ({ row, alt } = judged instanceof Promise ? await judged : judged);
      } catch (e) {
        // one machine the library cannot judge must not stop the fleet: it is reported like a bad line
        const failure = { source: item.source, error: `${item.profile.name}: ${messageOf(e)}` };
        agg.addImportError(failure);
        json.addImportError(failure);
        continue;
      }
      agg.addMachine(row, alt);
      csv.add(row);
      json.add(row);
      page.add(row);
      opts.onProgress?.(++done);
    }
  }
  return unread;
}

/** Translations, summary, report.json / report.csv / report.html, the root certificate when needed; commits them together. */
async function finishReport(
  opts: FleetOptions,
  deps: FleetDeps,
  runs: Run[],
  lang: Lang,
  outputs: ReportPaths,
  out: OutputSet,
  agg: FleetAggregator,
  { csv, json, page }: Writers,
  { representatives, verifications, installerProblems, rootProblems, verifier, simulations, rootNotTrusted }: MachineJudge,
  stats: ReturnType<typeof newInputFileStats>,
  unread: number,
): Promise<FleetResult> {
  await addTranslations(agg, runs, representatives, lang, (p, i) => deps.simulate(p, i, { verifier }));
  const summary = withInputs(agg.result([...verifications.values()], installerProblemList(installerProblems, lang), rootProblemList(rootProblems, lang)), stats, unread);
  json.close(summary);
  csv.close();
  const html = out.open(outputs.html);
  await page.written();
  writeHtml((text) => html.write(text), summary, page);
  page.discard();
  // the root step names this file: offline machines get it from the report's folder (no download needed)
  const rootNeeded = rootNotTrusted() > 0;
  const rootCertificate = rootNeeded ? path.join(opts.outDir, ROOT_CER_FILE) : undefined;
  if (rootCertificate) out.writeFile(rootCertificate, bundledAcsRootDer());
  await out.finishWrites();
  out.commit();
  return { summary, outputs: { ...outputs, ...(rootCertificate ? { rootCertificate } : {}) }, simulations: simulations(), verifications: verifier.verifications() };
}

/**
 * Judges machines one at a time: readiness in the report's language (and the other, lazily, for the page's
 * toggle), then each run's outcome, shared by machines with the same decision key (an LRU of
 * `opts.cacheSize`); counts installer verifications and problems, and keeps one machine per distinct popup.
 */
function machineJudge(opts: FleetOptions, deps: FleetDeps, runs: Run[], lang: Lang) {
  /** per decision key, each run's outcome and what a machine of that decision adds to the tallies (DecisionEntry) */
  const cache = new Lru<DecisionEntry>(opts.cacheSize ?? 20000);
  const verifications = new Map<string, VerificationSummary>();
  /** per installer file whose own signature fails: its verdict, codes and the machines it blocked */
  const installerProblems = new Map<string, { verdict: string; failures: string[]; machines: number }>();
  /** per installer file whose chain ends at a root the readiness model does not cover: the root and the machines it concerns */
  const rootProblems = new Map<string, { root: string; acs: boolean; machines: number }>();
  /** one machine that showed each distinct popup, to render it in the other language at the end */
  const representatives = new Map<string, SimulateInput>();
  const verifier = cachingVerifier(deps.verifier);
  /** per installer file, its modules that need ACS support (one deep verification per file) */
  const needAcs = new Map<string, Promise<string[] | null>>();
  const needAcsOf = (file: string): Promise<string[] | null> => {
    let p = needAcs.get(file);
    if (!p) {
      p = modulesNeedingAcs(file, { at: opts.at, ...(opts.known ? { known: opts.known } : {}), ...(opts.acsRoots ? { acsRoots: opts.acsRoots } : {}) }).then(
        (m) => m?.modules ?? null,
        () => null,
      );
      needAcs.set(file, p);
    }
    return p;
  };
  const withFiles = runs.some((r) => r.file !== null);
  let simulations = 0;
  /** machines whose root is missing or not known to be there: the root file goes next to the report */
  let rootNotTrusted = 0;
  const trust =
    opts.known || opts.acsRoots || opts.crls
      ? { known: opts.known ?? [], ...(opts.acsRoots ? { acsRoots: opts.acsRoots } : {}), ...(opts.crls ? { crls: opts.crls } : {}) }
      : undefined;
  const known = opts.known ?? [];
  // the options objects of the two languages, made once (not one per machine)
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  const readinessOptions: ReadinessOptions = { ...opts.readinessOptions, lang };
  const otherOptions: ReadinessOptions = { ...opts.readinessOptions, lang: other };
  // the real loadInventory yields profiles parseProfile made already (applyAssumptions keeps them so): with the
  // real assessReadiness, judge them without parsing and copying each profile a second time (same verdict)
  const assess: (profile: MachineProfile, options: ReadinessOptions) => Readiness =
    deps.assessReadiness === assessReadiness && deps.loadInventory === loadInventory ? judgeReadiness : (p, o) => deps.assessReadiness(p, o);

  const inputFor = (run: Run, profile: MachineProfile, readiness: Readiness, l: Lang): SimulateInput => ({
    machine: profile,
    readiness,
    artifact: run.file
      ? { kind: 'file', path: run.file, ...(run.displayPath ? { displayPath: run.displayPath } : {}) }
      : { kind: 'declared', ...opts.declared, ...(run.displayPath ? { path: run.displayPath } : {}) },
    ...(opts.agent ? { agent: opts.agent } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
    at: opts.at,
    lang: l,
    ...(trust ? { trust } : {}),
  });

  /**
   * A machine whose decision entry is complete: the same outcomes (one shared array, so the writers serialise
   * it once: json.ts, csv.ts, page/rows.ts) and the same tallies as the first machine of the entry counted.
   */
  function countAgain(tallies: Tallies): void {
    for (const v of tallies.verifications) v.machines++;
    for (const p of tallies.problems) p.machines++;
  }

  /**
   * The runs of a machine whose entry is not complete yet: simulates the runs the entry lacks, counts the
   * tallies as they come (a run that throws leaves the ones before it counted, as always), and completes the
   * entry when every run is there.
   */
  async function judgeRuns(entry: DecisionEntry, profile: MachineProfile, readiness: Readiness): Promise<PathOutcome[]> {
    const shared = entry.outcomes;
    const outcomes: PathOutcome[] = [];
    const tallies: Tallies = { verifications: [], problems: [] };
    /** the failing installer files already counted for this machine */
    const problemFiles = new Set<string>();
    const rootFiles = new Set<string>();
    for (const [i, run] of runs.entries()) {
      let outcome = shared[i];
      if (!outcome) {
        const input = inputFor(run, profile, readiness, lang);
        outcome = toOutcome(run, await deps.simulate(run.path, input, { verifier }));
        simulations++;
        shared[i] = outcome;
        for (const p of outcome.popups) {
          const pk = popupKey(run.path, run.file, p.id, p.text);
          if (!representatives.has(pk) && representatives.size < 200) representatives.set(pk, input);
        }
      }
      if (run.file && outcome.verdict) {
        const vk = verificationKey(run.file, trustLabel(readiness), outcome.verdict);
        let v = verifications.get(vk);
        if (v) v.machines++;
        else {
          const modules = await needAcsOf(run.file);
          verifications.set(
            vk,
            (v = {
              file: run.file,
              trust: trustLabel(readiness),
              verdict: outcome.verdict,
              acs: outcome.acs ?? false,
              failures: outcome.verificationFailures ?? [],
              machines: 1,
              ...(outcome.installerInvalid ? { installerInvalid: true } : {}),
              ...(outcome.rootNotCovered ? { rootNotCovered: true } : {}),
              ...(modules ? { needAcs: modules } : {}),
            }),
          );
        }
        tallies.verifications.push(v);
      }
      if (run.file && outcome.installerInvalid && !problemFiles.has(run.file)) {
        problemFiles.add(run.file);
        let p = installerProblems.get(run.file);
        if (!p) installerProblems.set(run.file, (p = { ...outcome.installerInvalid, machines: 1 }));
        else p.machines++;
        tallies.problems.push(p);
      }
      if (run.file && outcome.rootNotCovered && !rootFiles.has(run.file)) {
        rootFiles.add(run.file);
        let p = rootProblems.get(run.file);
        if (!p) rootProblems.set(run.file, (p = { root: outcome.rootNotCovered.root, acs: outcome.rootNotCovered.acs, machines: 1 }));
        else p.machines++;
        tallies.problems.push(p);
      }
      outcomes.push(outcome);
    }
    // every run is there: the next machines of this decision take the outcomes and tallies as they are
    // (the tallies depend only on the outcomes and the root trust, both parts of the decision key)
    entry.complete = { outcomes, tallies };
    return outcomes;
  }

  /** A machine's row; a promise only when a run must be simulated (the first machines of a decision). */
  function machineRow(profile: MachineProfile, source: string, assumed: string[]): JudgedMachine | Promise<JudgedMachine> {
    const readiness = assess(profile, readinessOptions);
    if (readiness.root?.trusted !== true) rootNotTrusted++;
    // the reasons and remediation in the other language, for the page's toggle (only not-ready machines show
    // them): made only when the summary keeps them (the aggregator asks)
    // (judged already in the report's language, a machine does not fail in the other; if it did, the toggle
    // would lack its texts, and the report would go on)
    const alt =
      readiness.ready !== true
        ? (): MachineTexts | undefined => {
            try {
              const o = assess(profile, otherOptions);
              return { lang: other, reasons: o.reasons.map((r) => r.message), remediation: [...o.remediation] };
            } catch {
              return undefined;
            }
          }
        : undefined;
    const decides = decisionKey(readiness, withFiles ? anchorsKey(verifier.machineTrustAnchors(profile, readiness, known)) : '');
    let entry = cache.get(decides);
    if (!entry) cache.set(decides, (entry = { outcomes: new Array<PathOutcome | undefined>(runs.length) }));
    if (!entry.complete) return judgeRuns(entry, profile, readiness).then((outcomes) => ({ row: toRow(source, readiness, outcomes, assumed), alt }));
    countAgain(entry.complete.tallies);
    return { row: toRow(source, readiness, entry.complete.outcomes, assumed), alt };
  }

  return {
    machineRow,
    verifier,
    verifications,
    installerProblems,
    rootProblems,
    representatives,
    simulations: (): number => simulations,
    rootNotTrusted: (): number => rootNotTrusted,
  };
}

type MachineJudge = ReturnType<typeof machineJudge>;

/** A machine's row, and its texts in the other language when the summary asks for them. */
interface JudgedMachine {
  row: MachineRow;
  alt?: () => MachineTexts | undefined;
}

/** Items one at a time as batches of one (an injected loadInventory). */
async function* oneByOne<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const item of items) yield [item];
}

/** What one machine of a decision adds to the verification table and the installer / root problems. */
interface Tallies {
  verifications: VerificationSummary[];
  problems: { machines: number }[];
}

/**
 * The outcome cache's entry for one decision key: each run's outcome (index = the run's place in `runs`), and
 * once every run is there, the outcomes as one array shared by the entry's machines and the tallies to repeat.
 */
interface DecisionEntry {
  outcomes: Array<PathOutcome | undefined>;
  complete?: { outcomes: PathOutcome[]; tallies: Tallies };
}

/** Renders each distinct popup in the other language too, so the page's language toggle covers them. */
async function addTranslations(
  agg: FleetAggregator,
  runs: Run[],
  representatives: Map<string, SimulateInput>,
  lang: Lang,
  simulate: (path: InstallPath, input: SimulateInput) => Promise<PathRun>,
): Promise<void> {
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  for (const run of runs) {
    const summary = agg.result().perPath.find((p) => p.path === run.path && p.file === run.file);
    if (!summary) continue;
    for (const index of agg.popupsMissing(run.path, run.file, other)) {
      const p = summary.popups[index]!;
      const input = representatives.get(popupKey(run.path, run.file, p.id, p.text));
      if (!input) continue;
      const translated = (await simulate(run.path, { ...input, lang: other })).popups.find((x) => x.id === p.id);
      if (translated)
        agg.addPopupTranslation(run.path, run.file, index, other, popupView(translated));
    }
  }
}

/** FleetSummary.installerProblems: each failing installer with its codes and the fix, in both languages. */
function installerProblemList(problems: Map<string, { verdict: string; failures: string[]; machines: number }>, lang: Lang): InstallerProblem[] {
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  return [...problems.entries()].map(([file, p]) => ({
    file,
    verdict: p.verdict,
    failures: p.failures,
    fix: installerText('remediation.installerInvalid', lang),
    alt: { [other]: { fix: installerText('remediation.installerInvalid', other) } },
    machines: p.machines,
  }));
}

/** FleetSummary.rootProblems: each installer whose chain ends at a root the readiness model does not cover, with the fix in both languages. */
function rootProblemList(problems: Map<string, { root: string; acs: boolean; machines: number }>, lang: Lang): RootProblem[] {
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  return [...problems.entries()].map(([file, p]) => ({
    file,
    root: p.root,
    acs: p.acs,
    fix: installerText('remediation.rootNotCovered', lang),
    alt: { [other]: { fix: installerText('remediation.rootNotCovered', other) } },
    machines: p.machines,
    source: 'inferred' as const,
  }));
}

/** The bundled Microsoft Identity Verification Root CA 2020 as DER (the bytes of certs/microsoft-identity-verification-root-ca-2020.cer). */
function bundledAcsRootDer(): Buffer {
  return Buffer.from(ACS_ROOT_2020_PEM.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64');
}

function messageOf(e: unknown): string {
  const m = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : String(e);
}
