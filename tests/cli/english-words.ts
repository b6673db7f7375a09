/**
 * The scan of issue 18.5 shared by the tests of the Japanese output (terminal, stderr, --help): takes out what is
 * not English prose (identifiers: codes, KB numbers, flags, path ids, file names and paths, URLs, commands an
 * administrator types, product and Windows names, and the data values of labelled lines such as certificate
 * subjects and file names) and returns the English words left.
 */
import { INSTALL_PATH_IDS } from '../../src/installers/types';

/** Lines whose value after the label is data from a file or a certificate (names, versions), not our prose. */
const DATA_LABELS = ['会社名', '説明', '製品名', '製品バージョン', 'ファイル バージョン', '元のファイル名', '署名者', '発行先', '検証したファイル', 'ソース', 'コンピューター'];

/** Names and typed words that are the same in a Japanese text: products, Windows' own names, commands. */
export const ALLOWED = new Set(
  (
    'Windows Microsoft Apex One Trend Micro Azure Code Signing Identity Verification Root Certificate Authority PowerShell Update ' +
    'SaaS Vision Endpoint Security Agent Defender Catalog Server Pro Enterprise Home Education Critical Patch HotFix Hotfix ' +
    'Application MsiInstaller Excel Node Property Build Test Publisher Verified Timestamping Public ' +
    'certutil addstore store Import-Certificate FilePath CertStoreLocation Cert LocalMachine reg query powershell Command systeminfo fo csv ' +
    'wmic qfe list full format acs-gate collect verify DisableRootAutoUpdate InstallationType CurrentVersion AuthRoot Policies SystemCertificates ' +
    'SOFTWARE NT UBR HKLM OK syncWithWU Program Files ' +
    // the FAQ's own M-NOACS text (seed, byte for byte): 「最新のWindows updateを適用してから」
    'update'
  ).split(/\s+/),
);

/** The English words left in a Japanese text once identifiers and data are taken out. */
export function englishWords(text: string): string[] {
  const found = new Set<string>();
  for (let line of text.split('\n')) {
    const label = DATA_LABELS.find((l) => line.trimStart().startsWith(`${l}:`) || line.trimStart().startsWith(`${l} `));
    if (label) line = line.slice(0, line.indexOf(label) + label.length);
    line = line
      .replace(/"[^"]*"/g, ' ') // quoted commands and names
      .replace(/\S*[\\/]\S*/g, ' ') // paths, URLs, registry keys
      .replace(/--[a-z][a-z-]*/g, ' ') // flags
      .replace(/[\w.-]*\.(exe|msi|dll|cer|pem|json|jsonl|csv|txt|html|cmd|xlsx|xls|xml|zip)\b/gi, ' ') // file names and extensions
      .replace(/\b[A-Z][A-Z0-9_]+\b/g, ' ') // codes, KB numbers, acronyms
      .replace(/\b\w*\d\w*\b/g, ' ') // thumbprints, versions, builds (anything holding a digit)
      .replace(/\bacs-gate(keeper)?\b( \w+)?/g, ' ') // the tool and its subcommands
      .replace(/\b(Get|ConvertTo|Import)-\w+/g, ' ');
    for (const id of INSTALL_PATH_IDS) line = line.split(id).join(' ');
    for (const w of line.match(/[A-Za-z][A-Za-z-]*[A-Za-z]/g) ?? []) if (!ALLOWED.has(w)) found.add(w);
  }
  return [...found];
}
