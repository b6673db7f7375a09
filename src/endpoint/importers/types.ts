/** Shared shapes of the raw-export importers: each turns one export into partial facts about one machine. */
import type { MachineProfile, RootStoreEntry } from '../profile';

export type ExportKind =
  | 'systeminfo-csv'
  | 'systeminfo-list'
  | 'get-hotfix-table'
  | 'currentversion-json'
  | 'computerinfo-json'
  | 'get-hotfix-csv'
  | 'wmic-qfe-csv'
  | 'certutil-root'
  | 'cert-json'
  | 'reg-query-currentversion'
  | 'reg-query-authroot'
  | 'profile-json'
  | 'acs-collect-log';

/** Facts one export gives; anything absent is unknown. */
export interface PartialProfile {
  name?: string;
  role?: MachineProfile['role'];
  os?: Partial<MachineProfile['os']>;
  hotfixes?: string[];
  rootStore?: RootStoreEntry[];
  rootAutoUpdate?: boolean;
  online?: boolean;
}

export interface ImportResult {
  kind: ExportKind;
  /** the file it came from */
  source: string;
  facts: PartialProfile;
  /** things worth telling the user (e.g. "systeminfo has no UBR") */
  notes: string[];
}

export interface Importer {
  kind: ExportKind;
  /** true when the decoded text looks like this export (content, not file name) */
  detect(text: string): boolean;
  /** throws ExportFormatError (file + line) on bad content */
  parse(text: string, source: string): ImportResult;
}

export const KB_RE = /\bKB\d{4,8}\b/gi;
