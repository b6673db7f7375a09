/**
 * The PATH argument of simulate and fleet: one of the install paths, by name or by the number Trend Micro's
 * Q&A gives it (A1..A6, S1..S3, any case), else a usage error listing them.
 */
import { INSTALL_PATHS } from '../installers/paths';
import { INSTALL_PATH_IDS, type InstallPath } from '../installers/types';
import { UsageError } from './errors';

/** "A4" → "packager-exe" (the numbered paths only). */
export function pathByNumber(label: string): InstallPath | undefined {
  const wanted = label.toUpperCase();
  if (!/^[AS]\d$/.test(wanted)) return undefined;
  return INSTALL_PATH_IDS.find((id) => INSTALL_PATHS[id].label === wanted);
}

export function parseInstallPath(name: string | undefined): InstallPath {
  const list = INSTALL_PATH_IDS.map((id) => (/^[AS]\d$/.test(INSTALL_PATHS[id].label) ? `${id} (${INSTALL_PATHS[id].label})` : id)).join(', ');
  if (name === undefined) throw new UsageError(`no PATH given (one of ${list})`);
  if ((INSTALL_PATH_IDS as readonly string[]).includes(name)) return name as InstallPath;
  const byNumber = pathByNumber(name);
  if (byNumber) return byNumber;
  throw new UsageError(`unknown install path "${name}" (one of ${list})`);
}
