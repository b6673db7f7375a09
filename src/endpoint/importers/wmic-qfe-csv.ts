/**
 * `wmic qfe list full /format:csv`: a blank first line, then the header "Node,Caption,CSName,Description,
 * FixComments,HotFixID,InstallDate,InstalledBy,InstalledOn,Name,ServicePackInEffect,Status" (properties of
 * Win32_QuickFixEngineering in alphabetical order after Node; not localized), one row per update.
 * wmic writes UTF-16LE when redirected from cmd (decode.ts detects it).
 */
import { headerLineAfterComments, parseHotfixTable } from './hotfix-table';
import type { Importer } from './types';

export const wmicQfeCsv: Importer = {
  kind: 'wmic-qfe-csv',
  detect(text) {
    const h = headerLineAfterComments(text);
    return /^"?Node"?,/i.test(h) && /(^|,)"?HotFixID"?(,|$)/i.test(h);
  },
  parse(text, source) {
    const { facts, notes } = parseHotfixTable(text, source, 'wmic qfe CSV', ['CSName', 'Node']);
    return { kind: 'wmic-qfe-csv', source, facts, notes };
  },
};
