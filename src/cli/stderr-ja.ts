/**
 * stderr in Japanese (issue 18.5): under `--lang ja` (or a Japanese locale) every line the CLI writes to stderr
 * goes through this table, so the error frame ("エラー", "使い方"), the command line's own messages, the skip
 * reasons and the progress line read as Japanese. The messages are made in English where they arise (library
 * errors are English data); each pattern here matches one such message as written in src/ and says it in
 * Japanese. Names, paths, flags, codes and commands stay as they are. A message no pattern knows is passed
 * through unchanged (tests/cli/japanese-output.test.ts scans the error paths users meet for English left over).
 */

type Rule = readonly [RegExp, string | ((...m: string[]) => string)];

/** The list of exports the importers read (importers/index.ts EXPECTED_EXPORTS), its words in Japanese. */
function expectedExportsJa(list: string): string {
  return list
    .replace('systeminfo (list or /fo csv)', 'systeminfo (一覧形式または /fo csv)')
    .replace('Get-HotFix (table or | ConvertTo-Csv)', 'Get-HotFix (表形式または | ConvertTo-Csv)')
    .replace(', reg query, or a machine profile JSON', '、reg query、または端末プロファイルの JSON')
    .replace(/, /g, '、');
}

/** What an unrecognised export looked like (importers/hints.ts), in Japanese. */
const HINT_RULES: Rule[] = [
  [
    /recognised an Excel workbook \(\.xlsx\), which is not read: open it in Excel and save it as CSV \(CSV UTF-8\), then give the \.csv/g,
    'Excel ブック (.xlsx) と認識しました。ブックは読み込まないため、Excel で開いて CSV (CSV UTF-8) として保存し、その .csv を指定してください',
  ],
  [
    /recognised an Excel 97-2003 workbook \(\.xls\) or another OLE compound file, which is not read: save it as CSV \(CSV UTF-8\), then give the \.csv/g,
    'Excel 97-2003 ブック (.xls) などの OLE 複合ファイルと認識しました。読み込まないため、CSV (CSV UTF-8) として保存し、その .csv を指定してください',
  ],
  [
    /recognised systeminfo output in a display language whose labels are not read \((\d+) "label: value" lines, OS version ([\d.]+)(?:, (\d+) hotfix entries)?; only English and Japanese labels are read\)/g,
    (_m, n, v, h) =>
      `表示言語のラベルを読み取れない systeminfo の出力と認識しました (「ラベル: 値」の行 ${n} 行、OS バージョン ${v}${h ? `、ホットフィックス ${h} 件` : ''}。読み取れるのは英語と日本語のラベルのみです)`,
  ],
  [
    /recognised a CSV with (\d+) columns that looks like systeminfo \/fo csv in a display language whose column names are not read \(OS version ([\d.]+); only English and Japanese column names are read\)/g,
    (_m, n, v) => `表示言語の列名を読み取れない systeminfo /fo csv と思われる CSV (${n} 列) と認識しました (OS バージョン ${v}。読み取れるのは英語と日本語の列名のみです)`,
  ],
  [
    /: give instead the outputs of collect\\acs-collect\.cmd \(its reg query and certutil outputs read the same in every display language\) or of acs-gate collect, or Get-ComputerInfo \| ConvertTo-Json, or systeminfo run with an English or Japanese display language/g,
    '。代わりに collect\\acs-collect.cmd (reg query と certutil の出力は表示言語に左右されません) または acs-gate collect の出力、Get-ComputerInfo | ConvertTo-Json、あるいは英語か日本語の表示言語で実行した systeminfo を指定してください',
  ],
];

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
  [/: skipped: empty file$/, ': スキップ: 空のファイルです'],
  [/: skipped: not a Windows export this tool reads: /, ': スキップ: 当ツールが読み込む Windows のエクスポートではありません: '],
  [/: skipped: not a Windows export this tool reads$/, ': スキップ: 当ツールが読み込む Windows のエクスポートではありません'],
  [/: not a recognised export: /, ': 認識できるエクスポートではありません: '],
  [/: not a recognised export \(expected (.*)\)$/, (_m, list) => `: 認識できるエクスポートではありません (読み込めるもの: ${expectedExportsJa(list)})`],
  [
    /: no recognised export in the directory \((\d+) files; expected the exports of one machine, (?:a fleet file, )?or one folder per machine\)/,
    ': フォルダーに認識できるエクスポートがありません (ファイル $1 件。1 台分のエクスポート、フリートファイル、または端末ごとのフォルダーを指定してください)',
  ],
  [/: no recognised export in the directory \((\d+) files\)/, ': フォルダーに認識できるエクスポートがありません (ファイル $1 件)'],
  [/: no such file or directory$/, ': ファイルまたはフォルダーがありません'],
  [/: cannot read: (\S+)$/, ': 読み込めません: $1'],
  [/: cannot read directory: (\S+)$/, ': フォルダーを読み込めません: $1'],
  [/: not a regular file$/, ': 通常のファイルではありません'],
  [/: empty file$/, ': 空のファイルです'],
  [/^(\r\S*) ([\d,]+) machines {2}([\d,]+)\/s /, '$1 $2 台  $3 台/秒 '],
];

/** One chunk written to stderr, line by line, in Japanese where a rule knows the message. */
export function stderrJa(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = line;
      for (const [re, to] of RULES) out = out.replace(re, to as string);
      for (const [re, to] of HINT_RULES) out = out.replace(re, to as string);
      return out;
    })
    .join('\n');
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
