/**
 * Japanese message texts exactly as the seed gives them (../../seed/000_b6257c8d8df8fd1b.txt, the product Q&A).
 * Copied by script, byte for byte; tests/messages/seed-texts.test.ts compares each one against the seed file.
 * {ファイルパス} is the seed's placeholder for the path of the file concerned.
 */

/** Apex One (2) AutoPcc.exe and (4) client packager EXE: Windows' Bad Image dialog (STATUS_INVALID_IMAGE_FORMAT) */
export const SEED_BADIMAGE_JA = "{ファイルパス} は Windows 上では実行できないか、エラーを含んでいます。元のインストール メディアを使用して再インストールするか、システム管理者またはソフトウェアの製造元に問い合わせてください。";

/** Apex One (3) MSI, (4) EXE after [OK], SaaS (1) standalone MSI: the agent installer's dialog */
export const SEED_NOACS_JA = "Apex Oneセキュリティエージェントをインストールできません。システムでAzure Code Signingがサポートされていません。最新のWindows updateを適用してから再度実行してください。";

/** Apex One (6) / SaaS (3) agent program update: Windows Logs > Application, event ID 900 */
export const SEED_EVENT_900_JA = "ダウンロードされた1つ以上のファイルに有効なデジタル署名が含まれていませんでした {ファイルパス}";

/** SaaS (2) web installer: Windows Logs > Application, event ID 11708 */
export const SEED_EVENT_11708_JA = "製品 Trend Micro Apex Oneセキュリティエージェント -- インストール操作に失敗しました。";
