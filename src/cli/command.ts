/** What a subcommand is: its flags, its help, and what it does with parsed arguments. */
import type { FlagSpecs, ParsedArgs } from './args';
import type { CliIo } from './io';
import { EN, text, type TextKey, type TextLang } from '../messages/texts';

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
  /** the same in Japanese (under --lang ja or a Japanese locale); texts: src/messages/texts/ */
  helpJa: string;
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
export function exitCodesHelp(specific: { 0: string; 1: string; 2?: string; 3?: string; 4?: string }, lang: TextLang = 'en'): string {
  const rows: [number, string][] = [
    [0, specific[0]],
    [1, specific[1]],
    [2, specific[2] ?? text('help.exitCodes.2', lang)],
    [3, specific[3] ?? text('help.exitCodes.3', lang)],
    [4, specific[4] ?? text('help.exitCodes.4', lang)],
  ];
  return text('help.exitCodes.title', lang) + '\n' + rows.map(([c, s]) => `  ${c}  ${s}`).join('\n') + '\n';
}

/**
 * A command's --help in one language, from the text home: `help.NAME` with its usage line, its exit codes
 * (`help.NAME.exitN` where the command says more than the shared table) and any other placeholder given.
 */
export function commandHelp(name: string, lang: TextLang, params: Record<string, string | number> & { usage: string }): string {
  const key = (k: string): TextKey | undefined => (Object.prototype.hasOwnProperty.call(EN, k) ? (k as TextKey) : undefined);
  const specific = (n: number): string | undefined => {
    const k = key(`help.${name}.exit${n}`);
    return k && text(k, lang);
  };
  const exit0 = specific(0) ?? '';
  const exit1 = specific(1) ?? '';
  const extra: { 2?: string; 3?: string; 4?: string } = {};
  for (const n of [2, 3, 4] as const) {
    const s = specific(n);
    if (s !== undefined) extra[n] = s;
  }
  const helpKey = key(`help.${name}`);
  if (!helpKey) return '';
  return text(helpKey, lang, { ...params, exitCodes: exitCodesHelp({ 0: exit0, 1: exit1, ...extra }, lang) });
}

/** A command's one-line summary in one language (the main help's list). */
export function commandSummary(name: string, lang: TextLang): string {
  return Object.prototype.hasOwnProperty.call(EN, `help.${name}.summary`) ? text(`help.${name}.summary` as TextKey, lang) : '';
}
