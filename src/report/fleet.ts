/**
 * The fleet report: streams an inventory, judges each machine's readiness and, for each chosen install
 * path × installer, what would happen there; writes report.json, report.csv and report.html.
 *
 * Speed and memory: a run's outcome depends on the machine's facts, not its name, so outcomes are cached
 * per (path, installer, facts without the name): an installer file is verified once per distinct machine
 * (trust, OS, patches), not once per machine. The cache is bounded; rows go to disk as they come.
 */
import type { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadOptions } from '../endpoint/inventory';
import type { MachineProfile } from '../endpoint/profile';
import type { Readiness, ReadinessOptions } from '../endpoint/types';
import type { InstallPath, PathRun, SimulateInput, SimulateSettings } from '../installers/types';
import type { AcsVerifier } from '../installers/verifier';
import { cachingVerifier } from './verify-cache';
import { FleetAggregator, type AggregateLimits } from './aggregate';
import { CsvReportWriter } from './csv';
import { renderHtml } from './html';
import { JsonReportWriter } from './json';
import { inputOverwrittenBy, OutputSet } from './sink';
import type { EventView, FleetSummary, Lang, MachineRow, MachineTexts, PathOutcome, PopupView, VerificationSummary } from './types';
import { applyAssumptions, assumedFacts, type Assumptions } from './assumptions';
import { formatLocalTime, resolveTimeZone } from './time';
import { modulesNeedingAcs } from '../authenticode/deep/needs-acs';

export type InventoryItem =
  | { ok: true; profile: MachineProfile; source: string }
  | { ok: false; source: string; line?: number; error: string; skipped?: true };

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
  outputs: { json: string; csv: string; html: string };
  /** simulations actually run (the rest came from the cache) */
  simulations: number;
  /** file verifications actually run (once per file and distinct trust) */
  verifications: number;
}

export interface Run {
  path: InstallPath;
  file: string | null;
  displayPath?: string;
}

/** The path × installer runs of a fleet report: files × paths, or per file msi / autopcc, or the paths on a declared artifact. */
export function chooseRuns(files: string[], paths: InstallPath[]): Run[] {
  if (paths.length && files.length) return paths.flatMap((p) => files.map((f) => ({ path: p, file: f })));
  if (paths.length) return paths.map((p) => ({ path: p, file: null }));
  if (files.length) return files.map((f) => ({ path: (/\.msi$/i.test(f) ? 'msi' : 'autopcc') as InstallPath, file: f }));
  return (['autopcc', 'msi', 'agent-update'] as const).map((p) => ({ path: p, file: null }));
}

/** The machine's facts without its name and where they came from: equal facts, equal outcome. */
export function factsKey(profile: MachineProfile): string {
  const { name: _n, sources: _s, ...facts } = profile;
  return JSON.stringify(facts);
}

/**
 * What a path run's outcome (as the report keeps it: decision, worst case, popups, events, downloads,
 * verdict, reason codes) depends on, beyond the run's own settings: the readiness verdict and its parts, the
 * updates the popups name, the reason codes, and the trust anchors the installer file is verified against.
 * Machines whose raw facts differ (UBR, other roots, unrelated KBs) but reach the same decision share one
 * simulation; names and sources are filled in per machine.
 */
export function decisionKey(readiness: Readiness, anchors: string): string {
  return JSON.stringify([
    readiness.role,
    readiness.ready,
    readiness.os.supported,
    readiness.os.requiredKbs ?? null,
    readiness.root.trusted,
    readiness.root.via,
    readiness.reasons.map((r) => r.code),
    anchors,
  ]);
}

/** Trust anchors as a key: their sorted SHA-256 fingerprints. */
function anchorsKey(anchors: X509Certificate[]): string {
  return anchors
    .map((c) => c.fingerprint256)
    .sort()
    .join(',');
}

function popupView(p: PathRun['popups'][number]): PopupView {
  return {
    id: p.id,
    window: p.window,
    title: p.title,
    text: p.text,
    buttons: [...p.buttons],
    ...(p.provenance ? { provenance: p.provenance } : {}),
    ...(p.titleProvenance ? { titleProvenance: p.titleProvenance } : {}),
  };
}

function eventView(e: PathRun['events'][number]): EventView {
  return { id: e.id, source: e.source, channel: e.channel, level: e.level, text: e.text };
}

export function toOutcome(run: Pick<Run, 'path' | 'file'>, r: PathRun): PathOutcome {
  const w = r.decision === 'unknown' ? r.worstCase : undefined;
  return {
    path: run.path,
    file: run.file,
    decision: r.decision,
    ...(w ? { worstCase: { decision: w.decision, popups: w.popups.map(popupView), events: w.events.map(eventView), downloads: w.downloads } } : {}),
    popups: r.popups.map(popupView),
    events: r.events.map(eventView),
    downloads: r.downloads,
    ...(r.verification
      ? { verdict: r.verification.verdict, acs: r.verification.acs, verificationFailures: r.verification.failures.map((f) => f.code) }
      : {}),
    reasons: r.reasons.map((x) => x.code),
  };
}

export function toRow(source: string, readiness: Readiness, outcomes: PathOutcome[], assumed: string[] = []): MachineRow {
  return {
    name: readiness.name,
    source,
    ready: readiness.ready,
    windows: readiness.os.line ?? null,
    ...(readiness.os.version !== undefined ? { version: readiness.os.version } : {}),
    ...(readiness.os.ubr !== undefined ? { ubr: readiness.os.ubr } : {}),
    reasons: readiness.reasons.map((r) => ({ code: r.code, message: r.message, ...(r.fact ? { fact: r.fact } : {}) })),
    remediation: [...readiness.remediation],
    ...(assumed.length ? { assumed: [...assumed] } : {}),
    outcomes,
  };
}

/** A small LRU map. */
class Lru<V> {
  private m = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.m.set(k, v);
    if (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
  }
}

function trustLabel(r: Readiness): string {
  if (r.root.trusted === true) return r.root.via === 'auto-update' ? 'root via automatic update' : 'root in store';
  if (r.root.trusted === false) return 'root missing';
  return 'root unknown';
}

/**
 * The fleet report with the given dependencies (fleetReport passes the real ones): reads the inventory,
 * judges each machine, runs each path × installer, and writes report.json, report.csv and report.html.
 * @returns the summary, the files written and the counts of simulations and verifications run
 * @throws InputError when an inventory input cannot be read; errors writing the output directory
 */
export async function runFleetReport(opts: FleetOptions, deps: FleetDeps): Promise<FleetResult> {
  const lang: Lang = opts.lang ?? 'ja';
  const runs = opts.runs
    ? opts.runs.map((r) => ({ ...r, file: r.file && path.resolve(r.file) }))
    : chooseRuns((opts.files ?? []).map((f) => path.resolve(f)), opts.paths ?? []);
  const files = [...new Set(runs.flatMap((r) => (r.file ? [r.file] : [])))];
  fs.mkdirSync(opts.outDir, { recursive: true });
  const outputs = {
    json: path.join(opts.outDir, 'report.json'),
    csv: path.join(opts.outDir, 'report.csv'),
    html: path.join(opts.outDir, 'report.html'),
  };
  const timeZone = resolveTimeZone(opts.timeZone, process.env);
  const agg = new FleetAggregator(
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
  );
  const overwritten = inputOverwrittenBy(Object.values(outputs), [...opts.inventory, ...files]);
  if (overwritten) throw new ReportInputError(`${overwritten}: is an input of the report and would be overwritten by it; choose another --out`);
  // every file goes to a temporary file first; they replace the old report together, after the last input
  const out = new OutputSet();
  let committed = false;
  const csv = new CsvReportWriter(out.open(outputs.csv), runs, lang);
  const json = new JsonReportWriter(out.open(outputs.json));
  /** per decision key, each run's outcome (index = the run's place in `runs`) */
  const cache = new Lru<Array<PathOutcome | undefined>>(opts.cacheSize ?? 20000);
  const verifications = new Map<string, VerificationSummary>();
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
  let done = 0;
  const trust =
    opts.known || opts.acsRoots || opts.crls
      ? { known: opts.known ?? [], ...(opts.acsRoots ? { acsRoots: opts.acsRoots } : {}), ...(opts.crls ? { crls: opts.crls } : {}) }
      : undefined;

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

  try {
    for await (const item of deps.loadInventory(opts.inventory, opts.inventoryOptions)) {
      if (!item.ok && item.skipped) {
        agg.addSkipped({ source: item.source, ...(item.line !== undefined ? { line: item.line } : {}), reason: item.error });
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
        ({ row, alt } = await machineRow(profile, item.source, assumed));
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
      opts.onProgress?.(++done);
    }
    await addTranslations(agg, runs, representatives, lang, (p, i) => deps.simulate(p, i, { verifier }));
    const summary = agg.result([...verifications.values()]);
    json.close(summary);
    csv.close();
    out.writeFile(outputs.html, renderHtml(summary));
    out.commit();
    committed = true;
    return { summary, outputs, simulations, verifications: verifier.verifications() };
  } finally {
    if (!committed) out.discard();
  }

  async function machineRow(profile: MachineProfile, source: string, assumed: string[]): Promise<{ row: MachineRow; alt?: () => MachineTexts | undefined }> {
    const readiness = deps.assessReadiness(profile, { ...opts.readinessOptions, lang });
    // the reasons and remediation in the other language, for the page's toggle (only not-ready machines show
    // them): made only when the summary keeps them (the aggregator asks)
    const other: Lang = lang === 'ja' ? 'en' : 'ja';
    // (judged already in the report's language, a machine does not fail in the other; if it did, the toggle
    // would lack its texts, and the report would go on)
    const alt =
      readiness.ready !== true
        ? (): MachineTexts | undefined => {
            try {
              const o = deps.assessReadiness(profile, { ...opts.readinessOptions, lang: other });
              return { lang: other, reasons: o.reasons.map((r) => r.message), remediation: [...o.remediation] };
            } catch {
              return undefined;
            }
          }
        : undefined;
    const decides = decisionKey(readiness, withFiles ? anchorsKey(verifier.machineTrustAnchors(profile, readiness, opts.known ?? [])) : '');
    let shared = cache.get(decides);
    if (!shared) cache.set(decides, (shared = new Array<PathOutcome | undefined>(runs.length)));
    const outcomes: PathOutcome[] = [];
    for (const [i, run] of runs.entries()) {
      let outcome = shared[i];
      if (!outcome) {
        const input = inputFor(run, profile, readiness, lang);
        outcome = toOutcome(run, await deps.simulate(run.path, input, { verifier }));
        simulations++;
        shared[i] = outcome;
        for (const p of outcome.popups) {
          const pk = `${run.path}\u0000${run.file ?? ''}\u0000${p.id}\u0000${p.text}`;
          if (!representatives.has(pk) && representatives.size < 200) representatives.set(pk, input);
        }
      }
      if (run.file && outcome.verdict) {
        const vk = `${run.file}\u0000${trustLabel(readiness)}\u0000${outcome.verdict}`;
        const v = verifications.get(vk);
        if (v) v.machines++;
        else {
          const modules = await needAcsOf(run.file);
          verifications.set(vk, {
            file: run.file,
            trust: trustLabel(readiness),
            verdict: outcome.verdict,
            acs: outcome.acs ?? false,
            failures: outcome.verificationFailures ?? [],
            machines: 1,
            ...(modules ? { needAcs: modules } : {}),
          });
        }
      }
      outcomes.push(outcome);
    }
    return { row: toRow(source, readiness, outcomes, assumed), ...(alt ? { alt } : {}) };
  }
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
      const input = representatives.get(`${run.path}\u0000${run.file ?? ''}\u0000${p.id}\u0000${p.text}`);
      if (!input) continue;
      const translated = (await simulate(run.path, { ...input, lang: other })).popups.find((x) => x.id === p.id);
      if (translated)
        agg.addPopupTranslation(run.path, run.file, index, other, {
          id: translated.id,
          window: translated.window,
          title: translated.title,
          text: translated.text,
          buttons: [...translated.buttons],
        });
    }
  }
}

function messageOf(e: unknown): string {
  const m = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : String(e);
}
