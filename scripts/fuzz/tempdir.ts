/** A per-process scratch directory for cases that must go through a file path (on tmpfs when available). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

let dir: string | undefined;

export function scratchDir(): string {
  if (!dir) {
    let base = tmpdir();
    try {
      dir = mkdtempSync(path.join('/dev/shm', 'acs-fuzz-'));
      return dir;
    } catch {
      base = tmpdir();
    }
    dir = mkdtempSync(path.join(base, 'acs-fuzz-'));
  }
  return dir;
}

/** Write `bytes` to a scratch file and return its path (the same name is reused). */
export function scratchFile(name: string, bytes: Uint8Array | string): string {
  const p = path.join(scratchDir(), name);
  writeFileSync(p, bytes);
  return p;
}

export function removeScratch(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}
