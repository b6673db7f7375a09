/**
 * One inventory item, and how one parsed record becomes one: the item type every reader yields, the options
 * of a read, the bounds every fleet file reader applies (bytes per line, bad lines per file) with their
 * messages, and the checks of one parsed value as a machine profile (validate) or of an error (errItem).
 */
import { ExportFormatError, InputError } from './errors';
import { EXPECTED_EXPORTS } from './importers';
import type { ColumnMap } from './inventory-columns';
import { zodIssues } from './importers/profile-json';
import { jsonTooDeep, TOO_DEEP } from './importers/json-util';
import type { DiscoverOptions } from './discover';
import type { MachineProfile } from './profile';
import { profileModule } from './profile-lazy';
import { fastProfile } from './profile-fast';

/** One item of loadInventory: a profile read, or content that could not be read as one (file and line named). */
export type InventoryItem =
  | { ok: true; profile: MachineProfile; source: string; notes?: string[] }
  /**
   * `skipped`: left out on purpose (a stray file, a non-Windows row, an older dated set), not an error;
   * `unread` (with skipped): a file whose content this tool does not read, which may hold machines (an .xlsx)
   */
  | { ok: false; source: string; line?: number; error: string; skipped?: true; unread?: true };

/** Options of loadInventory (`exclude`, `stats`: discover.ts). */
export interface LoadOptions extends DiscoverOptions {
  /** inventory CSV columns by field (`--columns name=COL,version=COL,…`); the alias table covers known tools */
  columns?: ColumnMap;
}

export const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** The longest line of a JSON Lines or CSV fleet file, in bytes of the file (1 MiB). */
export const MAX_LINE_BYTES = 1 << 20;
export const lineTooLong = (bytes: number): string => `line of ${bytes} bytes is longer than the limit of ${MAX_LINE_BYTES} bytes (1 MiB): skipped`;
export const MAX_BAD_LINES = 1000;
export const INVALID_UTF8 = 'invalid UTF-8 byte(s) in a UTF-8 file: line skipped (the other lines are read as UTF-8)';

/** the top-level fields of a machine profile (an object with none of them is some other JSON) */
const PROFILE_KEYS: ReadonlySet<string> = new Set(['name', 'role', 'os', 'hotfixes', 'rootStore', 'rootAutoUpdate', 'online']);

export function errItem(source: string, e: unknown, line?: number): InventoryItem {
  if (e instanceof ExportFormatError || e instanceof InputError) {
    return { ok: false, source: e.file, ...(e.line !== undefined ? { line: e.line } : line !== undefined ? { line } : {}), error: e.detail };
  }
  return { ok: false, source, ...(line !== undefined ? { line } : {}), error: e instanceof Error ? e.message : String(e) };
}

/**
 * `owned`: `data` was made by JSON.parse for this call and nobody else holds it (fastProfile may then keep
 * its lists instead of copying them). `shallow`: the caller knows `data` cannot nest deeper than
 * MAX_JSON_DEPTH (its text has no more openings than that), so the walk of jsonTooDeep is not needed.
 */
export function validate(data: unknown, source: string, line: number | undefined, where: string, owned = false, shallow = false): InventoryItem {
  // before anything walks it: a value nested thousands deep is one bad record, not a stack overflow for the run
  if (!shallow && jsonTooDeep(data)) return { ok: false, source, ...(line !== undefined ? { line } : {}), error: `${where}${TOO_DEEP}` };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, source, ...(line !== undefined ? { line } : {}), error: `${where}a machine profile must be a JSON object` };
  }
  // zod (profile-lazy.ts) only for a profile the fast path does not take
  let profile = fastProfile(data, owned);
  if (!profile) {
    const r = profileModule().MachineProfileSchema.safeParse(data);
    if (!r.success) {
      // an object with none of a profile's fields is some other JSON: say what is read instead of a schema message
      if (!Object.keys(data).some((k) => PROFILE_KEYS.has(k))) {
        return { ok: false, source, ...(line !== undefined ? { line } : {}), error: `${where}not a machine profile (no "name" or "os") and not a recognised export (expected ${EXPECTED_EXPORTS})` };
      }
      return { ok: false, source, ...(line !== undefined ? { line } : {}), error: `${where}${zodIssues(r.error)}` };
    }
    profile = r.data;
  }
  // one string for both (the same text)
  const at = line !== undefined ? `${source}:${line}` : source;
  if (!profile.sources) profile.sources = [at];
  return { ok: true, profile, source: at };
}
