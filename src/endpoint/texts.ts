/**
 * The readiness texts in both languages, side by side: one entry per reason variant and remediation step.
 * `{name}` placeholders are filled from the evidence (fillText). Commands, KB numbers, URLs, file names and
 * Windows line names stay verbatim in both languages. English is the reference: it must not change (the
 * readiness tests compare it); Japanese follows Trend Micro / Microsoft Japanese support articles and the
 * seed's terms (ルート証明書の自動更新, 信頼されたルート証明機関, Windows セキュリティパッチ).
 */
export type TextLang = 'ja' | 'en';

export interface Bilingual {
  en: string;
  ja: string;
}

/** A placeholder value: the same in both languages, or one per language (lists joined with "or" / "または"). */
export type TextParam = string | number | Bilingual;

export const READINESS_TEXTS = {
  // ---- reasons (Readiness.reasons[].message) ----
  'reason.OS_NO_ACS_SUPPORT': {
    en: '{line} (build {build}) has no update that adds ACS support',
    ja: '{line} (ビルド {build}) には、ACS に対応するための更新プログラムが提供されていません',
  },
  'reason.OS_PATCH_MISSING.ubr': {
    en: '{line}: build {build}.{ubr} is below {build}.{minUbr} and {kbs} is not installed',
    ja: '{line}: ビルド {build}.{ubr} は {build}.{minUbr} 未満で、{kbs} もインストールされていません',
  },
  'reason.OS_PATCH_MISSING.kb': {
    en: '{line}: the installed updates include neither {kbs} nor a later monthly rollup (known through {through}, the newest {newestKnown})',
    ja: '{line}: インストール済みの更新プログラムに {kbs} も、それ以降のマンスリー ロールアップ ({through} までを把握、最新は {newestKnown}) も含まれていません',
  },
  'reason.FACT_UNKNOWN.laterKb': {
    en: '{line}: {newer} is newer than every update known here (known through {through}, the newest {newestKnown}); if it is a monthly rollup for this Windows version it contains the fix, but that cannot be told from its number',
    ja: '{line}: {newer} は、ここで把握している更新プログラム ({through} まで、最新は {newestKnown}) より新しいものです。この Windows バージョンのマンスリー ロールアップであれば修正が含まれますが、番号だけでは判別できません',
  },
  'reason.FACT_UNKNOWN.os.ubr.noHotfixes': {
    en: '{line}: build {build} alone cannot decide: {build}.{minUbr} or later, or {kbs}, is needed, and neither the UBR (update build revision) nor the installed hotfixes are known (systeminfo has no UBR)',
    ja: '{line}: ビルド {build} だけでは判定できません。{build}.{minUbr} 以降、または {kbs} の適用が必要ですが、UBR (更新ビルド リビジョン) もインストール済みの更新プログラムも不明です (systeminfo の出力には UBR が含まれません)',
  },
  'reason.FACT_UNKNOWN.os.ubr.kbNotListed': {
    en: '{line}: build {build} with unknown UBR (update build revision): the hotfix list does not include {kbs}, but a later cumulative update (UBR {minUbr} or later) also qualifies, so the UBR decides',
    ja: '{line}: ビルド {build} の UBR (更新ビルド リビジョン) が不明です。更新プログラムの一覧に {kbs} はありませんが、それ以降の累積更新プログラム (UBR {minUbr} 以降) でも要件を満たすため、UBR によって判定が決まります',
  },
  'reason.FACT_UNKNOWN.hotfixes': {
    en: '{line} is rollup-based: only the installed KBs can tell ({kbsOr}); the hotfix list is unknown',
    ja: '{line} はロールアップ方式のため、インストール済みの KB でのみ判定できます ({kbsOr})。インストール済みの更新プログラムの一覧が不明です',
  },
  'reason.FACT_UNKNOWN.os.version': {
    en: 'the OS version (major.minor.build) is unknown',
    ja: 'OS のバージョン (メジャー.マイナー.ビルド) が不明です',
  },
  'reason.FACT_UNKNOWN.os.productType': {
    en: 'build {version} is {lines}, which differ for ACS; whether it is a client or a server edition is unknown',
    ja: 'ビルド {version} は {lines} のいずれかで、ACS の要件が異なります。クライアントかサーバーかが不明です',
  },
  'reason.OS_UNRECOGNIZED.noLine': {
    en: 'OS version {version} maps to no Windows line in the KB5022661 table',
    ja: 'OS バージョン {version} は、KB5022661 の表のどの Windows バージョンにも該当しません',
  },
  'reason.OS_UNRECOGNIZED.product': {
    en: 'OS version {version} is not a known {product} Windows line (known: {known})',
    ja: 'OS バージョン {version} は、既知の{product}版 Windows に該当しません (該当するバージョン: {known})',
  },
  'reason.ROOT_NOT_TRUSTED.autoUpdateOff': {
    en: 'Microsoft Identity Verification Root Certificate Authority 2020 is not in the Root store ({count}) and automatic root update is disabled',
    ja: 'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」が信頼されたルート証明機関ストア (証明書 {count} 件) になく、ルート証明書の自動更新も無効化されています',
  },
  'reason.ROOT_NOT_TRUSTED.offline': {
    en: 'Microsoft Identity Verification Root Certificate Authority 2020 is not in the Root store ({count}) and the machine is offline',
    ja: 'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」が信頼されたルート証明機関ストア (証明書 {count} 件) になく、端末はオフライン環境です',
  },
  'reason.FACT_UNKNOWN.rootStore': {
    en: 'the Root store contents are unknown',
    ja: '信頼されたルート証明機関ストアの内容が不明です',
  },
  'reason.FACT_UNKNOWN.rootAutoUpdate': {
    en: 'whether automatic root update is enabled is unknown',
    ja: 'ルート証明書の自動更新が有効かどうかが不明です',
  },
  'reason.FACT_UNKNOWN.online': {
    en: 'whether the machine can reach Windows Update is unknown',
    ja: '端末が Windows Update に接続できるかどうかが不明です',
  },

  // ---- remediation steps (Readiness.remediation[]) ----
  'remediation.OS_PATCH_MISSING.latest': {
    en: 'Install the latest cumulative update for {line} (see KB5022661: {kb5022661})',
    ja: '{line} に最新の累積更新プログラム (Windows セキュリティパッチ) を適用してください (KB5022661 を参照: {kb5022661})',
  },
  'remediation.OS_PATCH_MISSING.kbs': {
    en: 'Install {kbsOr} (or a later cumulative update) on {line}: {catalog} (KB5022661: {kb5022661})',
    ja: '{kbsOr} (またはそれ以降の累積更新プログラム) を {line} に適用してください: {catalog} (KB5022661: {kb5022661})',
  },
  'remediation.OS_PATCH_MISSING.newest': {
    en: 'Install the latest {kind} for {line} ({newestKnown} of {month} or later; every one since {firstKb} contains the fix): {catalog} (KB5022661: {kb5022661})',
    ja: '{line} に最新の{kind}を適用してください ({month} の {newestKnown} 以降。{firstKb} 以降のものにはすべて修正が含まれます): {catalog} (KB5022661: {kb5022661})',
  },
  'remediation.FACT_UNKNOWN.laterKb.accept': {
    en: 'If {kb} is a {kind} for {line}, it contains the fix: accept it with --accept-kb {kb} (or "acceptKbs": ["{kb}"] in the file given to --policy)',
    ja: '{kb} が {line} の{kind}であれば修正が含まれています。--accept-kb {kb} (または --policy に指定するファイルの "acceptKbs": ["{kb}"]) で対象として認めてください',
  },
  'remediation.FACT_UNKNOWN.laterKb.check': {
    en: 'Check what {kb} is in the Microsoft Update Catalog: {catalog}',
    ja: '{kb} が何の更新プログラムかを Microsoft Update カタログで確認してください: {catalog}',
  },
  'remediation.OS_NO_ACS_SUPPORT': {
    en: '{line} never gets ACS support: upgrade to a Windows version listed in KB5022661 ({kb5022661})',
    ja: '{line} は ACS に対応しません。KB5022661 に記載されている Windows バージョンにアップグレードしてください ({kb5022661})',
  },
  'remediation.OS_NO_ACS_SUPPORT.note': {
    en: '{line} never gets ACS support: upgrade to a Windows version listed in KB5022661 ({kb5022661}) ({note})',
    ja: '{line} は ACS に対応しません。KB5022661 に記載されている Windows バージョンにアップグレードしてください ({kb5022661}) ({note})',
  },
  // one step with its alternatives: the root by certutil or PowerShell, or automatic root update
  // the root file ships in the package (certs/) and is written next to the fleet report; Microsoft publishes it in
  // its PKI repository (docs: ../shared/docs/acs-facts.md, "Certificates"); the thumbprints let an admin check a copy
  'remediation.ROOT_NOT_TRUSTED': {
    en: "Add the Microsoft Identity Verification Root Certificate Authority 2020 to the machine's Trusted Root store (file {file}, next to the fleet report and in the package's certs/ folder; SHA-1 thumbprint {sha1}, SHA-256 {sha256}; Microsoft publishes it at {url}): {command} (PowerShell: {powershell}); or re-enable automatic root certificate update (remove DisableRootAutoUpdate under {key}, or set it to 0) and let the machine reach Windows Update",
    ja: 'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」を信頼されたルート証明機関ストアに追加してください (ファイル {file}: フリート レポートと同じフォルダーと、パッケージの certs/ フォルダーにあります。SHA-1 拇印 {sha1}、SHA-256 {sha256}。Microsoft の配布場所: {url}): {command} (PowerShell の場合: {powershell})。または、ルート証明書の自動更新を再度有効にし ({key} の DisableRootAutoUpdate を削除するか 0 に設定)、端末が Windows Update に接続できるようにしてください',
  },
  'remediation.FACT_UNKNOWN.collect': {
    en: 'Collect {factLabel}: {command}',
    ja: '{factLabel}を収集してください: {command}',
  },
  // one step with its alternative: the UBR, or the installed updates, decides
  'remediation.FACT_UNKNOWN.ubrOrHotfixes': {
    en: 'Collect {factLabel}: {command}; or the installed updates: {hotfixes}',
    ja: '{factLabel}を収集してください: {command}。または、インストール済みの更新プログラムを収集してください: {hotfixes}',
  },
  // machines with missing facts: the collector gathers them all, without Node on the endpoint (collect/acs-collect.cmd ships in the package)
  'remediation.FACT_UNKNOWN.collector': {
    en: 'Or collect every fact at once: run collect\\acs-collect.cmd on the machine (no Node needed; it ships with acs-gatekeeper in collect/) or acs-gate collect, and give the folder it writes to the report',
    ja: 'または、すべての情報をまとめて収集してください: 端末で collect\\acs-collect.cmd (Node は不要です。acs-gatekeeper の collect/ フォルダーに同梱) または acs-gate collect を実行し、出力されたフォルダーをレポートに指定します',
  },
  'remediation.OS_UNRECOGNIZED': {
    en: 'Check the OS version: {command}',
    ja: 'OS のバージョンを確認してください: {command}',
  },

  // ---- words used inside the texts ----
  'word.thisWindows': { en: 'this Windows version', ja: 'この Windows バージョン' },
  'word.ThisWindows': { en: 'This Windows version', ja: 'この Windows バージョン' },
  'word.client': { en: 'client', ja: 'クライアント' },
  'word.server': { en: 'server', ja: 'サーバー' },
} as const satisfies Record<string, Bilingual>;

export type ReadinessTextKey = keyof typeof READINESS_TEXTS;

/** What to run on the machine to collect a missing fact (the importers read these outputs). */
export const COLLECT_TEXTS: Record<string, Bilingual> = {
  'os.version': { en: 'systeminfo /fo csv > systeminfo.csv', ja: 'systeminfo /fo csv > systeminfo.csv' },
  'os.ubr': {
    en: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR > ubr.txt (or the whole key: reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" > currentversion.txt)',
    ja: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR > ubr.txt (またはキー全体: reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" > currentversion.txt)',
  },
  hotfixes: {
    en: 'powershell -Command "Get-HotFix | ConvertTo-Csv" > hotfixes.csv (or: wmic qfe list full /format:csv > qfe.csv)',
    ja: 'powershell -Command "Get-HotFix | ConvertTo-Csv" > hotfixes.csv (または: wmic qfe list full /format:csv > qfe.csv)',
  },
  'os.productType': {
    en: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v InstallationType > installationtype.txt (or systeminfo /fo csv)',
    ja: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v InstallationType > installationtype.txt (または systeminfo /fo csv)',
  },
  rootStore: {
    en: 'certutil -store Root > root-store.txt (or: powershell -Command "Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json" > root-store.json)',
    ja: 'certutil -store Root > root-store.txt (または: powershell -Command "Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json" > root-store.json)',
  },
  rootAutoUpdate: {
    en: 'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate > authroot.txt',
    ja: 'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate > authroot.txt',
  },
  online: {
    en: 'run collect\\acs-collect.cmd (no Node needed) or acs-gate collect on the machine (each checks whether the machine can fetch the root certificate list from Windows Update), or give --assume-online when every machine can',
    ja: '端末で collect\\acs-collect.cmd (Node は不要) または acs-gate collect を実行してください (Windows Update からルート証明書リストを取得できるかを確認します)。すべての端末が接続できる場合は --assume-online を指定してください',
  },
};

/** English names of the facts (FACT_UNKNOWN.fact), for the remediation step that collects them. */
export const FACT_LABELS_EN: Record<string, string> = {
  'os.version': 'the OS version',
  'os.ubr': 'the UBR (update build revision)',
  hotfixes: 'the installed updates',
  'os.productType': 'the edition (client or server)',
  rootStore: 'the Trusted Root store contents',
  rootAutoUpdate: 'the automatic root certificate update setting',
  online: 'whether the machine can reach Windows Update',
};

/** Japanese names of the facts (FACT_UNKNOWN.fact), for the remediation step that collects them. */
export const FACT_LABELS_JA: Record<string, string> = {
  'os.version': 'OS のバージョン',
  'os.ubr': 'UBR (更新ビルド リビジョン)',
  hotfixes: 'インストール済みの更新プログラム',
  'os.productType': 'OS の種類 (クライアントかサーバーか)',
  rootStore: '信頼されたルート証明機関ストアの内容',
  rootAutoUpdate: 'ルート証明書の自動更新の設定',
  online: 'Windows Update への接続可否',
};

/** Japanese for the notes of the KB5022661 table's lines (data/windows-acs-minimums.json), by line id; others stay as written. */
export const LINE_NOTES_JA: Record<string, string> = {
  'win10-unsupported':
    '判断: KB5022661 に記載がありません (2021 年の修正より前にサービスが終了しています)。対象となる更新プログラムはないため、アップグレードしてください',
  win8: '判断: KB5022661 に記載がありません (クライアント版 Windows 8 のサービスは 2016 年に終了しています)。対象となる更新プログラムはありません',
  'win7-rtm': '判断: KB5022661 の ESU ロールアップには SP1 が必要です。先に SP1 をインストールしてから ESU ロールアップを適用してください',
  vista: '判断: KB5022661 に記載がありません。対象となる更新プログラムはありません',
  'server-2008-pre-sp2': '判断: KB5022661 の Windows Server 2008 向けロールアップには SP2 が必要です',
  'server-2022':
    'KB5005619 適用後の UBR (20348.261) は acs-facts.md で未確認です。KB 自体は KB5022661 に記載されています',
  'server-23h2':
    '判断: KB5022661 に記載がありません。表のすべての修正より後の 2023 年にリリースされ、Windows 11 21H2 より新しいコード ベースのため、リリース時点で対応済みとしています',
  'server-2025': '判断: KB5022661 に記載がありません。リリース時点で対応済みの Windows 11 24H2 とビルド 26100 を共有しています',
};

/** A list joined per language: "A or B" / "A または B". */
export function orList(items: readonly string[]): Bilingual {
  return { en: items.join(' or '), ja: items.join(' または ') };
}

/** A list joined with ", " / "、". */
export function commaList(items: readonly string[]): Bilingual {
  return { en: items.join(', '), ja: items.join('、') };
}

/** Fills `{name}` placeholders in one pass (values are not re-scanned); an unknown placeholder stays as written. */
export function fillText(template: string, lang: TextLang, params: Record<string, TextParam> = {}): string {
  // the template split once into text and placeholder names (odd indexes), then joined per call: a fleet
  // fills the same few templates hundreds of thousands of times
  let parts = TEMPLATE_PARTS.get(template);
  if (!parts) {
    parts = template.split(/\{([A-Za-z0-9_]+)\}/);
    if (TEMPLATE_PARTS.size < 10_000) TEMPLATE_PARTS.set(template, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const v = params[name];
    out += (v === undefined ? `{${name}}` : typeof v === 'object' ? v[lang] : String(v)) + parts[i + 1]!;
  }
  return out;
}

const TEMPLATE_PARTS = new Map<string, string[]>();

/** One readiness text in one language. */
export function readinessText(key: ReadinessTextKey, lang: TextLang, params: Record<string, TextParam> = {}): string {
  return fillText(READINESS_TEXTS[key][lang], lang, params);
}

/** One readiness text in both languages. */
export function bilingualText(key: ReadinessTextKey, params: Record<string, TextParam> = {}): Bilingual {
  return { en: readinessText(key, 'en', params), ja: readinessText(key, 'ja', params) };
}
