/**
 * Bench row: the fleet report over a generated 100 000-machine inventory (JSON Lines in os.tmpdir()) with
 * 3 install paths on real files (the test-signed AutoPcc.exe and MSI, the real ACS-signed DLL as an agent
 * program update). Target (issue 6): under 15 s on the 2-core machine, memory flat.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../src/cli/commands/demo';
import { fleetReport } from '../../src/report/default-deps';
import { fleetBench } from '../fleet-setup';
import type { BenchRow } from '../run';

const MACHINES = 100_000;
const TARGET_SECONDS = 15;
const ACS_ROOT_SHA1 = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';

/** A mixed fleet: a dozen kinds of machine, UBRs and names varying, as an inventory tool would list them. */
function writeInventory(file: string, testRootSha1: string): void {
  const kinds: ((i: number) => Record<string, unknown>)[] = [
    (i) => ({ os: { caption: 'Microsoft Windows 11 Pro', version: '10.0.22631', ubr: 2000 + (i % 7) }, rootStore: [ACS_ROOT_SHA1, testRootSha1], rootAutoUpdate: true, online: true }),
    (i) => ({ os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', ubr: 1000 + (i % 5) * 300 }, hotfixes: [], rootStore: [ACS_ROOT_SHA1, testRootSha1], rootAutoUpdate: true, online: true }),
    () => ({ os: { caption: 'Microsoft Windows 10 Enterprise', version: '10.0.19045', ubr: 3803 }, rootStore: [], rootAutoUpdate: false, online: false }),
    () => ({ role: 'server', os: { caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600' }, hotfixes: ['KB5006714'], rootStore: [ACS_ROOT_SHA1, testRootSha1], rootAutoUpdate: false, online: false }),
    () => ({ role: 'server', os: { caption: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600' }, hotfixes: ['KB4566425'], rootStore: [ACS_ROOT_SHA1, testRootSha1], rootAutoUpdate: false, online: false }),
    () => ({ os: { caption: 'Microsoft Windows 7 Professional', version: '6.1.7601' }, hotfixes: ['KB5006743'], rootStore: [ACS_ROOT_SHA1, testRootSha1] }),
    () => ({ os: { caption: 'Microsoft Windows XP Professional', version: '5.1.2600' } }),
    () => ({ os: { version: '10.0.19044' } }),
    (i) => ({ role: 'server', os: { caption: 'Microsoft Windows Server 2022 Standard', version: '10.0.20348', ubr: 2000 + (i % 3) }, rootStore: [ACS_ROOT_SHA1, testRootSha1], rootAutoUpdate: true, online: true }),
    () => ({ os: { caption: 'Microsoft Windows 10 Enterprise LTSC 2019', version: '10.0.17763', ubr: 1879 }, rootStore: [ACS_ROOT_SHA1], rootAutoUpdate: true, online: true }),
  ];
  const fd = fs.openSync(file, 'w');
  let buf = '';
  for (let i = 0; i < MACHINES; i++) {
    buf += JSON.stringify({ name: `PC-${String(i).padStart(6, '0')}`, ...kinds[(i * 7919) % kinds.length]!(i) }) + '\n';
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

const mb = (bytes: number): string => (bytes / 1048576).toFixed(0);

export async function run(): Promise<BenchRow> {
  const root = packageRoot(__dirname);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-bench-fleet-'));
  try {
    const bench = fleetBench(root);
    const inventory = path.join(tmp, 'fleet.jsonl');
    writeInventory(inventory, bench.testRootSha1);
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let rssAt20k = 0;
    const start = process.hrtime.bigint();
    const result = await fleetReport({
      ...bench.options(inventory, path.join(tmp, 'out')),
      onProgress: (n) => {
        if (n % 5000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
        if (n === 20000) rssAt20k = process.memoryUsage().rss;
      },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const t = result.summary.totals;
    return {
      name: `fleet report: ${MACHINES.toLocaleString('en-US')} machines × 3 paths`,
      result: `${seconds.toFixed(1)} s`,
      reference:
        `${Math.round(t.machines / seconds).toLocaleString('en-US')} machines/s; ${result.simulations} simulations, ` +
        `${result.verifications} file verifications; RSS ${mb(rssAt20k)} MB at 20k machines, ${mb(peakRss)} MB peak`,
      target: `< ${TARGET_SECONDS} s`,
      met: seconds < TARGET_SECONDS && t.machines === MACHINES,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
