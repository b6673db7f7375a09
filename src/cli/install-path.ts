/** The PATH argument of simulate and fleet: one of the install paths, else a usage error listing them. */
import { INSTALL_PATH_IDS, type InstallPath } from '../installers/types';
import { UsageError } from './errors';

export function parseInstallPath(name: string | undefined): InstallPath {
  if (name === undefined) throw new UsageError(`no PATH given (one of ${INSTALL_PATH_IDS.join(', ')})`);
  if (!(INSTALL_PATH_IDS as readonly string[]).includes(name))
    throw new UsageError(`unknown install path "${name}" (one of ${INSTALL_PATH_IDS.join(', ')})`);
  return name as InstallPath;
}
