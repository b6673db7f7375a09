/**
 * Entry point of the acs-gate command line: picks the subcommand, parses its flags, runs it, and turns
 * errors into one line on stderr (a stack trace only with --debug). Exit codes: see EXIT in command.ts.
 */
import { parseArgs } from './args';
import { EXIT, type Command } from './command';
import { collectCommand } from './commands/collect';
import { demoCommand } from './commands/demo';
import { fleetCommand } from './commands/fleet';
import { readinessCommand } from './commands/readiness';
import { simulateCommand } from './commands/simulate';
import { verifyCommand } from './commands/verify';
import { CliInputError, UsageError } from './errors';
import { processIo, type CliIo } from './io';

export const COMMANDS: readonly Command[] = [verifyCommand, readinessCommand, simulateCommand, fleetCommand, demoCommand, collectCommand];

export const MAIN_HELP = `acs-gate: Azure Code Signing (ACS) install gate for Trend Micro Apex One, exact and testable

Usage: acs-gate COMMAND [options]   (acs-gate COMMAND --help for each)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Options for every command: --help, --debug (stack traces on errors)

Exit codes: 0 valid / ready / allowed, 1 not valid / not ready / blocked, 2 usage or input error,
            3 unguarded (simulate: an agent without the check would install a program it cannot run)
`;

function debugRequested(argv: readonly string[]): boolean {
  return argv.includes('--debug');
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const debug = debugRequested(argv);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(MAIN_HELP);
    return name === undefined ? EXIT.USAGE_OR_IO : EXIT.OK;
  }
  if (name === '--version') {
    io.stdout('acs-gate 0.1.0\n');
    return EXIT.OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`acs-gate: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})\n`);
    return EXIT.USAGE_OR_IO;
  }
  try {
    const args = parseArgs(rest, { ...command.flags, help: { kind: 'switch' }, debug: { kind: 'switch' } });
    if (args.switches.has('help')) {
      io.stdout(command.help);
      return EXIT.OK;
    }
    return await command.run(args, { io, debug });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`acs-gate ${command.name}: ${e.message}\nusage: ${command.usage}\n`);
      return EXIT.USAGE_OR_IO;
    }
    // duck-typed: errors from node built-ins may come from another realm (e.g. under jest)
    const err = typeof e === 'object' && e !== null ? (e as { name?: unknown; message?: unknown; stack?: unknown }) : {};
    const message = typeof err.message === 'string' ? err.message : String(e);
    const known = e instanceof CliInputError || err.name === 'InputError';
    io.stderr(`acs-gate ${command.name}: ${known ? '' : 'error: '}${message.split('\n')[0]}\n`);
    if (debug && typeof err.stack === 'string') io.stderr(err.stack + '\n');
    return EXIT.USAGE_OR_IO;
  }
}

export function runMain(): void {
  // `acs-gate … --json | head -1`: a reader that stops early is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`acs-gate: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
