/**
 * What a collection writes into OUT/<COMPUTERNAME>/: one file per export, named the same by `acs-gate collect`
 * and `collect/acs-collect.cmd`, each an export the machine-folder importer reads (detected by content; the
 * AuthRoot query's "value not found" answer is only read as "policy not set" when its file name says
 * "authroot"). tests/collect checks the .cmd against this list.
 */
import type { ExportKind } from '../endpoint/importers/types';

/** One file of a machine folder written by a collector. */
export interface CollectFile {
  name: string;
  /** what the importer recognises it as */
  kind: ExportKind;
  /** the command that produces it (for the docs and the log) */
  command: string;
}

/** Every file a collection can write into the machine folder, with the export kind the importers read it as. */
export const COLLECT_FILES: readonly CollectFile[] = [
  { name: 'systeminfo.csv', kind: 'systeminfo-csv', command: 'systeminfo /fo csv' },
  { name: 'hotfixes.csv', kind: 'get-hotfix-csv', command: 'powershell -NoProfile -Command "Get-HotFix | ConvertTo-Csv -NoTypeInformation"' },
  { name: 'wmic-qfe.csv', kind: 'wmic-qfe-csv', command: 'wmic qfe list full /format:csv (only when PowerShell failed)' },
  { name: 'certutil-root.txt', kind: 'certutil-root', command: 'certutil -store Root' },
  { name: 'reg-ubr.txt', kind: 'reg-query-currentversion', command: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR' },
  {
    name: 'reg-authroot.txt',
    kind: 'reg-query-authroot',
    command: 'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate',
  },
  { name: 'acs-collect.txt', kind: 'acs-collect-log', command: 'the collection log and the online probe (certutil -f -syncWithWU)' },
];

export const COLLECT_LOG_FILE = 'acs-collect.txt';
