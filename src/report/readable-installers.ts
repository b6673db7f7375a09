/** The installer files of a fleet report (`files`, `runs[].file`): each readable, else InputError naming it. */
import { readableFile } from '../endpoint/readable-file';
import type { FleetOptions } from './fleet';

export async function readableInstallers(name: string, options: Pick<FleetOptions, 'files' | 'runs'>): Promise<void> {
  if (options.runs) {
    for (const [i, r] of options.runs.entries()) if (r.file !== null) await readableFile(name, `options.runs[${i}].file`, r.file);
  } else for (const [i, f] of (options.files ?? []).entries()) await readableFile(name, `options.files[${i}]`, f);
}
