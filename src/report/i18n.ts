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
  unguarded: { ja: '保護なし', en: 'Unguarded' },
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
