/** Runs the CLI in-process with a captured io. */
import { spawn } from 'node:child_process';
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
/** the command as users run it */
export const BIN = path.join(ROOT, 'bin', 'acs-gate.js');

/** bin/acs-gate.js in a child process, in the C locale (or `env`'s), without blocking the test's event loop. */
export function spawnAcsGate(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LANG: 'C', LC_ALL: '', ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

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

/** every folder tmpDir made in this test file: removed after the file's last test */
const made: string[] = [];
// registered when a test file imports this module (the file's top level), so it runs after that file's tests
if (typeof afterAll === 'function')
  afterAll(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

export function tmpDir(prefix = 'acs-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
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
