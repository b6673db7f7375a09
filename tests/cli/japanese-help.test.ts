/**
 * Issue 18.5: `--help` in Japanese, the main help and every command's, under --lang ja and by default in a Japanese
 * locale (src/cli/lang.ts), with no English left but command names, option names, file names and literal values.
 * The CLI runs as users run it (bin/acs-gate.js in a child process); the scan is the terminal output's
 * (./english-words.ts) after taking out what a help holds verbatim: the usage line, the example command lines,
 * `a|b` choices, `name=COL` patterns and the options' literal values.
 */
import { allCommands } from '../../src/cli/main';
import { INSTALL_PATH_IDS } from '../../src/installers/types';
import { englishWords } from './english-words';
import { run, spawnAcsGate } from './helpers';

/** The command names (typed as they are). */
const COMMANDS = allCommands().map((c) => c.name);

/** Literal values the options take (typed as they are, in any language), and names of products and formats. */
const LITERALS = new Set(
  (
    'ja en not-ready unknown unreadable blocked unguarded all patterns-engines-drivers patterns true false ' +
    'name version build ubr caption hotfixes platform ready reasons remediation remediationSource os root source assumed ' +
    'path decision popups events downloads transitions report acs-report ' +
    'FileVersion Authenticode Binary JSON Lines Intune Configuration Manager Shift JIS Get-ItemProperty Get-ComputerInfo ConvertTo-Csv ConvertTo-Json ' +
    'wevtutil qe signtool tsc demo npm start node'
  ).split(/\s+/),
);

const PATH_IDS = new RegExp([...INSTALL_PATH_IDS].sort((a, b) => b.length - a.length).join('|'), 'g');

/** The English words of a help text that are not what it holds verbatim. */
function helpEnglish(help: string): string[] {
  const prose = help
    .split('\n')
    .filter((l) => !/^(usage|使い方): acs-gate /i.test(l) && !/^ {2}(acs-gate|npm) /.test(l))
    .map((l) =>
      l
        .replace(/[\w-]+(\|[\w-]+)+/g, ' ') // a|b choices
        .replace(/\S*=\S*/g, ' ') // name=COL,version=COL / ENV=DIR
        .replace(/[\w-]*\.[a-z]+\b/gi, ' ') // file names and extensions (Thumbs.db, desktop.ini, .cat)
        .replace(/<[^>]*>/g, ' ') // <COMPUTERNAME>, <step>
        .replace(PATH_IDS, ' '), // install path ids, the longest first (saas-agent-update before agent-update)
    )
    .join('\n');
  return englishWords(prose).filter((w) => !LITERALS.has(w) && !COMMANDS.includes(w));
}

describe('--help in Japanese (issue 18.5)', () => {
  it('the scan is not vacuous: it finds English in the English help', async () => {
    const r = await run(['readiness', '--help'], { env: { LANG: 'C' } });
    expect(r.code).toBe(0);
    expect(helpEnglish(r.out).length).toBeGreaterThan(20);
  });

  it('acs-gate --help --lang ja and every command --help --lang ja: no English left', async () => {
    for (const argv of [['--help'], ...COMMANDS.map((c) => [c, '--help'])]) {
      const r = await spawnAcsGate([...argv, '--lang', 'ja']);
      expect({ argv, code: r.code, err: r.err }).toEqual({ argv, code: 0, err: '' });
      expect(r.out).toMatch(/使い方: acs-gate /);
      expect(r.out).toMatch(/終了コード/);
      const words = helpEnglish(r.out);
      if (words.length) console.log(argv.join(' '), words);
      expect({ argv, words }).toEqual({ argv, words: [] });
    }
  }, 240_000);

  it('by default in a Japanese locale (LANG=ja_JP.UTF-8), also acs-gate help COMMAND', async () => {
    const main = await spawnAcsGate(['--help'], { LANG: 'ja_JP.UTF-8' });
    expect(main.out).toContain('コマンド:');
    for (const c of COMMANDS) expect(main.out).toContain(`  ${c.padEnd(10)} `);
    expect(helpEnglish(main.out)).toEqual([]);
    const fleet = await spawnAcsGate(['help', 'fleet'], { LANG: 'ja_JP.UTF-8' });
    expect(fleet.code).toBe(0);
    expect(fleet.out.startsWith('使い方: acs-gate fleet ')).toBe(true);
    expect(helpEnglish(fleet.out)).toEqual([]);
    // --lang en wins over the locale
    const en = await run(['help', 'fleet', '--lang', 'en'], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(en.out.startsWith('Usage: acs-gate fleet ')).toBe(true);
  }, 120_000);
});
