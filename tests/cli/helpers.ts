/** Runs the CLI in-process with a captured io. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { captureIo, type CapturedIo, type CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

export const ROOT = path.join(__dirname, '..', '..');
export const REAL_DLL = path.join(ROOT, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll');
export const INSTALLERS = path.join(ROOT, 'samples', 'installers');
export const AUTOPCC = path.join(INSTALLERS, 'AutoPcc.exe');
export const SAMPLE_MSI = path.join(INSTALLERS, 'ApexOneAgent.msi');
export const TEST_ROOT = path.join(INSTALLERS, 'test-acs-root.pem');
export const MACHINES = path.join(ROOT, 'samples', 'fleet', 'machines');
export const FLEET_JSONL = path.join(ROOT, 'samples', 'fleet', 'fleet.jsonl');
export const AT = '2026-01-15T00:00:00Z';

export interface Run {
  code: number;
  out: string;
  err: string;
  io: CapturedIo;
}

export async function run(argv: string[], overrides: Partial<CliIo> = {}): Promise<Run> {
  const io = captureIo(overrides);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err, io };
}

export function tmpDir(prefix = 'acs-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A profile JSON file for one machine. */
export function profileFile(profile: Record<string, unknown>): string {
  const f = path.join(tmpDir(), `${String(profile.name)}.json`);
  fs.writeFileSync(f, JSON.stringify(profile));
  return f;
}

export const ACS_ROOT_SHA1 = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';

export const READY_W11 = {
  name: 'PC-READY',
  os: { caption: 'Microsoft Windows 11 Pro', version: '10.0.22631', ubr: 2861 },
  hotfixes: ['KB5031455'],
  rootStore: [ACS_ROOT_SHA1],
  rootAutoUpdate: true,
  online: true,
};

export const NOT_READY_W10 = {
  name: 'PC-OLD',
  os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', ubr: 1000 },
  hotfixes: [],
  rootStore: [ACS_ROOT_SHA1],
  rootAutoUpdate: true,
  online: true,
};
