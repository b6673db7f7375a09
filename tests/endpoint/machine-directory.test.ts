import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importMachineDirectory, importMachineDirectoryDetailed } from '../../src/endpoint/importers';
import { assessReadiness } from '../../src/endpoint/readiness';
import {
  certutilRootText,
  crlf,
  encode,
  getHotfixCsvText,
  regQueryAuthRootText,
  regQueryCurrentVersionText,
  systeminfoCsvText,
} from '../helpers/windows-exports';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'acs-machine-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function machine(name: string, files: Record<string, Buffer>): string {
  const d = path.join(tmp, name);
  mkdirSync(d, { recursive: true });
  for (const [f, b] of Object.entries(files)) writeFileSync(path.join(d, f), b);
  return d;
}

describe('importMachineDirectory merges several exports about one machine', () => {
  it('Japanese systeminfo (Shift_JIS) + reg query UBR (UTF-16LE) + certutil (Shift_JIS) + AuthRoot policy: a full profile, ready', async () => {
    const d = machine('dir-name', {
      'a.csv': encode(crlf(systeminfoCsvText({ locale: 'ja', host: 'PC-OSAKA-07', caption: 'Microsoft Windows 10 Enterprise', version: '10.0.19044', hotfixes: ['KB5003791'] })), 'shift_jis'),
      'b.txt': encode(crlf(regQueryCurrentVersionText({ build: 19044, ubr: 1645, productName: 'Windows 10 Enterprise', installationType: 'Client', major: 10 })), 'utf16le-bom'),
      'c.txt': encode(crlf(certutilRootText('ja', [{ sha1: 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2', subject: 'CN=Microsoft Identity Verification Root Certificate Authority 2020' }])), 'shift_jis'),
      'd.txt': encode(crlf(regQueryAuthRootText(1)), 'utf16le-bom'),
    });
    const p = await importMachineDirectory(d);
    expect(p).toMatchObject({
      name: 'PC-OSAKA-07',
      os: { version: '10.0.19044', ubr: 1645, caption: 'Windows 10 Enterprise', productType: 'workstation' },
      hotfixes: ['KB5003791'],
      rootAutoUpdate: false,
    });
    expect(p.online).toBeUndefined();
    expect(p.sources).toHaveLength(4);
    const r = assessReadiness(p);
    expect(r.ready).toBe(true);
    expect(r.root.via).toBe('store');
  });
  it('systeminfo alone for 19044: UBR unknown, so readiness is unknown naming os.ubr; machine.json gives online', async () => {
    const d = machine('pc-w10', {
      'systeminfo.csv': encode(crlf(systeminfoCsvText({ locale: 'en', host: 'PC-W10', caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', hotfixes: ['KB5003791'] })), 'utf16le-bom'),
      'machine.json': Buffer.from('{"online": true}'),
      'README.md': Buffer.from('# notes from the admin\n'),
    });
    const m = await importMachineDirectoryDetailed(d);
    expect(m.profile.online).toBe(true);
    expect(m.notes.join('\n')).toMatch(/no UBR/);
    expect(m.notes.join('\n')).toMatch(/README\.md: skipped/);
    const r = assessReadiness(m.profile);
    expect(r.os.supported).toBe('unknown');
    expect(r.reasons[0]).toMatchObject({ fact: 'os.ubr' });
  });
  it('hotfix lists from Get-HotFix and systeminfo are merged (union); the name falls back to the directory name', async () => {
    const d = machine('host-from-dir', {
      'h.csv': encode(getHotfixCsvText('', ['KB5011487'], true), 'utf16le-bom'),
      'cv.txt': encode(regQueryCurrentVersionText({ build: 19044, productName: 'Windows 10 Pro', installationType: 'Client', major: 10 }), 'utf8'),
    });
    const p = await importMachineDirectory(d);
    expect(p.name).toBe('host-from-dir');
    expect(assessReadiness(p).os.supported).toBe(true);
  });
  it('two exports that disagree on the OS version fail the machine with both files named', async () => {
    const d = machine('conflict', {
      'a.csv': encode(systeminfoCsvText({ locale: 'en', host: 'X', caption: 'c', version: '10.0.19044', hotfixes: [] }), 'utf8'),
      'b.txt': encode(regQueryCurrentVersionText({ build: 19045, productName: 'p', installationType: 'Client', major: 10 }), 'utf8'),
    });
    await expect(importMachineDirectory(d)).rejects.toThrow(/OS version 10\.0\.19044 contradicts 10\.0\.19045/);
  });
  it('a directory with no recognised export is an error', async () => {
    const d = machine('junk', { 'x.bin': Buffer.from([1, 2, 3, 0, 255]) });
    await expect(importMachineDirectory(d)).rejects.toThrow(/no recognised export/);
  });
});
