/**
 * fleetReport when no machine at all could be read from its inventory (an empty folder, a folder holding only
 * an .xlsx, every line bad): nothing is written (the previous report stays), and the error says what was
 * found instead, so a pipeline never takes an empty report for a fleet that is ready.
 */
import type { InputFileStats } from '../endpoint/discover';
import type { ImportFailure, SkippedInput } from './types';

/** No machine could be read from the inventory: fleetReport writes nothing and throws this (`inputs`, what was skipped and unreadable). */
export class NoMachineError extends Error {
  override readonly name = 'NoMachineError';
  constructor(
    /** the inventory inputs given */
    readonly inputs: string[],
    /** the files read, skipped and unreadable */
    readonly files: InputFileStats,
    /** every entry left out, with its reason */
    readonly skipped: SkippedInput[],
    /** every file or line that could not be read */
    readonly importErrors: ImportFailure[],
  ) {
    super(
      `no machine could be read from ${inputs.join(', ')} (${files.read} files read, ${files.skipped} skipped, ${importErrors.length} unreadable entries); ` +
        'expected machine folders of Windows exports, profile JSON, JSON Lines or CSV fleet files (docs/machine-profile.md)',
    );
  }
}
