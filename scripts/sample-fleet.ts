/**
 * The sample fleet of the demo, written as administrators' Windows exports (one directory per machine) plus a
 * canonical JSON Lines fleet file for machines known only from an inventory tool. Called by
 * make-sample-installers.ts, which knows the test root's thumbprint.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  certutilRootText,
  crlf,
  encode,
  getHotfixCsvText,
  regQueryAuthRootText,
  regQueryCurrentVersionText,
  systeminfoCsvText,
  type StoreCert,
} from '../tests/helpers/windows-exports';

const MS_ROOT_2020: StoreCert = {
  sha1: 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2',
  subject: 'CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US',
  serial: '5498d2d1d45b1995481379c811c08799',
};
const COMMON_ROOTS: StoreCert[] = [
  { sha1: 'CDD4EEAE6000AC7F40C3802C171E30148030C072', subject: 'CN=Microsoft Root Certificate Authority, DC=microsoft, DC=com', serial: '79ad16a14aa0a5ad4c7358f407132e65' },
  { sha1: '8F43288AD272F3103B6FB1428485EA3014C0BCFE', subject: 'CN=Microsoft Root Certificate Authority 2011, O=Microsoft Corporation, L=Redmond, S=Washington, C=US', serial: '3f8bc8b5fc9fb29643b569d66c42e144' },
  { sha1: 'A8985D3A65E5E5C4B2D7D66D40C6DD2FB19C5436', subject: 'CN=DigiCert Global Root CA, OU=www.digicert.com, O=DigiCert Inc, C=US', serial: '083be056904246b1a1756ac95991c74a' },
];

type Write = (file: string, text: string, enc: Parameters<typeof encode>[1]) => void;

export function writeSampleFleet(dir: string, testRoot: StoreCert): void {
  fs.rmSync(path.join(dir, 'machines'), { recursive: true, force: true });
  const withRoots = [...COMMON_ROOTS, MS_ROOT_2020, testRoot];
  const machine = (name: string, files: (w: Write) => void) => {
    const d = path.join(dir, 'machines', name);
    fs.mkdirSync(d, { recursive: true });
    files((file, text, enc) => fs.writeFileSync(path.join(d, file), encode(crlf(text), enc)));
  };

  // Windows 11 23H2, English, online with automatic root update: ready.
  machine('pc-win11-01', (w) => {
    w('systeminfo.csv', systeminfoCsvText({ locale: 'en', host: 'PC-WIN11-01', caption: 'Microsoft Windows 11 Pro', version: '10.0.22631', hotfixes: ['KB5031455', 'KB5032190'] }), 'utf16le-bom');
    w('root-store.txt', certutilRootText('en', withRoots), 'utf16le-bom');
    w('authroot.txt', regQueryAuthRootText('missing'), 'utf16le-bom');
    w('machine.json', JSON.stringify({ online: true }, null, 2), 'utf8');
  });

  // Windows 10 21H2, Japanese (cmd.exe > writes Shift_JIS), UBR 1000 < 1586 and no KB5011487: not ready.
  machine('pc-w10-21h2-kaikei', (w) => {
    w('systeminfo.csv', systeminfoCsvText({ locale: 'ja', host: 'PC-KAIKEI-07', caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', hotfixes: ['KB5003791', 'KB5007401'] }), 'shift_jis');
    w('currentversion.txt', regQueryCurrentVersionText({ build: 19044, ubr: 1000, productName: 'Windows 10 Pro', displayVersion: '21H2', installationType: 'Client', major: 10 }), 'shift_jis');
    w('root-store.txt', certutilRootText('ja', withRoots), 'shift_jis');
    w('authroot.txt', regQueryAuthRootText('missing', 'ja'), 'shift_jis');
  });

  // Windows 10 21H2, Japanese (PowerShell > writes UTF-16LE), KB5011487 installed (Get-HotFix): ready.
  machine('pc-w10-21h2-eigyo', (w) => {
    w('systeminfo.csv', systeminfoCsvText({ locale: 'ja', host: 'PC-EIGYO-12', caption: 'Microsoft Windows 10 Enterprise', version: '10.0.19044', hotfixes: ['KB5003791'] }), 'utf16le-bom');
    w('hotfix.csv', getHotfixCsvText('PC-EIGYO-12', ['KB5003791', 'KB5011487', 'KB5012170']), 'utf16le-bom');
    w('root-store.txt', certutilRootText('ja', withRoots), 'utf16le-bom');
  });

  // Windows 10 22H2, Japanese, offline, automatic root update disabled, Microsoft root missing: not ready.
  machine('pc-w10-22h2-lab', (w) => {
    w('systeminfo.csv', systeminfoCsvText({ locale: 'ja', host: 'PC-LAB-03', caption: 'Microsoft Windows 10 Enterprise LTSC', version: '10.0.19045', hotfixes: ['KB5020683'] }), 'utf16le-bom');
    w('root-store.txt', certutilRootText('ja', COMMON_ROOTS), 'utf16le-bom');
    w('authroot.txt', regQueryAuthRootText(1), 'utf16le-bom');
    w('machine.json', JSON.stringify({ online: false }, null, 2), 'utf8');
  });

  // Windows Server 2012 R2 with the October 2021 monthly rollup: ready (rollup-based: judged by KB).
  machine('srv-2012r2-file01', (w) => {
    w('systeminfo.csv', systeminfoCsvText({ locale: 'en', host: 'SRV-FILE01', caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', hotfixes: ['KB2919355', 'KB5006714'], server: true }), 'utf16le-bom');
    w('root-store.txt', certutilRootText('en', withRoots), 'utf16le-bom');
  });

  // Windows Server 2012 R2 without the KB: not ready.
  machine('srv-2012r2-apexone', (w) => {
    w('systeminfo.csv', systeminfoCsvText({ locale: 'en', host: 'SRV-APEXONE', caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', hotfixes: ['KB2919355', 'KB4566425'], server: true }), 'utf16le-bom');
    w('root-store.txt', certutilRootText('en', withRoots), 'utf16le-bom');
  });

  // Windows 7 SP1 with ESU and KB5006743: ready as far as ACS goes.
  machine('pc-win7-esu', (w) => {
    w('systeminfo.csv', systeminfoCsvText({ locale: 'en', host: 'PC-WIN7-LEGACY', caption: 'Microsoft Windows 7 Professional', version: '6.1.7601', hotfixes: ['KB4490628', 'KB4474419', 'KB5006743'] }), 'utf16le-bom');
    w('root-store.txt', certutilRootText('en', withRoots), 'utf16le-bom');
  });

  // Windows XP: never supports ACS.
  machine('pc-xp-line', (w) => {
    w('systeminfo.csv', systeminfoCsvText({ locale: 'en', host: 'PC-XP-LINE2', caption: 'Microsoft Windows XP Professional', version: '5.1.2600', hotfixes: ['KB2868626'] }), 'utf8');
  });

  // Machines known only from an inventory tool: canonical profiles, one per line.
  const fleet = [
    { name: 'PC-UNKNOWN-01', os: { version: '10.0.19044' } },
    { name: 'SRV-2022-DC01', role: 'server', os: { caption: 'Microsoft Windows Server 2022 Standard', version: '10.0.20348', ubr: 2227, productType: 'domain-controller' }, hotfixes: ['KB5031364'], rootStore: [MS_ROOT_2020.sha1, testRoot.sha1], rootAutoUpdate: true, online: true },
    { name: 'PC-W10-1809-LTSC', os: { caption: 'Microsoft Windows 10 Enterprise LTSC 2019', version: '10.0.17763', ubr: 1879 }, hotfixes: ['KB4464455'], rootStore: [MS_ROOT_2020.sha1, testRoot.sha1], rootAutoUpdate: false, online: false },
  ];
  fs.writeFileSync(path.join(dir, 'fleet.jsonl'), fleet.map((m) => JSON.stringify(m)).join('\n') + '\n');
}
