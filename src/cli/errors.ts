/** Errors the CLI turns into one line on stderr and exit code 2. */

/** Wrong arguments: the message says which one; the command's usage line follows. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input (file, directory, inventory) that cannot be read: the message names it. */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}
