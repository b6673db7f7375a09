/**
 * Issue 18.5: under --lang ja (and a Japanese locale) the terminal output of fleet, readiness, simulate and verify,
 * and the error paths users meet, is Japanese. The scan takes out what is not English prose (identifiers: codes,
 * KB numbers, flags, path ids, file names and paths, URLs, commands an administrator types, product and Windows
 * names, and the data values of labelled lines such as certificate subjects and file names) and fails on any
 * English word left.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { englishWords } from './english-words';
import { AT, AUTOPCC, FLEET_JSONL, MACHINES, REAL_DLL, run, SAMPLE_MSI, TEST_ROOT, tmpDir } from './helpers';

const dirs: string[] = [];
function dir(): string {
  const d = tmpDir('acs-ja-');
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const KAIKEI = path.join(MACHINES, 'pc-w10-21h2-kaikei');
const EIGYO = path.join(MACHINES, 'pc-w10-21h2-eigyo');

describe('no English left in the Japanese terminal output (issue 18.5)', () => {
  it('the scan is not vacuous: it finds English in the English output', async () => {
    const r = await run(['readiness', MACHINES, '--lang', 'en']);
    expect(englishWords(r.out).length).toBeGreaterThan(3);
  });

  it('fleet and demo', async () => {
    const a = await run(['fleet', MACHINES, FLEET_JSONL, '--file', AUTOPCC, '--file', SAMPLE_MSI, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT, '--out', dir(), '--at', AT, '--lang', 'ja']);
    expect(a.code).toBe(0);
    const aw = englishWords(a.out);
    if (aw.length) console.log(aw, a.out.split('\n').filter((l) => aw.some((w) => l.includes(w))).join('\n'));
    expect(aw).toEqual([]);
    // an installer whose own signature fails: the lines at the top
    const b = await run(['fleet', MACHINES, '--file', AUTOPCC, '--out', dir(), '--at', AT, '--lang', 'ja']);
    expect(b.out.startsWith('!! インストーラ')).toBe(true);
    expect(englishWords(b.out)).toEqual([]);
    const d = await run(['demo', '--out', dir(), '--at', AT, '--lang', 'ja']);
    expect(englishWords(d.out)).toEqual([]);
  });

  it('readiness, by --lang ja and by a Japanese locale', async () => {
    const a = await run(['readiness', MACHINES, FLEET_JSONL, '--lang', 'ja']);
    expect(a.out).toMatch(/^\d+ 台中 \d+ 台が対応済み、\d+ 台が未対応、\d+ 台が不明/m);
    expect(englishWords(a.out + a.err)).toEqual([]);
    const b = await run(['readiness', MACHINES], { env: { LANG: 'ja_JP.UTF-8', TZ: 'UTC' } });
    expect(b.out).toContain('台中');
    expect(englishWords(b.out + b.err)).toEqual([]);
  });

  it('simulate: blocked with popups, an update over cycles, unguarded, an MSI file, an invalid installer', async () => {
    const runs = [
      ['simulate', 'packager-exe', '--machine', KAIKEI, '--build', '12011'],
      ['simulate', 'agent-update', '--machine', KAIKEI, '--agent-build', '12011', '--build', '12011', '--cycles', '3'],
      ['simulate', 'agent-update', '--machine', EIGYO, '--agent-build', '11092', '--build', '12011', '--cycles', '2'],
      ['simulate', 'saas-web-installer', '--machine', KAIKEI, '--maintenance', '2023-03'],
      ['simulate', 'msi', '--machine', KAIKEI, '--file', SAMPLE_MSI, '--trust', TEST_ROOT, '--acs-root', TEST_ROOT],
      ['simulate', 'autopcc', '--machine', KAIKEI, '--file', AUTOPCC],
    ];
    for (const argv of runs) {
      const r = await run([...argv, '--lang', 'ja', '--at', AT]);
      const words = englishWords(r.out + r.err);
      if (words.length) console.log(argv.join(' '), words, (r.out + r.err).split('\n').filter((l) => words.some((w) => l.includes(w))).join('\n'));
      expect({ argv: argv.join(' '), words }).toEqual({ argv: argv.join(' '), words: [] });
    }
  });

  it('verify', async () => {
    const r = await run(['verify', REAL_DLL, AUTOPCC, '--lang', 'ja', '--at', AT]);
    expect(r.out).toContain('判定: 有効');
    expect(r.out).toContain('UNTRUSTED_ROOT: 証明書チェーンが信頼されたルート証明書で終わっていません');
    expect(englishWords(r.out + r.err)).toEqual([]);
  });

  it('error paths: stderr in Japanese', async () => {
    const xlsx = path.join(dir(), 'inventory.xlsx');
    fs.writeFileSync(xlsx, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml xl/workbook.xml')]));
    const empty = dir();
    const cases: Array<{ argv: string[]; expect: RegExp }> = [
      { argv: ['fleet', FLEET_JSONL, '--file', path.join(empty, 'none.msi'), '--out', dir()], expect: /インストーラのファイルがありません/ },
      { argv: ['fleet', FLEET_JSONL], expect: /--out DIR を指定してください\n使い方: / },
      { argv: ['fleet', '--out', dir()], expect: /INVENTORY \(入力\) を指定してください/ },
      { argv: ['readiness', xlsx], expect: /Excel ブック \(\.xlsx\) と認識しました/ },
      { argv: ['readiness', path.join(empty, 'missing.json')], expect: /missing\.json: ファイルまたはフォルダーがありません/ },
      { argv: ['readiness', empty], expect: /読み込めた端末がありません/ },
      { argv: ['simulate', 'msi'], expect: /--machine PROFILE を指定してください/ },
    ];
    for (const c of cases) {
      const r = await run([...c.argv, '--lang', 'ja']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(c.expect);
      // the usage line is the command's syntax (flags and placeholders), not prose
      const err = r.err.split('\n').filter((l) => !l.startsWith('使い方: ')).join('\n');
      expect({ argv: c.argv.join(' '), words: englishWords(err) }).toEqual({ argv: c.argv.join(' '), words: [] });
    }
    const unknown = await run(['frobnicate'], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(unknown.err).toMatch(/^acs-gate: 不明なコマンド "frobnicate" です/);
  });
});
