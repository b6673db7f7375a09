/** What a subcommand is: its flags, its help, and what it does with parsed arguments. */
import type { FlagSpecs, ParsedArgs } from './args';
import type { CliIo } from './io';

export interface CommandContext {
  io: CliIo;
  debug: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** the full --help text (usage, flags, exit codes, examples) */
  help: string;
  flags: FlagSpecs;
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}

/** Exit codes shared by every subcommand (README "Exit codes"). */
export const EXIT = {
  OK: 0,
  NEGATIVE: 1,
  USAGE_OR_IO: 2,
  UNGUARDED: 3,
} as const;
