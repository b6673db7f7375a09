/**
 * Entry point of the acs-gate command line: picks the subcommand, parses its flags, runs it, and turns
 * errors into one line on stderr (a stack trace only with --debug). Exit codes: see EXIT in command.ts.
 */
import { escapeTerminal, escapeText } from '../text/escape';
import { parseArgs, type FlagSpecs } from './args';
import { commandSummary, EXIT, type Command } from './command';
import { CliInputError, UsageError } from './errors';
import { processIo, type CliIo } from './io';
import { isOutputClosed, isOutputWriteError } from './stdout-writer';
import { langFromEnv, type Lang } from './lang';
import { text } from '../messages/texts';
import { langFlag, stderrJa } from './stderr-ja';

/**
 * Each command's module is loaded only when that command runs (or when every command is listed): `verify`
 * never loads xstate, zod or the report code, so a pipeline's one-file check starts fast.
 */
const LOADERS: ReadonlyArray<readonly [string, () => Command]> = [
  ['verify', () => (require('./commands/verify') as typeof import('./commands/verify')).verifyCommand],
  ['readiness', () => (require('./commands/readiness') as typeof import('./commands/readiness')).readinessCommand],
  ['simulate', () => (require('./commands/simulate') as typeof import('./commands/simulate')).simulateCommand],
  ['fleet', () => (require('./commands/fleet') as typeof import('./commands/fleet')).fleetCommand],
  ['demo', () => (require('./commands/demo') as typeof import('./commands/demo')).demoCommand],
  ['collect', () => (require('./commands/collect') as typeof import('./commands/collect')).collectCommand],
];

export const COMMAND_NAMES: readonly string[] = LOADERS.map(([name]) => name);

/** The command called `name`, its module loaded now; undefined for an unknown name. */
export function loadCommand(name: string): Command | undefined {
  return LOADERS.find(([n]) => n === name)?.[1]();
}

/** Every command (loads them all: for the main help and tests). */
export function allCommands(): Command[] {
  return LOADERS.map(([, load]) => load());
}

/** The main help (`acs-gate --help`) in one language; texts: src/messages/texts/ (`help.main`). */
export const mainHelp = (lang: Lang = 'en'): string =>
  text('help.main', lang, { commands: allCommands().map((c) => `  ${c.name.padEnd(10)} ${commandSummary(c.name, lang)}`).join('\n') });

/** A command's --help in the output's language. */
function helpOf(command: Command, lang: Lang): string {
  return lang === 'ja' ? command.helpJa : command.help;
}

/** The arguments without `--lang X` / `--lang=X` (the help's topic is the first one left). */
function withoutLangFlags(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--lang') i++;
    else if (!args[i]!.startsWith('--lang=')) out.push(args[i]!);
  }
  return out;
}

function debugRequested(argv: readonly string[]): boolean {
  return argv.includes('--debug');
}

export async function main(argv: string[], rawIo: CliIo = processIo()): Promise<number> {
  let code = await runCommand(argv, rawIo);
  try {
    await rawIo.flush?.();
  } catch (e) {
    code = outputFailure(e, argv[0], code, rawIo);
  }
  return code;
}

/**
 * The exit code when standard output failed: a reader that went away (`| head -1`) ends the run quietly
 * with the code so far (0 when nothing else failed): it is not an error; any other write error (disk full
 * under `> file`) is one line and exit 2. Undefined for other errors.
 */
const reported = new WeakSet<object>();
function outputFailure(e: unknown, command: string | undefined, code: number, io: CliIo): number {
  if (isOutputClosed(e)) return code;
  if (isOutputWriteError(e)) {
    // the writer throws the same error again at the final flush: said once
    if (reported.has(e)) return EXIT.USAGE_OR_IO;
    reported.add(e);
    io.stderr(`acs-gate${command ? ` ${escapeText(command)}` : ''}: ${e.message}\n`);
    return EXIT.USAGE_OR_IO;
  }
  throw e;
}

async function runCommand(argv: string[], rawIo: CliIo): Promise<number> {
  const debug = debugRequested(argv);
  // human output goes through the terminal escaper as a last line of defence (values are escaped where
  // they are formatted); --json output is JSON, whose strings escape controls themselves
  // (bytes bypass the escaper: human output has none)
  const stdoutIo: CliIo = argv.includes('--json') ? rawIo : { ...rawIo, stdout: (t) => rawIo.stdout(escapeTerminal(t)), stdoutBytes: undefined };
  // stderr in the output's language: Japanese under --lang ja or a Japanese locale (issue 18.5)
  const flag = langFlag(argv);
  const errLang = flag === 'ja' || flag === 'en' ? flag : langFromEnv(rawIo.env, rawIo);
  const io: CliIo = errLang === 'ja' ? { ...stdoutIo, stderr: (t) => rawIo.stderr(stderrJa(t)) } : stdoutIo;
  // --debug may come before the command too (acs-gate --debug verify x); after it, the command's parser takes it
  let first = 0;
  while (argv[first] === '--debug') first++;
  const [name, ...rest] = argv.slice(first);
  if (name === 'help' || name === '--help' || name === '-h') {
    // acs-gate help verify: the command's own help; --lang (and --debug) may stand anywhere after it
    const topics = withoutLangFlags(rest).filter((a) => a !== '--debug');
    if (topics.length) {
      const topic = topics[0]!;
      const cmd = loadCommand(topic);
      if (!cmd) {
        io.stderr(text('help.noHelpFor', errLang, { topic: escapeText(topic), commands: COMMAND_NAMES.join(', ') }) + '\n');
        return EXIT.USAGE_OR_IO;
      }
      io.stdout(helpOf(cmd, errLang));
      return EXIT.OK;
    }
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(mainHelp(errLang));
    return name === undefined ? EXIT.USAGE_OR_IO : EXIT.OK;
  }
  if (name === '--version') {
    io.stdout('acs-gate 0.1.0\n');
    return EXIT.OK;
  }
  const command = loadCommand(name);
  if (!command) {
    io.stderr(`acs-gate: unknown command "${escapeText(name)}" (commands: ${COMMAND_NAMES.join(', ')})\n`);
    return EXIT.USAGE_OR_IO;
  }
  try {
    const spec: FlagSpecs = { ...command.flags, help: { kind: 'switch' }, debug: { kind: 'switch' } };
    // --lang picks the help's language for every command, also one without a --lang of its own (collect)
    if (!('lang' in command.flags) && rest.includes('--help')) spec['lang'] = { kind: 'value' };
    const args = parseArgs(rest, spec);
    if (args.switches.has('help')) {
      io.stdout(helpOf(command, errLang));
      return EXIT.OK;
    }
    return await command.run(args, { io, debug });
  } catch (e) {
    if (isOutputClosed(e) || isOutputWriteError(e)) return outputFailure(e, command.name, EXIT.OK, rawIo);
    if (e instanceof UsageError) {
      io.stderr(`acs-gate ${command.name}: ${escapeText(e.message)}\nusage: ${command.usage}\n`);
      return EXIT.USAGE_OR_IO;
    }
    // duck-typed: errors from node built-ins may come from another realm (e.g. under jest)
    const err = typeof e === 'object' && e !== null ? (e as { name?: unknown; message?: unknown; stack?: unknown }) : {};
    const message = typeof err.message === 'string' ? err.message : String(e);
    const known = e instanceof CliInputError || err.name === 'InputError';
    io.stderr(`acs-gate ${command.name}: ${known ? '' : 'error: '}${escapeText(message.split('\n')[0])}\n`);
    if (debug && typeof err.stack === 'string') io.stderr(err.stack + '\n');
    return EXIT.USAGE_OR_IO;
  }
}

export function runMain(): void {
  // `acs-gate … --json | head -1`: a reader that stops early is not an error; stdout's errors are the
  // writer's (processIo, stdout-writer.ts); a closed stderr is not worth a crash
  process.stderr.on('error', () => undefined);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`acs-gate: ${escapeText(e instanceof Error ? e.message : String(e))}\n`);
      process.exitCode = 2;
    },
  );
}
