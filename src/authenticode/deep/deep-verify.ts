/**
 * Deep verification ("installer X-ray"): every file inside an MSI (the File table's files from the Media
 * table's embedded "#name" and external cabinets, the Binary table's custom-action DLLs, other cabinet streams
 * of a patch), a cabinet, an APPX/MSIX package or bundle, recursively, judged by the project's one verifier
 * (verifyFileWithContext) on a temporary copy, with what the loader reads (machine, FORCE_INTEGRITY) and how
 * it is signed (embedded, by a catalog inside the same package, not at all).
 *
 * A container's files are extracted (streamed: a cabinet folder block by block, a ZIP entry through zlib)
 * and hashed (SHA-256) on the way; those whose first bytes and name show a format the verifier reads are
 * written to a private temporary folder (data files are only hashed: they carry no signature, and they are
 * not looked up in the package's catalogs); the catalogs among them are verified first and
 * given to the others' verification (signed by a catalog inside the package); then each file is verified and
 * its copy removed; the folder is removed at the end, whatever happens.
 *
 * Bounds (DeepOptions): depth of nested containers, files read and bytes extracted in all. Reaching one stops
 * reading with a note (`deepSummary.truncated`), never an error: what was read is reported. A container
 * that cannot be read is a note too; its own verdict is the verifier's.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { CabError, extractCabinet, type CabExtraction, type CabMember } from '../extract/cab-extract';
import { detectFormat, detectFormatOf, DETECT_HEAD_BYTES } from '../formats/detect';
import { readCompoundFile, ENTRY_STREAM } from '../formats/msi-cfb';
import { decodeMsiStreamName } from '../formats/msi-names';
import { fileAccess, type RandomAccess } from '../formats/pe-reader';
import { readZip, streamEntry } from '../formats/zip';
import { verifyFileWithContext } from '../verify-container';
import type { DeepEntry, DeepOptions, DeepSummary, FileFormat, Verdict, VerificationResult } from '../types';
import type { VerifyContext } from '../context';
import { directoryPaths, longName, openMsiDatabase, streamAccess, type Cell } from './msi-tables';
import { readPeTraits } from './pe-traits';

export const DEEP_DEFAULTS: Required<Omit<DeepOptions, 'tempDir'>> = { maxDepth: 4, maxFiles: 5000, maxTotalBytes: 4 * 1024 ** 3 };

/** APPX parts that describe the package rather than install a file (not listed). */
const APPX_FOOTPRINT = new Set(['AppxSignature.p7x', 'AppxBlockMap.xml', '[Content_Types].xml']);

interface State {
  ctx: VerifyContext;
  limits: Required<Omit<DeepOptions, 'tempDir'>>;
  root: string;
  files: number;
  bytes: number;
  truncated: boolean;
  notes: string[];
  seq: number;
}

/** A file taken out of a container into the temporary folder. */
interface Extracted {
  path: string;
  source: string;
  /** the temporary copy; null for a data file (hashed, not written) */
  temp: string | null;
  size: number;
  sha256: string;
  /** the cabinet member's stored name (an MSI File table key) */
  member?: string;
}

/** Verifies every file inside `file` (already verified as `outer`) and returns `outer` with contents and summary. */
export async function deepVerify(file: string, outer: VerificationResult, ctx: VerifyContext, options: DeepOptions = {}): Promise<VerificationResult> {
  const limits = {
    maxDepth: options.maxDepth ?? DEEP_DEFAULTS.maxDepth,
    maxFiles: options.maxFiles ?? DEEP_DEFAULTS.maxFiles,
    maxTotalBytes: options.maxTotalBytes ?? DEEP_DEFAULTS.maxTotalBytes,
  };
  const root = mkdtempSync(path.join(options.tempDir ?? os.tmpdir(), 'acs-deep-'));
  const state: State = { ctx: { ...ctx, catalogs: undefined }, limits, root, files: 0, bytes: 0, truncated: false, notes: [], seq: 0 };
  let contents: DeepEntry[] = [];
  try {
    if (isContainer(outer.format)) contents = await expand(file, outer.format, path.basename(file), 0, state);
    else state.notes.push(`${path.basename(file)}: a ${outer.format} file holds no other files`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { ...outer, contents, deepSummary: summarize(contents, state) };
}

function isContainer(format: FileFormat): boolean {
  return format === 'msi' || format === 'cab' || format === 'appx';
}

/** The files inside one container, verified (catalogs first), each with its own contents when it is a container. */
async function expand(file: string, format: FileFormat, shown: string, depth: number, state: State): Promise<DeepEntry[]> {
  const dir = path.join(state.root, `c${state.seq++}`);
  mkdirSync(dir);
  try {
    let extracted: Extracted[] = [];
    try {
      if (format === 'cab') extracted = await fromCabinetFile(file, 'cabinet', dir, state);
      else if (format === 'msi') extracted = await fromMsi(file, shown, dir, state);
      else if (format === 'appx') extracted = await fromZip(file, shown, dir, state);
    } catch (e) {
      state.notes.push(`${shown}: its contents could not be read: ${messageOf(e)}`);
    }
    // catalogs inside the package judge the other files
    // eslint-disable-next-line @typescript-eslint/await-thenable -- the array mixes known formats and detectFormat promises
    const formats = await Promise.all(extracted.map((x) => (x.temp === null ? ('unknown' as FileFormat) : detectFormat(x.temp).catch((): FileFormat => 'unknown'))));
    const catalogs: { x: Extracted; r: VerificationResult }[] = [];
    for (let i = 0; i < extracted.length; i++) {
      const t = extracted[i]!.temp;
      if (formats[i] === 'catalog' && t !== null) catalogs.push({ x: extracted[i]!, r: await verifyFileWithContext(t, state.ctx) });
    }
    const catalogPaths = catalogs.map((c) => c.x.temp!);
    const catalogNames = new Map(catalogs.map((c) => [c.x.temp!, c.x.path]));
    const entries: DeepEntry[] = [];
    for (let i = 0; i < extracted.length; i++) {
      const x = extracted[i]!;
      if (x.temp === null) {
        entries.push(dataEntry(x));
        continue;
      }
      const cat = catalogs.find((c) => c.x === x);
      const r = cat ? cat.r : await verifyFileWithContext(x.temp, catalogPaths.length && formats[i] !== 'catalog' ? { ...state.ctx, catalogs: catalogPaths } : state.ctx);
      const entry = await entryOf(x, x.temp, r, catalogNames);
      if (isContainer(r.format) && r.format === formats[i]) {
        if (depth + 1 >= state.limits.maxDepth) {
          entry.notes = [...(entry.notes ?? []), `not opened: containers nested ${state.limits.maxDepth} deep is the bound`];
          state.truncated = true;
        } else entry.contents = await expand(x.temp, r.format, x.path, depth + 1, state);
      }
      entries.push(entry);
      if (formats[i] !== 'catalog') rmQuiet(x.temp);
    }
    return entries;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A data file (no format that carries a signature, told from its first bytes and name): never written. */
function dataEntry(x: Extracted): DeepEntry {
  return {
    path: x.path,
    source: x.source,
    size: x.size,
    sha256: x.sha256,
    format: 'unknown',
    verdict: 'unsigned',
    acs: false,
    forceIntegrity: null,
    machine: null,
    versionInfo: null,
    signedBy: 'none',
    failures: [{ code: 'NOT_SIGNED', message: `${x.path}: a data file (no format that carries a signature)` }],
  };
}

async function entryOf(x: Extracted, temp: string, r: VerificationResult, catalogNames: Map<string, string>): Promise<DeepEntry> {
  const traits = r.format === 'pe' ? await readPeTraits(temp).catch(() => null) : null;
  const dataFile = r.format === 'unknown' || r.format === 'flat';
  const signedBy = r.catalog?.valid ? 'catalog' : r.signatures.length > 0 ? 'embedded' : 'none';
  const verdict: Verdict = dataFile && r.verdict !== 'valid' ? 'unsigned' : r.verdict;
  const failures = dataFile && r.verdict !== 'valid'
    ? [{ code: 'NOT_SIGNED' as const, message: `${x.path}: a data file (no format that carries a signature${r.catalog === null ? ', and in no catalog of the package' : ''})` }]
    : r.failures.map((f) => ({ ...f, message: f.message.split(temp).join(x.path) }));
  const signer = r.signatures[0]?.signer;
  return {
    path: x.path,
    source: x.source,
    size: x.size,
    sha256: x.sha256,
    format: dataFile ? 'unknown' : r.format,
    verdict,
    acs: r.acs,
    forceIntegrity: traits ? traits.forceIntegrity : null,
    machine: traits ? traits.machine : null,
    versionInfo: r.versionInfo ?? null,
    signedBy,
    ...(signedBy === 'catalog' && r.catalog ? { catalog: catalogNames.get(r.catalog.file) ?? path.basename(r.catalog.file) } : {}),
    ...(typeof signer === 'string' ? { signer } : {}),
    failures,
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function rmQuiet(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    // already gone
  }
}

/** A safe file name for a temporary copy: the last path segment, other characters kept, never empty. */
function tempName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f]/g, '_').replace(/^\.+$/, '_');
  return clean.length > 0 && clean.length < 200 ? clean : 'file';
}

/**
 * A writer of one extracted file: hashes, counts against the byte bound and, once its first bytes tell its
 * format (formats/detect.ts, by content and name), writes it to the temporary folder only when it is a format
 * the verifier reads (PE, MSI, CAB, catalog, APPX, script, .inf): a data file is hashed, never written.
 */
class TempWriter {
  readonly temp: string;
  private fd = -1;
  private hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** null until decided */
  format: FileFormat | null = null;
  size = 0;
  constructor(dir: string, private readonly name: string, state: State) {
    // one folder per container; the name keeps the file's extension (scripts and .inf are told by it)
    this.temp = path.join(dir, `${state.seq++}-${tempName(name)}`);
  }
  write(chunk: Uint8Array, state: State): void {
    if (state.bytes + chunk.length > state.limits.maxTotalBytes) {
      state.truncated = true;
      throw new Error(`the bound of ${state.limits.maxTotalBytes} bytes extracted in all was reached`);
    }
    state.bytes += chunk.length;
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.format === null) {
      this.pending.push(Buffer.from(chunk));
      this.pendingBytes += chunk.length;
      if (this.pendingBytes >= DETECT_HEAD_BYTES) this.decide();
      return;
    }
    if (this.fd >= 0) writeAll(this.fd, chunk);
  }
  private decide(): void {
    const head = Buffer.concat(this.pending);
    this.format = detectFormatOf(head.subarray(0, DETECT_HEAD_BYTES), this.name);
    if (this.format !== 'unknown') {
      this.fd = openSync(this.temp, 'wx', 0o600);
      writeAll(this.fd, head);
    }
    this.pending = [];
  }
  /** true when the file was written (a format the verifier reads) */
  get written(): boolean {
    return this.fd >= 0;
  }
  close(): string {
    if (this.format === null) this.decide();
    if (this.fd >= 0) closeSync(this.fd);
    return this.hash.digest('hex');
  }
}

function writeAll(fd: number, chunk: Uint8Array): void {
  let done = 0;
  while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done);
}

/** Takes one more file against the file bound; false (with a note once) when it is reached. */
function takeFile(state: State, what: string): boolean {
  if (state.files >= state.limits.maxFiles) {
    if (!state.truncated || !state.notes.some((n) => n.includes('files read in all'))) state.notes.push(`the bound of ${state.limits.maxFiles} files read in all was reached: ${what} and what follows were not read`);
    state.truncated = true;
    return false;
  }
  state.files++;
  return true;
}

/** Extracts a cabinet (from a file or a stream) into `dir`; `pathOf` names each member (null: its stored name). */
async function fromCabinet(
  access: RandomAccess,
  source: string,
  dir: string,
  state: State,
  pathOf: (m: CabMember) => string = (m) => m.name,
): Promise<Extracted[]> {
  const out: Extracted[] = [];
  const writers = new Map<number, TempWriter>();
  let ex: CabExtraction;
  try {
    ex = await extractCabinet(
      access,
      {
        open: (m) => {
          if (!takeFile(state, `${source}: ${pathOf(m)}`)) return null;
          const w = new TempWriter(dir, pathOf(m), state);
          writers.set(m.index, w);
          return (chunk) => w.write(chunk, state);
        },
        close: (m, r) => {
          const w = writers.get(m.index);
          if (!w) return;
          const sha256 = w.close();
          if (r.ok) out.push({ path: pathOf(m), source, temp: w.written ? w.temp : null, size: w.size, sha256, member: m.name });
          else if (w.written) rmQuiet(w.temp);
        },
      },
      { maxFiles: Math.max(0, state.limits.maxFiles - state.files) + 1_000_000, maxTotalBytes: Math.max(0, state.limits.maxTotalBytes - state.bytes) + 32768 },
    );
  } catch (e) {
    for (const w of writers.values()) {
      try {
        w.close();
      } catch {
        // closed already
      }
    }
    throw e instanceof CabError ? e : new CabError(messageOf(e));
  }
  for (const r of ex.results) if (!r.ok && !r.skipped && r.error) state.notes.push(`${source}: ${pathOf(r.member)}: ${r.error}`);
  for (const n of ex.notes) state.notes.push(`${source}: ${n}`);
  return out;
}

async function withFile<T>(file: string, f: (access: RandomAccess) => Promise<T>): Promise<T> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    return await f(fileAccess(fh, size));
  } finally {
    await fh.close();
  }
}

function fromCabinetFile(file: string, source: string, dir: string, state: State): Promise<Extracted[]> {
  return withFile(file, (access) => fromCabinet(access, source, dir, state));
}

/**
 * An MSI (or MSP): the File table's files from the cabinets the Media table names (embedded "#name" streams;
 * others beside the package), named by their installed path; the Binary table's streams; any other root
 * stream that is a cabinet (patches carry theirs so) with its members' stored names.
 */
async function fromMsi(file: string, shown: string, dir: string, state: State): Promise<Extracted[]> {
  return withFile(file, async (access) => {
    const cf = await readCompoundFile(access);
    const out: Extracted[] = [];
    const usedStreams = new Set<string>();
    let db: Awaited<ReturnType<typeof openMsiDatabase>> | null = null;
    try {
      db = await openMsiDatabase(cf, access);
    } catch (e) {
      state.notes.push(`${shown}: no installer tables read (${messageOf(e)}); its cabinet streams are read with their members' stored names`);
    }
    if (db) {
      const dirs = directoryPaths(await db.table('Directory'));
      const compDir = new Map<string, string>();
      for (const c of await db.table('Component')) {
        const id = c.get('Component');
        const d = c.get('Directory_');
        if (typeof id === 'string' && typeof d === 'string') compDir.set(id, d);
      }
      const fileRows = new Map<string, Map<string, Cell>>();
      for (const f of await db.table('File')) {
        const key = f.get('File');
        if (typeof key === 'string') fileRows.set(key, f);
      }
      const installedPath = (m: CabMember): string => {
        const row = fileRows.get(m.name);
        if (!row) return m.name;
        const comp = row.get('Component_');
        const d = typeof comp === 'string' ? compDir.get(comp) : undefined;
        const base = d !== undefined ? (dirs.get(d) ?? `[${d}]`) : '[?]';
        return `${base}${longName(String(row.get('FileName') ?? m.name))}`;
      };
      for (const media of await db.table('Media')) {
        const cab = media.get('Cabinet');
        if (typeof cab !== 'string' || cab.length === 0) continue;
        if (cab.startsWith('#')) {
          const entry = db.stream(cab.slice(1));
          if (!entry) {
            state.notes.push(`${shown}: the Media table names the embedded cabinet ${cab}, which the package does not hold`);
            continue;
          }
          usedStreams.add(entry.name);
          const got = await fromCabinet(db.streamAccess(entry), `cabinet ${cab}`, dir, state, installedPath).catch((e: unknown) => {
            state.notes.push(`${shown}: cabinet ${cab}: ${messageOf(e)}`);
            return [] as Extracted[];
          });
          out.push(...got);
        } else {
          const beside = path.join(path.dirname(file), cab);
          if (!existsSync(beside) || !statSync(beside).isFile()) {
            state.notes.push(`${shown}: the external cabinet ${cab} is not beside the package: its files were not read`);
            continue;
          }
          const got = await withFile(beside, (a) => fromCabinet(a, `cabinet ${cab}`, dir, state, installedPath)).catch((e: unknown) => {
            state.notes.push(`${shown}: cabinet ${cab}: ${messageOf(e)}`);
            return [] as Extracted[];
          });
          out.push(...got);
        }
      }
      const found = new Set(out.map((x) => x.member));
      const missing = [...fileRows.keys()].filter((k) => !found.has(k));
      if (missing.length > 0 && !state.truncated) {
        state.notes.push(`${shown}: ${missing.length} file(s) of the File table are in no cabinet read (uncompressed source files are not read)`);
      }
      for (const b of await db.table('Binary')) {
        const name = b.get('Name');
        if (typeof name !== 'string') continue;
        const entry = db.stream(`Binary.${name}`);
        if (!entry) continue;
        usedStreams.add(entry.name);
        if (!takeFile(state, `Binary ${name}`)) break;
        out.push(await copyStream(streamAccess(cf, entry, access), `Binary table`, `[Binary]${name}`, dir, state));
      }
    }
    // other cabinet streams (patches, packages without tables)
    for (const e of cf.root.children) {
      if (e.type !== ENTRY_STREAM || usedStreams.has(e.name) || e.size < 36) continue;
      const sa = streamAccess(cf, e, access);
      const magic = Buffer.from(await sa.read(0, 4));
      if (magic.toString('latin1') !== 'MSCF') continue;
      const name = decodeMsiStreamName(e.name);
      const got = await fromCabinet(sa, `cabinet stream ${name}`, dir, state).catch((err: unknown) => {
        state.notes.push(`${shown}: cabinet stream ${name}: ${messageOf(err)}`);
        return [] as Extracted[];
      });
      out.push(...got);
    }
    return out;
  });
}

async function copyStream(access: RandomAccess, source: string, shownPath: string, dir: string, state: State): Promise<Extracted> {
  const w = new TempWriter(dir, shownPath.replace(/^\[Binary\]/, ''), state);
  try {
    for (let at = 0; at < access.size; at += 1 << 20) w.write(await access.read(at, Math.min(1 << 20, access.size - at)), state);
  } catch (e) {
    w.close();
    throw e;
  }
  const sha256 = w.close();
  return { path: shownPath, source, temp: w.written ? w.temp : null, size: w.size, sha256 };
}

/** An APPX/MSIX package or bundle: every part but the package's own footprint files. */
async function fromZip(file: string, shown: string, dir: string, state: State): Promise<Extracted[]> {
  const zip = await withFile(file, (access) => readZip(access));
  const out: Extracted[] = [];
  const footprint = zip.entries.filter((e) => APPX_FOOTPRINT.has(e.name)).map((e) => e.name);
  if (footprint.length) state.notes.push(`${shown}: ${footprint.join(', ')}: the package's own records (judged with its signature), not listed`);
  for (const e of zip.entries) {
    if (APPX_FOOTPRINT.has(e.name) || e.name.endsWith('/')) continue;
    if (!takeFile(state, `${shown}: ${e.name}`)) break;
    if (state.bytes + e.uncompressedSize > state.limits.maxTotalBytes) {
      state.truncated = true;
      state.notes.push(`${shown}: ${e.name} (${e.uncompressedSize} bytes) passes the bound of ${state.limits.maxTotalBytes} bytes extracted in all: it and what follows were not read`);
      break;
    }
    const w = new TempWriter(dir, e.name, state);
    try {
      await streamEntry(file, e, (chunk) => w.write(chunk, state));
    } catch (err) {
      w.close();
      if (w.written) rmQuiet(w.temp);
      state.notes.push(`${shown}: ${e.name}: ${messageOf(err)}`);
      continue;
    }
    const sha256 = w.close();
    out.push({ path: e.name, source: 'package', temp: w.written ? w.temp : null, size: w.size, sha256 });
  }
  return out;
}

/** Counts, module lists and the conclusion over all entries (nested ones as "outer > inner"). */
function summarize(contents: DeepEntry[], state: State): DeepSummary {
  const verdicts: Record<Verdict, number> = { valid: 0, invalid: 0, unsigned: 0, malformed: 0 };
  const acsModules: string[] = [];
  const forceIntegrityModules: string[] = [];
  const needAcs: string[] = [];
  let files = 0;
  const walk = (entries: DeepEntry[], prefix: string): void => {
    for (const e of entries) {
      files++;
      verdicts[e.verdict]++;
      const p = prefix + e.path;
      if (e.format === 'pe' && e.acs) acsModules.push(p);
      if (e.forceIntegrity) forceIntegrityModules.push(p);
      if (e.format === 'pe' && e.acs && e.forceIntegrity) needAcs.push(p);
      if (e.contents) walk(e.contents, `${p} > `);
    }
  };
  walk(contents, '');
  const conclusion =
    needAcs.length === 0
      ? 'No module will be refused on a machine without ACS support (no ACS-signed module with FORCE_INTEGRITY).'
      : `${needAcs.length} module${needAcs.length === 1 ? '' : 's'} will not load on a machine without ACS support: ${needAcs.join(', ')}`;
  return { files, verdicts, acsModules, forceIntegrityModules, needAcs, conclusion, truncated: state.truncated, notes: state.notes };
}
