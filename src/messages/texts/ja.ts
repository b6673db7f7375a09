/**
 * The text home, Japanese (issue 20.3): the same keys as ./en.ts, typed by them (`Record<TextKey, string>`): a
 * key missing here, or one that en.ts does not have, is a compile error. Japanese follows Trend Micro's and
 * Microsoft's Japanese support articles and the seed's terms. `FAQ_KEYS` names the texts that are the FAQ's own,
 * byte for byte from the seed (../seed-texts.ts, the FAQ's home); every other text is ours ('inferred').
 * Commands, option names, file names, KB numbers, URLs and literal values stay as in English.
 */
import type { TextKey } from './en';
import { SEED_BADIMAGE_JA, SEED_EVENT_11708_JA, SEED_EVENT_900_JA, SEED_NOACS_JA } from '../seed-texts';

/** The Japanese texts that are the FAQ's own (the seed, byte for byte; tests/messages/texts.test.ts checks them). */
export const FAQ_KEYS = ['message.M-BADIMAGE.text', 'message.M-NOACS.text', 'message.E-900.text', 'message.E-11708.text'] as const satisfies readonly TextKey[];

export const JA: Record<TextKey, string> = {
  // ---- the CLI's help (acs-gate --help --lang ja, acs-gate COMMAND --help --lang ja) ----
  'help.main': `acs-gate: Trend Micro Apex One のための Azure Code Signing (ACS) インストール判定ツール (正確で、テストで確かめられる判定)

使い方: acs-gate COMMAND [オプション]   (各コマンドの説明: acs-gate help COMMAND または acs-gate COMMAND --help)

コマンド:
{commands}

すべてのコマンドに共通のオプション: --help、--debug (エラー時にスタック トレースを表示。コマンドの前後どちらにも指定できます)

終了コード (すべてのコマンドで共通):
  0  完了: verify はすべてのファイルが有効、simulate は許可、readiness は出力済み、fleet と demo はレポートを出力済み
  1  求めた判定を満たしませんでした: verify は有効でないファイルあり、simulate はブロック。
     readiness と fleet は --fail-on not-ready|unknown|blocked|unguarded|unreadable を指定したときのみ
  2  使い方または入力のエラー
  3  チェックなしで導入 (simulate: ACS チェック機能のないエージェントが、この端末では動作しないプログラムをインストールします)
  4  不明 (simulate: 端末のエクスポートにない情報によって結果が決まります)

例 (サンプルはパッケージに同梱されています。パッケージのフォルダー node_modules/acs-gatekeeper か、リポジトリの複製で実行してください):
  acs-gate verify samples/real/Knapcode.MiniZip-0.21.1-net451.dll
  acs-gate readiness samples/fleet/machines
  acs-gate simulate A4 --machine samples/fleet/machines/pc-w10-21h2-kaikei --build 12011
  acs-gate fleet samples/fleet/machines samples/fleet/fleet.jsonl --out acs-report
`,
  'help.noHelpFor': 'acs-gate: "{topic}" の説明はありません (コマンド: {commands})',
  'help.exitCodes.title': '終了コード (すべてのコマンドで共通。README を参照):',
  'help.exitCodes.2': '使い方または入力のエラー (メッセージに引数またはファイルの名前を示します)',
  'help.exitCodes.3': 'このコマンドでは使いません (simulate: チェックなしで導入)',
  'help.exitCodes.4': 'このコマンドでは使いません (simulate: 不明)',

  'help.verify.summary': 'PE / MSI / CAB / カタログ / スクリプト / APPX ファイルの Authenticode 署名を検証し、ACS による署名かどうかを示します',
  'help.verify': `使い方: {usage}

各ファイル (PE、MSI、CAB、カタログ、PowerShell スクリプト、APPX/MSIX) の Authenticode 署名を検証します: ダイジェスト、署名者、
RFC 3161 / PKCS #9 のタイムスタンプ、信頼のアンカーまでの証明書チェーン、ACS の条件 (ACS のルート証明書へのチェーン、
リーフ証明書の ACS の拡張キー使用法)。

オプション:
  --trust PEM_OR_DIR   信頼のアンカーとする証明書 (PEM か DER のファイル、またはそれを置いたフォルダー)。複数指定できます。
                       既定: 同梱の Microsoft Identity Verification Root CA 2020 のみ
  --acs-root PEM       チェーンを ACS とみなすルート証明書 (既定: 同梱の Microsoft のルート証明書)。複数指定できます
  --crl CRL            失効の確認に使う CRL (DER または PEM、オフラインで判定)。複数指定できます。署名者または
                       タイムスタンプのチェーンの証明書が署名の時点 (タイムスタンプ、なければ --at) より前に
                       失効していれば無効です (CERT_REVOKED)。--crl がなければ失効は確認せず、出力にそう示します
  --at ISO_TIME        検証の時刻 (既定: 現在)。例: 2024-04-11、2024-04-11T09:00:00Z
  --catalog CAT        カタログ ファイル (.cat)。複数指定できます。FILE のハッシュ (PE/MSI は Authenticode ハッシュ、
                       .inf などのフラット ファイルはファイル全体のハッシュ) が、署名の有効なカタログに記載されていれば
                       FILE も有効です (signtool verify /c と同じ)。出力にカタログの名前を示します。
                       CAT がない場合やファイルでない場合は、FILE の結果にかかわらず入力のエラーです (終了コード 2)
  --no-strict          PKCS #7 データの後ろのデータ (CVE-2013-3900 のパディング) を許可します。既定では許可しません
  --deep               MSI (テーブルのインストール先パス、埋め込みと外部のキャビネット、Binary テーブルの DLL)、
                       キャビネット、APPX/MSIX のパッケージとバンドルの中のファイルもすべて再帰的に検証します:
                       判定、ACS、FORCE_INTEGRITY、CPU の種類、バージョン、署名の方法、ACS に対応していない端末で
                       読み込まれないモジュール。終了コードは --deep がない場合と同じく外側のファイルで決まります
  --lang ja|en         出力の言語 (既定は LC_ALL / LC_MESSAGES / LANG から。Windows では OS のロケールから)
  --json               ファイルごとに 1 つの JSON ドキュメント (複数のときは JSON Lines)

{exitCodes}
例:
  acs-gate verify samples/real/Knapcode.MiniZip-0.21.1-net451.dll
  acs-gate verify samples/installers/AutoPcc.exe samples/installers/ApexOneAgent.msi --trust samples/installers/test-acs-root.pem --at 2024-04-11 --json
`,
  'help.verify.exit0': 'すべてのファイルが有効',
  'help.verify.exit1': '無効、署名なし、または形式が不正なファイルがあります',

  'help.readiness.summary': 'Windows のエクスポートまたはフリート ファイルから、端末が ACS に対応しているかを判定します',
  'help.readiness': `使い方: {usage}

INPUT には次のものを指定できます: 端末のプロファイル (.json)、フリート ファイル (1 行に 1 台の JSON Lines または
CSV)、Intune / Configuration Manager / Defender のインベントリ CSV (その他の CSV は --columns で指定)、
Windows のエクスポート 1 つ、1 台分のエクスポートを置いたフォルダー (systeminfo > info.txt または /fo csv、
Get-HotFix > hotfix.txt または | ConvertTo-Csv、wmic qfe、Get-ItemProperty ...CurrentVersion | ConvertTo-Json、
Get-ComputerInfo | ConvertTo-Json、certutil -store Root、reg query ... UBR / DisableRootAutoUpdate)、または
端末のフォルダー、フリート ファイル、プロファイルを任意の深さに置いた共有フォルダー (1 台分のエクスポートだけを
置いたフォルダーを 1 台とみなします。関係のないファイルと古い日付のフォルダーは読み込まず、読み込んだファイルと
読み込まなかったファイルの数とともに標準エラー出力に示します)。日本語版と英語版の Windows に対応し、文字コードは
UTF-16LE、UTF-8、Shift_JIS、cp437 です。

端末ごとに: 対応状況 (true / false / "unknown")、理由、対処 (その Windows バージョンの KB、同梱のルート証明書を
certutil -addstore Root で追加する方法、または次に収集する情報)。不明な情報は不明のまま扱います。
読み込めない入力や行は標準エラー出力に示し、ほかの端末は引き続き判定します。

オプション:
  --json         端末ごとに 1 つの JSON ドキュメント (JSON Lines): name、ready、reasons、remediation、
                 remediationSource (手順ごとに "inferred" か "faq")、os、root、source (仮定した情報があれば "assumed" も)
  --lang ja|en   出力の言語: 見出し、理由、対処 (--json でも同じ。コード、情報、根拠は変わりません)。
                 既定は LC_ALL / LC_MESSAGES / LANG から (Windows では OS のロケールから)
  --fail-on WHAT 端末が WHAT のとき終了コード 1 にします: not-ready、unknown、unreadable (読み込めない入力や行、
                 または端末を含む可能性があるのにこのツールが読まないファイル。例: .xlsx。Thumbs.db、desktop.ini、
                 README、スクリプト、古い日付のフォルダーは含みません)。複数指定またはカンマ区切りで指定できます。
                 指定しなければ、出力を終えた時点で終了コードは 0 です
  --assume-online
                 エクスポートに記載がない端末について、Windows Update からルート証明書リストを取得できると
                 仮定します (どのエクスポートにも記載されません。acs-gate collect が確認します)。端末ごとに出力に示します
  --assume-root-auto-update
                 エクスポートに記載がない端末について、ルート証明書の自動更新が有効 (Windows の既定) と仮定します。
                 端末ごとに出力に示します
  --columns name=COL,version=COL,...
                 インベントリ CSV のどの列が端末名、OS のバージョン (10.0.19045 または 10.0.19045.3803)、
                 必要に応じて build、ubr、caption、hotfixes、platform を持つか。Intune、Configuration Manager、
                 Defender のエクスポートは指定しなくても認識します
  --accept-kb KB ACS の修正を含むものとして認める KB (例: 表より新しいマンスリー ロールアップ)。複数指定できます
  --policy FILE  JSON { "acceptKbs": ["KB..."] }: --accept-kb と同じ内容をファイルで指定します

{exitCodes}
例:
  acs-gate readiness samples/fleet/machines/pc-w10-21h2-kaikei
  acs-gate readiness samples/fleet/fleet.jsonl --json
  acs-gate readiness samples/fleet/machines --fail-on not-ready,unknown
  acs-gate readiness samples/fleet/fleet.jsonl --assume-online --assume-root-auto-update
`,
  'help.readiness.exit0': '判定を出力しました (判定の内容にかかわらず)',
  'help.readiness.exit1': '--fail-on を指定したとき: 未対応、不明、または読み込めない端末がありました',

  'help.simulate.summary': '1 台の端末で 1 つのインストール経路が何をするかを示します: ポップアップ、イベント 900 / 11708、ダウンロード',
  'help.simulate': `使い方: {usage}

PATH: 次のいずれかを、名前またはトレンドマイクロの Q&A の番号 (角かっこ内) で指定します ("A4" は "packager-exe" と同じ):
  server-patch [A1]  autopcc [A2]  msi [A3]  packager-exe [A4]  remote-install [A5]  agent-update [A6]
  saas-msi [S1]  saas-web-installer [S2]  saas-agent-update [S3]  sep-agent-update  pattern-update  engine-update

端末の対応状況が不明なとき (ルート証明書ストアなどの情報がないとき) は結果を「不明」とし、不足している情報が
不利な場合に何が起きるかを別に示します。

オプション:
  --machine PROFILE         端末: プロファイル JSON、1 台分のフリート ファイル、またはその端末の Windows のエクスポートを置いたフォルダー
  --file INSTALLER          実際の PE / MSI ファイル: この端末が信頼するルート証明書のもとで検証します。プログラムの
                            ビルドは、--build / --maintenance がなければバージョン リソースから読みます
                            (FileVersion 14.0.0.N → ビルド N)。どちらを使ったかを出力に示します
  --display-path PATH       端末から見たファイルのパス。ポップアップとイベントに表示します (既定: そのインストール経路が
                            使うフォルダーにあるファイル名。例: msi では C:\\Temp\\NAME)
  --build N                 プログラムの Apex One のビルド (12011 以降は ACS で署名)。--file と一緒に指定すると
                            ファイルのバージョン リソースより優先します
  --maintenance YYYY-MM     プログラムの SaaS 版の定期メンテナンス (2023-03 以降は ACS で署名)
  --agent-build N           インストール済みのエージェントの Apex One のビルド (アップデートの経路)
  --agent-maintenance YYYY-MM  インストール済みのエージェントの SaaS 版の定期メンテナンス (アップデートの経路)
  --silent                  パッケージャ EXE のサイレント モード (最初のポップアップのみ。packager-exe のみ)
  --scope SCOPE             アップデート対象: all | patterns-engines-drivers | patterns (既定 all)
  --cycles N                実行するアップデートの回数 (アップデートの経路。1〜1000、既定 1)
  --lang ja|en              ポップアップ、イベント、理由、注意、対処の言語 (既定は LC_ALL / LC_MESSAGES / LANG から。
                            Windows では OS のロケールから)
  --trace                   状態マシンの遷移を一覧にします
  --json                    実行結果を JSON で出力します (path、decision、reasons、popups、events、downloads、remediation、transitions)
  --trust PEM               端末のルート証明書ストアに含まれうる証明書 (拇印で照合)。複数指定できます
  --acs-root PEM            チェーンを ACS とみなすルート証明書 (既定: 同梱の Microsoft のルート証明書)。複数指定できます
  --crl CRL                 --file の失効の判定に使う CRL (DER または PEM、オフライン)。複数指定できます
  --at ISO                  シミュレーションの時刻 (既定: 現在)
  --tz ZONE                 時刻を表示するタイム ゾーン。例: Asia/Tokyo (既定: TZ、なければシステムの設定)
  --state FILE              イベント ログの記憶 (「イベント 900 は記録済み」): あれば読み込み、実行後に書き込みます
  --events-xml FILE         イベントを Windows のイベント XML でも書き出します (wevtutil qe Application /f:xml の出力と同じ形式)
  --assume-online           エクスポートに記載がないとき、端末が Windows Update からルート証明書リストを取得できると
                            仮定します (出力に示します)
  --assume-root-auto-update エクスポートに記載がないとき、ルート証明書の自動更新が有効と仮定します (出力に示します)
  --accept-kb KB            表に加えて、ACS の修正を含むものとして認める KB。複数指定できます
  --policy FILE             JSON { "acceptKbs": ["KB..."] }: 同じ内容をファイルで指定します

{exitCodes}
例:
  acs-gate simulate packager-exe --machine samples/fleet/machines/pc-w10-21h2-kaikei --build 12011 --lang ja
  acs-gate simulate A4 --machine samples/fleet/machines/pc-xp-line --build 12011 --silent --lang en
  acs-gate simulate A2 --machine samples/fleet/machines/pc-win7-esu --file samples/installers/AutoPcc.exe --trust samples/installers/test-acs-root.pem
  acs-gate simulate agent-update --machine samples/fleet/machines/pc-w10-21h2-eigyo --agent-build 11092 --build 12011 --cycles 5 --trace
  acs-gate simulate msi --machine samples/fleet/machines/pc-w10-21h2-kaikei --file samples/installers/ApexOneAgent.msi --display-path "C:\\Users\\Public\\ApexOneAgent.msi" --trust samples/installers/test-acs-root.pem
`,
  'help.simulate.exit0': '許可: プログラムがインストールまたは実行されます',
  'help.simulate.exit1': 'ブロック: 表示されるポップアップとイベントが、ユーザーに見えるものです',
  'help.simulate.exit3': 'チェックなしで導入: ACS チェック機能のないエージェントが、この端末では動作しない ACS で署名されたプログラムをインストールします',
  'help.simulate.exit4': '不明: 端末のエクスポートにない情報によって結果が決まります (最悪の場合を示します)',

  'help.fleet.summary': 'フリート レポート: 対応状況と各インストール経路の結果を report.json / .csv / .html に出力します',
  'help.fleet': `使い方: {usage}

インベントリの端末ごと (入力は acs-gate readiness と同じ: プロファイル JSON、JSON Lines か CSV のフリート ファイル、
エクスポートのフォルダー、またはそれらを任意の深さに置いた共有フォルダー) に ACS への対応を判定し、インストール経路 ×
インストーラごとに何が起きるかを示します。集計には読み込んだファイルと読み込まなかったファイルの数と名前を示します
(先頭の {maxListed} 件。report.json にはすべてを記載)。DIR は入力フォルダーの中のフォルダーでもかまいません (入力としては
読みません)。DIR/report.json、DIR/report.csv (1 台 1 行)、DIR/report.html (単独で開ける 1 つのページ: 合計、理由別と
Windows バージョン別のグラフ、優先して対応する端末とその対処、経路ごとにユーザーに表示されるポップアップ。日本語と英語)
を書き出します。

各インストーラ ファイルは信頼するルート (端末のルート証明書ストアとルート証明書の自動更新から決まるもの) の組み合わせ
ごとに 1 回だけ検証し、同じ端末 (名前以外の情報が同じもの) は 1 回だけシミュレーションします。
--path がなければ、各ファイルはその種類に合った経路で実行します (.msi は msi、それ以外は autopcc)。--file がなければ、
ACS で署名されたと宣言したプログラムで各経路を実行します (既定の経路: autopcc、msi、agent-update)。

オプション:
  --file INSTALLER   実際の PE / MSI のインストーラ。複数指定できます
  --path PATH        インストール経路 (acs-gate simulate --help を参照)。複数指定でき、すべての経路 × すべてのファイルを実行します
  --out DIR          レポートの出力先 (作成します)
  --lang ja|en       レポートで最初に表示する言語 (ページで切り替えられます)。既定は LC_ALL / LC_MESSAGES / LANG から
                     (Windows では OS のロケールから)
  --at ISO           検証とイベントの時刻 (既定: 現在)
  --json             集計をテキストではなく JSON で出力します
  --trust PEM        端末のルート証明書ストアに含まれうる証明書 (拇印で照合)。複数指定できます
  --acs-root PEM     チェーンを ACS とみなすルート証明書 (既定: 同梱の Microsoft のルート証明書)。複数指定できます
  --crl CRL          インストーラ ファイルの失効の判定に使う CRL (DER または PEM、オフライン)。複数指定できます
  --build N | --maintenance YYYY-MM
                     --file なしで実行する経路の、プログラムの Apex One のビルド / SaaS 版の定期メンテナンス
  --agent-build N | --agent-maintenance YYYY-MM
                     アップデートの経路の、インストール済みのエージェントのビルド / 定期メンテナンス
  --scope SCOPE      アップデート対象: all | patterns-engines-drivers | patterns (既定 all)
  --tz ZONE          レポートの時刻を表示するタイム ゾーン。例: Asia/Tokyo (既定: TZ、なければシステムの設定)
  --fail-on WHAT     次のとき終了コード 1 にします (レポートは出力します): 未対応 (not-ready) または不明 (unknown) の端末、
                     ブロック (blocked)、チェックなしで導入 (unguarded) または不明の実行結果、読み込めない入力 (unreadable:
                     不正な行やエクスポート、または端末を含む可能性があるのにこのツールが読まないファイル。例: .xlsx。
                     Thumbs.db、desktop.ini、README、スクリプト、古い日付のフォルダーは含みません)。複数指定または
                     カンマ区切りで指定できます。指定しなければ、レポートを出力した時点で判定にかかわらず終了コードは 0 です
  --assume-online    エクスポートに記載がない端末について、Windows Update からルート証明書リストを取得できると
                     仮定します (レポートの先頭と JSON に記録します)
  --assume-root-auto-update
                     エクスポートに記載がない端末について、ルート証明書の自動更新が有効と仮定します
                     (レポートの先頭と JSON に記録します)
  --columns name=COL,version=COL,...
                     インベントリ CSV のどの列が端末名、OS のバージョンなどを持つか (readiness と同じ)
  --accept-kb KB     表に加えて、ACS の修正を含むものとして認める KB。複数指定できます
  --policy FILE      JSON { "acceptKbs": ["KB..."] }: 同じ内容をファイルで指定します
  --lock-wait SECONDS
                     DIR に書き込めるのは一度に 1 つの実行だけです (ロック ファイル DIR/.report.lock)。ほかの実行を
                     待つ秒数で、過ぎると終了コード 2 で終わります (既定 60)。実行が終わっているロックは引き継ぎます:
                     その実行が同じホストの同じ PID 名前空間にあったときはすぐに、それ以外はロックが
                     ACS_GATE_LOCK_STALE_SECONDS 秒 (既定 30。持ち主は 2 秒ごとに更新します) 変わらなかったときに

レポートは全体をまとめて確定します: DIR/report.json、report.csv、report.html はすべて置き換わるか、どれも置き換わらないかの
どちらかです (置き換えられないファイル、SIGINT / SIGTERM / SIGHUP による中断、失敗のときは、前のレポートがそのまま残り、
一時ファイルも残りません)。

対応状況が不明な端末は、それに左右される経路の結果を「不明」とします。レポートではブロックとは別に数え、最悪の場合に
どうなるかを示します。

{exitCodes}
例:
  acs-gate fleet samples/fleet/fleet.jsonl --out acs-report
  acs-gate fleet samples/fleet/machines samples/fleet/fleet.jsonl --file samples/installers/AutoPcc.exe --file samples/installers/ApexOneAgent.msi --trust samples/installers/test-acs-root.pem --out acs-report --lang ja --tz Asia/Tokyo
  acs-gate fleet samples/fleet/fleet.jsonl --path agent-update --agent-build 12011 --build 12500 --out acs-report --fail-on blocked,unguarded
  acs-gate fleet samples/fleet/machines --out acs-report --assume-online --assume-root-auto-update
`,
  'help.fleet.exit0': 'レポートを出力しました (判定の内容にかかわらず)',
  'help.fleet.exit1': '--fail-on を指定したとき: レポートを出力し、--fail-on で指定した判定がありました',
  'help.fleet.exit2': '引数の誤り、読み込めない入力、または 1 台も読み込めなかった (何も書き出しません)',

  'help.demo.summary': '同梱のサンプルの端末とインストーラでフリート レポートを作成します (npm start が実行するもの)',
  'help.demo': `使い方: {usage}

同梱のサンプルで acs-gate fleet を実行します: samples/fleet/ の端末 (Windows のエクスポート: 英語版と日本語版の
systeminfo の CSV、certutil -store Root、reg query、Get-HotFix、フリート ファイル)、このプロジェクトがテスト用に署名した
AutoPcc.exe と MSI (samples/installers/。test-acs-root.pem で信頼し、サンプルの端末のルート証明書ストアにも記載)、
エージェントのプログラムのアップデートとして、ACS で署名された実際のサンプル DLL。
現在のフォルダーの report/ (report.html、report.json、report.csv) に書き出します。

オプション:
  --out DIR      レポートの出力先 (既定 ./report)
  --lang ja|en   レポートで最初に表示する言語 (既定: ロケールから)
  --at ISO       検証の時刻 (既定: 現在)
  --tz ZONE      レポートの時刻を表示するタイム ゾーン。例: Asia/Tokyo (既定: TZ、なければシステムの設定)
  --json         集計を JSON で出力します

{exitCodes}
例:
  npm start            # リポジトリの複製で: tsc -p tsconfig.build.json && node bin/acs-gate.js demo
  acs-gate demo --lang ja --out acs-report --tz Asia/Tokyo
`,
  'help.demo.exit0': 'レポートを出力しました (サンプルの端末はわざと混在させているため、判定によって demo が失敗することはありません)',
  'help.demo.exit1': 'このコマンドでは使いません',

  'help.collect.summary': 'この Windows 端末のエクスポート (とルート証明書リストを取得できるか) を readiness / fleet 用に書き出します',
  'help.collect': `使い方: {usage}

Windows 端末で (SYSTEM または管理者として) 実行すると、DIR\\<COMPUTERNAME>\\ に次のファイルを書き出します:
  systeminfo.csv      systeminfo /fo csv
  hotfixes.csv        Get-HotFix | ConvertTo-Csv (PowerShell)。PowerShell がなければ wmic-qfe.csv (wmic qfe)
  certutil-root.txt   certutil -store Root
  reg-ubr.txt         reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR
  reg-authroot.txt    reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate
  acs-collect.txt     実行したコマンドと失敗したコマンド (終了コード)、およびオンラインの確認: この端末が Windows の
                      ルート証明書リストをダウンロードできるか (certutil -f -syncWithWU で一時フォルダーへ、60 秒)
その後 acs-gate readiness DIR または acs-gate fleet DIR --out report でフォルダーを読み込みます。失敗したコマンドは
記録し、ほかのコマンドは引き続き実行します。フォルダーは隠しの作業フォルダーに書き出してから名前を変えて配置します。
Node がインストールされていない端末では collect\\acs-collect.cmd が同じことをします (docs/collect.md)。

Windows では:  acs-gate collect --out \\\\fileserver\\acs$\\inventory

オプション:
  --out DIR              端末のフォルダーの出力先 (ローカルのフォルダーまたは共有フォルダー)
  --replay DIR           コマンドを実行する代わりに、Windows 端末で記録した出力を再生します
                         (どのシステムでも可。{replayEnv}=DIR でも指定できます)。DIR には手順ごとの
                         <step>.stdout / .stderr / .exit と COMPUTERNAME を置きます (docs/collect.md を参照)
  --json                 集計を JSON で出力します

{exitCodes}
例:
  acs-gate collect --replay samples/collect/PC-OSAKA-03 --out acs-inventory
  acs-gate readiness acs-inventory/PC-OSAKA-03
`,
  'help.collect.exit0': 'フォルダーを書き出しました (失敗したコマンドがあっても。acs-collect.txt を参照)',
  'help.collect.exit1': 'このコマンドでは使いません',
  'help.collect.exit2': '使い方の誤り、--replay なしで Windows 以外、またはフォルダーを書き出せなかった',

  // ---- acs-gate simulate's human output ----
  'simulate.path': 'インストール経路',
  'simulate.program': 'プログラム',
  'simulate.machine': '端末',
  'simulate.decision': '結果',
  'simulate.worstCase': '不足している情報が不利な場合 (最悪の場合)',
  'simulate.worstDecision': '最悪の場合',
  'simulate.ours': '本文は当ツールの文言で、トレンドマイクロや Microsoft のものではありません (実際の文言は公開されていません)',
  'simulate.titleOurs': 'タイトルは当ツールの文言で、トレンドマイクロや Microsoft のものではありません',
  'simulate.titleOfficial': 'タイトルは Windows の表示で、トレンドマイクロの Q&A には記載がありません',
  'simulate.official': '本文は Microsoft の文言で、トレンドマイクロの Q&A には日本語の文言のみ記載されています',
  'simulate.faqText': '本文: トレンドマイクロの Q&A に記載の文言',
  'simulate.eventFieldsInferred': 'ソースとレベルはトレンドマイクロの Q&A に記載がありません (イベント ID とログは記載のとおり)',
  'simulate.eventTextInferred': '説明はトレンドマイクロの Q&A の文言ではありません (Q&A には日本語の文言のみ記載されています)',
  'simulate.examplePath': 'パスは説明用の例で、実際のファイルの場所ではありません (--display-path で指定できます)',
  // "our English translation": 英訳, as report.label.textTranslation and report.page.inferredTranslation say it (was 翻訳 here)
  'simulate.translation': '本文はトレンドマイクロの日本語の文言を当ツールが英訳したものです',
  'simulate.reasons': '理由',
  'simulate.popups': '表示されるポップアップ (表示順)',
  'simulate.noPopup': 'ポップアップなし',
  'simulate.notInFaq': '署名が無効なインストーラに対して Windows やセキュリティエージェントが表示する内容は、トレンドマイクロの Q&A に記載がありません',
  'simulate.events': 'Windows ログ > Application',
  'simulate.noEvent': 'イベントなし',
  'simulate.downloads': 'プログラムのダウンロード回数',
  'simulate.remediation': '対処',
  'simulate.warnings': '注意',
  'simulate.cycles': 'アップデートサイクル',
  'simulate.trace': '状態遷移',
  'simulate.verification': 'この端末でのファイルの署名',
  'simulate.download': 'ダウンロード',
  'simulate.event': 'イベント',
  // no English in the Japanese view (issue 18.5); unguarded in words that do not read as "no antivirus"
  'simulate.decision.allowed': '許可',
  'simulate.decision.blocked': 'ブロック',
  'simulate.decision.unguarded': 'チェックなしで導入 (この端末では動作しないプログラムがインストールされる可能性があります)',
  'simulate.decision.unknown': '不明 (判定に必要な情報が不足しています)',
  'simulate.installerInvalid': '!! インストーラ自体の署名が{verdict}です (失敗コード: {codes})。端末の ACS 対応とは関係ありません。',
  'simulate.rootNotCovered': '!! インストーラの証明書チェーンは、ACS 対応の判定で扱っていないルート証明書 {root} で終わっており、この端末はそれを信頼していません。端末の ACS 対応とは関係ありません (当ツールの推定)。',
  'simulate.notInFaqRoot': 'この端末が信頼していないルート証明書で署名されたインストーラに対して Windows やセキュリティエージェントが表示する内容は、トレンドマイクロの Q&A に記載がありません (当ツールの推定)',
  'simulate.verificationLine': '{label}: {verdict}、ACS による署名: {acs}{codes}',
  'simulate.cycleEvents': '{event} {ids} を記録',

  // ---- acs-gate fleet's terminal summary ----
  'terminal.fleet.written': 'レポートを出力しました',
  'terminal.fleet.error': '読み込めない行',
  'terminal.fleet.errors': '読み込めない行',
  'terminal.fleet.worst': '最悪の場合',
  'terminal.fleet.generated': '作成日時',
  'terminal.fleet.assumed': '仮定',
  'terminal.fleet.reasons': '主な理由',
  'terminal.fleet.fix': '優先して対応する端末',
  'terminal.fleet.paths': 'インストール経路',
  'terminal.fleet.open': 'ブラウザで開いてください',
  'terminal.fleet.more': '残りは次を参照',
  'terminal.fleet.rootFile': 'オフラインの端末に追加するルート証明書ファイル',
  'terminal.fleet.machineOne': '{n} 台',
  'terminal.fleet.machineMany': '{n} 台',
  'terminal.fleet.installerProblem': '!! インストーラ {file} 自体の署名が{verdict}です (失敗コード: {codes})。{machines}の端末で、ACS の対応状況に関係なくブロックとして数えています。',
  'terminal.fleet.installerNotInFaq': '   このとき Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がないため、ACS のポップアップは示しません。',
  'terminal.fleet.installerFix': '   対処: {fix}',
  'terminal.fleet.byRoot': ' (うち {n} 台は ACS 対応の判定外のルート証明書が原因)',
  'terminal.fleet.rootNotInFaq': '   このとき Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がないため、ACS のポップアップは示しません (当ツールの推定)。',
  'terminal.fleet.rootCounted': '   このルート証明書を信頼していない {machines}の端末は、ACS の対応状況とは別に数えています (ブロック、またはルート証明書ストアが不明なら不明)。',
  'terminal.fleet.rootProblem': '!! インストーラ {file} の証明書チェーンは、ACS 対応の判定で扱っていないルート証明書 {root} で終わっています。',
  'terminal.fleet.installerUnsigned': '!! インストーラ {file} には署名がありません (失敗コード: {codes})。{machines}の端末で、ACS の対応状況に関係なくブロックとして数えています。',
  'terminal.fleet.totals': '{total} 台中 {ready} 台が対応済み、{notReady} 台が未対応、{unknown} 台が不明',
  'terminal.fleet.totalsErrors': '。{errors}: {n} 件',
  'terminal.fleet.decisionCount': '{decision} {n} 台',
  'terminal.fleet.byInstaller': ' (うち {n} 台はインストーラの署名が原因)',
  'terminal.fleet.fixMore': '  … ほかに {n} 台 ({more}: {where})',

  // ---- the terminal's account of the inputs ----
  'terminal.inputs.inputs': '入力: {read} 個のファイルを読み込み、{skipped} 個は対象外、{unreadable} 個は読み込めませんでした',
  'terminal.inputs.fileOne': 'ファイル',
  'terminal.inputs.fileMany': 'ファイル',
  'terminal.inputs.skipped': '対象外',
  'terminal.inputs.unread': '未読込',
  'terminal.inputs.unreadable': '読込不可',
  'terminal.inputs.more': '… ほか {n} 件 (すべて {where} にあります)',

  // ---- acs-gate readiness's terminal output ----
  'terminal.readiness.ready': '対応済み',
  'terminal.readiness.notReady': '未対応',
  'terminal.readiness.unknown': '不明',
  'terminal.readiness.remediation': '対処',
  'terminal.readiness.badOne': '読み込めない入力',
  'terminal.readiness.badMany': '読み込めない入力',

  // ---- the notes of the KB5022661 table's lines (the data's English note in Japanese) ----
  'lineNote.server-2022': 'KB5005619 適用後の UBR (20348.261) は acs-facts.md で未確認です。KB 自体は KB5022661 に記載されています',
  'lineNote.server-23h2': '判断: KB5022661 に記載がありません。表のすべての修正より後の 2023 年にリリースされ、Windows 11 21H2 より新しいコード ベースのため、リリース時点で対応済みとしています',
  'lineNote.server-2025': '判断: KB5022661 に記載がありません。リリース時点で対応済みの Windows 11 24H2 とビルド 26100 を共有しています',
  'lineNote.win10-unsupported': '判断: KB5022661 に記載がありません (2021 年の修正より前にサービスが終了しています)。対象となる更新プログラムはないため、アップグレードしてください',
  'lineNote.win8': '判断: KB5022661 に記載がありません (クライアント版 Windows 8 のサービスは 2016 年に終了しています)。対象となる更新プログラムはありません',
  'lineNote.win7-rtm': '判断: KB5022661 の ESU ロールアップには SP1 が必要です。先に SP1 をインストールしてから ESU ロールアップを適用してください',
  'lineNote.vista': '判断: KB5022661 に記載がありません。対象となる更新プログラムはありません',
  'lineNote.server-2008-pre-sp2': '判断: KB5022661 の Windows Server 2008 向けロールアップには SP2 が必要です',

  // ---- an event as Event Viewer shows it ----
  'event.date': '日付',
  'event.computer': 'コンピューター',

  // ---- words shared by the outputs ----
  'word.or': ' または ',
  'word.yes': 'はい',
  'word.no': 'いいえ',

  // ---- the install paths' popups and events; the FAQ's own texts (FAQ_KEYS) come from ../seed-texts.ts ----
  'message.M-BADIMAGE.title': '{ファイル名} - 不正なイメージ',
  'message.M-BADIMAGE.text': SEED_BADIMAGE_JA,
  'message.M-NOACS.title': 'Trend Micro Apex Oneセキュリティエージェント',
  'message.M-NOACS.text': SEED_NOACS_JA,
  'message.M-SERVER-PATCH.title': 'Trend Micro Apex One',
  'message.M-SERVER-PATCH.text':
    'Patch を適用できません。この Apex One サーバは Azure Code Signing (ACS) の条件を満たしていません。' +
    'Windows セキュリティパッチ ({パッチ}) と、[信頼されたルート証明機関] へのルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」の適用を確認してから、再度実行してください。',
  'message.M-REMOTE-INSTALL.title': 'Trend Micro Apex One',
  'message.M-REMOTE-INSTALL.text':
    '{コンピュータ名} にセキュリティエージェントをインストールできません。このエンドポイントは Azure Code Signing (ACS) の条件を満たしていません。' +
    'エンドポイントに Windows セキュリティパッチ ({パッチ}) とルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」を適用してから、再度実行してください。',
  'message.E-900.text': SEED_EVENT_900_JA,
  'message.E-11708.text': SEED_EVENT_11708_JA,

  // ---- report: labels of the fleet report (report/i18n.ts LABELS) ----
  'report.label.title': 'ACS 対応状況レポート',
  'report.label.generated': '作成日時',
  'report.label.inputs': '入力',
  'report.label.installers': 'インストーラ',
  'report.label.machines': '端末数',
  'report.label.ready': '対応済み',
  'report.label.notReady': '未対応',
  'report.label.unknown': '不明',
  'report.label.importErrors': '読み込みエラー',
  'report.label.skipped': '読み込まなかった項目',
  'report.label.reason': '理由',
  'report.label.byWindows': 'Windows バージョン別',
  'report.label.byReason': '理由別',
  'report.label.fixFirst': '優先して対応する端末',
  'report.label.fixFirstNote': '未対応の端末を先に、ブロックされるインストール経路の多い順に並べています。',
  'report.label.machine': '端末',
  'report.label.windows': 'Windows',
  'report.label.why': '理由',
  'report.label.remediation': '対処',
  'report.label.steps': '対処手順ごとの端末数',
  'report.label.step': '手順',
  'report.label.otherSteps': '(その他の手順)',
  'report.label.perPath': 'インストール経路ごとの結果',
  'report.label.allowed': '許可',
  'report.label.blocked': 'ブロック',
  'report.label.unguarded': 'チェックなしで導入',
  'report.label.downloads': 'ダウンロード回数',
  'report.label.popupsSeen': 'ユーザーに表示されるポップアップ',
  'report.label.noPopups': 'ポップアップなし',
  'report.label.eventsLogged': '記録されるイベント',
  'report.label.seenBy': '表示される端末数',
  'report.label.verifications': 'インストーラの署名検証',
  'report.label.needAcs': 'ACS 対応が必要なモジュール',
  'report.label.trust': '信頼するルート',
  'report.label.verdict': '判定',
  'report.label.allMachines': '端末一覧',
  'report.label.truncated': '先頭の端末のみ表示しています。全件は report.csv / report.json にあります。',
  'report.label.source': '入力元',
  'report.label.line': '行',
  'report.label.error': 'エラー',
  'report.label.none': 'なし',
  'report.label.language': 'English',
  'report.label.logName': 'ログの名前',
  'report.label.eventSource': 'ソース',
  'report.label.eventId': 'イベント ID',
  'report.label.level': 'レベル',
  'report.label.description': '説明',
  'report.label.yes': 'はい',
  'report.label.worstCase': '最悪の場合',
  'report.label.unknownNote': '不明: 判定に必要な情報が不足している端末 (未対応やブロックとは別に数えています)',
  'report.label.seenIfUnfavourable': '情報が不利な場合に表示される端末数',
  'report.label.ifUnfavourable': '情報が不利な場合',
  'report.label.textOurs': '本文は当ツールの文言で、トレンドマイクロや Microsoft のものではありません (実際の文言は公開されていません)',
  'report.label.textTranslation': '本文はトレンドマイクロの日本語の文言を当ツールが英訳したものです',
  'report.label.titleOurs': 'タイトルは当ツールの文言で、トレンドマイクロや Microsoft のものではありません',
  'report.label.windowEndpoint': '端末に表示',
  'report.label.windowConsole': '管理コンソールに表示',
  'report.label.windowServer': 'サーバに表示',
  'report.label.assumptions': 'このレポートの仮定 (エクスポートにない情報)',
  'report.label.no': 'いいえ',
  'report.label.installerProblems': 'インストーラ自体の署名の問題',
  'report.label.installerProblemNote': '端末の ACS 対応とは関係なく、このインストーラはどの端末でも署名の検証に失敗します。対象の端末はブロックとして数えていますが、ACS のポップアップは表示しません (このとき Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がありません)。',
  'report.label.blockedByRoot': 'うち判定外のルート証明書が原因',
  'report.label.rootOf': 'ルート証明書',
  'report.label.rootNotCoveredNote': 'このルート証明書を信頼していない端末は、端末の ACS 対応とは別に数えています。署名を検証できないとしてブロックに数えるのは当ツールの推定です (ルート証明書ストアが不明な端末は不明)。この場合に Windows とエージェントが表示する内容は Q&A に記載がないため、このレポートではポップアップを示しません。',
  'report.label.rootNotCovered': 'インストーラの証明書チェーンが ACS 対応の判定で扱っていないルート証明書で終わっています',
  'report.label.failureCodes': '失敗コード',
  'report.label.fix': '対処',
  'report.label.blockedByInstaller': 'うちインストーラの署名が原因',
  'report.label.sourceFaq': 'トレンドマイクロの Q&A に記載の文言',
  'report.label.sourceInferred': '当ツールの推定',
  'report.label.markInferred': '［当ツールの推定］',
  'report.label.examplePath': 'パスは説明用の例です',
  'report.label.notInFaq': 'トレンドマイクロの Q&A に記載がないため表示しません',
  'report.label.rootFile': 'ルート証明書ファイル',
  'report.label.unguardedNote': 'チェックなしで導入: ACS チェック機能のないエージェントが、この端末では動作しないプログラムを導入してしまう',

  // ---- report: reason codes as the reader calls them (REASON_LABELS) ----
  'report.reason.OS_NO_ACS_SUPPORT': 'OS が ACS に対応しない',
  'report.reason.OS_PATCH_MISSING': 'Windows 更新プログラムが未適用',
  'report.reason.ROOT_NOT_TRUSTED': 'ルート証明書が未登録',
  'report.reason.FACT_UNKNOWN': '情報が不足',
  'report.reason.OS_UNRECOGNIZED': 'OS を判別できない',

  // ---- report: the facts a FACT_UNKNOWN reason names (FACT_LABELS) ----
  'report.fact.os.version': 'OS のバージョン',
  'report.fact.os.ubr': 'UBR (更新ビルド リビジョン)',
  'report.fact.os.productType': 'クライアントかサーバーか',
  'report.fact.hotfixes': 'インストール済みの更新プログラム',
  'report.fact.rootStore': '信頼されたルート証明機関ストアの内容',
  'report.fact.rootAutoUpdate': 'ルート証明書の自動更新の設定',
  'report.fact.online': 'Windows Update への接続可否',

  // ---- report: the verification table's trust column (TRUST_LABELS) ----
  'report.trust.root in store': '信頼されたルート証明機関ストアに登録済み',
  'report.trust.root via automatic update': 'ルート証明書の自動更新で取得',
  'report.trust.root missing': 'ルート証明書が未登録',
  'report.trust.root unknown': 'ルート証明書の有無が不明',

  // ---- report: report.html's first screen, banners, machine list and popups (PAGE_LABELS) ----
  'report.page.summaryLine': '{total} 台中 {ready} 台が対応済み、{notReady} 台が未対応、{unknown} 台が不明です。',
  'report.page.machineOne': '台',
  'report.page.machineMany': '台',
  'report.page.nMachines': '{n} 台',
  'report.page.stepOne': '件',
  'report.page.stepMany': '件',
  'report.page.perPathCounts': 'インストール経路ごとの台数',
  'report.page.installPath': 'インストール経路',
  'report.page.fixFirstMore': '対処が必要な {total} 台のうち、優先度の高い {shown} 台を表示しています (ほかに {rest} 台)。',
  'report.page.fixFirstAll': '対処が必要な {total} 台をすべて表示しています。',
  'report.page.showAllToFix': '対処が必要な端末をすべて端末一覧に表示',
  'report.page.stepsMore': 'ほかに {n} 件の手順があります (端末一覧を「対処手順」で絞り込めます)。',
  'report.page.searchLabel': '端末名で検索',
  'report.page.filterAll': 'すべて',
  'report.page.filterReady': 'ACS 対応',
  'report.page.filterToFix': '未対応または不明',
  'report.page.filterReason': '理由',
  'report.page.filterWindows': 'Windows',
  'report.page.filterStep': '対処手順',
  'report.page.matches': '該当 {n} 台',
  'report.page.pageRange': '{from}〜{to} 台目を表示',
  'report.page.prevPage': '前へ',
  'report.page.nextPage': '次へ',
  'report.page.noMatch': '該当する端末はありません。',
  'report.page.clearFilters': '絞り込みを解除',
  'report.page.exportCsv': '表示中の端末を CSV で保存',
  'report.page.sortHint': '列の見出しをクリックすると並べ替えます。',
  'report.page.needsScript': '端末一覧の表示には JavaScript が必要です。全件は report.csv にあります。',
  'report.page.readyColumn': 'ACS 対応',
  'report.page.acsSigned': 'ACS 署名',
  'report.page.installerInvalid': 'インストーラ自体の署名検証に失敗しました',
  'report.page.installerInvalidFix': '端末の ACS 対応とは関係のない問題です。インストーラを配布元から入手し直してください。独自のテスト用 PKI で署名したファイルであれば、そのルート証明書を --trust で指定してください。この場合に Windows とエージェントが表示する内容は Q&A に記載がないため、このレポートでは推定していません。',
  'report.page.failureCodes': '失敗コード',
  'report.page.verdictValid': '有効',
  'report.page.verdictInvalid': '無効',
  'report.page.verdictUnsigned': '署名なし',
  'report.page.verdictMalformed': '形式が不正',
  'report.page.inputsNotRead': '読み込まなかった入力があります',
  'report.page.skippedCount': '読み込まなかったファイル・行: {n} 件',
  'report.page.importErrorCount': '読み込めなかったファイル・行: {n} 件',
  'report.page.listedBelow': '一覧はこのページの末尾にあります。',
  'report.page.firstListed': '先頭の {shown} 件を表示しています (全 {n} 件)。',
  'report.page.faqMark': '(トレンドマイクロの Q&A より)',
  'report.page.inferred': '当ツールの推定',
  'report.page.inferredTranslation': '当ツールの推定 (Q&A の日本語の文言を当ツールが英訳)',
  'report.page.inferredOfficial': '当ツールの推定 (Windows の標準の文言。Q&A には記載なし)',
  'report.page.titleInferred': 'タイトルは当ツールの推定',
  'report.page.eventMetaInferred': 'ソースとレベルは当ツールの推定 (Q&A には記載なし)',
  'report.page.closeButton': '閉じる',
  'report.page.levelError': 'エラー',
  'report.page.levelWarning': '警告',
  'report.page.levelInformation': '情報',
  'report.page.loggedOn': '記録される端末数',
  'report.page.examplePath': 'パスは例です',
  'report.page.unknownWindows': '不明',
  'report.page.csvFileName': 'report-端末一覧.csv',

  // ---- decisions of a path run (DECISION_LABELS) ----
  'decision.allowed': '許可',
  'decision.blocked': 'ブロック',
  'decision.unguarded': 'チェックなしで導入',
  'decision.unknown': '不明',

  // ---- the verifier's verdicts (VERDICT_LABELS, also installers' verdictWord) ----
  'verdict.valid': '有効',
  'verdict.invalid': '無効',
  'verdict.unsigned': '署名なし',
  'verdict.malformed': '形式が不正',

  // ---- readiness of a machine (READY_LABELS) ----
  'ready.true': '対応済み',
  'ready.false': '未対応',
  'ready.unknown': '不明',

  // ---- what one agent update cycle came to (CYCLE_OUTCOME_LABELS) ----
  'cycle.installed': 'インストール済み',
  'cycle.installed-unguarded': 'チェックなしで導入',
  'cycle.blocked': 'ブロック',
  'cycle.check-failed': 'チェックに失敗',
  'cycle.periodic-check-only': '定期チェックのみ (ダウンロードなし)',
  'cycle.patterns-only': 'パターンファイルのみ',
  'cycle.up-to-date': '最新',


  // ---- report.csv's header cells (CSV_HEADER_LABELS) ----
  'csv.name': '端末名',
  'csv.source': '入力元',
  'csv.ready': 'ACS 対応',
  'csv.windows': 'Windows',
  'csv.version': 'バージョン',
  'csv.ubr': 'UBR',
  'csv.reasons': '理由',
  'csv.remediation': '対処',
  'csv.assumed': '仮定した情報',
  'csv.worstCase': '最悪の場合',

  // ---- readiness: reasons, remediation steps and words (endpoint/texts.ts READINESS_TEXTS) ----
  'readiness.reason.OS_NO_ACS_SUPPORT': '{line} (ビルド {build}) には、ACS に対応するための更新プログラムが提供されていません',
  'readiness.reason.OS_PATCH_MISSING.ubr': '{line}: ビルド {build}.{ubr} は {build}.{minUbr} 未満で、{kbs} もインストールされていません',
  'readiness.reason.OS_PATCH_MISSING.kb': '{line}: インストール済みの更新プログラムに {kbs} も、それ以降のマンスリー ロールアップ ({through} までを把握、最新は {newestKnown}) も含まれていません',
  'readiness.reason.FACT_UNKNOWN.laterKb': '{line}: {newer} は、ここで把握している更新プログラム ({through} まで、最新は {newestKnown}) より新しいものです。この Windows バージョンのマンスリー ロールアップであれば修正が含まれますが、番号だけでは判別できません',
  'readiness.reason.FACT_UNKNOWN.os.ubr.noHotfixes': '{line}: ビルド {build} だけでは判定できません。{build}.{minUbr} 以降、または {kbs} の適用が必要ですが、UBR (更新ビルド リビジョン) もインストール済みの更新プログラムも不明です (systeminfo の出力には UBR が含まれません)',
  'readiness.reason.FACT_UNKNOWN.os.ubr.kbNotListed': '{line}: ビルド {build} の UBR (更新ビルド リビジョン) が不明です。更新プログラムの一覧に {kbs} はありませんが、それ以降の累積更新プログラム (UBR {minUbr} 以降) でも要件を満たすため、UBR によって判定が決まります',
  'readiness.reason.FACT_UNKNOWN.hotfixes': '{line} はロールアップ方式のため、インストール済みの KB でのみ判定できます ({kbsOr})。インストール済みの更新プログラムの一覧が不明です',
  'readiness.reason.FACT_UNKNOWN.os.version': 'OS のバージョン (メジャー.マイナー.ビルド) が不明です',
  'readiness.reason.FACT_UNKNOWN.os.productType': 'ビルド {version} は {lines} のいずれかで、ACS の要件が異なります。クライアントかサーバーかが不明です',
  'readiness.reason.OS_UNRECOGNIZED.noLine': 'OS バージョン {version} は、KB5022661 の表のどの Windows バージョンにも該当しません',
  'readiness.reason.OS_UNRECOGNIZED.product': 'OS バージョン {version} は、既知の{product}版 Windows に該当しません (該当するバージョン: {known})',
  'readiness.reason.ROOT_NOT_TRUSTED.autoUpdateOff': 'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」が信頼されたルート証明機関ストア (証明書 {count} 件) になく、ルート証明書の自動更新も無効化されています',
  'readiness.reason.ROOT_NOT_TRUSTED.offline': 'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」が信頼されたルート証明機関ストア (証明書 {count} 件) になく、端末はオフライン環境です',
  'readiness.reason.FACT_UNKNOWN.rootStore': '信頼されたルート証明機関ストアの内容が不明です',
  'readiness.reason.FACT_UNKNOWN.rootAutoUpdate': 'ルート証明書の自動更新が有効かどうかが不明です',
  'readiness.reason.FACT_UNKNOWN.online': '端末が Windows Update に接続できるかどうかが不明です',
  'readiness.remediation.OS_PATCH_MISSING.latest': '{line} に最新の累積更新プログラム (Windows セキュリティパッチ) を適用してください (KB5022661 を参照: {kb5022661})',
  'readiness.remediation.OS_PATCH_MISSING.kbs': '{kbsOr} (またはそれ以降の累積更新プログラム) を {line} に適用してください: {catalog} (KB5022661: {kb5022661})',
  'readiness.remediation.OS_PATCH_MISSING.newest': '{line} に最新の{kind}を適用してください ({month} の {newestKnown} 以降。{firstKb} 以降のものにはすべて修正が含まれます): {catalog} (KB5022661: {kb5022661})',
  'readiness.remediation.FACT_UNKNOWN.laterKb.accept': '{kb} が {line} の{kind}であれば修正が含まれています。--accept-kb {kb} (または --policy に指定するファイルの "acceptKbs": ["{kb}"]) で対象として認めてください',
  'readiness.remediation.FACT_UNKNOWN.laterKb.check': '{kb} が何の更新プログラムかを Microsoft Update カタログで確認してください: {catalog}',
  'readiness.remediation.OS_NO_ACS_SUPPORT': '{line} は ACS に対応しません。KB5022661 に記載されている Windows バージョンにアップグレードしてください ({kb5022661})',
  'readiness.remediation.OS_NO_ACS_SUPPORT.note': '{line} は ACS に対応しません。KB5022661 に記載されている Windows バージョンにアップグレードしてください ({kb5022661}) ({note})',
  'readiness.remediation.ROOT_NOT_TRUSTED': 'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」を信頼されたルート証明機関ストアに追加してください (ファイル {file}: フリート レポートと同じフォルダーと、パッケージの certs/ フォルダーにあります。SHA-1 拇印 {sha1}、SHA-256 {sha256}。Microsoft の配布場所: {url}): {command} (PowerShell の場合: {powershell})。または、ルート証明書の自動更新を再度有効にし ({key} の DisableRootAutoUpdate を削除するか 0 に設定)、端末が Windows Update に接続できるようにしてください',
  'readiness.remediation.FACT_UNKNOWN.collect': '{factLabel}を収集してください: {command}',
  'readiness.remediation.FACT_UNKNOWN.ubrOrHotfixes': '{factLabel}を収集してください: {command}。または、インストール済みの更新プログラムを収集してください: {hotfixes}',
  'readiness.remediation.FACT_UNKNOWN.collector': 'または、すべての情報をまとめて収集してください: 端末で collect\\acs-collect.cmd (Node は不要です。acs-gatekeeper の collect/ フォルダーに同梱) または acs-gate collect を実行し、出力されたフォルダーをレポートに指定します',
  'readiness.remediation.OS_UNRECOGNIZED': 'OS のバージョンを確認してください: {command}',
  'readiness.word.thisWindows': 'この Windows バージョン',
  'readiness.word.ThisWindows': 'この Windows バージョン',
  'readiness.word.client': 'クライアント',
  'readiness.word.server': 'サーバー',

  // ---- readiness: what to run to collect a missing fact (COLLECT_TEXTS) ----
  'collect.os.version': 'systeminfo /fo csv > systeminfo.csv',
  'collect.os.ubr': 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR > ubr.txt (またはキー全体: reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" > currentversion.txt)',
  'collect.hotfixes': 'powershell -Command "Get-HotFix | ConvertTo-Csv" > hotfixes.csv (または: wmic qfe list full /format:csv > qfe.csv)',
  'collect.os.productType': 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v InstallationType > installationtype.txt (または systeminfo /fo csv)',
  'collect.rootStore': 'certutil -store Root > root-store.txt (または: powershell -Command "Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json" > root-store.json)',
  'collect.rootAutoUpdate': 'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate > authroot.txt',
  'collect.online': '端末で collect\\acs-collect.cmd (Node は不要) または acs-gate collect を実行してください (Windows Update からルート証明書リストを取得できるかを確認します)。すべての端末が接続できる場合は --assume-online を指定してください',

  // ---- readiness: the facts named by the step that collects them (FACT_LABELS_EN / _JA) ----
  'factLabel.os.version': 'OS のバージョン',
  'factLabel.os.ubr': 'UBR (更新ビルド リビジョン)',
  'factLabel.hotfixes': 'インストール済みの更新プログラム',
  'factLabel.os.productType': 'OS の種類 (クライアントかサーバーか)',
  'factLabel.rootStore': '信頼されたルート証明機関ストアの内容',
  'factLabel.rootAutoUpdate': 'ルート証明書の自動更新の設定',
  'factLabel.online': 'Windows Update への接続可否',

  // ---- installers: run reasons, warnings, remediation and agent labels (installers/texts.ts INSTALLER_TEXTS) ----
  'installer.label.apexOne.assumed': 'Apex One のセキュリティエージェント (ビルド未指定のため 12011 以降と仮定)',
  'installer.label.apexOne.check': 'Apex One のセキュリティエージェント ビルド {build} (12011 以降)',
  'installer.label.apexOne.noCheck': 'Apex One のセキュリティエージェント ビルド {build} (12011 より前)',
  'installer.label.saas.assumed': 'SaaS 版のセキュリティエージェント (定期メンテナンス未指定のため 2023-01 以降と仮定)',
  'installer.label.saas.check': 'SaaS 版のセキュリティエージェント、{maintenance} の定期メンテナンス (2023-01 以降)',
  'installer.label.saas.repeat': 'SaaS 版のセキュリティエージェント、{maintenance} の定期メンテナンス (2022-12 以前)',
  'installer.reason.SETTING_SUBJECTS_UPDATE_TO_CHECK.pattern': '設定 patternUpdatesBlocked: パターンファイルのアップデートも ACS チェックの対象になります (今後変更される可能性があります)。',
  'installer.reason.SETTING_SUBJECTS_UPDATE_TO_CHECK.engine': '設定 engineSignedWithAcs: 検索エンジンが ACS で署名されているため、エンジンのアップデートも ACS チェックの対象になります。',
  'installer.reason.AGENT_WITHOUT_CHECK': '{label}: 既知の制限事項により、ACS チェック機能によるブロックがされない場合があり、ACS で署名されたプログラムがインストールされる可能性があります。{risk}',
  'installer.reason.SCOPE_EXCLUDES_PROGRAM': 'アップデート対象 "{scope}": エージェントプログラムはダウンロードもインストールもされません。パターンファイルのアップデートは引き続きおこなわれます。',
  'installer.reason.DOWNLOAD_PREVENTED': 'イベント 900 は既に記録されています。ACS の条件を満たすまで、セキュリティエージェントはエンドポイントを定期的にチェックするだけで、プログラムのダウンロードはおこないません。',
  'installer.reason.NOT_ACS_SIGNED.declared': 'このプログラムは ACS で署名されていません (ビルド 12011 / 2023年3月の定期メンテナンスより前)。自身の証明書チェーンで判定され、ACS の条件を満たしていないことを理由にブロックされることはありません。',
  'installer.reason.NOT_ACS_SIGNED.file': 'このファイルは有効な署名を持っていますが、ACS のルート証明書にチェーンしていません。自身の証明書チェーンで判定されます。',
  'installer.reason.SIGNATURE_NOT_VALID': 'この端末が信頼するルート証明書のもとで、署名の検証結果は {verdict} です。',
  'installer.reason.INSTALLER_INVALID': 'インストーラ自体の署名が無効です ({verdict}: {codes})。当ツールが把握しているすべてのルート証明書のもとでも有効にならないため、端末の ACS 対応とは関係ありません。このようなファイルに対して Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がないため、ポップアップやイベントは示しません。',
  'installer.warning.agentAssumed': '{label}: 正確に判定するには、セキュリティエージェントのビルドを指定してください (--agent-build / --agent-maintenance)。',
  'installer.warning.repeatDownload': '2022年12月の定期メンテナンス以前のセキュリティエージェントには繰り返しダウンロードの防止機能が実装されていないため、アップデート処理ごとにプログラムのダウンロードが繰り返されます (ネットワーク帯域を消費します)。また、既知の制限事項により ACS チェック機能によるブロックがされない場合があります (トレンドマイクロ KA-0014129)。',
  'installer.warning.uncertain': '端末が ACS の条件を満たしているかを判定するための情報が不足しているため、最悪の場合 (ACS の条件を満たしていない) の結果を表示しています。正確に判定するには、理由に記載されている情報を収集してください。',
  'installer.warning.declaredAssumed': 'プログラムのビルドも定期メンテナンスの月も指定されていないため、ACS で署名されていると仮定しています (ビルド 12011 / 2023年3月以降のプログラムはすべて ACS で署名されています)。',
  'installer.warning.buildNotAcs': 'このファイルは {claim} のプログラムですが (この時期以降のプログラムは ACS で署名されています)、有効な署名は ACS ではありません。リリースされたままのプログラムではない (再署名または再ビルドされた) 可能性があります。判定はファイルの署名に基づいています。',
  'installer.remediation.scope': '端末が ACS の条件を満たすまでは、プログラムのアップグレードとHotFixの配信を禁止する設定で配信を制御してください: [エージェント] > [エージェント管理] > [設定] > [権限とその他の設定] > [その他の設定] の 「セキュリティエージェントがアップデートするコンポーネント」で「パターンファイル、エンジン、ドライバ」を選択します (scope patterns-engines-drivers、SaaS: [ポリシー] > [ポリシー管理] > [権限とその他の設定]、KA-0009550: https://success.trendmicro.com/ja-JP/solution/KA-0009550)。',
  'installer.remediation.installerInvalid': 'Apex One サーバまたはトレンドマイクロからインストーラを再度入手し、acs-gate verify で確認してください。テスト用のプライベート PKI で意図的に署名したファイルの場合は、そのルート証明書を --trust で指定してください。',
  'installer.remediation.rootNotCovered': 'インストーラの証明書チェーンは、ACS 対応の判定で扱っていないルート証明書で終わっています。そのルート証明書を ACS のルート証明書の代わりとして使うテスト用のプライベート PKI であれば、--acs-root と --trust で指定してください。それ以外の場合は、端末のルート証明書ストアと照合できるよう --trust で指定するか、acs-gate verify でインストーラを確認し、Apex One サーバまたはトレンドマイクロから再度入手してください。',
  'installer.reason.ROOT_NOT_COVERED': 'インストーラの署名はルート証明書 {root} のもとでは有効ですが、この端末はこのルート証明書を信頼していません (または信頼しているか不明です)。このルート証明書は、端末の ACS 対応の判定で見ている ACS のルート証明書ではないため、端末の ACS 対応とは関係ありません。この端末では署名を検証できないと推定しています。その場合に Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がないため、ポップアップやイベントは示しません。',
  'installer.text.agentRisk': 'ACS で署名されたプログラムがこのセキュリティエージェントに適用された場合について、トレンドマイクロの Q&A には次のとおり記載されています: 「エージェントのプログラムおよびサービスが正しく機能しません。」「Windows セキュリティセンターとの間に問題が発生し、セキュリティエージェントと Microsoft Defender の両方が有効になる場合があります。これにより、ログインが遅くなったり、アプリケーションがハングアップしたり、エンドポイントが応答しなくなる可能性があります。」(トレンドマイクロの Q&A より)',
  // ---- 意図して仮定した情報 (report/assumptions.ts ASSUMPTION_LABELS) ----
  'assumption.online': 'オンライン (Windows Update のルート証明書リストを取得できる) と仮定',
  'assumption.rootAutoUpdate': 'ルート証明書の自動更新が有効と仮定',
  // ---- フリートの進行状況の行 (stderr) ----
  'terminal.progress': '{bar} {done} 台  {rate} 台/秒 ',
  // ---- stderr の日本語 (cli/stderr-ja.ts; {n} はパターンの n 番目のグループ) ----
  'stderr.error': '{1}: エラー: ',
  'stderr.usage': '使い方: ',
  'stderr.unknownCommand': '不明なコマンド "{1}" です (コマンド: {2})',
  'stderr.noInstaller': ': インストーラのファイルがありません',
  'stderr.outRequired': '--out DIR を指定してください',
  'stderr.noInventory': 'INVENTORY (入力) を指定してください',
  'stderr.machineRequired': '--machine PROFILE を指定してください',
  'stderr.badLang': '--lang には ja か en を指定してください ("{1}" が指定されました)',
  'stderr.noMachine': '{1} から読み込めた端末がありません',
  'stderr.failOnReport': '--fail-on {1} に該当しました (レポートは出力済みです: {2})',
  'stderr.failOn': '--fail-on {1} に該当しました: {2}',
  'stderr.cannotCreateOut': ': レポートのフォルダーを作成できません ({1})',
  'stderr.outIsInput': ': レポートの入力で、レポートで上書きされてしまいます。別の --out を指定してください',
  'stderr.unknownOption': ': 不明なオプション {1} です',
  'stderr.noValue': ': {1} には値を指定できません',
  'stderr.needsValue': ': {1} には値が必要です',
  'stderr.repeated': ': {1} が 2 回以上指定されています',
  // ---- 入力をスキップした理由、読み込めなかった理由 (messages/reasons-ja.ts; {n} はパターンの n 番目のグループ) ----
  'reasonJa.noSuchFileOrDirectory': 'ファイルまたはフォルダーがありません ({1})',
  'reasonJa.aLoopOfSymbolicLinks': 'シンボリック リンクがループしています ({1})',
  'reasonJa.readOnlyFileSystem1': '読み取り専用のファイル システムです ({1})',
  'reasonJa.permissionDenied1': 'アクセス権がありません ({1})',
  'reasonJa.operationNotPermitted1': '操作が許可されていません ({1})',
  'reasonJa.aPartOfThePath': 'パスの途中がフォルダーではなくファイルです ({1})',
  'reasonJa.aFolderNotAFile': 'ファイルではなくフォルダーです ({1})',
  'reasonJa.nameTooLong1': '名前が長すぎます ({1})',
  'reasonJa.tooManyOpenFiles1': '開いているファイルが多すぎます ({1})',
  'reasonJa.busyInUseOrA': '使用中です (使用中またはマウント ポイント) ({1})',
  'reasonJa.inputOutputError1': '入出力エラーです ({1})',
  'reasonJa.recognisedAnExcelWorkbookXlsx': 'Excel ブック (.xlsx) と認識しました。ブックは読み込まないため、Excel で開いて CSV (CSV UTF-8) として保存し、その .csv を指定してください',
  'reasonJa.recognisedAnExcel972003': 'Excel 97-2003 ブック (.xls) などの OLE 複合ファイルと認識しました。読み込まないため、CSV (CSV UTF-8) として保存し、その .csv を指定してください',
  'reasonJa.giveInsteadTheOutputsOf': '。代わりに collect\\acs-collect.cmd (reg query と certutil の出力は表示言語に左右されません) または acs-gate collect の出力、Get-ComputerInfo | ConvertTo-Json、あるいは英語か日本語の表示言語で実行した systeminfo を指定してください',
  'reasonJa.skipped': 'スキップ: ',
  'reasonJa.neitherAFileNorA': 'ファイルでもフォルダーでもありません',
  'reasonJa.aLinkWhoseTargetDoes': 'リンク先が存在しないリンクです',
  'reasonJa.aLinkThatCannotBe': 'たどれないリンクです: ',
  'reasonJa.theSameFolderAs1': '{1} と同じフォルダー (リンク) で、読み込み済みです',
  'reasonJa.theOutputFolderOfThis': 'このレポートの出力フォルダー (--out) です。入力としては読み込みません',
  'reasonJa.aFolderHoldingAReport': 'acs-gate fleet が出力したレポート (report.json) のフォルダーです。レポートは入力として読み込みません',
  'reasonJa.aReportWrittenByAcs': 'acs-gate fleet が出力したレポートです。レポートは入力として読み込みません',
  'reasonJa.deeperThan1FoldersBelow': '入力から {1} 階層より深いフォルダーのため読み込みません',
  'reasonJa.notReadInASub': '読み込みません (端末フォルダー {1} のサブフォルダー内)',
  'reasonJa.inASubFolderOf': ' (端末フォルダー {1} のサブフォルダー内)',
  'reasonJa.anOlderCollection1Is': '古い収集分です ({1} を使用しています)',
  'reasonJa.theDatedFolder1Beside': '隣の日付フォルダー {1} を使用しています (より新しく、そろっているセット)',
  'reasonJa.anIncompleteSet': 'そろっていないセットです (',
  'reasonJa.noExportInItGives': 'OS バージョンを示すエクスポートがありません',
  'reasonJa.noneOfIts1Dated': '{1} 個の日付フォルダーのどれにもそろったセットがありません。すべての情報が不明です',
  'reasonJa.noWindowsExportInIt': 'Windows のエクスポートがありません。すべての情報が不明です',
  'reasonJa.anEmptyFolderEveryFact': '空のフォルダーです。すべての情報が不明です',
  'reasonJa.noRecognisedExportInThe': 'フォルダーに認識できるエクスポートがありません (ファイル {1} 件。1 台分のエクスポート、フリートファイル、または端末ごとのフォルダーを指定してください)',
  'reasonJa.noRecognisedExportInThe2': 'フォルダーに認識できるエクスポートがありません (ファイル {1} 件)',
  'reasonJa.notAWindowsExportThis': '当ツールが読み込む Windows のエクスポートではありません',
  'reasonJa.anExcelWorkbookNotRead': 'Excel ブックのため読み込みません (当ツールが読み込むのは CSV です)。Excel で開いてシートを「CSV UTF-8」として保存し、その .csv を指定してください',
  'reasonJa.aPDFDocumentNotRead': 'PDF 文書のため読み込みません (エクスポートまたは CSV を指定してください)',
  'reasonJa.a1FileNotRead': '.{1} ファイルのため読み込みません (エクスポートまたは CSV を指定してください)',
  'reasonJa.aJSONFileThatIs': '端末プロファイルでも認識できるエクスポートでもない JSON ファイルです',
  'reasonJa.1BytesIsTooLarge': '{1} バイトあり、Windows のエクスポートとしては大きすぎるため読み込みません (上限 {2} バイト)',
  'reasonJa.1BytesNotAJSON': '{1} バイトあり、JSON / JSON Lines / CSV のフリートファイルではなく、Windows のエクスポートとしては大きすぎるため読み込みません (上限 {2} バイト)',
  'reasonJa.emptyFile': '空のファイルです',
  'reasonJa.noSuchFileOrDirectory2': 'ファイルまたはフォルダーがありません',
  'reasonJa.cannotReadDirectory': 'フォルダーを読み込めません: ',
  'reasonJa.cannotReadDirectory1': 'フォルダーを読み込めません ({1})',
  'reasonJa.cannotRead': '読み込めません: ',
  'reasonJa.cannotRead1': '読み込めません ({1})',
  'reasonJa.readError1': '読み込みエラーです ({1})',
  'reasonJa.notARegularFile': '通常のファイルではありません',
  'reasonJa.lineOf1BytesIs': '1 行が {1} バイトあり、上限の {2} バイトを超えるため読み込みません',
  'reasonJa.nestedDeeperThan1Levels': '配列やオブジェクトが {1} 階層より深く入れ子になっているため読み込みません',
  'reasonJa.nameMachineNameLongerThan': '端末名が {1} 文字を超えています (Windows のコンピューター名は NetBIOS 名で 15 文字、DNS ラベルで 63 文字まで、完全な DNS 名でも 255 文字までです)',
  'reasonJa.duplicateMachineName1Also': '端末名 "{1}" が重複しています ({2} にもあります)',
  'reasonJa.aMachineProfileMustBe': '端末プロファイルは JSON オブジェクトでなければなりません',
  'reasonJa.notARecognisedExport': '認識できるエクスポートではありません: ',
  'reasonJa.1BytesIsTooLarge2': '{1} バイトあり、1 つの JSON ファイルとしては大きすぎます (上限 {2} バイト)。JSON Lines にしてください',
  'reasonJa.invalidUTF8ByteS': 'UTF-8 のファイルに UTF-8 として正しくないバイトがあります (U+FFFD として読み、残りも UTF-8 として読みます)',
  'reasonJa.moreThan1BadLines': '読み込めない行が {1} 行を超えたため、ファイルの残りは読み込みません',
  'reasonJa.1FieldsWhereTheHeader': 'フィールドが {1} 個あります (ヘッダーは {2} 個)',
  'reasonJa.csvFleetNoHeaderRow': 'CSV のフリートファイル: ヘッダー行がありません',
  'reasonJa.noHeaderRow': 'ヘッダー行がありません',
  'reasonJa.recordLongerThan1Characters': '1 件のレコードが {1} 文字を超えています (引用符が閉じられていない可能性があります)',
  'reasonJa.unterminatedQuotedFieldAtEnd': 'ファイルの終わりで引用符が閉じられていません',
  'reasonJa.noDeviceNameAndOS': 'デバイス名と OS バージョンの列がありません (--columns name=COLUMN,version=COLUMN で指定してください)',
  'reasonJa.12IsNotWindows': '{1} "{2}" は Windows ではありません',
  'reasonJa.ubr1IsNotA': 'ubr "{1}" が数値ではありません',
  'reasonJa.ubr1ContradictsOsVersion': 'ubr {1} が os_version {2} と矛盾しています',
  'reasonJa.12IsNotTrue': '{1} "{2}" が true/false ではありません',
  'reasonJa.1IsLongerThan2': '{1} が {2} 文字を超えています',
  'reasonJa.aSHA1ThumbprintIs': 'SHA-1 の拇印は 16 進 40 桁です',
  'reasonJa.versionIsMajorMinorBuild': 'バージョンは メジャー.マイナー.ビルド の形です (例: 10.0.19044)',
  'reasonJa.hotfixIdsLookLikeKB5011487': 'ホットフィックスの ID は KB5011487 のような形です',
  'reasonJa.invalidInputExpected1Received': '入力が正しくありません (期待した型: {1}、実際: {2})',
  'reasonJa.profileJSON': '端末プロファイル JSON: ',
  'reasonJa.certificateJSON': '証明書 JSON: ',
  'reasonJa.mergedProfile': '統合した端末プロファイル: ',
  'reasonJa.getHotFixTableNoHeader': 'Get-HotFix (表形式): HotFixID の見出し行とその下の破線の行がありません',
  'reasonJa.noHotFixIDColumnInThe': 'ヘッダーに HotFixID 列がありません',
  'reasonJa.certutilStoreNoCertificateBlocks': 'certutil -store: 証明書のブロックがありません',
  'reasonJa.regQueryNoKeyFound': 'reg query: キーがありません',
  'reasonJa.expectedOneJSONObject': 'JSON オブジェクトが 1 つ必要です',
  'reasonJa.osVersion1Contradicts2': 'OS バージョン {1} が {3} の {2} と矛盾しています',
  'reasonJa.item1IsNotAn': '項目 [{1}] がオブジェクトではありません',
  'reasonJa.item1ThumbprintIsNot': '項目 [{1}] の Thumbprint が 16 進 40 桁ではありません',
  'reasonJa.certificateBlockWithoutACert': '"Cert Hash(sha1)" の行がない証明書ブロックがあります',
  'reasonJa.sha1Hash1Is': 'SHA-1 ハッシュ "{1}" が 16 進 40 桁ではありません',
  'reasonJa.unexpectedLine1': '読み取れない行があります: "{1}"',
  'reasonJa.1IsNotAREG': '{1} が REG_DWORD の 0x… 値ではありません ("{2}")',
  'reasonJa.12IsNotA': '{1} "{2}" が数値ではありません',
  'reasonJa.12IsNotA2': '{1} {2} が整数ではありません',
  'reasonJa.12IsNotMajor': '{1} "{2}" が メジャー.マイナー.ビルド の形ではありません',
  'reasonJa.aHeaderRowAndOne': 'ヘッダー行と 1 行のデータ行が必要ですが、データ行がありません',
  'reasonJa.moreThanOneDataRow': 'データ行が 2 行以上あります (1 ファイルに 1 台分です)',
  'reasonJa.theDataRowHas1': 'データ行のフィールドが {1} 個あります (ヘッダーは {2} 個)',
  'reasonJa.noOSVersionLineExpected': '"OS Version" の行がありません (例: "{1}")',
  'reasonJa.list.systeminfo': 'systeminfo (一覧形式または /fo csv)',
  'reasonJa.list.hotfix': 'Get-HotFix (表形式または | ConvertTo-Csv)',
  'reasonJa.list.profile': '、reg query、または端末プロファイルの JSON',
  'reasonJa.list.comma': '、',
  'reasonJa.beside.exportsOf': '{1} のエクスポート',
  'reasonJa.beside.fleetFiles': 'フリートファイル',
  'reasonJa.beside.machineFolders': '端末フォルダー',
  'reasonJa.beside.otherInputs': 'ほかの入力',
  'reasonJa.json.end': 'JSON が途中で終わっています',
  'reasonJa.json.unterminated': '文字列が閉じられていません{at}',
  'reasonJa.json.control': '文字列に使えない制御文字があります{at}',
  'reasonJa.json.after': 'JSON の後に余分な文字があります{at}',
  'reasonJa.json.syntax': 'JSON の構文が正しくありません{at}',
  'reasonJa.json.position': ' (位置 {pos})',
  'reasonJa.hint.systeminfoLanguage': '表示言語のラベルを読み取れない systeminfo の出力と認識しました (「ラベル: 値」の行 {n} 行、OS バージョン {version}{hotfixes}。読み取れるのは英語と日本語のラベルのみです)',
  'reasonJa.hint.hotfixEntries': '、ホットフィックス {n} 件',
  'reasonJa.hint.systeminfoCsv': '表示言語の列名を読み取れない systeminfo /fo csv と思われる CSV ({n} 列) と認識しました (OS バージョン {version}。読み取れるのは英語と日本語の列名のみです)',
  'reasonJa.exportNamesNoMachine': '端末名のないエクスポートで、{beside}と同じ場所にあり、どの端末のものかわかりません (その端末のフォルダーに入れてください)',
  'reasonJa.notProfileNorExport': '端末プロファイルではなく ("name" も "os" もありません)、認識できるエクスポートでもありません (読み込めるもの: {list})',
  'reasonJa.notRecognisedExpected': '認識できるエクスポートではありません (読み込めるもの: {list})',
  'reasonJa.moreThan': '{what} が {n} 件を超えています',
  'reasonJa.what.hotfixes': 'ホットフィックス',
  'reasonJa.what.root store entries': 'ルート ストアの項目',
  'reasonJa.what.sources': 'ソース',
  // ---- acs-gate verify の出力 (cli/format/verify.ts は .signtool のキー、verify-ja.ts はその他) ----
  'verify.verifying': '検証したファイル: {file}',
  'verify.format': '形式: {format}',
  'verify.version.note': 'バージョン情報: {note}',
  'verify.version.company': '会社名',
  'verify.version.description': '説明',
  'verify.version.product': '製品名',
  'verify.version.productVersion': '製品バージョン',
  'verify.version.fileVersion': 'ファイル バージョン',
  'verify.version.originalName': '元のファイル名',
  'verify.version.internalName': '内部名',
  'verify.version.copyright': '著作権',
  'verify.version.fixed': '{value} (固定 {fixed})',
  'verify.signature.primary': '署名 {index} (主署名)',
  'verify.signature.nested': '署名 {index} (入れ子の署名)',
  'verify.hash': 'ファイルのハッシュ ({algorithm}): {result}',
  'verify.hash.notCompared': '比較していません (その前に署名を拒否しました)',
  'verify.hash.matches': '署名された値と一致します',
  'verify.hash.differs': '署名された値と一致しません',
  'verify.signer': '署名者: {signer}',
  'verify.chain.signtool': '署名証明書チェーン:',
  'verify.chain.rootFirst': '署名証明書チェーン (ルートから):',
  'verify.cert.issuedTo.signtool': '発行先: {name}',
  'verify.cert.issuedBy.signtool': '発行者: {name}',
  'verify.cert.expires.signtool': '有効期限: {date}',
  'verify.cert.sha1.signtool': 'SHA1 ハッシュ: {sha1}',
  'verify.cert.issuedTo': '発行先: {name}',
  'verify.cert.expires': '有効期限: {date}',
  'verify.cert.sha1': 'SHA1 ハッシュ: {sha1}',
  'verify.timestamp.none.signtool': 'ファイルにタイムスタンプがありません。',
  'verify.timestamp.none': 'タイムスタンプ: なし',
  'verify.timestamp.at.signtool': '署名にタイムスタンプがあります ({kind}): {date}',
  'verify.timestamp.at': 'タイムスタンプ ({kind}): {date}',
  'verify.timestamp.invalid': '署名の {kind} タイムスタンプを検証できません (下記の TIMESTAMP_INVALID)。',
  'verify.timestamp.revoked': '署名に {kind} タイムスタンプがありますが、使っていません: その証明書チェーンの証明書が失効しています (下記の CERT_REVOKED)。',
  'verify.timestamp.lifetime': '署名に {kind} タイムスタンプがありますが、使っていません: 署名者の証明書は有効期間署名 (lifetime signing) 用のため、検証時刻で判定します。',
  'verify.timestamp.chain': 'タイムスタンプの検証に使った証明書:',
  'verify.revocation': '失効の確認: {summary}',
  'verify.revocation.detail': '{chain} チェーン、{subject}: {status} ({message})',
  'verify.revocation.not-checked': '確認していません (--crl で CRL を指定すると確認します)',
  'verify.revocation.good': '失効していません (指定された CRL で確認)',
  'verify.revocation.unknown': '判定できません (指定された CRL では確認できない証明書があります)',
  'verify.revocation.revoked': '失効しています',
  'verify.acs.signature.signtool': 'Azure Code Signing (ACS): {yesNo}',
  'verify.acs.signature': 'Azure Code Signing (ACS) による署名: {yesNo}',
  'verify.catalog.signtool': 'カタログで署名されています: {file}{member} ({hashKind} {algorithm} {digest})',
  'verify.catalog.member': ' ("{member}" として)',
  'verify.catalog.signature.signtool': 'カタログの署名: {state}',
  'verify.catalog.holds': '有効',
  'verify.catalog.fails': '無効',
  'verify.catalog': 'カタログで署名されています: {file} (カタログの署名: {state})',
  'verify.success.signtool': '検証できました: {file}',
  'verify.acs': 'ACS: {yesNo}',
  'verify.error.signtool': 'SignTool エラー: {error}',
  'verify.noSignature.signtool': '署名がありません',
  'verify.verdict': '判定: {verdict}',
  'verify.totals.signtool': '検証できたファイルの数: {ok}\n警告の数: 0\nエラーの数: {errors}',
  'verify.totals': '{total} 件中 {ok} 件の署名を検証できました。{errors} 件は有効ではありません',
  'verify.failure.MALFORMED_PE': 'PE のヘッダーまたはオフセットの整合性が取れていません',
  'verify.failure.MALFORMED_MSI': 'MSI (複合ファイル) の構造の整合性が取れていません',
  'verify.failure.UNKNOWN_FORMAT': '当ツールが読み取れる形式のファイルではありません',
  'verify.failure.TRUNCATED_FILE': '構造がファイルの末尾を越えています (ファイルが途中で切れています)',
  'verify.failure.NOT_SIGNED': '署名がありません',
  'verify.failure.BAD_CERT_TABLE': '証明書テーブル (WIN_CERTIFICATE) の整合性が取れていません',
  'verify.failure.CERT_TABLE_NOT_AT_END': '証明書テーブルがファイルの末尾にありません',
  'verify.failure.TRAILING_DATA': '署名の後ろに余分なデータがあります',
  'verify.failure.PADDING_AFTER_SIGNATURE': '署名データ (PKCS #7) の後ろに余分なデータがあります (CVE-2013-3900)',
  'verify.failure.UNREACHABLE_MSI_DATA': 'どのエントリからも参照されない MSI のデータがあります (CVE-2020-1464 の類)',
  'verify.failure.MALFORMED_CAB': 'キャビネット ファイルの構造の整合性が取れていません',
  'verify.failure.MALFORMED_CATALOG': 'カタログ ファイルの内容がファイル ハッシュの一覧ではありません',
  'verify.failure.MALFORMED_SCRIPT': 'スクリプトの署名ブロックの形式が正しくありません',
  'verify.failure.MALFORMED_APPX': 'APPX / MSIX パッケージの構造の整合性が取れていません',
  'verify.failure.APPX_DIGEST_MISMATCH': 'APPX の署名されたダイジェストがパッケージと一致しません',
  'verify.failure.APPX_BLOCKMAP_MISMATCH': 'APPX のブロック マップがパッケージの内容と一致しません',
  'verify.failure.NOT_IN_CATALOG': 'ファイルのハッシュが指定されたカタログにありません',
  'verify.failure.CATALOG_INVALID': 'ファイルを含むカタログの署名が有効ではありません',
  'verify.failure.MALFORMED_SIGNATURE': '署名データ (PKCS #7) を読み取れません',
  'verify.failure.UNSUPPORTED_ALGORITHM': '当ツールが対応していないアルゴリズムです',
  'verify.failure.WEAK_DIGEST': 'MD5 が使われています (拒否します)',
  'verify.failure.DIGEST_ALGORITHM_MISMATCH': '署名の各部分のダイジェスト アルゴリズムが一致しません',
  'verify.failure.DIGEST_MISMATCH': 'ファイルのハッシュが署名された値と一致しません (ファイルが変更されています)',
  'verify.failure.MSI_DSE_MISMATCH': 'MSI のメタデータのハッシュ (MsiDigitalSignatureEx) が一致しません',
  'verify.failure.UNSUPPORTED_DATA_TYPE': '署名が示すデータの種類を比較できません',
  'verify.failure.MESSAGE_DIGEST_MISMATCH': '署名属性のダイジェスト (messageDigest) が一致しません',
  'verify.failure.SIGNER_NOT_FOUND': '署名者の証明書が署名データにありません',
  'verify.failure.BAD_SIGNATURE': '署名者の署名を証明書の鍵で検証できません',
  'verify.failure.TIMESTAMP_INVALID': 'タイムスタンプを検証できません',
  'verify.failure.UNTRUSTED_ROOT': '証明書チェーンが信頼されたルート証明書で終わっていません',
  'verify.failure.CHAIN_INCOMPLETE': '証明書チェーンを構築できません (発行者の証明書がありません)',
  'verify.failure.CHAIN_SIGNATURE_INVALID': '証明書チェーンの発行者の署名を検証できません',
  'verify.failure.CERT_EXPIRED': '証明書チェーンの証明書の有効期限が切れています',
  'verify.failure.CERT_NOT_YET_VALID': '証明書チェーンの証明書がまだ有効になっていません',
  'verify.failure.NOT_A_CA': '発行者の証明書が CA 証明書ではありません',
  'verify.failure.PATH_LENGTH_EXCEEDED': 'CA 証明書のパス長の制約を超えています',
  'verify.failure.EKU_NOT_CODE_SIGNING': '署名者の証明書がコード署名に使えません (拡張キー使用法)',
  'verify.failure.KEY_USAGE_INVALID': '署名者の証明書の鍵使用法にデジタル署名がありません',
  'verify.failure.CERT_REVOKED': '証明書が失効しています (指定された CRL による)',
  'verify.failure.NOT_ACS_ROOT': '署名は有効ですが、証明書チェーンが ACS のルート証明書で終わっていません',
  'verify.failure.ACS_EKU_MISSING': '署名は有効ですが、署名者の証明書に ACS の拡張キー使用法がありません',
  'verify.failure.NONSTANDARD_DATA_TYPE': '署名は PE のダイジェストで有効と判定しましたが、データの種類が標準ではありません',
  'verify.failure.IO_ERROR': 'ファイルを読み込めません',
  'verify.failure.BAD_TRUST_INPUT': '指定された証明書、CRL、または検証時刻を使えません',
};
