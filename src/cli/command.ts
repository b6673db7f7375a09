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

/**
 * Exit codes shared by every subcommand (README "Exit codes"): one meaning each, whatever the command.
 * 0: the command did its job (verify: every file valid; simulate: allowed; readiness: printed; fleet and
 * demo: report written, whatever the verdicts). 1: the verdict asked for failed (verify: a file not valid;
 * simulate: blocked; readiness and fleet: only with --fail-on). 2: usage or input error. 3: unguarded.
 * 4: unknown (simulate: the outcome rests on a fact the machine's profile does not give).
 */
export const EXIT = {
  OK: 0,
  NEGATIVE: 1,
  USAGE_OR_IO: 2,
  UNGUARDED: 3,
  UNKNOWN: 4,
} as const;

/** The exit-code lines every --help ends its option list with (the same table for every command). */
export function exitCodesHelp(specific: { 0: string; 1: string; 2?: string; 3?: string; 4?: string }): string {
  const rows: [number, string][] = [
    [0, specific[0]],
    [1, specific[1]],
    [2, specific[2] ?? 'usage or input error (the message names the argument or the file)'],
    [3, specific[3] ?? 'not used by this command (simulate: unguarded)'],
    [4, specific[4] ?? 'not used by this command (simulate: unknown)'],
  ];
  return 'Exit codes (the same for every command; see README "Exit codes"):\n' + rows.map(([c, s]) => `  ${c}  ${s}`).join('\n') + '\n';
}
