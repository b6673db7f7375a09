/**
 * Every example in every --help runs as printed: each "acs-gate ..." line of the Examples sections (and of
 * the main help) is split as a shell would split it and run from the repository root. None may be a usage
 * or input error (exit 2) or end in a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allCommands, mainHelp } from '../../src/cli/main';
import { ROOT, run } from './helpers';
import { exampleLines, shellWords } from '../helpers/examples';

const HELPS: [string, string][] = [['acs-gate --help', mainHelp()], ...allCommands().map((c): [string, string] => [`acs-gate ${c.name} --help`, c.help])];
const EXAMPLES = HELPS.flatMap(([where, help]) => exampleLines(help).map((line): [string, string] => [where, line]));
const OUTPUTS = ['acs-report', 'acs-inventory']; // acs-inventory: written by the collect --help example

describe('every example of every --help runs as printed', () => {
  afterAll(() => {
    for (const o of OUTPUTS) fs.rmSync(path.join(ROOT, o), { recursive: true, force: true });
  });

  it('finds examples in every help', () => {
    for (const [where, help] of HELPS) expect([where, exampleLines(help).length > 0]).toEqual([where, true]);
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(15);
  });

  it('splits words as the shell does', () => {
    expect(shellWords('acs-gate a "C:\\Users\\Public\\x.msi" --b \'c d\'')).toEqual(['acs-gate', 'a', 'C:\\Users\\Public\\x.msi', '--b', 'c d']);
  });

  it.each(EXAMPLES)('%s: %s', async (_where, line) => {
    expect(process.cwd()).toBe(ROOT);
    const [bin, ...argv] = shellWords(line);
    expect(bin).toBe('acs-gate');
    const r = await run(argv, { cwd: ROOT, env: { LANG: 'C', TZ: 'Asia/Tokyo' } });
    expect([line, r.code]).not.toEqual([line, 2]);
    expect(r.err).not.toMatch(/\n\s+at \S+ \(/);
    expect(r.out.length).toBeGreaterThan(0);
  }, 60_000);
});
