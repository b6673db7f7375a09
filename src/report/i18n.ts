/** Labels of the fleet report in Japanese and English. */
export const LABELS = {
  title: { ja: 'ACS 対応状況レポート', en: 'ACS readiness report' },
  generated: { ja: '作成日時', en: 'Generated' },
  inputs: { ja: '入力', en: 'Inputs' },
  installers: { ja: 'インストーラ', en: 'Installers' },
  machines: { ja: '端末数', en: 'Machines' },
  ready: { ja: '対応済み', en: 'Ready' },
  notReady: { ja: '未対応', en: 'Not ready' },
  unknown: { ja: '不明', en: 'Unknown' },
  importErrors: { ja: '読み込みエラー', en: 'Import errors' },
  skipped: { ja: '読み込まなかった項目', en: 'Skipped' },
  reason: { ja: '理由', en: 'Reason' },
  byWindows: { ja: 'Windows バージョン別', en: 'By Windows version' },
  byReason: { ja: '理由別', en: 'By reason' },
  fixFirst: { ja: '優先して対応する端末', en: 'Machines to fix first' },
  fixFirstNote: {
    ja: '未対応の端末を先に、ブロックされるインストール経路の多い順に並べています。',
    en: 'Not-ready machines first, then those blocked on the most install paths.',
  },
  machine: { ja: '端末', en: 'Machine' },
  windows: { ja: 'Windows', en: 'Windows' },
  why: { ja: '理由', en: 'Why' },
  remediation: { ja: '対処', en: 'Remediation' },
  steps: { ja: '対処手順ごとの端末数', en: 'Machines per remediation step' },
  step: { ja: '手順', en: 'Step' },
  otherSteps: { ja: '(その他の手順)', en: '(other steps)' },
  perPath: { ja: 'インストール経路ごとの結果', en: 'What each install path would do' },
  allowed: { ja: '許可', en: 'Allowed' },
  blocked: { ja: 'ブロック', en: 'Blocked' },
  // 「保護なし」 read as "no antivirus": the agent installed the program without its ACS check (issue 18.5)
  unguarded: { ja: 'チェックなしで導入', en: 'Installs unchecked' },
  downloads: { ja: 'ダウンロード回数', en: 'Downloads' },
  popupsSeen: { ja: 'ユーザーに表示されるポップアップ', en: 'Popups users would see' },
  noPopups: { ja: 'ポップアップなし', en: 'No popup' },
  eventsLogged: { ja: '記録されるイベント', en: 'Events logged' },
  seenBy: { ja: '表示される端末数', en: 'Machines' },
  verifications: { ja: 'インストーラの署名検証', en: 'Installer signature checks' },
  needAcs: { ja: 'ACS 対応が必要なモジュール', en: 'Modules that need ACS support' },
  trust: { ja: '信頼するルート', en: 'Trust' },
  verdict: { ja: '判定', en: 'Verdict' },
  allMachines: { ja: '端末一覧', en: 'All machines' },
  truncated: {
    ja: '先頭の端末のみ表示しています。全件は report.csv / report.json にあります。',
    en: 'Only the first machines are shown; report.csv and report.json have them all.',
  },
  source: { ja: '入力元', en: 'Source' },
  line: { ja: '行', en: 'Line' },
  error: { ja: 'エラー', en: 'Error' },
  none: { ja: 'なし', en: 'None' },
  language: { ja: 'English', en: '日本語' },
  logName: { ja: 'ログの名前', en: 'Log Name' },
  eventSource: { ja: 'ソース', en: 'Source' },
  eventId: { ja: 'イベント ID', en: 'Event ID' },
  level: { ja: 'レベル', en: 'Level' },
  description: { ja: '説明', en: 'Description' },
  yes: { ja: 'はい', en: 'yes' },
  worstCase: { ja: '最悪の場合', en: 'worst case' },
  unknownNote: {
    ja: '不明: 判定に必要な情報が不足している端末 (未対応やブロックとは別に数えています)',
    en: 'unknown: a fact needed for the verdict is missing (counted apart from not ready and blocked)',
  },
  seenIfUnfavourable: { ja: '情報が不利な場合に表示される端末数', en: 'Machines that would see it if their missing facts turn out unfavourable' },
  ifUnfavourable: { ja: '情報が不利な場合', en: 'if missing facts are unfavourable' },
  textOurs: {
    ja: '本文は当ツールの文言で、トレンドマイクロや Microsoft のものではありません (実際の文言は公開されていません)',
    en: "The text is ours, not Trend Micro's or Microsoft's (the real wording is not published)",
  },
  textTranslation: {
    ja: '本文はトレンドマイクロの日本語の文言を当ツールが英訳したものです',
    en: "The text is our translation of Trend Micro's Japanese text",
  },
  titleOurs: { ja: 'タイトルは当ツールの文言で、トレンドマイクロや Microsoft のものではありません', en: "The title is ours, not Trend Micro's or Microsoft's" },
  windowEndpoint: { ja: '端末に表示', en: 'on the endpoint' },
  windowConsole: { ja: '管理コンソールに表示', en: 'on the management console' },
  windowServer: { ja: 'サーバに表示', en: 'on the server' },
  assumptions: { ja: 'このレポートの仮定 (エクスポートにない情報)', en: 'Assumed for this report (facts the exports do not give)' },
  no: { ja: 'いいえ', en: 'no' },
  // ---- issue 18 (appended): installer problems, FAQ text vs our inference, offline fix files ----
  installerProblems: { ja: 'インストーラ自体の署名の問題', en: "The installer's own signature fails" },
  installerProblemNote: {
    ja: '端末の ACS 対応とは関係なく、このインストーラはどの端末でも署名の検証に失敗します。対象の端末はブロックとして数えていますが、ACS のポップアップは表示しません (このとき Windows やセキュリティエージェントが表示する内容はトレンドマイクロの Q&A に記載がありません)。',
    en: "Whatever the machines' ACS support, this installer fails signature verification on every machine. Its runs count as blocked, without the ACS popups (what Windows and the agent show then is not in Trend Micro's Q&A).",
  },
  rootNotCovered: { ja: 'インストーラの証明書チェーンが ACS 対応の判定で扱っていないルート証明書で終わっています', en: "The installer's chain ends at a root the ACS readiness model does not cover" },
  rootNotCoveredNote: {
    ja: 'このルート証明書を信頼していない端末は、端末の ACS 対応とは別に数えています。署名を検証できないとしてブロックに数えるのは当ツールの推定です (ルート証明書ストアが不明な端末は不明)。この場合に Windows とエージェントが表示する内容は Q&A に記載がないため、このレポートではポップアップを示しません。',
    en: "Machines whose trust does not hold this root are counted apart from their ACS support. Counting them as blocked (the signature does not verify there) is our inference; machines whose Root store is not known are unknown. What Windows and the agent show in this case is not in the Q&A, so this report shows no popup for it.",
  },
  rootOf: { ja: 'ルート証明書', en: 'Root' },
  blockedByRoot: { ja: 'うち判定外のルート証明書が原因', en: 'of which by a root outside the readiness model' },
  failureCodes: { ja: '失敗コード', en: 'Failure codes' },
  fix: { ja: '対処', en: 'Fix' },
  blockedByInstaller: { ja: 'うちインストーラの署名が原因', en: 'of which by the installer itself' },
  sourceFaq: { ja: 'トレンドマイクロの Q&A に記載の文言', en: "Trend Micro's Q&A text" },
  sourceInferred: { ja: '当社の推定', en: 'our inference' },
  markInferred: { ja: '［当社の推定］', en: '[our inference]' },
  examplePath: { ja: 'パスは説明用の例です', en: 'the path is an example' },
  notInFaq: {
    ja: 'トレンドマイクロの Q&A に記載がないため表示しません',
    en: "not shown: Trend Micro's Q&A does not state it",
  },
  rootFile: { ja: 'ルート証明書ファイル', en: 'Root certificate file' },
  unguardedNote: {
    ja: 'チェックなしで導入: ACS チェック機能のないエージェントが、この端末では動作しないプログラムを導入してしまう',
    en: 'unguarded: an agent without the ACS check installs a program this machine cannot run',
  },
} as const;

export type LabelKey = keyof typeof LABELS;

export const REASON_LABELS: Record<string, { ja: string; en: string }> = {
  OS_NO_ACS_SUPPORT: { ja: 'OS が ACS に対応しない', en: 'Windows never supports ACS' },
  OS_PATCH_MISSING: { ja: 'Windows 更新プログラムが未適用', en: 'Windows update missing' },
  ROOT_NOT_TRUSTED: { ja: 'ルート証明書が未登録', en: 'Root certificate not trusted' },
  FACT_UNKNOWN: { ja: '情報が不足', en: 'Facts missing' },
  OS_UNRECOGNIZED: { ja: 'OS を判別できない', en: 'Windows version not recognised' },
};

/** The facts a FACT_UNKNOWN reason names (its `fact`), as the reader calls them. */
export const FACT_LABELS: Record<string, { ja: string; en: string }> = {
  'os.version': { ja: 'OS のバージョン', en: 'OS version' },
  'os.ubr': { ja: 'UBR (更新ビルド リビジョン)', en: 'UBR (update build revision)' },
  'os.productType': { ja: 'クライアントかサーバーか', en: 'client or server edition' },
  hotfixes: { ja: 'インストール済みの更新プログラム', en: 'installed updates' },
  rootStore: { ja: '信頼されたルート証明機関ストアの内容', en: 'Trusted Root store contents' },
  rootAutoUpdate: { ja: 'ルート証明書の自動更新の設定', en: 'automatic root certificate update setting' },
  online: { ja: 'Windows Update への接続可否', en: 'whether it can reach Windows Update' },
};

/**
 * The verification table's trust column: report.json / report.csv keep the English value (VerificationSummary.trust,
 * language-neutral data); the page shows it in both languages.
 */
export const TRUST_LABELS: Record<string, { ja: string; en: string }> = {
  'root in store': { ja: '信頼されたルート証明機関ストアに登録済み', en: 'root in store' },
  'root via automatic update': { ja: 'ルート証明書の自動更新で取得', en: 'root via automatic update' },
  'root missing': { ja: 'ルート証明書が未登録', en: 'root missing' },
  'root unknown': { ja: 'ルート証明書の有無が不明', en: 'root unknown' },
};

/**
 * Texts of report.html's first screen, banners, machine list and popups (appended; LABELS keeps the older
 * ones). `{name}` placeholders are filled by the page; English nouns after a count have a singular and a
 * plural key (`machineOne` / `machineMany`), Japanese counts read "19 台中 11 台".
 */
export const PAGE_LABELS = {
  summaryLine: {
    ja: '{total} 台中 {ready} 台が対応済み、{notReady} 台が未対応、{unknown} 台が不明です。',
    en: '{ready} of {total} {machines} ready, {notReady} not ready, {unknown} unknown.',
  },
  machineOne: { ja: '台', en: 'machine' },
  machineMany: { ja: '台', en: 'machines' },
  nMachines: { ja: '{n} 台', en: '{n} {machines}' },
  stepOne: { ja: '件', en: 'step' },
  stepMany: { ja: '件', en: 'steps' },
  perPathCounts: { ja: 'インストール経路ごとの台数', en: 'Machines per install path' },
  installPath: { ja: 'インストール経路', en: 'Install path' },
  fixFirstMore: {
    ja: '対処が必要な {total} 台のうち、優先度の高い {shown} 台を表示しています (ほかに {rest} 台)。',
    en: 'Showing the {shown} most urgent of {total} {machines} to fix ({rest} more).',
  },
  fixFirstAll: { ja: '対処が必要な {total} 台をすべて表示しています。', en: 'All {total} {machines} to fix are shown.' },
  showAllToFix: { ja: '対処が必要な端末をすべて端末一覧に表示', en: 'Show all machines to fix in the machine list' },
  stepsMore: { ja: 'ほかに {n} 件の手順があります (端末一覧を「対処手順」で絞り込めます)。', en: '{n} more {steps} (filter the machine list by fix step).' },
  searchLabel: { ja: '端末名で検索', en: 'Search by machine name' },
  filterAll: { ja: 'すべて', en: 'All' },
  filterReady: { ja: 'ACS 対応', en: 'ACS readiness' },
  filterToFix: { ja: '未対応または不明', en: 'Not ready or unknown' },
  filterReason: { ja: '理由', en: 'Reason' },
  filterWindows: { ja: 'Windows', en: 'Windows' },
  filterStep: { ja: '対処手順', en: 'Fix step' },
  matches: { ja: '該当 {n} 台', en: 'Matching: {n} {machines}' },
  pageRange: { ja: '{from}〜{to} 台目を表示', en: 'Showing {from}–{to}' },
  prevPage: { ja: '前へ', en: 'Previous' },
  nextPage: { ja: '次へ', en: 'Next' },
  noMatch: { ja: '該当する端末はありません。', en: 'No machine matches.' },
  clearFilters: { ja: '絞り込みを解除', en: 'Clear filters' },
  exportCsv: { ja: '表示中の端末を CSV で保存', en: 'Save these machines as CSV' },
  sortHint: { ja: '列の見出しをクリックすると並べ替えます。', en: 'Click a column heading to sort.' },
  needsScript: { ja: '端末一覧の表示には JavaScript が必要です。全件は report.csv にあります。', en: 'The machine list needs JavaScript; report.csv has every machine.' },
  readyColumn: { ja: 'ACS 対応', en: 'ACS ready' },
  acsSigned: { ja: 'ACS 署名', en: 'ACS-signed' },
  installerInvalid: { ja: 'インストーラ自体の署名検証に失敗しました', en: "The installer's own signature check failed" },
  installerInvalidFix: {
    ja: '端末の ACS 対応とは関係のない問題です。インストーラを配布元から入手し直してください。独自のテスト用 PKI で署名したファイルであれば、そのルート証明書を --trust で指定してください。この場合に Windows とエージェントが表示する内容は Q&A に記載がないため、このレポートでは推定していません。',
    en: "This is not about the machines' ACS support. Obtain the installer again from its source; for a file signed by a private test PKI, give its root certificate with --trust. What Windows and the agent show in this case is not in the Q&A, so this report does not guess it.",
  },
  failureCodes: { ja: '失敗コード', en: 'Failure codes' },
  verdictValid: { ja: '有効', en: 'valid' },
  verdictInvalid: { ja: '無効', en: 'invalid' },
  verdictUnsigned: { ja: '署名なし', en: 'unsigned' },
  verdictMalformed: { ja: '破損', en: 'malformed' },
  inputsNotRead: { ja: '読み込まなかった入力があります', en: 'Some inputs were not read' },
  skippedCount: { ja: '読み込まなかったファイル・行: {n} 件', en: 'Files and lines skipped: {n}' },
  importErrorCount: { ja: '読み込めなかったファイル・行: {n} 件', en: 'Unreadable files and lines: {n}' },
  listedBelow: { ja: '一覧はこのページの末尾にあります。', en: 'They are listed at the end of this page.' },
  firstListed: { ja: '先頭の {shown} 件を表示しています (全 {n} 件)。', en: 'The first {shown} of {n} are listed.' },
  faqMark: { ja: '(トレンドマイクロの Q&A より)', en: "(from Trend Micro's Q&A)" },
  inferred: { ja: '当社の推定', en: 'our inference' },
  inferredTranslation: { ja: '当社の推定 (Q&A の日本語の文言を当社が英訳)', en: "our inference (our translation of the Q&A's Japanese text)" },
  inferredOfficial: { ja: '当社の推定 (Windows の標準の文言。Q&A には記載なし)', en: "our inference (Windows' standard text; not in the Q&A)" },
  titleInferred: { ja: 'タイトルは当社の推定', en: 'the title is our inference' },
  eventMetaInferred: { ja: 'ソースとレベルは当社の推定 (Q&A には記載なし)', en: 'source and level are our inference (not in the Q&A)' },
  closeButton: { ja: '閉じる', en: 'Close' },
  levelError: { ja: 'エラー', en: 'Error' },
  levelWarning: { ja: '警告', en: 'Warning' },
  levelInformation: { ja: '情報', en: 'Information' },
  loggedOn: { ja: '記録される端末数', en: 'Machines' },
  examplePath: { ja: 'パスは例です', en: 'paths are examples' },
  unknownWindows: { ja: '不明', en: 'Unknown' },
  csvFileName: { ja: 'report-端末一覧.csv', en: 'report-machines.csv' },
} as const;

export type PageLabelKey = keyof typeof PAGE_LABELS;

/** Decisions of a path run, as the reader calls them (report.csv, the terminal, the page). */
export const DECISION_LABELS: Record<'allowed' | 'blocked' | 'unguarded' | 'unknown', { ja: string; en: string }> = {
  allowed: { ja: '許可', en: 'allowed' },
  blocked: { ja: 'ブロック', en: 'blocked' },
  unguarded: { ja: 'チェックなしで導入', en: 'unguarded' },
  unknown: { ja: '不明', en: 'unknown' },
};

/** The verifier's verdicts, as the reader calls them. */
export const VERDICT_LABELS: Record<string, { ja: string; en: string }> = {
  valid: { ja: '有効', en: 'valid' },
  invalid: { ja: '無効', en: 'invalid' },
  unsigned: { ja: '署名なし', en: 'unsigned' },
  malformed: { ja: '形式が不正', en: 'malformed' },
};

/** Readiness of a machine (true / false / unknown), as the reader calls it. */
export const READY_LABELS: Record<'true' | 'false' | 'unknown', { ja: string; en: string }> = {
  true: { ja: '対応済み', en: 'ready' },
  false: { ja: '未対応', en: 'not ready' },
  unknown: { ja: '不明', en: 'unknown' },
};

/** What one agent update cycle came to (CycleSummary.outcome). */
export const CYCLE_OUTCOME_LABELS: Record<string, { ja: string; en: string }> = {
  installed: { ja: 'インストール済み', en: 'installed' },
  'installed-unguarded': { ja: 'チェックなしで導入', en: 'installed-unguarded' },
  blocked: { ja: 'ブロック', en: 'blocked' },
  'check-failed': { ja: 'チェックに失敗', en: 'check-failed' },
  'periodic-check-only': { ja: '定期チェックのみ (ダウンロードなし)', en: 'periodic-check-only' },
  'patterns-only': { ja: 'パターンファイルのみ', en: 'patterns-only' },
  'up-to-date': { ja: '最新', en: 'up-to-date' },
};

/** The Windows line column when the OS was not recognised. */
export const UNKNOWN_WINDOWS_LABEL = { ja: '(不明)', en: '(unknown)' } as const;

/** report.csv's header cells per language (CSV_FIXED_COLUMNS order), and the suffix of the worst-case columns. */
export const CSV_HEADER_LABELS: Record<string, { ja: string; en: string }> = {
  name: { ja: '端末名', en: 'name' },
  source: { ja: '入力元', en: 'source' },
  ready: { ja: 'ACS 対応', en: 'ready' },
  windows: { ja: 'Windows', en: 'windows' },
  version: { ja: 'バージョン', en: 'version' },
  ubr: { ja: 'UBR', en: 'ubr' },
  reasons: { ja: '理由', en: 'reasons' },
  remediation: { ja: '対処', en: 'remediation' },
  assumed: { ja: '仮定した情報', en: 'assumed' },
  worstCase: { ja: '最悪の場合', en: 'worst case' },
};
