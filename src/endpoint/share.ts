/**
 * Input folders as administrators' shares really are (the directory side of loadInventory). Each file is
 * classified by content (discover.ts); then each folder is one of:
 *
 *  - a MACHINE FOLDER: it holds one machine's exports (directly, or in DATED sub-folders: 2026-11-01,
 *    20261115, 2026-11-15_0930, … each a set of exports from one collection run) and nothing that holds other
 *    machines: no fleet file, no export naming another machine, no sub-folder with an input in it. The newest
 *    COMPLETE dated set is used (every export in it reads, and together they give the OS version); newer
 *    incomplete sets, older sets and exports beside a used set are listed as skipped with the reason.
 *    Sub-folders holding no input (logs, notes) are listed file by file.
 *  - a CONTAINER (a share, a site, a collection run): anything else that holds an input. Its fleet files
 *    (JSON Lines, JSON arrays, CSV fleets, Intune / Configuration Manager exports) are read whole; its loose
 *    exports are grouped by the machine they name (a folder of per-machine profile JSON files is one machine
 *    per file, never one merged machine); an export that names no machine (a stray `{"online":true}`) is
 *    skipped with the reason, as it belongs to none; each sub-folder is walked the same way (MAX_DEPTH levels).
 *  - an EMPTY MACHINE FOLDER (inside a container, holding nothing or only stray files): a machine with every
 *    fact unknown, named after the folder, not a lost machine; a folder holding only documents (an .xlsx) is
 *    no machine: its files are listed. A directory given directly that holds nothing readable is an error
 *    naming it.
 *  - the report's own output folder (DiscoverOptions.exclude) and any folder holding an `acs-gate fleet`
 *    report (report.json): never read, listed as skipped.
 * Stray files (Thumbs.db, desktop.ini, README.txt, …) are listed as skipped, each with its reason: every file
 * is read or named. Symbolic links (and junctions) are followed once: a link to a folder already read is
 * skipped with a note, so a loop ends. Hidden entries (".snapshot", ".DS_Store", the report's temp files) are
 * ignored.
 */
import { fsErrorText } from '../text/fs-errors';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { classifyFile, nameKey, newInputFileStats, type FileClass, type FleetKind, type InputFileStats, type InputKind } from './discover';
import { ExportFormatError, InputError } from './errors';
import { importFile, mergeImports, type ImportResult, type MergedMachine } from './importers';
import type { InventoryItem } from './inventory-item';
import { profileModule } from './profile-lazy';

export type ShareItem = InventoryItem;
type Failure = Extract<InventoryItem, { ok: false }>;

export const MAX_DEPTH = 6;
/** bytes of a folder's exports whose parsed facts are kept between classifying and merging; beyond, they are read again */
const KEEP_BYTES = 64 * 1024 * 1024;

/** "2026-11-01", "20261101", "2026-11-01_0930", "2026-11-01T09-30-00", "20261101-093000" -> sortable digits, else undefined */
export function datedFolderKey(name: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T_\- ]?(\d{2})[:-]?(\d{2})(?:[:-]?(\d{2}))?)?$/.exec(name);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${m[1]}${m[2]}${m[3]}${m[4] ?? '00'}${m[5] ?? '00'}${m[6] ?? '00'}`;
}

/** What the walker needs from inventory.ts (which reads fleet files) and from its caller. */
export interface WalkDeps {
  /** inventory.ts's classifier of a file given directly */
  classify(file: string): Promise<InputKind>;
  /** reads a fleet file found in a folder, as when given directly */
  readFleet(file: string, kind: FleetKind): AsyncIterable<InventoryItem>;
  /** folders never read (the report's output folder) */
  exclude?: string[];
  stats?: InputFileStats;
}

interface Entry {
  name: string;
  path: string;
}

interface Listing {
  files: Entry[];
  dirs: Entry[];
  skipped: Failure[];
}

interface ExportFile {
  path: string;
  name?: string;
  result?: ImportResult;
}

interface Scan {
  fleet: { path: string; fleet: FleetKind }[];
  exports: ExportFile[];
  strays: Failure[];
  errors: Failure[];
  reports: string[];
  /** strays that are documents (an .xlsx): a folder of only these is no machine */
  documents: number;
}

interface DatedSet extends Entry {
  key: string;
  listing: Listing;
  scan: Scan;
}

const skippedItem = (source: string, why: string, unread = false): Failure => ({ ok: false, source, error: `skipped: ${why}`, skipped: true, ...(unread ? { unread: true } : {}) });

async function list(dir: string): Promise<Listing> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(dir, undefined, `cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const out: Listing = { files: [], dirs: [], skipped: [] };
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    let kind: 'file' | 'dir' | undefined = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : undefined;
    if (e.isSymbolicLink()) {
      try {
        const st = await fsp.stat(p);
        kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined;
      } catch (err) {
        const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'a link whose target does not exist' : `a link that cannot be followed: ${fsErrorText(err)}`;
        out.skipped.push(skippedItem(p, why));
        continue;
      }
    }
    if (kind === undefined) {
      out.skipped.push(skippedItem(p, 'neither a file nor a folder'));
      continue;
    }
    (kind === 'file' ? out.files : out.dirs).push({ name: e.name, path: p });
  }
  return out;
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await fsp.readdir(dir)).filter((n) => !n.startsWith('.')).length === 0;
  } catch {
    return false;
  }
}

function failureOf(e: unknown, source: string): Failure {
  if (e instanceof ExportFormatError || e instanceof InputError) return { ok: false, source: e.file, ...(e.line !== undefined ? { line: e.line } : {}), error: e.detail };
  return { ok: false, source, error: e instanceof Error ? e.message : String(e) };
}

/** A machine with every fact unknown (an empty machine folder). */
function unknownMachine(dir: string, why: string): MergedMachine {
  const name = path.basename(path.resolve(dir));
  return { profile: profileModule().MachineProfileSchema.parse({ name, os: {}, sources: [dir] }), notes: [why], imports: [] };
}

function machineItem(merged: MergedMachine, source: string): InventoryItem {
  return { ok: true, profile: merged.profile, source, ...(merged.notes.length ? { notes: merged.notes } : {}) };
}

const describeNames = (names: Set<string>): string => [...names].slice(0, 3).join(', ') + (names.size > 3 ? ', …' : '');

class Walker {
  private readonly seen = new Map<string, string>();
  private readonly stats: InputFileStats;
  private exclude?: Set<string>;

  constructor(private readonly deps: WalkDeps) {
    this.stats = deps.stats ?? newInputFileStats();
  }

  private async excluded(dir: string): Promise<boolean> {
    if (!this.deps.exclude?.length) return false;
    if (!this.exclude) {
      this.exclude = new Set();
      for (const x of this.deps.exclude) this.exclude.add(await fsp.realpath(x).catch(() => path.resolve(x)));
    }
    const real = await fsp.realpath(dir).catch(() => path.resolve(dir));
    return this.exclude.has(real);
  }

  /** undefined when this real directory was not read yet (and marks it); else the item saying why it is skipped */
  private async once(dir: string): Promise<Failure | undefined> {
    let real: string;
    try {
      real = await fsp.realpath(dir);
    } catch (e) {
      return { ok: false, source: dir, error: `cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
    const first = this.seen.get(real);
    if (first !== undefined) return skippedItem(dir, `the same folder as ${first} (a link), already read`);
    this.seen.set(real, dir);
    return undefined;
  }

  /** the reason a folder is never read (the report's output folder, a report folder), else undefined */
  private async notInput(dir: string, l: Listing): Promise<string | undefined> {
    if (await this.excluded(dir)) return 'the output folder of this report (--out): never read as input';
    const rj = l.files.find((f) => f.name.toLowerCase() === 'report.json');
    if (rj) {
      const c = await this.classify(rj.path);
      if (c.kind === 'report') return 'a folder holding a report written by acs-gate fleet (report.json): a report is never read as input';
    }
    return undefined;
  }

  private classify(file: string): Promise<FileClass> {
    return classifyFile(file, (f) => this.deps.classify(f));
  }

  private async scan(files: Entry[]): Promise<Scan> {
    const s: Scan = { fleet: [], exports: [], strays: [], errors: [], reports: [], documents: 0 };
    let kept = 0;
    for (const f of files) {
      const c = await this.classify(f.path);
      switch (c.kind) {
        case 'fleet':
          s.fleet.push({ path: f.path, fleet: c.fleet });
          break;
        case 'export':
          s.exports.push({ path: f.path, ...(c.name !== undefined ? { name: c.name } : {}), ...((kept += c.size) <= KEEP_BYTES ? { result: c.result } : {}) });
          break;
        case 'report':
          s.reports.push(f.path);
          break;
        case 'stray':
          s.strays.push(skippedItem(f.path, c.reason, c.unread));
          if (c.document) s.documents++;
          break;
        case 'error':
          s.errors.push({ ok: false, source: c.source, ...(c.line !== undefined ? { line: c.line } : {}), error: c.error });
          break;
      }
    }
    return s;
  }

  /** yields the entries a folder leaves out: links, strays, report files (counted as skipped) */
  private *leftOut(l: Listing, s: Scan): Generator<Failure> {
    yield* l.skipped;
    for (const x of s.strays) {
      this.stats.skipped++;
      yield x;
    }
    for (const r of s.reports) {
      this.stats.skipped++;
      yield skippedItem(r, 'a report written by acs-gate fleet: a report is never read as input');
    }
  }

  private *errors(s: Scan): Generator<Failure> {
    for (const e of s.errors) {
      this.stats.unreadable++;
      yield e;
    }
  }

  private async results(files: ExportFile[]): Promise<ImportResult[]> {
    const out: ImportResult[] = [];
    for (const f of files) out.push(f.result ?? (await importFile(f.path)));
    return out;
  }

  async *input(dir: string): AsyncGenerator<InventoryItem> {
    yield* this.node(dir, 0, true);
  }

  /**
   * The folder's listing, once: a folder reached again (through a link) is yielded as skipped, one that cannot
   * be listed as unreadable (thrown for the folder the caller gave), and then there is no listing.
   */
  private async *listOnce(dir: string, top: boolean): AsyncGenerator<InventoryItem, Listing | undefined> {
    const dup = await this.once(dir);
    if (dup) {
      yield dup;
      return undefined;
    }
    try {
      return await list(dir);
    } catch (e) {
      if (top) throw e;
      this.stats.unreadable++;
      yield failureOf(e, dir);
      return undefined;
    }
  }

  private async *node(dir: string, depth: number, top: boolean): AsyncGenerator<InventoryItem> {
    const l = yield* this.listOnce(dir, top);
    if (!l) return;
    const why = await this.notInput(dir, l);
    if (why) {
      this.stats.skipped += l.files.length;
      yield skippedItem(dir, why);
      return;
    }
    const s = await this.scan(l.files);
    const dated: Entry[] = l.dirs.filter((d) => datedFolderKey(d.name) !== undefined);
    if (s.fleet.length === 0) {
      const sets = await this.datedSets(dated);
      // one machine's exports: they name one machine (or none) in the folder and in each dated set (a machine
      // renamed between two collections is still one machine folder: the newest complete set names it)
      const oneName = (exports: ExportFile[]): boolean => new Set(exports.flatMap((e) => (e.name !== undefined ? [nameKey(e.name)] : []))).size <= 1;
      const own = s.exports.length + s.errors.length + sets.length > 0;
      if (own && oneName(s.exports) && sets.every((x) => oneName(x.scan.exports))) {
        const rest = l.dirs.filter((d) => !sets.some((x) => x.path === d.path));
        let holds = false;
        for (const d of rest) if ((holds = await this.holdsInput(d.path, depth + 1, new Set()))) break;
        if (!holds) {
          yield* this.machine(dir, l, s, sets, rest);
          return;
        }
      }
      if (!own && l.dirs.length === 0) {
        yield* this.leftOut(l, s);
        if (top) yield { ok: false, source: dir, error: `no recognised export in the directory (${l.files.length} files; expected the exports of one machine, a fleet file, or one folder per machine)` };
        else if (!(s.strays.length > 0 && s.documents === s.strays.length))
          yield machineItem(unknownMachine(dir, `${l.files.length ? 'no Windows export in it' : 'an empty folder'}: every fact is unknown`), dir);
        return;
      }
    }
    yield* this.container(dir, l, s, depth);
  }

  /** dated sub-folders that are sets of one collection run: exports directly inside, no fleet file, no sub-folder */
  private async datedSets(dated: Entry[]): Promise<DatedSet[]> {
    const out: DatedSet[] = [];
    for (const d of dated) {
      let l: Listing;
      try {
        l = await list(d.path);
      } catch {
        continue; // walked (and reported) as a folder of its own
      }
      if (l.dirs.length > 0 || l.files.length === 0) continue;
      const scan = await this.scan(l.files);
      if (scan.fleet.length > 0 || scan.exports.length + scan.errors.length === 0) continue;
      out.push({ ...d, key: datedFolderKey(d.name)!, listing: l, scan });
    }
    return out;
  }

  /** does this folder (or one below it) hold anything read as input: an export, a fleet file, a bad export */
  private async holdsInput(dir: string, depth: number, visited: Set<string>): Promise<boolean> {
    if (depth > MAX_DEPTH) return false;
    const real = await fsp.realpath(dir).catch(() => dir);
    if (visited.has(real)) return false;
    visited.add(real);
    let l: Listing;
    try {
      l = await list(dir);
    } catch {
      return true; // walked, so that the error is reported
    }
    if (await this.notInput(dir, l)) return false;
    for (const f of l.files) {
      const c = await this.classify(f.path);
      if (c.kind === 'fleet' || c.kind === 'export' || c.kind === 'error') return true;
    }
    for (const d of l.dirs) if (await this.holdsInput(d.path, depth + 1, visited)) return true;
    return false;
  }

  /** a sub-folder of a machine folder that holds no input: each file listed */
  private async *skipTree(dir: string, machineDir: string, depth: number): AsyncGenerator<InventoryItem> {
    const l = yield* this.listOnce(dir, false);
    if (!l) return;
    const why = await this.notInput(dir, l);
    if (why) {
      this.stats.skipped += l.files.length;
      yield skippedItem(dir, why);
      return;
    }
    yield* l.skipped;
    for (const f of l.files) {
      const c = await this.classify(f.path);
      this.stats.skipped++;
      yield skippedItem(f.path, `${c.kind === 'stray' ? c.reason : 'not read'} (in a sub-folder of the machine folder ${path.basename(machineDir)})`, c.kind === 'stray' && c.unread);
    }
    for (const d of l.dirs) {
      if (depth >= MAX_DEPTH) {
        yield skippedItem(d.path, `deeper than ${MAX_DEPTH} folders below the input: not read`, true);
        continue;
      }
      yield* this.skipTree(d.path, machineDir, depth + 1);
    }
  }

  private async *machine(dir: string, l: Listing, s: Scan, sets: DatedSet[], rest: Entry[]): AsyncGenerator<InventoryItem> {
    yield* this.leftOut(l, s);
    for (const d of rest) yield* this.skipTree(d.path, dir, 1);
    const fallbackName = path.basename(path.resolve(dir));
    const sorted = [...sets].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const newer: Failure[] = [];
    for (const [i, set] of sorted.entries()) {
      const dup = await this.once(set.path);
      if (dup) {
        newer.push(dup);
        continue;
      }
      const err = set.scan.errors[0];
      let reason = err ? `${path.basename(err.source)}${err.line !== undefined ? `:${err.line}` : ''}: ${err.error}` : undefined;
      let merged: MergedMachine | undefined;
      if (!reason) {
        try {
          merged = mergeImports(await this.results(set.scan.exports), fallbackName);
          if (merged.profile.os.version === undefined) reason = 'no export in it gives the OS version';
        } catch (e) {
          reason = e instanceof ExportFormatError ? e.detail : e instanceof Error ? e.message : String(e);
        }
      }
      if (merged && !reason) {
        yield* newer;
        yield* this.leftOut(set.listing, set.scan);
        this.stats.read += set.scan.exports.length;
        merged.notes.push(`dated folders: using ${set.name}, the newest complete set of ${sets.length}${newer.length ? ` (newer: ${newer.length} incomplete)` : ''}`);
        yield machineItem(merged, set.path);
        for (const older of sorted.slice(i + 1)) {
          this.stats.skipped += older.listing.files.length;
          yield skippedItem(older.path, `an older collection (${set.name} is used)`);
        }
        for (const f of [...s.exports.map((x) => x.path), ...s.errors.map((x) => x.source)]) {
          this.stats.skipped++;
          yield skippedItem(f, `the dated folder ${set.name} beside it is used (a newer complete set)`);
        }
        return;
      }
      this.stats.skipped += set.listing.files.length;
      newer.push(skippedItem(set.path, `an incomplete set (${reason})`));
    }
    yield* newer;
    if (s.errors.length) {
      // half-read facts must not become a verdict: the machine fails, each bad file named
      yield* this.errors(s);
      this.stats.skipped += s.exports.length;
      return;
    }
    if (s.exports.length > 0) {
      let merged: MergedMachine;
      try {
        merged = mergeImports(await this.results(s.exports), fallbackName);
      } catch (e) {
        this.stats.unreadable += s.exports.length;
        yield failureOf(e, dir);
        return;
      }
      this.stats.read += s.exports.length;
      if (sets.length) merged.notes.push(`dated folders: none of ${sets.length} is complete; using the exports directly in the folder`);
      yield machineItem(merged, dir);
      return;
    }
    const why = `none of its ${sets.length} dated folders holds a complete set`;
    yield machineItem(unknownMachine(dir, `${why}: every fact is unknown`), dir);
  }

  private async *container(dir: string, l: Listing, s: Scan, depth: number): AsyncGenerator<InventoryItem> {
    yield* this.leftOut(l, s);
    yield* this.errors(s);
    for (const f of s.fleet) {
      this.stats.read++;
      yield* this.deps.readFleet(f.path, f.fleet);
    }
    // loose exports: one machine per name they give (never one machine from several machines' files)
    const groups = new Map<string, ExportFile[]>();
    const unnamed: ExportFile[] = [];
    for (const e of s.exports) {
      if (e.name === undefined) unnamed.push(e);
      else {
        const k = nameKey(e.name);
        const g = groups.get(k);
        if (g) g.push(e);
        else groups.set(k, [e]);
      }
    }
    for (const files of groups.values()) {
      try {
        const merged = mergeImports(await this.results(files), files[0]!.name!);
        if (files.length > 1) merged.notes.push(`${files.length} files in ${path.basename(dir)} name this machine: ${files.map((f) => path.basename(f.path)).join(', ')}`);
        this.stats.read += files.length;
        yield machineItem(merged, files[0]!.path);
      } catch (e) {
        this.stats.unreadable += files.length;
        yield failureOf(e, files[0]!.path);
      }
    }
    const others = new Set([...groups.keys()]);
    for (const e of unnamed) {
      this.stats.skipped++;
      const beside = [
        others.size ? `exports of ${describeNames(others)}` : '',
        s.fleet.length ? 'fleet files' : '',
        l.dirs.length ? 'machine folders' : '',
      ].filter(Boolean);
      yield skippedItem(e.path, `a machine's export that names no machine, beside ${beside.join(' and ') || 'other inputs'}: it belongs to none of them (put it in its machine's folder)`, true);
    }
    // a machine's own exports beside folders of other machines: a sub-folder holding files but no input (logs) is
    // no machine of its own, its files are listed (an empty sub-folder stays an empty machine folder)
    const machineLike = s.fleet.length === 0 && groups.size === 1;
    for (const d of l.dirs) {
      if (depth >= MAX_DEPTH) {
        yield skippedItem(d.path, `deeper than ${MAX_DEPTH} folders below the input: not read`, true);
        continue;
      }
      if (machineLike && !(await isEmptyDir(d.path)) && !(await this.holdsInput(d.path, depth + 1, new Set()))) yield* this.skipTree(d.path, dir, depth + 1);
      else yield* this.node(d.path, depth + 1, false);
    }
  }
}

/** Every machine (and every skipped or unreadable entry) under one input directory. */
export function walkDirectory(dir: string, deps: WalkDeps): AsyncGenerator<InventoryItem> {
  return new Walker(deps).input(dir);
}
