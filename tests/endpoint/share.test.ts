/**
 * Shares as they are: machine folders next to stray files, dated collection folders, empty folders, links.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { tempFolderPerTest } from './helpers';
import * as path from 'node:path';
import { loadInventory, type InventoryItem } from '../../src/endpoint/inventory';
import { assessReadiness } from '../../src/endpoint/readiness';
import { datedFolderKey } from '../../src/endpoint/share';
import { certutilRootText, crlf, encode, encodeCp437, getHotfixTableText, systeminfoListText } from '../helpers/windows-exports';

const ACS = { sha1: 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2', subject: 'CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, L=Redmond, S=Washington, C=US' };

const temp = tempFolderPerTest('acs-share-');
const file = temp.file;
const dir = (name: string): string => {
  const d = path.join(temp.dir(), name);
  mkdirSync(d, { recursive: true });
  return d;
};
async function all(inputs: string[]): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  for await (const it of loadInventory(inputs)) out.push(it);
  return out;
}
const sysinfo = (host: string, version: string, hotfixes: string[], server = false) =>
  encodeCp437(crlf(systeminfoListText({ locale: 'en', host, caption: server ? 'Microsoft Windows Server 2012 R2 Standard' : 'Microsoft Windows 10 Pro', version, hotfixes, server })));
const sysinfoJa = (host: string, version: string, hotfixes: string[]) =>
  encode(crlf(systeminfoListText({ locale: 'ja', host, caption: 'Microsoft Windows 10 Pro', version, hotfixes })), 'shift_jis');
const describeItem = (i: InventoryItem) => (i.ok ? `machine ${i.profile.name} <- ${path.relative(temp.dir(), i.source)}` : `${i.skipped ? 'skipped' : 'error'} ${path.relative(temp.dir(), i.source)}: ${i.error}`);

describe('a share with stray files', () => {
  it('reads every machine folder and lists the stray files it skipped (Thumbs.db, desktop.ini, a script, a README)', async () => {
    file('share/Thumbs.db', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    file('share/desktop.ini', encode(crlf('[.ShellClassInfo]\nIconResource=C:\\WINDOWS\\System32\\imageres.dll,-3\n'), 'utf16le-bom'));
    file('share/collect.cmd', crlf('@echo off\nsysteminfo > %COMPUTERNAME%\\info.txt\n'));
    file('share/README.md', '# exports\n');
    file('share/PC-01/info.txt', sysinfo('PC-01', '10.0.19045', ['KB5041580']));
    file('share/PC-01/Thumbs.db', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    file('share/PC-02/info.txt', sysinfoJa('PC-02', '10.0.19044', ['KB5011487']));
    file('share/PC-02/hotfix.txt', encode(crlf(getHotfixTableText('PC-02', [{ kb: 'KB5011487' }, { kb: 'KB5041580' }])), 'utf16le-bom'));
    const items = await all([path.join(temp.dir(), 'share')]);
    expect(items.map(describeItem)).toEqual([
      'skipped share/README.md: skipped: not a Windows export this tool reads',
      'skipped share/Thumbs.db: skipped: not a Windows export this tool reads',
      'skipped share/collect.cmd: skipped: not a Windows export this tool reads',
      'skipped share/desktop.ini: skipped: not a Windows export this tool reads',
      'skipped share/PC-01/Thumbs.db: skipped: not a Windows export this tool reads',
      'machine PC-01 <- share/PC-01',
      'machine PC-02 <- share/PC-02',
    ]);
    const pc2 = items.find((i) => i.ok && i.profile.name === 'PC-02') as Extract<InventoryItem, { ok: true }>;
    expect(pc2.profile.hotfixes).toEqual(['KB5011487', 'KB5041580']);
  });

  it('an empty machine folder is a machine with every fact unknown, not a lost one', async () => {
    file('share/PC-01/info.txt', sysinfo('PC-01', '10.0.19045', []));
    dir('share/PC-EMPTY');
    file('share/PC-ONLY-THUMBS/Thumbs.db', Buffer.from([0xd0, 0xcf]));
    const items = await all([path.join(temp.dir(), 'share')]);
    const machines = items.filter((i): i is Extract<InventoryItem, { ok: true }> => i.ok);
    expect(machines.map((m) => m.profile.name)).toEqual(['PC-01', 'PC-EMPTY', 'PC-ONLY-THUMBS']);
    const empty = machines[1]!;
    expect(empty.notes?.join(' ')).toMatch(/an empty folder: every fact is unknown/);
    const r = assessReadiness(empty.profile);
    expect(r.ready).toBe('unknown');
    expect(r.reasons.map((x) => x.fact)).toContain('os.version');
  });

  it('a directory given directly with nothing readable is still an error naming it', async () => {
    file('junk/notes.txt', 'hello\n');
    const items = await all([path.join(temp.dir(), 'junk')]);
    expect(items.map(describeItem)).toEqual([
      'skipped junk/notes.txt: skipped: not a Windows export this tool reads',
      'error junk: no recognised export in the directory (1 files; expected the exports of one machine, a fleet file, or one folder per machine)',
    ]);
  });

  it('a bad export fails that machine only; the others are read', async () => {
    file('share/PC-01/info.txt', sysinfo('PC-01', '10.0.19045', []));
    file('share/PC-BAD/info.txt', encodeCp437(crlf(systeminfoListText({ locale: 'en', host: 'B', caption: 'x', version: '10.0.19045', hotfixes: [] })).replace('10.0.19045 N/A Build 19045', 'garbage')));
    const items = await all([path.join(temp.dir(), 'share')]);
    expect(items.map(describeItem)).toEqual(['machine PC-01 <- share/PC-01', 'error share/PC-BAD/info.txt: systeminfo: OS Version "garbage" is not major.minor.build']);
  });

  it('nested site folders are walked (a share of shares)', async () => {
    file('share/tokyo/PC-T1/info.txt', sysinfo('PC-T1', '10.0.19045', []));
    file('share/osaka/PC-O1/info.txt', sysinfoJa('PC-O1', '10.0.19045', []));
    file('share/osaka/README.txt', 'osaka office\r\n');
    const items = await all([path.join(temp.dir(), 'share')]);
    expect(items.map(describeItem)).toEqual([
      'skipped share/osaka/README.txt: skipped: not a Windows export this tool reads',
      'machine PC-O1 <- share/osaka/PC-O1',
      'machine PC-T1 <- share/tokyo/PC-T1',
    ]);
  });
});

describe('dated collection folders', () => {
  it('uses the newest complete set and says so; a newer incomplete set is skipped with the reason', async () => {
    file('share/SRV-01/2026-11-01/info.txt', sysinfo('SRV-01', '6.3.9600', ['KB5006714'], true));
    file('share/SRV-01/20261115/info.txt', sysinfo('SRV-01', '6.3.9600', ['KB5041828'], true));
    file('share/SRV-01/20261115/root.txt', encode(crlf(certutilRootText('en', [ACS])), 'utf8'));
    file('share/SRV-01/2026-11-29_0930/hotfix.txt', encode(crlf(getHotfixTableText('SRV-01', [{ kb: 'KB5048735' }])), 'utf16le-bom')); // collection still running: no systeminfo yet
    const items = await all([path.join(temp.dir(), 'share')]);
    expect(items.map(describeItem)).toEqual([
      'skipped share/SRV-01/2026-11-29_0930: skipped: an incomplete set (no export in it gives the OS version)',
      'machine SRV-01 <- share/SRV-01/20261115',
      'skipped share/SRV-01/2026-11-01: skipped: an older collection (20261115 is used)',
    ]);
    const m = items[1] as Extract<InventoryItem, { ok: true }>;
    expect(m.profile.hotfixes).toEqual(['KB5041828']);
    expect(m.notes?.join(' ')).toMatch(/dated folders: using 20261115, the newest complete set of 3 \(newer: 1 incomplete\)/);
  });

  it('a machine folder given directly with dated sets is one machine', async () => {
    file('PC-9/2026-10-01/info.txt', sysinfo('PC-9', '10.0.19044', []));
    file('PC-9/2026-11-01/info.txt', sysinfo('PC-9', '10.0.19045', []));
    const items = await all([path.join(temp.dir(), 'PC-9')]);
    expect(items.map(describeItem)).toEqual(['machine PC-9 <- PC-9/2026-11-01', 'skipped PC-9/2026-10-01: skipped: an older collection (2026-11-01 is used)']);
  });

  it('datedFolderKey knows the usual date folder names and nothing else', () => {
    expect(datedFolderKey('2026-11-01')).toBe('20261101000000');
    expect(datedFolderKey('20261115')).toBe('20261115000000');
    expect(datedFolderKey('2026-11-15_0930')).toBe('20261115093000');
    expect(datedFolderKey('20261115-093012')).toBe('20261115093012');
    expect(datedFolderKey('PC-2026')).toBeUndefined();
    expect(datedFolderKey('2026-13-01')).toBeUndefined();
  });
});

describe('links', () => {
  it('are followed once: a loop ends, and a link to a machine already read is skipped with a note', async () => {
    file('share/PC-01/info.txt', sysinfo('PC-01', '10.0.19045', []));
    symlinkSync(path.join(temp.dir(), 'share'), path.join(temp.dir(), 'share', 'loop'), 'dir');
    symlinkSync(path.join(temp.dir(), 'share', 'PC-01'), path.join(temp.dir(), 'share', 'PC-01-alias'), 'dir');
    symlinkSync(path.join(temp.dir(), 'nowhere'), path.join(temp.dir(), 'share', 'broken'));
    file('elsewhere/PC-02/info.txt', sysinfo('PC-02', '10.0.19045', []));
    symlinkSync(path.join(temp.dir(), 'elsewhere', 'PC-02'), path.join(temp.dir(), 'share', 'PC-02'), 'dir');
    const items = await all([path.join(temp.dir(), 'share')]);
    expect(items.map(describeItem)).toEqual([
      'skipped share/broken: skipped: a link whose target does not exist',
      `machine PC-01 <- share/PC-01`,
      `skipped share/PC-01-alias: skipped: the same folder as ${path.join(temp.dir(), 'share', 'PC-01')} (a link), already read`,
      'machine PC-02 <- share/PC-02',
      `skipped share/loop: skipped: the same folder as ${path.join(temp.dir(), 'share')} (a link), already read`,
    ]);
  });
});
