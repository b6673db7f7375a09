/**
 * Raw-export import: detect each file's kind by content (never by name), parse it, and merge several files
 * about one machine into one MachineProfile.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../decode';
import { ExportFormatError, InputError } from '../errors';
import type { MachineProfile, RootStoreEntry } from '../profile';
import { profileModule } from '../profile-lazy';
import { entryThumbprint } from '../readiness';
import { certJson } from './cert-json';
import { certutilRoot } from './certutil-root';
import { collectLog } from './collect-log';
import { getHotfixCsv } from './get-hotfix-csv';
import { getHotfixTable } from './get-hotfix-table';
import { unrecognisedExportHint } from './hints';
import { computerInfoJson, currentVersionJson } from './registry-json';
import { profileJson, zodIssues } from './profile-json';
import { regQuery } from './reg-query';
import { systeminfoCsv } from './systeminfo-csv';
import { systeminfoList } from './systeminfo-list';
import type { ExportKind, Importer, ImportResult, PartialProfile } from './types';
import { wmicQfeCsv } from './wmic-qfe-csv';

export type { ExportKind, Importer, ImportResult, PartialProfile } from './types';

/** Order matters: the more specific detectors first. */
export const IMPORTERS: readonly Importer[] = [
  systeminfoCsv,
  systeminfoList,
  wmicQfeCsv,
  getHotfixCsv,
  getHotfixTable,
  certJson,
  computerInfoJson,
  currentVersionJson,
  profileJson,
  certutilRoot,
  regQuery,
  collectLog,
];

/** What the importers read, for the one-line error about a file that is none of them. */
export const EXPECTED_EXPORTS =
  'systeminfo (list or /fo csv), Get-HotFix (table or | ConvertTo-Csv), wmic qfe list full /format:csv, ' +
  "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' | ConvertTo-Json, Get-ComputerInfo | ConvertTo-Json, " +
  'certutil -store Root, Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json, reg query, or a machine profile JSON';

/** Raw exports are small (a Root store listing is < 1 MiB); anything bigger is refused without reading it. */
export const MAX_EXPORT_BYTES = 16 * 1024 * 1024;

export function detectExport(text: string): Importer | undefined {
  return IMPORTERS.find((i) => i.detect(text));
}

/** Parse one export from its text. Throws ExportFormatError for unknown or bad content. */
export function importText(text: string, source: string, bytes?: Uint8Array): ImportResult {
  if (text.trim() === '') throw new ExportFormatError(source, 1, 'empty file');
  const imp = detectExport(text);
  if (!imp) {
    // what the file looks like and what to give instead, when its shape says (an .xlsx, systeminfo in German…)
    const hint = unrecognisedExportHint(text, bytes);
    throw new ExportFormatError(
      source,
      1,
      hint ? `not a recognised export: ${hint}` : `not a recognised export (expected ${EXPECTED_EXPORTS})`,
    );
  }
  return imp.parse(text, source);
}

/** Parse one export from bytes (any of the encodings decode.ts knows). */
export function importBytes(bytes: Uint8Array, source: string): ImportResult {
  return importText(decodeText(bytes).text, source, bytes);
}

/** Read and parse one export file. InputError when it cannot be read; ExportFormatError for bad content. */
export async function importFile(file: string): Promise<ImportResult> {
  let st;
  try {
    st = await fsp.stat(file);
  } catch (e) {
    throw new InputError(file, undefined, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!st.isFile()) throw new InputError(file, undefined, 'not a regular file');
  if (st.size > MAX_EXPORT_BYTES) {
    throw new ExportFormatError(file, undefined, `${st.size} bytes is too large for a raw Windows export (max ${MAX_EXPORT_BYTES}); not read`);
  }
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (e) {
    throw new InputError(file, undefined, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return importBytes(bytes, file);
}

const PRIORITY: Record<ExportKind, number> = {
  'profile-json': 0,
  'reg-query-currentversion': 1,
  'reg-query-authroot': 1,
  'currentversion-json': 1,
  'computerinfo-json': 2,
  'systeminfo-csv': 2,
  'systeminfo-list': 2,
  'get-hotfix-csv': 3,
  'get-hotfix-table': 3,
  'wmic-qfe-csv': 3,
  'certutil-root': 4,
  'cert-json': 4,
  'acs-collect-log': 5,
};

export interface MergedMachine {
  profile: MachineProfile;
  notes: string[];
  imports: ImportResult[];
}

/**
 * Merge the facts of several exports about one machine. Name: a profile JSON's name, else systeminfo's
 * Host Name, else a hotfix table's computer name, else `fallbackName`. OS fields: the first source by
 * priority (profile JSON, reg query, systeminfo, …) that has each; two different OS versions are an error.
 * Hotfixes and Root store entries: the union of every source that lists them.
 */
export function mergeImports(results: ImportResult[], fallbackName: string): MergedMachine {
  const sorted = [...results].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind]);
  const notes = results.flatMap((r) => r.notes.map((n) => `${path.basename(r.source)}: ${n}`));
  const out: PartialProfile & { os: NonNullable<PartialProfile['os']> } = { os: {} };
  let versionFrom: string | undefined;
  const nameOrder: ExportKind[] = ['profile-json', 'systeminfo-csv', 'systeminfo-list', 'computerinfo-json', 'get-hotfix-csv', 'get-hotfix-table', 'wmic-qfe-csv'];
  for (const k of nameOrder) {
    const r = results.find((x) => x.kind === k && x.facts.name);
    if (r) {
      out.name = r.facts.name;
      break;
    }
  }
  for (const r of sorted) {
    const f = r.facts;
    if (f.role && !out.role) out.role = f.role;
    for (const [k, v] of Object.entries(f.os ?? {}) as [keyof NonNullable<PartialProfile['os']>, unknown][]) {
      if (v === undefined) continue;
      if (k === 'version' && out.os.version !== undefined && out.os.version !== v) {
        throw new ExportFormatError(r.source, undefined, `OS version ${String(v)} contradicts ${out.os.version} from ${versionFrom}`);
      }
      if (out.os[k] === undefined) {
        (out.os as Record<string, unknown>)[k] = v;
        if (k === 'version') versionFrom = r.source;
      }
    }
    if (f.hotfixes) out.hotfixes = [...new Set([...(out.hotfixes ?? []), ...f.hotfixes])];
    if (f.rootStore) {
      const seen = new Set((out.rootStore ?? []).map(entryThumbprint));
      const add: RootStoreEntry[] = f.rootStore.filter((e) => {
        const t = entryThumbprint(e);
        if (t && seen.has(t)) return false;
        if (t) seen.add(t);
        return true;
      });
      out.rootStore = [...(out.rootStore ?? []), ...add];
    }
    if (f.rootAutoUpdate !== undefined && out.rootAutoUpdate === undefined) out.rootAutoUpdate = f.rootAutoUpdate;
    if (f.online !== undefined && out.online === undefined) out.online = f.online;
  }
  const candidate = { ...out, name: out.name ?? fallbackName, sources: results.map((r) => r.source) };
  const parsed = profileModule().MachineProfileSchema.safeParse(candidate);
  if (!parsed.success) throw new ExportFormatError(results[0]?.source ?? fallbackName, undefined, `merged profile: ${zodIssues(parsed.error)}`);
  return { profile: parsed.data, notes, imports: results };
}

/**
 * One machine from a directory of its raw exports (files directly inside it; subdirectories are ignored).
 * Files whose content is no known export are skipped with a note; a known export with bad content fails the
 * machine (ExportFormatError naming the file and line), since half-read facts must not become a verdict.
 */
export async function importMachineDirectoryDetailed(dir: string): Promise<MergedMachine> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(dir, undefined, `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(dir, e.name)).sort();
  const results: ImportResult[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    try {
      results.push(await importFile(f));
    } catch (e) {
      if (e instanceof ExportFormatError && e.line === 1 && /not a recognised export|empty file/.test(e.detail)) {
        const hint = /^not a recognised export: /.exec(e.detail) ? e.detail.slice('not a recognised export: '.length) : undefined;
        skipped.push(`${path.basename(f)}: skipped (${e.detail.startsWith('empty') ? 'empty file' : hint ? `not a recognised export: ${hint}` : 'not a recognised export'})`);
        continue;
      }
      throw e;
    }
  }
  if (results.length === 0) {
    // name what each file looked like (an .xlsx, systeminfo in another language) and what to give instead
    const hinted = skipped.filter((x) => x.includes('not a recognised export: '));
    throw new ExportFormatError(dir, undefined, `no recognised export in the directory (${files.length} files)${hinted.length ? `: ${hinted.join('; ')}` : ''}`);
  }
  const merged = mergeImports(results, path.basename(path.resolve(dir)));
  merged.notes.push(...skipped);
  return merged;
}

export async function importMachineDirectory(dir: string): Promise<MachineProfile> {
  return (await importMachineDirectoryDetailed(dir)).profile;
}
