/**
 * `acs-gate verify --lang ja` (and a Japanese locale): the verification in Japanese (issue 18.5). The same facts
 * as the signtool-style English output (src/cli/format/verify.ts), with Japanese labels and each failure code
 * explained in Japanese (docs/failure-codes.md) instead of the verifier's English message; names from the file
 * and its certificates are data and stay as they are (escaped).
 */
import { escapeText as esc } from '../../text/escape';
import type { FailureCode, SignatureReport, VerificationResult, VersionInfo } from '../../authenticode/types';
import { VERDICT_LABELS } from '../../report/i18n';

/** Each failure code's meaning in Japanese (docs/failure-codes.md). */
export const FAILURE_CODES_JA: Record<FailureCode, string> = {
  MALFORMED_PE: 'PE のヘッダーまたはオフセットの整合性が取れていません',
  MALFORMED_MSI: 'MSI (複合ファイル) の構造の整合性が取れていません',
  UNKNOWN_FORMAT: '当ツールが読み取れる形式のファイルではありません',
  TRUNCATED_FILE: '構造がファイルの末尾を越えています (ファイルが途中で切れています)',
  NOT_SIGNED: '署名がありません',
  BAD_CERT_TABLE: '証明書テーブル (WIN_CERTIFICATE) の整合性が取れていません',
  CERT_TABLE_NOT_AT_END: '証明書テーブルがファイルの末尾にありません',
  TRAILING_DATA: '署名の後ろに余分なデータがあります',
  PADDING_AFTER_SIGNATURE: '署名データ (PKCS #7) の後ろに余分なデータがあります (CVE-2013-3900)',
  UNREACHABLE_MSI_DATA: 'どのエントリからも参照されない MSI のデータがあります (CVE-2020-1464 の類)',
  MALFORMED_CAB: 'キャビネット ファイルの構造の整合性が取れていません',
  MALFORMED_CATALOG: 'カタログ ファイルの内容がファイル ハッシュの一覧ではありません',
  MALFORMED_SCRIPT: 'スクリプトの署名ブロックの形式が正しくありません',
  MALFORMED_APPX: 'APPX / MSIX パッケージの構造の整合性が取れていません',
  APPX_DIGEST_MISMATCH: 'APPX の署名されたダイジェストがパッケージと一致しません',
  APPX_BLOCKMAP_MISMATCH: 'APPX のブロック マップがパッケージの内容と一致しません',
  NOT_IN_CATALOG: 'ファイルのハッシュが指定されたカタログにありません',
  CATALOG_INVALID: 'ファイルを含むカタログの署名が有効ではありません',
  MALFORMED_SIGNATURE: '署名データ (PKCS #7) を読み取れません',
  UNSUPPORTED_ALGORITHM: '当ツールが対応していないアルゴリズムです',
  WEAK_DIGEST: 'MD5 が使われています (拒否します)',
  DIGEST_ALGORITHM_MISMATCH: '署名の各部分のダイジェスト アルゴリズムが一致しません',
  DIGEST_MISMATCH: 'ファイルのハッシュが署名された値と一致しません (ファイルが変更されています)',
  MSI_DSE_MISMATCH: 'MSI のメタデータのハッシュ (MsiDigitalSignatureEx) が一致しません',
  UNSUPPORTED_DATA_TYPE: '署名が示すデータの種類を比較できません',
  MESSAGE_DIGEST_MISMATCH: '署名属性のダイジェスト (messageDigest) が一致しません',
  SIGNER_NOT_FOUND: '署名者の証明書が署名データにありません',
  BAD_SIGNATURE: '署名者の署名を証明書の鍵で検証できません',
  TIMESTAMP_INVALID: 'タイムスタンプを検証できません',
  UNTRUSTED_ROOT: '証明書チェーンが信頼されたルート証明書で終わっていません',
  CHAIN_INCOMPLETE: '証明書チェーンを構築できません (発行者の証明書がありません)',
  CHAIN_SIGNATURE_INVALID: '証明書チェーンの発行者の署名を検証できません',
  CERT_EXPIRED: '証明書チェーンの証明書の有効期限が切れています',
  CERT_NOT_YET_VALID: '証明書チェーンの証明書がまだ有効になっていません',
  NOT_A_CA: '発行者の証明書が CA 証明書ではありません',
  PATH_LENGTH_EXCEEDED: 'CA 証明書のパス長の制約を超えています',
  EKU_NOT_CODE_SIGNING: '署名者の証明書がコード署名に使えません (拡張キー使用法)',
  KEY_USAGE_INVALID: '署名者の証明書の鍵使用法にデジタル署名がありません',
  CERT_REVOKED: '証明書が失効しています (指定された CRL による)',
  NOT_ACS_ROOT: '署名は有効ですが、証明書チェーンが ACS のルート証明書で終わっていません',
  ACS_EKU_MISSING: '署名は有効ですが、署名者の証明書に ACS の拡張キー使用法がありません',
  NONSTANDARD_DATA_TYPE: '署名は PE のダイジェストで有効と判定しましたが、データの種類が標準ではありません',
  IO_ERROR: 'ファイルを読み込めません',
  BAD_TRUST_INPUT: '指定された証明書、CRL、または検証時刻を使えません',
};

const REVOCATION_JA: Record<SignatureReport['revocation']['status'], string> = {
  'not-checked': '確認していません (--crl で CRL を指定すると確認します)',
  good: '失効していません (指定された CRL で確認)',
  unknown: '判定できません (指定された CRL では確認できない証明書があります)',
  revoked: '失効しています',
};

function cn(subject: string): string {
  const m = /(?:^|,\s*|\n)CN=((?:\\,|[^,\n])+)/.exec(subject);
  return m ? m[1]!.replace(/\\,/g, ',') : subject;
}

const yesNo = (b: boolean): string => (b ? 'はい' : 'いいえ');

function versionInfoJa(v: VersionInfo | null | undefined): string[] {
  if (!v) return [];
  const rows: Array<[string, string | undefined]> = [
    ['会社名', v.CompanyName],
    ['説明', v.FileDescription],
    ['製品名', v.ProductName],
    ['製品バージョン', v.ProductVersion ?? v.fixedProductVersion ?? undefined],
    ['ファイル バージョン', v.FileVersion ?? v.fixedFileVersion ?? undefined],
    ['元のファイル名', v.OriginalFilename],
  ];
  const lines = rows.filter(([, x]) => x !== undefined && x !== null).map(([k, x]) => `${k}: ${esc(x!)}`);
  return lines.length ? [...lines, ''] : [];
}

function signatureJa(sig: SignatureReport): string[] {
  const lines = [
    `署名 ${sig.index} (${sig.nested ? '入れ子の署名' : '主署名'})`,
    `  ファイルのハッシュ (${sig.digestAlgorithm}): ${sig.digestMatches === null ? '比較していません (その前に署名を拒否しました)' : sig.digestMatches ? '署名された値と一致します' : '署名された値と一致しません'}`,
  ];
  if (sig.signer) lines.push(`  署名者: ${esc(cn(sig.signer))}`);
  if (sig.chain.length) {
    lines.push('  署名証明書チェーン (ルートから):');
    const certs: Array<{ subject: string; notAfter?: string; sha1?: string }> = sig.chainCertificates?.length
      ? [...sig.chainCertificates].reverse().map((c) => ({ subject: c.subject, notAfter: String(c.notAfter), sha1: c.sha1 }))
      : [...sig.chain].reverse().map((subject) => ({ subject }));
    certs.forEach((c, i) => {
      const pad = '    ' + '  '.repeat(i);
      lines.push(`${pad}発行先: ${esc(cn(c.subject))}`);
      const expires = c.notAfter ? new Date(c.notAfter) : undefined;
      if (expires && !Number.isNaN(expires.getTime())) lines.push(`${pad}  有効期限: ${expires.toISOString()}`);
      if (c.sha1) lines.push(`${pad}  SHA1 ハッシュ: ${esc(c.sha1)}`);
    });
  }
  lines.push(sig.timestamp ? `  タイムスタンプ (${sig.timestampKind === 'rfc3161' ? 'RFC 3161' : 'PKCS #9'}): ${new Date(sig.timestamp).toISOString()}` : '  タイムスタンプ: なし');
  lines.push(`  失効の確認: ${REVOCATION_JA[sig.revocation.status]}`);
  lines.push(`  Azure Code Signing (ACS) による署名: ${yesNo(sig.acs)}`);
  for (const f of sig.failures) lines.push(`    ${f.code}: ${FAILURE_CODES_JA[f.code] ?? f.code}`);
  lines.push('');
  return lines;
}

/** One file's verification in Japanese. */
export function formatVerificationJa(r: VerificationResult): string {
  const lines = [`検証したファイル: ${esc(r.file)}`, `形式: ${r.format.toUpperCase()}`, ''];
  lines.push(...versionInfoJa(r.versionInfo));
  for (const s of r.signatures) lines.push(...signatureJa(s));
  if (r.catalog) {
    lines.push(`カタログで署名されています: ${esc(r.catalog.file)} (カタログの署名: ${r.catalog.valid ? '有効' : '無効'})`, '');
    for (const s of r.catalog.signatures) lines.push(...signatureJa(s));
  }
  const own = r.failures.filter((f) => !r.signatures[0]?.failures.some((g) => g.code === f.code));
  for (const f of own) lines.push(`  ${f.code}: ${FAILURE_CODES_JA[f.code] ?? f.code}`);
  lines.push(`判定: ${VERDICT_LABELS[r.verdict]?.ja ?? r.verdict}`, `ACS: ${yesNo(r.verdict === 'valid' && r.acs)}`);
  return lines.join('\n') + '\n';
}

/** The totals after several files, in Japanese. */
export function formatVerifyTotalsJa(results: VerificationResult[]): string {
  const ok = results.filter((r) => r.verdict === 'valid').length;
  return `${results.length} 件中 ${ok} 件の署名を検証できました。${results.length - ok} 件は有効ではありません\n`;
}
