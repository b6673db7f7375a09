/** Per-test-file temp dir for PE test fixtures, removed when the file's tests are done. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let dir: string | null = null;
let n = 0;

function cleanup(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
}
// registered when the module loads (jest workers do not reliably emit 'exit'; hooks cannot be added inside tests)
if (typeof afterAll === 'function') afterAll(cleanup);
else process.on('exit', cleanup);

export function tempDir(): string {
  if (!dir) dir = mkdtempSync(path.join(os.tmpdir(), 'acs-pe-'));
  return dir;
}

/** Writes `bytes` to a fresh temp file and returns its path. */
export function writeFixture(bytes: Uint8Array, name = 'fixture.exe'): string {
  const p = path.join(tempDir(), `${n++}-${name}`);
  writeFileSync(p, bytes);
  return p;
}
