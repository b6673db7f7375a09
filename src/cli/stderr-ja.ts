/**
 * stderr in Japanese (issue 18.5): under `--lang ja` (or a Japanese locale) every line the CLI writes to stderr
 * goes through this table, so the error frame ("エラー", "使い方"), the command line's own messages, the skip
 * reasons and the progress line read as Japanese. The messages are made in English where they arise (library
 * errors are English data); each pattern here matches one such message as written in src/ and says it in
 * Japanese. Names, paths, flags, codes and commands stay as they are. A message no pattern knows is passed
 * through unchanged (tests/cli/japanese-output.test.ts scans the error paths users meet for English left over).
 */

import { applyRules, REASON_RULES, type Rule } from '../messages/reasons-ja';

const RULES: Rule[] = [
  [/^(acs-gate(?: \S+)?): error: /, '$1: エラー: '],
  [/^usage: /, '使い方: '],
  [/unknown command "(.*)" \(commands: (.*)\)/, '不明なコマンド "$1" です (コマンド: $2)'],
  [/: no such installer file$/, ': インストーラのファイルがありません'],
  [/--out DIR is required$/, '--out DIR を指定してください'],
  [/no INVENTORY given$/, 'INVENTORY (入力) を指定してください'],
  [/--machine PROFILE is required$/, '--machine PROFILE を指定してください'],
  [/--lang must be ja or en, got "(.*)"$/, '--lang には ja か en を指定してください ("$1" が指定されました)'],
  [/no machine could be read from (.*)$/, '$1 から読み込めた端末がありません'],
  [/--fail-on (\S+): the report is written; see (.*)$/, '--fail-on $1 に該当しました (レポートは出力済みです: $2)'],
  [/--fail-on (\S+): (.*)$/, '--fail-on $1 に該当しました: $2'],
  [/: cannot create the report directory \((.*)\)$/, ': レポートのフォルダーを作成できません ($1)'],
  [/: is an input of the report and would be overwritten by it; choose another --out$/, ': レポートの入力で、レポートで上書きされてしまいます。別の --out を指定してください'],
  [/: unknown option (\S+)$/, ': 不明なオプション $1 です'],
  [/: (--[\w-]+) takes no value$/, ': $1 には値を指定できません'],
  [/: (--[\w-]+) needs a value$/, ': $1 には値が必要です'],
  [/: (--[\w-]+) given more than once$/, ': $1 が 2 回以上指定されています'],
  [/^(\r\S*) ([\d,]+) machines {2}([\d,]+)\/s /, '$1 $2 台  $3 台/秒 '],
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
