/** Drives Debian's Chromium headless for the report test (no playwright): --dump-dom and --screenshot. */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

function run(args: string[]): Promise<string> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    ...args,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, flags, { maxBuffer: 64 * 1024 * 1024, timeout: 60000 }, (err, stdout, stderr) => {
      fs.rmSync(profile, { recursive: true, force: true });
      if (err) reject(new Error(`chromium failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The DOM after the page's scripts ran. */
export function dumpDom(url: string): Promise<string> {
  return run(['--virtual-time-budget=2000', '--dump-dom', url]);
}

export async function screenshot(url: string, out: string, size = '1280,2000'): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await run([`--screenshot=${out}`, `--window-size=${size}`, url]);
}
