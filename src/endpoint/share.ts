/**
 * Directories as administrators' shares really are (the directory side of loadInventory):
 *
 *  - A directory that directly holds a recognised export is ONE machine (its sub-folders are then ignored,
 *    except dated ones, below).
 *  - A directory that holds sub-folders and no export is a SHARE: each sub-folder is a machine folder (or, when it
 *    holds only non-dated sub-folders itself, a nested share: a site or a department; at most MAX_DEPTH levels).
 *    Files next to the machine folders (Thumbs.db, desktop.ini, the collection script, a README) are skipped and
 *    listed, never read as a machine.
 *  - A machine folder holding DATED sub-folders (2026-11-01, 20261115, 2026-11-15_0930, …), each a set of
 *    exports from one collection run: the newest COMPLETE set is used (every export in it reads, and together
 *    they give the OS version); a newer incomplete set is skipped with the reason; the source names the set used.
 *    Export files directly in the machine folder are used only when no dated set is complete.
 *  - An empty machine folder in a share (or one with only stray files) is a machine with every fact unknown
 *    (its name from the folder), not a lost machine. A directory given directly that holds nothing readable is
 *    an error naming it.
 *  - Symbolic links (and junctions) are followed once: a link to a folder already read is skipped with a note,
 *    so a loop ends. Hidden entries (".snapshot", ".DS_Store") are ignored.
 * Files are recognised by content (the importers' detectors), never by name.
 */
import { fsErrorText } from '../text/fs-errors';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { ExportFormatError, InputError } from './errors';
import { importFile, mergeImports, type ImportResult, type MergedMachine } from './importers';
import { MachineProfileSchema } from './profile';

export type ShareFailure = { ok: false; source: string; line?: number; error: string; skipped?: true };
export type ShareItem = { ok: true; merged: MergedMachine; source: string } | ShareFailure;

export const MAX_DEPTH = 6;

/** "2026-11-01", "20261101", "2026-11-01_0930", "2026-11-01T09-30-00", "20261101-093000" -> sortable digits, else undefined */
export function datedFolderKey(name: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T_\- ]?(\d{2})[:\-]?(\d{2})(?:[:\-]?(\d{2}))?)?$/.exec(name);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${m[1]}${m[2]}${m[3]}${m[4] ?? '00'}${m[5] ?? '00'}${m[6] ?? '00'}`;
}

interface Entry {
  name: string;
  path: string;
  kind: 'file' | 'dir';
}

interface Listing {
  files: Entry[];
  dirs: Entry[];
  skipped: ShareItem[];
}

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
        out.skipped.push({ ok: false, source: p, error: `skipped: ${why}`, skipped: true });
        continue;
      }
    }
    if (kind === undefined) {
      out.skipped.push({ ok: false, source: p, error: 'skipped: neither a file nor a folder', skipped: true });
      continue;
    }
    (kind === 'file' ? out.files : out.dirs).push({ name: e.name, path: p, kind });
  }
  return out;
}

interface SetRead {
  results: ImportResult[];
  strays: ShareFailure[];
  error?: ShareFailure;
}

/** Reads every file of one set; unrecognised files are strays; a recognised export with bad content is the set's error. */
async function readSet(files: Entry[]): Promise<SetRead> {
  const out: SetRead = { results: [], strays: [] };
  for (const f of files) {
    try {
      out.results.push(await importFile(f.path));
    } catch (e) {
      if (e instanceof ExportFormatError && e.line === 1 && /^(not a recognised export|empty file)/.test(e.detail)) {
        out.strays.push({ ok: false, source: f.path, error: `skipped: ${e.detail.startsWith('empty') ? 'empty file' : 'not a Windows export this tool reads'}`, skipped: true });
        continue;
      }
      if (e instanceof ExportFormatError && /too large for a raw Windows export/.test(e.detail)) {
        out.strays.push({ ok: false, source: f.path, error: `skipped: ${e.detail}`, skipped: true });
        continue;
      }
      if (e instanceof ExportFormatError || e instanceof InputError) {
        out.error ??= { ok: false, source: e.file, ...(e.line !== undefined ? { line: e.line } : {}), error: e.detail };
        continue;
      }
      throw e;
    }
  }
  return out;
}

function hasExport(s: SetRead): boolean {
  return s.results.length > 0 || s.error !== undefined;
}

/** A machine with every fact unknown (an empty machine folder). */
function unknownMachine(dir: string, why: string): MergedMachine {
  const name = path.basename(path.resolve(dir));
  return { profile: MachineProfileSchema.parse({ name, os: {}, sources: [dir] }), notes: [why], imports: [] };
}

class Walker {
  private readonly seen = new Map<string, string>();

  /** true when this real directory was not read yet (and marks it); else the skipped item */
  private async once(dir: string): Promise<ShareItem | undefined> {
    let real: string;
    try {
      real = await fsp.realpath(dir);
    } catch (e) {
      return { ok: false, source: dir, error: `cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
    const first = this.seen.get(real);
    if (first !== undefined) return { ok: false, source: dir, error: `skipped: the same folder as ${first} (a link), already read`, skipped: true };
    this.seen.set(real, dir);
    return undefined;
  }

  async *input(dir: string): AsyncGenerator<ShareItem> {
    const dup = await this.once(dir);
    if (dup) {
      yield dup;
      return;
    }
    const l = await list(dir);
    const direct = await readSet(l.files);
    const dated = l.dirs.filter((d) => datedFolderKey(d.name) !== undefined);
    if (hasExport(direct) || (await this.holdsDatedSets(dated))) {
      yield* this.machine(dir, l, direct, dated);
      return;
    }
    if (l.dirs.length === 0) {
      yield* direct.strays;
      yield { ok: false, source: dir, error: `no recognised export in the directory (${l.files.length} files; expected the exports of one machine, or one folder per machine)` };
      return;
    }
    yield* l.skipped;
    yield* direct.strays;
    yield* this.share(l.dirs, 1);
  }

  private async *share(dirs: Entry[], depth: number): AsyncGenerator<ShareItem> {
    for (const d of dirs) {
      const dup = await this.once(d.path);
      if (dup) {
        yield dup;
        continue;
      }
      let l: Listing;
      try {
        l = await list(d.path);
      } catch (e) {
        yield { ok: false, source: d.path, error: e instanceof InputError ? e.detail : String(e) };
        continue;
      }
      const direct = await readSet(l.files);
      const dated = l.dirs.filter((x) => datedFolderKey(x.name) !== undefined);
      if (hasExport(direct) || (await this.holdsDatedSets(dated)) || l.dirs.length === 0 || depth >= MAX_DEPTH) {
        yield* this.machine(d.path, l, direct, dated);
        continue;
      }
      // only sub-folders (a site or department level): a nested share
      yield* l.skipped;
      yield* direct.strays;
      yield* this.share(l.dirs, depth + 1);
    }
  }

  /** dated sub-folders count as sets when one of them directly holds a file (not only more folders) */
  private async holdsDatedSets(dated: Entry[]): Promise<boolean> {
    for (const d of dated) {
      try {
        if ((await list(d.path)).files.length > 0) return true;
      } catch {
        /* reported when read */
      }
    }
    return false;
  }

  private async *machine(dir: string, l: Listing, direct: SetRead, dated: Entry[]): AsyncGenerator<ShareItem> {
    yield* l.skipped;
    yield* direct.strays;
    const fallbackName = path.basename(path.resolve(dir));
    const sets = dated.map((d) => ({ ...d, key: datedFolderKey(d.name)! })).sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const passed: ShareItem[] = [];
    for (const s of sets) {
      const dup = await this.once(s.path);
      if (dup) {
        passed.push(dup);
        continue;
      }
      let sl: Listing;
      try {
        sl = await list(s.path);
      } catch (e) {
        passed.push({ ok: false, source: s.path, error: `skipped: ${e instanceof InputError ? e.detail : String(e)}`, skipped: true });
        continue;
      }
      const r = await readSet(sl.files);
      const why = r.error ? `${path.basename(r.error.source)}${r.error.line !== undefined ? `:${r.error.line}` : ''}: ${r.error.error}` : r.results.length === 0 ? 'no export in it' : undefined;
      let merged: MergedMachine | undefined;
      let reason = why;
      if (!reason) {
        try {
          merged = mergeImports(r.results, fallbackName);
          if (merged.profile.os.version === undefined) reason = 'no export in it gives the OS version';
        } catch (e) {
          reason = e instanceof Error ? e.message : String(e);
        }
      }
      if (merged && !reason) {
        yield* passed;
        yield* sl.skipped;
        yield* r.strays;
        merged.notes.push(`dated folders: using ${s.name}, the newest complete set of ${sets.length}${passed.length ? ` (newer: ${passed.length} incomplete)` : ''}`);
        yield { ok: true, merged, source: s.path };
        return;
      }
      passed.push({ ok: false, source: s.path, error: `skipped: an incomplete set (${reason})`, skipped: true });
    }
    yield* passed;
    if (direct.error) {
      yield direct.error;
      return;
    }
    if (direct.results.length > 0) {
      let merged: MergedMachine;
      try {
        merged = mergeImports(direct.results, fallbackName);
      } catch (e) {
        yield e instanceof ExportFormatError ? { ok: false, source: e.file, ...(e.line !== undefined ? { line: e.line } : {}), error: e.detail } : { ok: false, source: dir, error: String(e) };
        return;
      }
      if (sets.length) merged.notes.push(`dated folders: none of ${sets.length} is complete; using the exports directly in the folder`);
      yield { ok: true, merged, source: dir };
      return;
    }
    const why = sets.length ? `none of its ${sets.length} dated folders holds a complete set` : l.files.length ? 'no Windows export in it' : 'an empty folder';
    yield { ok: true, merged: unknownMachine(dir, `${why}: every fact is unknown`), source: dir };
  }
}

/** Every machine (and every skipped entry) under one input directory. */
export function walkDirectory(dir: string): AsyncGenerator<ShareItem> {
  return new Walker().input(dir);
}
