/**
 * `Get-HotFix | ConvertTo-Csv` (Windows PowerShell 5 writes "#TYPE System.Management.ManagementObject#root\cimv2\
 * Win32_QuickFixEngineering" first, PowerShell 7 does not) or `Export-Csv`. Property names are not localized:
 * the header is the same in Japanese Windows. Columns used: HotFixID, and the computer name from PSComputerName,
 * CSName or Source.
 */
import { headerLineAfterComments, parseHotfixTable } from './hotfix-table';
import type { Importer } from './types';

export const getHotfixCsv: Importer = {
  kind: 'get-hotfix-csv',
  detect(text) {
    const h = headerLineAfterComments(text);
    return /(^|,)"?HotFixID"?(,|$)/i.test(h) && !/^"?Node"?,/i.test(h);
  },
  parse(text, source) {
    const { facts, notes } = parseHotfixTable(text, source, 'Get-HotFix CSV', ['PSComputerName', 'CSName', 'Source']);
    return { kind: 'get-hotfix-csv', source, facts, notes };
  },
};
