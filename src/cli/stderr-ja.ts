/**
 * stderr in Japanese (issue 18.5): under `--lang ja` (or a Japanese locale) every line the CLI writes to stderr
 * goes through this table, so the error frame ("エラー", "使い方"), the command line's own messages, the skip
 * reasons and the progress line read as Japanese. The messages are made in English where they arise (library
 * errors are English data); each pattern here matches one such message as written in src/ and says it in
 * Japanese. Names, paths, flags, codes and commands stay as they are. A message no pattern knows is passed
 * through unchanged (tests/cli/japanese-output.test.ts scans the error paths users meet for English left over).
 * The Japanese replacements are texts of the text home (keys `stderr.*`, beside the English message as `{1}`-style
 * texts: `{n}` stands for the pattern's n-th group).
 */

import { applyRules, jaReplacement, REASON_RULES, type Rule } from '../messages/reasons-ja';
import { fillText, JA } from '../messages/texts';

const RULES: Rule[] = [
  [/^(acs-gate(?: \S+)?): error: /, jaReplacement('stderr.error')],
  [/^usage: /, jaReplacement('stderr.usage')],
  [/unknown command "(.*)" \(commands: (.*)\)/, jaReplacement('stderr.unknownCommand')],
  [/: no such installer file$/, jaReplacement('stderr.noInstaller')],
  [/--out DIR is required$/, jaReplacement('stderr.outRequired')],
  [/no INVENTORY given$/, jaReplacement('stderr.noInventory')],
  [/--machine PROFILE is required$/, jaReplacement('stderr.machineRequired')],
  [/--lang must be ja or en, got "(.*)"$/, jaReplacement('stderr.badLang')],
  [/no machine could be read from (.*)$/, jaReplacement('stderr.noMachine')],
  [/--fail-on (\S+): the report is written; see (.*)$/, jaReplacement('stderr.failOnReport')],
  [/--fail-on (\S+): (.*)$/, jaReplacement('stderr.failOn')],
  [/: cannot create the report directory \((.*)\)$/, jaReplacement('stderr.cannotCreateOut')],
  [/: is an input of the report and would be overwritten by it; choose another --out$/, jaReplacement('stderr.outIsInput')],
  [/: unknown option (\S+)$/, jaReplacement('stderr.unknownOption')],
  [/: (--[\w-]+) takes no value$/, jaReplacement('stderr.noValue')],
  [/: (--[\w-]+) needs a value$/, jaReplacement('stderr.needsValue')],
  [/: (--[\w-]+) given more than once$/, jaReplacement('stderr.repeated')],
  [/^(\r\S*) ([\d,]+) machines {2}([\d,]+)\/s /, fillText(JA['terminal.progress'], 'ja', { bar: '$1', done: '$2', rate: '$3' })],
  // why an input was skipped or not read (src/messages/reasons-ja.ts, shared with the report's page)
  ...REASON_RULES,
];

/** One chunk written to stderr, line by line, in Japanese where a rule knows the message. */
export function stderrJa(text: string): string {
  return applyRules(text, RULES);
}

/** The language asked on the command line (`--lang ja|en`, `--lang=ja`), or undefined. */
export function langFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') return argv[i + 1];
    if (a.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}
