/**
 * The report folder (`--out DIR`, FleetOptions.outDir) made ready, with an error that names the real cause:
 * `--out` naming a file says so (not EEXIST), a read-only file system says so (a recursive mkdir there says
 * ENOENT), a symbolic link loop is named as a loop. Missing folders are created one level at a time, so the
 * error is that of the level that failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../endpoint/errors';
import { fsErrorText } from '../text/fs-errors';

const fail = (dir: string, detail: string): InputError => new InputError(dir, undefined, detail);

/**
 * Makes sure `dir` is a folder (creating it and its missing parents).
 * @throws InputError naming `dir` and the cause
 */
export function ensureOutDir(dir: string): void {
  const missing: string[] = [];
  let p = path.resolve(dir);
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        if (code === 'ENOTDIR') throw fail(dir, `cannot create the report folder: ${fsErrorText(e)}`);
        throw fail(dir, `cannot use ${p === path.resolve(dir) ? 'it' : p} as the report folder: ${fsErrorText(e)}`);
      }
    }
    if (st) {
      if (!st.isDirectory()) {
        throw fail(
          dir,
          p === path.resolve(dir)
            ? 'names a file, not a folder: --out takes the folder report.json, report.csv and report.html are written into'
            : `cannot create the report folder: ${p} is a file, not a folder`,
        );
      }
      break;
    }
    missing.unshift(p);
    const parent = path.dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const m of missing) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(m).isDirectory()) continue; // made meanwhile
      throw fail(dir, `cannot create the report folder${m === path.resolve(dir) ? '' : ` (at ${m})`}: ${fsErrorText(e)}`);
    }
  }
}
