/**
 * Issue 18.5: why an input was skipped or could not be read reads as Japanese under --lang ja, on the terminal
 * (fleet's summary, readiness's stderr) and in the Japanese view of report.html, while report.json keeps the
 * reasons as written. The share holds every kind of stray or unreadable input discovery knows: an empty file,
 * Thumbs.db, desktop.ini, README.txt, an .xlsx, a PDF, a JSON that is no profile, a stray {"online":true}
 * beside machine folders, a file in a machine folder's sub-folder, an older dated folder, a FIFO, a folder
 * deeper than the walk goes, a report folder, and a JSON Lines file with a line too long, a record nested too
 * deep, a name too long, a duplicate name, bad JSON and a record that is no profile.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INSTALL_PATH_IDS } from '../../src/installers/types';
import { reasonJa } from '../../src/messages/reasons-ja';
import { stderrJa } from '../../src/cli/stderr-ja';
import { writeShare } from '../endpoint/share-fixture';
import { spawnAcsGate as acsGate } from './helpers';

const TIMEOUT = 300000;

/** Names and typed words that are the same in a Japanese text (as tests/cli/japanese-output.test.ts allows). */
const ALLOWED = new Set(
  (
    'Windows Microsoft Apex One Trend Micro Azure Code Signing Identity Verification Root Certificate Authority PowerShell Update ' +
    'SaaS Vision Endpoint Security Agent Defender Catalog Server Pro Enterprise Home Education Critical Patch HotFix Hotfix ' +
    'Application MsiInstaller Excel Node Property Build Test Publisher Verified Timestamping Public ' +
    'certutil addstore store Import-Certificate FilePath CertStoreLocation Cert LocalMachine reg query powershell Command systeminfo fo csv ' +
    'wmic qfe list full format acs-gate collect verify DisableRootAutoUpdate InstallationType CurrentVersion AuthRoot Policies SystemCertificates ' +
    'SOFTWARE NT UBR HKLM OK syncWithWU Program Files update ' +
    // Get-HotFix's own column name
    'HotFixID'
  ).split(/\s+/),
);

/** The English words left in a Japanese text once identifiers and data are taken out (as japanese-output.test.ts). */
function englishWords(text: string): string[] {
  const found = new Set<string>();
  for (let line of text.split('\n')) {
    line = line
      .replace(/\((Windows|Microsoft Windows) [^)]*\)/g, ' ') // a machine's Windows line as Windows names it (data, not our reasons)
      .replace(/"[^"]*"/g, ' ')
      .replace(/\b[a-z]\w*(\.\w+)+:/g, ' ') // a field's path in a profile (os.version:, hotfixes.0:)
      .replace(/\S*[\\/]\S*/g, ' ')
      .replace(/--[a-z][a-z-]*/g, ' ')
      .replace(/[\w.-]*\.(exe|msi|dll|cer|pem|json|jsonl|csv|txt|html|cmd|xlsx|xls|xml|zip|pdf|db|ini)\b/gi, ' ')
      .replace(/\b[A-Z][A-Z0-9_]+\b/g, ' ')
      .replace(/\b\w*\d\w*\b/g, ' ')
      .replace(/\bacs-gate(keeper)?\b( \w+)?/g, ' ')
      .replace(/\b(Get|ConvertTo|Import)-\w+/g, ' ');
    for (const id of INSTALL_PATH_IDS) line = line.split(id).join(' ');
    for (const w of line.match(/[A-Za-z][A-Za-z-]*[A-Za-z]/g) ?? []) if (!ALLOWED.has(w)) found.add(w);
  }
  return [...found];
}

/** The Japanese view of a part of the page: English spans, scripts and tags taken out, entities decoded. */
function japaneseText(html: string): string {
  return html
    .replace(/<span class="l-en">[\s\S]*?<\/span>/g, '')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<\/(li|tr|p|h2|td|th)>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

let tmp: string;
let share: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'acs-ja-reasons-'));
  share = path.join(tmp, 'share');
  writeShare(share); // Thumbs.db, desktop.ini, README.txt, an .xlsx, a stray {"online":true}, a report folder, an older dated folder
  const put = (rel: string, data: string | Buffer): void => {
    mkdirSync(path.dirname(path.join(share, rel)), { recursive: true });
    writeFileSync(path.join(share, rel), data);
  };
  put('empty.txt', '');
  put('settings.json', '{"theme":"dark","items":[1,2]}');
  put('manual.pdf', '%PDF-1.4\n');
  put('PC-A01/old/notes.txt', 'collected twice\r\n');
  put(
    'lines/more.jsonl',
    [
      JSON.stringify({ name: 'PC-MORE-1', os: { version: '10.0.19045', ubr: 4780 } }),
      JSON.stringify({ name: 'PC-MORE-2', os: { version: '10.0.19045' }, pad: 'x'.repeat(1_100_000) }), // a line too long
      '['.repeat(200) + ']'.repeat(200), // nested too deep
      JSON.stringify({ name: 'N'.repeat(300), os: { version: '10.0.19045' } }), // a name too long
      JSON.stringify({ name: 'PC-JL-1', os: { version: '10.0.19045' } }), // a duplicate of fleet.jsonl's first machine
      '{bad json',
      JSON.stringify({ foo: 1 }),
    ].join('\n') + '\n',
  );
  let deep = 'deep';
  for (let i = 0; i < 8; i++) deep += `/d${i}`;
  put(`${deep}/x.jsonl`, JSON.stringify({ name: 'PC-DEEP', os: { version: '10.0.19045' } }) + '\n');
  execFileSync('mkfifo', [path.join(share, 'pipe')]); // neither a file nor a folder
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The reasons as report.json keeps them (English, as written by discovery). */
const EXPECTED_REASONS = [
  'empty file',
  'not a Windows export this tool reads',
  'an Excel workbook: not read',
  'a PDF document: not read',
  'a JSON file that is neither a machine profile nor a recognised export',
  "a machine's export that names no machine",
  'in a sub-folder of the machine folder PC-A01',
  'an older collection',
  'neither a file nor a folder',
  'folders below the input: not read',
  'a folder holding a report written by acs-gate fleet',
  'is not Windows',
];
const EXPECTED_ERRORS = ['is longer than the limit', 'nested deeper than', 'machine name longer than', 'duplicate machine name "PC-JL-1"', 'bad JSON', 'not a machine profile'];

describe('skip and import-error reasons in Japanese', () => {
  it(
    'fleet --lang ja: the terminal and the Japanese view of report.html say every reason in Japanese; report.json keeps them as written',
    async () => {
      const out = path.join(tmp, 'out');
      const r = await acsGate(['fleet', share, '--out', out, '--lang', 'ja', '--path', 'msi']);
      expect(r.code).toBe(0);
      // every skipped file and unreadable line is named on the terminal (first 20) …
      expect(r.out).toContain('空のファイルです');
      expect(r.out).toContain('ファイルでもフォルダーでもありません');
      expect(r.out).toContain('端末名 "PC-JL-1" が重複しています');
      expect(r.out).toContain('上限の 1048576 バイトを超えるため読み込みません');
      expect(r.out).toContain('64 階層より深く入れ子');
      expect(r.out).toContain('端末名が 255 文字を超えています');
      // … and nothing of it, nor of stderr, is English
      expect({ stdout: englishWords(r.out), stderr: englishWords(r.err) }).toEqual({ stdout: [], stderr: [] });

      const json = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
      const reasons = (json.skipped as { reason: string }[]).map((s) => s.reason).join('\n');
      const errors = (json.importErrors as { error: string }[]).map((s) => s.error).join('\n');
      for (const x of EXPECTED_REASONS) expect({ x, kept: reasons.includes(x) }).toEqual({ x, kept: true });
      for (const x of EXPECTED_ERRORS) expect({ x, kept: errors.includes(x) }).toEqual({ x, kept: true });

      const html = readFileSync(path.join(out, 'report.html'), 'utf8');
      const parts = [/<section id="inputs-not-read"[\s\S]*?<\/section>/, /<table id="import-errors">[\s\S]*?<\/table>/, /<table id="skipped">[\s\S]*?<\/table>/].map((re) => re.exec(html)?.[0] ?? '');
      for (const p of parts) expect(p).not.toBe('');
      const ja = japaneseText(parts.join('\n'));
      expect(ja).toContain('ファイルでもフォルダーでもありません');
      expect(ja).toContain('acs-gate fleet が出力したレポート');
      expect(englishWords(ja)).toEqual([]);
      // the English view keeps the reasons as written
      expect(parts.join('\n')).toContain('<span class="l-en">neither a file nor a folder</span>');
    },
    TIMEOUT,
  );

  it(
    'readiness --lang ja: every skip and unreadable line on stderr is Japanese',
    async () => {
      const r = await acsGate(['readiness', share, '--lang', 'ja']);
      expect(r.code).toBe(0);
      expect(r.err).toContain('スキップ: 空のファイルです');
      expect(r.err).toContain('スキップ: 端末名のないエクスポートで');
      expect(r.err).toContain('JSON の構文が正しくありません');
      expect({ stdout: englishWords(r.out), stderr: englishWords(r.err) }).toEqual({ stdout: [], stderr: [] });
    },
    TIMEOUT,
  );

  it('the rules match a reason alone, after FILE: and after FILE:LINE:, and inside another reason', () => {
    const reason = 'a report written by acs-gate fleet: a report is never read as input';
    const ja = 'acs-gate fleet が出力したレポートです。レポートは入力として読み込みません';
    expect(reasonJa(reason)).toBe(ja);
    expect(stderrJa(`acs-gate readiness: /s/report.json: skipped: ${reason}`)).toBe(`acs-gate readiness: /s/report.json: スキップ: ${ja}`);
    expect(stderrJa('acs-gate readiness: /s/a.jsonl:7: empty file')).toBe('acs-gate readiness: /s/a.jsonl:7: 空のファイルです');
    expect(reasonJa('an incomplete set (info.txt:3: no export in it gives the OS version)')).toBe('そろっていないセットです (info.txt:3: OS バージョンを示すエクスポートがありません)');
    expect(reasonJa('cannot read (EACCES)')).toBe('読み込めません (EACCES)');
    expect(reasonJa('a link that cannot be followed: permission denied (EACCES)')).toBe('たどれないリンクです: アクセス権がありません (EACCES)');
    // the importers' own messages (a bad export in a machine folder: an incomplete set's reason)
    for (const m of [
      'certificate JSON: item [3] is not an object',
      'certutil -store: certificate block without a "Cert Hash(sha1)" line',
      'certutil -store: SHA-1 hash "abc" is not 40 hex digits',
      'Get-HotFix CSV: no header row',
      'Get-HotFix CSV: 3 fields where the header has 4',
      'Get-HotFix CSV: no HotFixID column in the header',
      'reg query: unexpected line "xx"',
      'Get-ComputerInfo JSON: not valid JSON (Unexpected end of JSON input)',
      'Get-ComputerInfo JSON: expected one JSON object',
      'systeminfo CSV: a header row and one data row are expected; found no data row',
      'systeminfo CSV: more than one data row (one machine per file)',
      'systeminfo CSV: the data row has 3 fields, the header 4',
      'an incomplete set (info.txt:3: systeminfo: no "OS Version" line (expected e.g. "OS Version:   10.0.19045 N/A Build 19045"))',
      'profile JSON: hotfixes.0: hotfix ids look like KB5011487',
      'CSV: record longer than 100 characters (unterminated quote?)',
      'more than 1000 bad lines: the rest of the file is not read',
      'invalid UTF-8 byte(s) in a UTF-8 file (read as U+FFFD; the rest of the file is read as UTF-8)',
      'a link whose target does not exist',
      'the output folder of this report (--out): never read as input',
      'none of its 2 dated folders holds a complete set: every fact is unknown',
      'no recognised export in the directory (3 files; expected the exports of one machine, a fleet file, or one folder per machine)',
    ])
      expect({ m, english: englishWords(reasonJa(m)) }).toEqual({ m, english: [] });
    // unknown text stays as written, a file's name is never rewritten
    expect(reasonJa('something new')).toBe('something new');
    expect(stderrJa('acs-gate readiness: /s/empty file.txt: skipped: empty file')).toBe('acs-gate readiness: /s/empty file.txt: スキップ: 空のファイルです');
  });
});
