/**
 * Typed errors of the endpoint layer. `InputError` means an input could not be read at all (missing file,
 * permission, not a regular file/directory): the CLI exits 2. Bad content inside a readable input is NOT an
 * InputError from loadInventory: it becomes an `{ ok: false }` inventory item naming the file and line.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${detail}`);
  }
}

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
