/**
 * Why an input was skipped or could not be read, in Japanese (issue 18.5). Input discovery and the importers
 * (src/endpoint/discover.ts, share.ts, inventory.ts, limits.ts, line-reader.ts, csv.ts, importers/*) write
 * their reasons in English: that text is data (report.json keeps it as written). The terminal (through
 * src/cli/stderr-ja.ts and src/cli/format/inputs.ts) and the Japanese view of report.html show it through this
 * table. Each rule matches one phrase as written in src/, wherever it stands: alone, after `FILE: ` or
 * `FILE:LINE: `, or inside another reason (an incomplete set's reason, a file in a machine's sub-folder).
 * Names, paths, codes, numbers and commands are kept as they are. A reason no rule knows stays as written.
 *
 * Neutral module: the CLI and the report both use it; it imports only the text home.
 */
import { fillText, JA, type TextKey, type TextParam } from './texts';

export type Rule = readonly [RegExp, string | ((...m: string[]) => string)];

/**
 * A rule's replacement from the text home: the Japanese text of `key`, its `{1}`, `{2}`, … standing for the
 * pattern's groups (`$1`, `$2`, …).
 */
export function jaReplacement(key: TextKey): string {
  return fillText(JA[key], 'ja', GROUPS);
}
const GROUPS: Record<string, TextParam> = { 1: '$1', 2: '$2', 3: '$3', 4: '$4', 5: '$5' };

/** The list of exports the importers read (importers/index.ts EXPECTED_EXPORTS), its words in Japanese. */
export function expectedExportsJa(list: string): string {
  return list
    .replace('systeminfo (list or /fo csv)', 'systeminfo (一覧形式または /fo csv)')
    .replace('Get-HotFix (table or | ConvertTo-Csv)', 'Get-HotFix (表形式または | ConvertTo-Csv)')
    .replace(', reg query, or a machine profile JSON', '、reg query、または端末プロファイルの JSON')
    .replace(/, /g, '、');
}

/** What a machine's export without a name lies beside (share.ts), in Japanese. */
function besideJa(list: string): string {
  return list
    .split(' and ')
    .map((p) =>
      p
        .replace(/^exports of (.*)$/, '$1 のエクスポート')
        .replace(/^fleet files$/, 'フリートファイル')
        .replace(/^machine folders$/, '端末フォルダー')
        .replace(/^other inputs$/, 'ほかの入力'),
    )
    .join('、');
}

/** V8's JSON.parse messages, said in Japanese with the position kept. */
function badJsonJa(msg: string): string {
  const pos = /at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(msg);
  if (/Unexpected end of JSON input/.test(msg)) return 'JSON が途中で終わっています';
  if (/Unterminated string/.test(msg)) return `文字列が閉じられていません${pos ? ` (位置 ${pos[1]})` : ''}`;
  if (/Bad control character/.test(msg)) return `文字列に使えない制御文字があります${pos ? ` (位置 ${pos[1]})` : ''}`;
  if (/after JSON/.test(msg)) return `JSON の後に余分な文字があります${pos ? ` (位置 ${pos[1]})` : ''}`;
  return `JSON の構文が正しくありません${pos ? ` (位置 ${pos[1]})` : ''}`;
}

/** Words of the admin's OS for fs error codes (src/text/fs-errors.ts), in Japanese. */
const FS_WORDS: Rule[] = [
  [/\bno such file or directory \((ENOENT)\)/g, 'ファイルまたはフォルダーがありません ($1)'],
  [/\ba loop of symbolic links \((ELOOP)\)/g, 'シンボリック リンクがループしています ($1)'],
  [/\bread-only file system \((EROFS)\)/g, '読み取り専用のファイル システムです ($1)'],
  [/\bpermission denied \((EACCES)\)/g, 'アクセス権がありません ($1)'],
  [/\boperation not permitted \((EPERM)\)/g, '操作が許可されていません ($1)'],
  [/\ba part of the path is a file, not a folder \((ENOTDIR)\)/g, 'パスの途中がフォルダーではなくファイルです ($1)'],
  [/\ba folder, not a file \((EISDIR)\)/g, 'ファイルではなくフォルダーです ($1)'],
  [/\bname too long \((ENAMETOOLONG)\)/g, '名前が長すぎます ($1)'],
  [/\btoo many open files \((EMFILE)\)/g, '開いているファイルが多すぎます ($1)'],
  [/\bbusy \(in use or a mount point\) \((EBUSY)\)/g, '使用中です (使用中またはマウント ポイント) ($1)'],
  [/\binput\/output error \((EIO)\)/g, '入出力エラーです ($1)'],
];

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

/** `(?<=^|: |\()`: where a reason starts (alone, after "FILE: ", inside another reason's parentheses). */
const AT = String.raw`(?<=^|: |; |\()`;
const r = (src: string, flags = 'g'): RegExp => new RegExp(src, flags);

/** Reasons for skipped inputs and import errors, phrase by phrase (longest and most specific first). */
export const REASON_RULES: Rule[] = [
  // --- share.ts: folders and files a walk of the input does not read
  [r(String.raw`(?<=^|: )skipped: `), 'スキップ: '],
  [r(`${AT}neither a file nor a (?:folder|directory)`), 'ファイルでもフォルダーでもありません'],
  [r(`${AT}a link whose target does not exist`), 'リンク先が存在しないリンクです'],
  [r(`${AT}a link that cannot be followed: `), 'たどれないリンクです: '],
  [r(String.raw`${AT}the same folder as (.+?) \(a link\), already read`), '$1 と同じフォルダー (リンク) で、読み込み済みです'],
  [r(String.raw`${AT}the output folder of this report \(--out\): never read as input`), 'このレポートの出力フォルダー (--out) です。入力としては読み込みません'],
  [
    r(String.raw`${AT}a folder holding a report written by acs-gate fleet \(report\.json\): a report is never read as input`),
    'acs-gate fleet が出力したレポート (report.json) のフォルダーです。レポートは入力として読み込みません',
  ],
  [r(`${AT}a report written by acs-gate fleet: a report is never read as input`), 'acs-gate fleet が出力したレポートです。レポートは入力として読み込みません'],
  [r(String.raw`${AT}deeper than (\d+) folders below the input: not read`), '入力から $1 階層より深いフォルダーのため読み込みません'],
  [r(String.raw`${AT}not read \(in a sub-folder of the machine folder ([^)]+)\)$`, 'gm'), '読み込みません (端末フォルダー $1 のサブフォルダー内)'],
  [r(String.raw` \(in a sub-folder of the machine folder ([^)]+)\)$`, 'gm'), ' (端末フォルダー $1 のサブフォルダー内)'],
  [r(String.raw`${AT}an older collection \((.+?) is used\)`), '古い収集分です ($1 を使用しています)'],
  [r(String.raw`${AT}the dated folder (.+?) beside it is used \(a newer complete set\)`), '隣の日付フォルダー $1 を使用しています (より新しく、そろっているセット)'],
  [r(String.raw`${AT}an incomplete set \(`), 'そろっていないセットです ('],
  [r(`${AT}no export in it gives the OS version`), 'OS バージョンを示すエクスポートがありません'],
  [
    r(String.raw`${AT}a machine's export that names no machine, beside (.+?): it belongs to none of them \(put it in its machine's folder\)`),
    (_m, b) => `端末名のないエクスポートで、${besideJa(b)}と同じ場所にあり、どの端末のものかわかりません (その端末のフォルダーに入れてください)`,
  ],
  [r(String.raw`${AT}none of its (\d+) dated folders holds a complete set: every fact is unknown`), '$1 個の日付フォルダーのどれにもそろったセットがありません。すべての情報が不明です'],
  [r(`${AT}no Windows export in it: every fact is unknown`), 'Windows のエクスポートがありません。すべての情報が不明です'],
  [r(`${AT}an empty folder: every fact is unknown`), '空のフォルダーです。すべての情報が不明です'],
  [
    r(String.raw`${AT}no recognised export in the directory \((\d+) files; expected the exports of one machine, (?:a fleet file, )?or one folder per machine\)`),
    'フォルダーに認識できるエクスポートがありません (ファイル $1 件。1 台分のエクスポート、フリートファイル、または端末ごとのフォルダーを指定してください)',
  ],
  [r(String.raw`${AT}no recognised export in the directory \((\d+) files\)`), 'フォルダーに認識できるエクスポートがありません (ファイル $1 件)'],
  // --- discover.ts: stray files
  [r(`${AT}not a Windows export this tool reads`), '当ツールが読み込む Windows のエクスポートではありません'],
  [
    r(String.raw`${AT}an Excel workbook: not read \(this tool reads CSV\); open it in Excel and save the sheet as "CSV UTF-8", then give the \.csv`),
    'Excel ブックのため読み込みません (当ツールが読み込むのは CSV です)。Excel で開いてシートを「CSV UTF-8」として保存し、その .csv を指定してください',
  ],
  [r(String.raw`${AT}a PDF document: not read \(give the exports or a CSV\)`), 'PDF 文書のため読み込みません (エクスポートまたは CSV を指定してください)'],
  [r(String.raw`${AT}a (\w+) file: not read \(give the exports or a CSV\)`), '.$1 ファイルのため読み込みません (エクスポートまたは CSV を指定してください)'],
  [r(`${AT}a JSON file that is neither a machine profile nor a recognised export`), '端末プロファイルでも認識できるエクスポートでもない JSON ファイルです'],
  [
    r(String.raw`${AT}(\d+) bytes is too large for a raw Windows export \(max (\d+)\); not read`),
    '$1 バイトあり、Windows のエクスポートとしては大きすぎるため読み込みません (上限 $2 バイト)',
  ],
  [
    r(String.raw`${AT}(\d+) bytes: not a JSON/JSON Lines/CSV fleet file, and too large for a raw Windows export \(max (\d+)\); not read`),
    '$1 バイトあり、JSON / JSON Lines / CSV のフリートファイルではなく、Windows のエクスポートとしては大きすぎるため読み込みません (上限 $2 バイト)',
  ],
  [r(`${AT}empty file`), '空のファイルです'],
  // --- inventory.ts, line-reader.ts, csv.ts: files and lines that cannot be read
  [r(`${AT}no such file or directory$`, 'gm'), 'ファイルまたはフォルダーがありません'],
  [r(`${AT}cannot read directory: `), 'フォルダーを読み込めません: '],
  [r(String.raw`${AT}cannot read directory \(([^)]+)\)`), 'フォルダーを読み込めません ($1)'],
  [r(`${AT}cannot read: `), '読み込めません: '],
  [r(String.raw`${AT}cannot read \(([^)]+)\)`), '読み込めません ($1)'],
  [r(String.raw`${AT}read error \(([^)]+)\)`), '読み込みエラーです ($1)'],
  [r(`${AT}not a regular file`), '通常のファイルではありません'],
  [
    r(String.raw`${AT}line of (\d+) bytes is longer than the limit of (\d+) bytes \(1 MiB\): skipped`),
    '1 行が $1 バイトあり、上限の $2 バイトを超えるため読み込みません',
  ],
  [r(String.raw`${AT}nested deeper than (\d+) levels \(arrays and objects inside each other\): not read`), '配列やオブジェクトが $1 階層より深く入れ子になっているため読み込みません'],
  [
    r(String.raw`${AT}(?:name: )?machine name longer than (\d+) characters \(a Windows computer name is at most 15 \(NetBIOS\) or 63 \(DNS label\); a full DNS name at most 255\)`),
    '端末名が $1 文字を超えています (Windows のコンピューター名は NetBIOS 名で 15 文字、DNS ラベルで 63 文字まで、完全な DNS 名でも 255 文字までです)',
  ],
  [r(String.raw`${AT}duplicate machine name "(.*)": also in (.+)$`, 'gm'), '端末名 "$1" が重複しています ($2 にもあります)'],
  [r(`${AT}a machine profile must be a JSON object`), '端末プロファイルは JSON オブジェクトでなければなりません'],
  [
    r(String.raw`${AT}not a machine profile \(no "name" or "os"\) and not a recognised export \(expected (.*)\)$`, 'gm'),
    (_m, list) => `端末プロファイルではなく ("name" も "os" もありません)、認識できるエクスポートでもありません (読み込めるもの: ${expectedExportsJa(list)})`,
  ],
  [r(String.raw`${AT}not a recognised export \(expected (.*)\)$`, 'gm'), (_m, list) => `認識できるエクスポートではありません (読み込めるもの: ${expectedExportsJa(list)})`],
  [r(`${AT}not a recognised export: `), '認識できるエクスポートではありません: '],
  [r(String.raw`${AT}(\d+) bytes is too large for a whole JSON file \(max (\d+)\); use JSON Lines`), '$1 バイトあり、1 つの JSON ファイルとしては大きすぎます (上限 $2 バイト)。JSON Lines にしてください'],
  [
    r(String.raw`${AT}invalid UTF-8 byte\(s\) in a UTF-8 file \(read as U\+FFFD; the rest of the file is read as UTF-8\)`),
    'UTF-8 のファイルに UTF-8 として正しくないバイトがあります (U+FFFD として読み、残りも UTF-8 として読みます)',
  ],
  [r(`${AT}bad JSON: (.*)$`, 'gm'), (_m, msg) => badJsonJa(msg)],
  [r(String.raw`${AT}not valid JSON \((.*)\)$`, 'gm'), (_m, msg) => badJsonJa(msg)],
  [r(String.raw`${AT}more than (\d+) bad lines: the rest of the file is not read`), '読み込めない行が $1 行を超えたため、ファイルの残りは読み込みません'],
  [r(String.raw`${AT}(\d+) fields where the header has (\d+)`), 'フィールドが $1 個あります (ヘッダーは $2 個)'],
  [r(`${AT}CSV fleet: no header row`), 'CSV のフリートファイル: ヘッダー行がありません'],
  [r(`${AT}no header row`), 'ヘッダー行がありません'],
  [r(String.raw`${AT}record longer than (\d+) characters \(unterminated quote\?\)`), '1 件のレコードが $1 文字を超えています (引用符が閉じられていない可能性があります)'],
  [r(`${AT}unterminated quoted field at end of file`), 'ファイルの終わりで引用符が閉じられていません'],
  [r(String.raw`${AT}no device name and OS version columns \(use --columns name=COLUMN,version=COLUMN\)`), 'デバイス名と OS バージョンの列がありません (--columns name=COLUMN,version=COLUMN で指定してください)'],
  [r(String.raw`${AT}(\S+) "(.*)" is not Windows$`, 'gm'), '$1 "$2" は Windows ではありません'],
  [r(String.raw`${AT}ubr "(.*)" is not a number`), 'ubr "$1" が数値ではありません'],
  [r(String.raw`${AT}ubr (\S+) contradicts os_version (\S+)`), 'ubr $1 が os_version $2 と矛盾しています'],
  [r(String.raw`${AT}(\S+) "(.*)" is not true/false`), '$1 "$2" が true/false ではありません'],
  // --- profile.ts (the schema's own messages) and the importers' prefixes
  [r(String.raw`(?<=^|: |; )(\w[\w. ]*) is longer than (\d+) characters`), '$1 が $2 文字を超えています'],
  [r(String.raw`${AT}more than (\d+) (hotfixes|root store entries|sources)`), (_m, n, w) => `${({ hotfixes: 'ホットフィックス', 'root store entries': 'ルート ストアの項目', sources: 'ソース' } as Record<string, string>)[w]} が ${n} 件を超えています`],
  [r(`${AT}a SHA-1 thumbprint is 40 hex digits`), 'SHA-1 の拇印は 16 進 40 桁です'],
  [r(String.raw`${AT}version is major\.minor\.build, e\.g\. 10\.0\.19044`), 'バージョンは メジャー.マイナー.ビルド の形です (例: 10.0.19044)'],
  [r(`${AT}hotfix ids look like KB5011487`), 'ホットフィックスの ID は KB5011487 のような形です'],
  [r(String.raw`${AT}Invalid input: expected (\w+), received (\w+)`), '入力が正しくありません (期待した型: $1、実際: $2)'],
  [r(`${AT}profile JSON: `), '端末プロファイル JSON: '],
  [r(`${AT}certificate JSON: `), '証明書 JSON: '],
  [r(`${AT}merged profile: `), '統合した端末プロファイル: '],
  [r(`${AT}Get-HotFix table: no header line with HotFixID followed by a dashed line`), 'Get-HotFix (表形式): HotFixID の見出し行とその下の破線の行がありません'],
  [r(`${AT}no HotFixID column in the header`), 'ヘッダーに HotFixID 列がありません'],
  [r(`${AT}certutil -store: no certificate blocks found`), 'certutil -store: 証明書のブロックがありません'],
  [r(`${AT}reg query: no key found`), 'reg query: キーがありません'],
  [r(`${AT}expected one JSON object`), 'JSON オブジェクトが 1 つ必要です'],
  [r(String.raw`${AT}OS version (\S+) contradicts (\S+) from (.+)$`, 'gm'), 'OS バージョン $1 が $3 の $2 と矛盾しています'],
  [r(String.raw`${AT}item \[(\d+)\] is not an object`), '項目 [$1] がオブジェクトではありません'],
  [r(String.raw`${AT}item \[(\d+)\]\.Thumbprint is not 40 hex digits`), '項目 [$1] の Thumbprint が 16 進 40 桁ではありません'],
  [r(String.raw`${AT}certificate block without a "Cert Hash\(sha1\)" line`), '"Cert Hash(sha1)" の行がない証明書ブロックがあります'],
  [r(String.raw`${AT}SHA-1 hash "(.*)" is not 40 hex digits`), 'SHA-1 ハッシュ "$1" が 16 進 40 桁ではありません'],
  [r(String.raw`${AT}unexpected line "(.*)"$`, 'gm'), '読み取れない行があります: "$1"'],
  [r(String.raw`${AT}(\S+) is not a REG_DWORD 0x… value \("(.*)"\)`), '$1 が REG_DWORD の 0x… 値ではありません ("$2")'],
  [r(String.raw`${AT}(\S+) "(.*)" is not a number`), '$1 "$2" が数値ではありません'],
  [r(String.raw`${AT}(\S+) (.+?) is not a whole number`), '$1 $2 が整数ではありません'],
  [r(String.raw`${AT}(OsVersion|OS Version) "(.*)" is not major\.minor\.build`), '$1 "$2" が メジャー.マイナー.ビルド の形ではありません'],
  [r(String.raw`${AT}a header row and one data row are expected; found no data row`), 'ヘッダー行と 1 行のデータ行が必要ですが、データ行がありません'],
  [r(String.raw`${AT}more than one data row \(one machine per file\)`), 'データ行が 2 行以上あります (1 ファイルに 1 台分です)'],
  [r(String.raw`${AT}the data row has (\d+) fields, the header (\d+)`), 'データ行のフィールドが $1 個あります (ヘッダーは $2 個)'],
  [r(String.raw`${AT}no "OS Version" line \(expected e\.g\. "(.*)"\)`), '"OS Version" の行がありません (例: "$1")'],
  ...FS_WORDS,
  ...HINT_RULES,
];

/** Applies `rules` to each line of `text`, in order. */
export function applyRules(text: string, rules: readonly Rule[]): string {
  return text
    .split('\n')
    .map((line) => {
      let out = line;
      for (const [re, to] of rules) out = out.replace(re, to as string);
      return out;
    })
    .join('\n');
}

/** A skip reason or an import error (as report.json holds it) in Japanese; unknown text stays as written. */
export function reasonJa(text: string): string {
  return applyRules(text, REASON_RULES);
}
