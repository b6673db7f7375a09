/**
 * Runs `use` on a file opened for reading and closes it after, with the verifier's file-system errors:
 * a file that cannot be opened is IO_ERROR "cannot open PATH: …", and a file-system error while it is read
 * (an errno error, not a VerifyError the reader threw) is IO_ERROR "reading PATH: …".
 */
import { open, type FileHandle } from 'node:fs/promises';
import { VerifyError } from '../errors';

export async function withOpenFile<T>(path: string, use: (fh: FileHandle) => Promise<T>): Promise<T> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new VerifyError('IO_ERROR', `cannot open ${path}: ${(e as Error).message}`);
  }
  try {
    return await use(fh);
  } catch (e) {
    if (!(e instanceof VerifyError) && typeof (e as NodeJS.ErrnoException | null)?.code === 'string') {
      throw new VerifyError('IO_ERROR', `reading ${path}: ${(e as Error).message}`);
    }
    throw e;
  } finally {
    await fh.close();
  }
}
