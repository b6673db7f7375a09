/** Per-process temp dir for PE test fixtures, removed on exit. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let dir: string | null = null;
let n = 0;

export function tempDir(): string {
  if (!dir) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'acs-pe-'));
    process.on('exit', () => dir && rmSync(dir, { recursive: true, force: true }));
  }
  return dir;
}

/** Writes `bytes` to a fresh temp file and returns its path. */
export function writeFixture(bytes: Uint8Array, name = 'fixture.exe'): string {
  const p = path.join(tempDir(), `${n++}-${name}`);
  writeFileSync(p, bytes);
  return p;
}
