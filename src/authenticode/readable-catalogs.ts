/**
 * The catalogs of VerifyOptions: each a readable regular file, else VerifyError IO_ERROR naming it (a file's
 * own valid signature does not make a missing catalog fine: the caller asked for the catalog check).
 */
import { unreadableFile } from '../text/fs-errors';
import { VerifyError } from './errors';

export async function readableCatalogs(catalogs: readonly string[] | undefined): Promise<void> {
  for (const cat of catalogs ?? []) {
    const detail = await unreadableFile(cat);
    if (detail !== undefined) throw new VerifyError('IO_ERROR', `${cat}: the catalog ${detail}`);
  }
}
