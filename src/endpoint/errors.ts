/**
 * Typed errors of the endpoint layer. InputError, the library's one error for bad arguments and unreadable
 * inputs, is defined at the bottom (src/errors/input.ts) and re-exported here for the endpoint's callers.
 */
export { InputError } from '../errors/input';

/** Bad content in one export or fleet line (the importers throw it; loadInventory turns it into an item). */
export class ExportFormatError extends Error {
  override readonly name = 'ExportFormatError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${detail}`);
  }
}
