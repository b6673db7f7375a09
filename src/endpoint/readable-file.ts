/**
 * An installer file the library is about to read: a readable regular file, else InputError naming it (an
 * unreadable file is never a decision). Used where the real verifier reads it (simulate, fleetReport).
 */
import { unreadableFile } from '../text/fs-errors';
import { InputError } from './errors';

/**
 * @param name the public function ("simulate")
 * @param argument the argument that names the file ("input.artifact.path")
 * @param file the file
 */
export async function readableFile(name: string, argument: string, file: string): Promise<void> {
  const detail = await unreadableFile(file);
  if (detail !== undefined) throw new InputError(file, undefined, detail, { function: name, argument, expected: 'a readable file' });
}
