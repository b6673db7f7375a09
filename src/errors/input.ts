/**
 * The library's one error for bad input, at the bottom of the layers (docs/architecture.md) so that every
 * layer can throw it.
 *
 * `InputError` means an input could not be used at all: a file that cannot be read (missing, permission, not a
 * regular file/directory: `file` names it; the CLI exits 2), or an argument of a library call that is not what
 * the function takes (every public function checks its arguments first, see src/api/doors.ts): then
 * `argument` names it as the caller wrote it ("options.files[0]", "input.artifact.kind") and `expected` says
 * what it must be. Bad content inside a readable input is NOT an InputError from loadInventory: it becomes an
 * `{ ok: false }` inventory item naming the file and line.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  /** the argument at fault, as a path from the parameter's name ("options.files[0]"); undefined for a plain file error */
  readonly argument: string | undefined;
  /** what the argument must be ("an array of file paths", "'ja' or 'en'", "a readable file") */
  readonly expected: string | undefined;
  /** the function whose argument it is ("fleetReport") */
  readonly functionName: string | undefined;
  constructor(
    /** the file that cannot be read; '' when the error is about an argument that is not a file */
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
    about?: { function: string; argument: string; expected: string },
  ) {
    super(
      about === undefined
        ? `${file}${line !== undefined ? `:${line}` : ''}: ${detail}`
        : file === ''
          ? `${about.function}: ${about.argument}: ${detail}`
          : `${about.function}: ${about.argument}: ${file}: ${detail}`,
    );
    this.argument = about?.argument;
    this.expected = about?.expected;
    this.functionName = about?.function;
  }
}

/** True for an InputError (also across copies of the library, by name). */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError || (e instanceof Error && (e.name === 'InputError' || e.name === 'ProfileError') && 'detail' in e);
}
