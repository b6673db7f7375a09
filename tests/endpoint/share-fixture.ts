/**
 * A share as administrators really leave it, written as Windows writes the files: machine folders (systeminfo
 * > info.txt in cp437, Get-HotFix > hotfix.txt in UTF-16LE, certutil), a machine with dated collection
 * folders, an empty machine folder, an Intune export and a fleet CSV in sub-folders, a JSON Lines fleet beside
 * the machine folders, a folder of per-machine profile JSON files (PowerShell ConvertTo-Json | Out-File:
 * UTF-16LE, CRLF), a stray profile JSON and a stray {"online":true} at the root, Windows' folder metadata, a
 * README, an Excel workbook, and a report folder from an earlier run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { certutilRootText, crlf, encode, encodeCp437, getHotfixTableText, ps51Json, systeminfoListText } from '../helpers/windows-exports';

export const ACS_SHA1 = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';
const ACS = { sha1: ACS_SHA1, subject: 'CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, L=Redmond, S=Washington, C=US' };

export const PC_GOOD = {
  name: 'PC-GOOD',
  os: { caption: 'Microsoft Windows 11 Pro', version: '10.0.22631', ubr: 2861 },
  hotfixes: ['KB5031455'],
  rootStore: [ACS_SHA1],
  rootAutoUpdate: true,
  online: true,
};
export const PC_BAD = {
  name: 'PC-BAD',
  os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', ubr: 1000 },
  hotfixes: [],
  rootStore: [ACS_SHA1],
  rootAutoUpdate: true,
  online: true,
};

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const INTUNE_HEADER = ['Device ID', 'Device name', 'Enrollment date', 'Last check-in', 'Azure AD Device ID', 'OS version', 'Azure AD registered', 'Serial number', 'Manufacturer', 'Model', 'Compliance', 'Managed by', 'Ownership', 'OS', 'SkuFamily', 'JoinType', 'Primary user UPN'];
const intuneRow = (name: string, ver: string, osName: string): string =>
  ['6f1c0000', name, '2023-04-11 02:11:09.0000000', '2026-11-29 23:10:00.0000000', 'a1b2', ver, 'True', 'PF2ABC', 'LENOVO', '20L5', 'Compliant', 'Intune', 'Corporate', osName, 'Enterprise', 'Azure AD joined', 'taro@example.co.jp'].map(q).join(',');

const sysinfo = (host: string, version: string, hotfixes: string[], caption = 'Microsoft Windows 10 Pro') =>
  encodeCp437(crlf(systeminfoListText({ locale: 'en', host, caption, version, hotfixes })));

/** the machines the share holds, by name, with the input each comes from (relative to the share) */
export const SHARE_MACHINES: Record<string, string> = {
  'PC-A01': 'PC-A01',
  'PC-A02': 'PC-A02',
  'PC-EMPTY': 'PC-EMPTY',
  'PC-JL-1': 'fleet.jsonl',
  'PC-JL-2': 'fleet.jsonl',
  'SRV-JL-3': 'fleet.jsonl',
  'PC-EIGYO-01': 'intune/DevicesWithInventory.csv',
  'PC-EIGYO-02': 'intune/DevicesWithInventory.csv',
  'PC-EIGYO-03': 'intune/DevicesWithInventory.csv',
  'PC-CSV-1': 'plain/fleet.csv',
  'PC-CSV-2': 'plain/fleet.csv',
  'PC-BAD': 'profiles/PC-BAD.json',
  'PC-GOOD': 'profiles/PC-GOOD.json',
  'PC-STRAY': 'PC-STRAY.json',
};

/** what the share holds that is no machine, each with a word of the reason given for it */
export const SHARE_SKIPPED: Record<string, RegExp> = {
  'Thumbs.db': /not a Windows export/,
  'desktop.ini': /not a Windows export/,
  'README.txt': /not a Windows export/,
  'inventory.xlsx': /Excel workbook.*CSV/,
  'machine.json': /names no machine/,
  'PC-A01/Thumbs.db': /not a Windows export/,
  'PC-A02/2026-11-01': /older collection/,
  'intune/DevicesWithInventory.csv:4': /iOS/,
  report: /report written by acs-gate fleet/,
};

function put(root: string, rel: string, data: string | Buffer): void {
  const f = path.join(root, rel);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, data);
}

/** Writes the share into `root` (created). */
export function writeShare(root: string): void {
  mkdirSync(root, { recursive: true });
  // stray files at the root
  put(root, 'Thumbs.db', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  put(root, 'desktop.ini', encode(crlf('[.ShellClassInfo]\nIconResource=C:\\WINDOWS\\System32\\imageres.dll,-3\n'), 'utf16le-bom'));
  put(root, 'README.txt', encode(crlf('ACS exports, collected by GPO startup script\n'), 'shift_jis'));
  put(root, 'inventory.xlsx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60, 0), Buffer.from('[Content_Types].xml', 'latin1')]));
  // a stray profile at the root (one machine of its own) and a stray {"online":true} (belongs to no machine)
  put(root, 'PC-STRAY.json', encode(crlf(ps51Json({ ...PC_GOOD, name: 'PC-STRAY', online: false })), 'utf16le-bom'));
  put(root, 'machine.json', encode(crlf(ps51Json({ online: true })), 'utf16le-bom'));
  // machine folders
  put(root, 'PC-A01/info.txt', sysinfo('PC-A01', '10.0.19045', ['KB5041580']));
  put(root, 'PC-A01/hotfix.txt', encode(crlf(getHotfixTableText('PC-A01', [{ kb: 'KB5041580' }])), 'utf16le-bom'));
  put(root, 'PC-A01/root.txt', encode(crlf(certutilRootText('en', [ACS])), 'utf16le-bom'));
  put(root, 'PC-A01/Thumbs.db', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  put(root, 'PC-A02/2026-11-01/info.txt', sysinfo('PC-A02', '6.1.7601', [], 'Microsoft Windows 7 Professional'));
  put(root, 'PC-A02/2026-11-15/info.txt', sysinfo('PC-A02', '6.1.7601', ['KB4490628'], 'Microsoft Windows 7 Professional'));
  put(root, 'PC-A02/2026-11-15/root.txt', encode(crlf(certutilRootText('en', [])), 'utf16le-bom'));
  mkdirSync(path.join(root, 'PC-EMPTY'));
  // a JSON Lines fleet beside the machine folders
  put(
    root,
    'fleet.jsonl',
    [
      { name: 'PC-JL-1', os: { version: '10.0.19045', ubr: 4780 }, hotfixes: ['KB5041580'], rootStore: [ACS_SHA1] },
      { name: 'PC-JL-2', os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [], rootAutoUpdate: false },
      { name: 'SRV-JL-3', role: 'server', os: { version: '6.3.9600' } },
    ]
      .map((p) => JSON.stringify(p))
      .join('\n') + '\n',
  );
  // an Intune export (UTF-8 with BOM, CRLF, every cell quoted) with a phone, and a fleet CSV, in sub-folders
  put(
    root,
    'intune/DevicesWithInventory.csv',
    encode(
      crlf(
        [
          INTUNE_HEADER.map(q).join(','),
          intuneRow('PC-EIGYO-01', '10.0.19044.2364', 'Windows'),
          intuneRow('PC-EIGYO-02', '10.0.19045.4780', 'Windows'),
          intuneRow('iPhone-Taro', '17.1.2', 'iOS/iPadOS'),
          intuneRow('PC-EIGYO-03', '10.0.17763.1', 'Windows'),
        ].join('\n') + '\n',
      ),
      'utf8-bom',
    ),
  );
  put(root, 'plain/fleet.csv', crlf('name,os_version,ubr,hotfixes,root_thumbprints,root_auto_update,online\nPC-CSV-1,10.0.22631,2861,KB5031455,' + ACS_SHA1 + ',true,true\nPC-CSV-2,6.3.9600,,none,none,false,false\n'));
  // a folder of per-machine profiles (PowerShell ConvertTo-Json | Out-File)
  put(root, 'profiles/PC-BAD.json', encode(crlf(ps51Json(PC_BAD)), 'utf16le-bom'));
  put(root, 'profiles/PC-GOOD.json', encode(crlf(ps51Json(PC_GOOD)), 'utf16le-bom'));
  // the report of an earlier run, written into the share
  put(root, 'report/report.json', '{\n"format": "acs-gatekeeper fleet report v1",\n"machines": [\n{"name":"PC-OLD","source":"x","ready":true}\n],\n"importErrors": [],\n"summary": {}\n}\n');
  put(root, 'report/report.csv', '\uFEFFname,source,ready\r\nPC-OLD,x,true\r\n');
  put(root, 'report/report.html', '<!doctype html><title>report</title>');
}
