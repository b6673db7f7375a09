/**
 * Issue 20 item 7: the figures README.md states that the code can compute are checked against the code, and
 * the figures of a recorded run against the record they summarise (docs/security.md), so neither drifts.
 *   - the default fuzz run ("N cases over M targets by default"): scripts/fuzz/targets TARGET_SHARES;
 *   - the recorded full fuzz run ("N cases over <word> targets"): the Figures table of docs/security.md
 *     (its rows, their sum and its total row), each row's cases being that target's default share;
 *   - the `cli` run ("N of the `cli` target"): the cli run recorded in docs/security.md;
 *   - the reader run ("N over the six reader targets"): docs/security.md's table of that run, each row being
 *     what `splitCases` gives that target for the run's --cases.
 * Not checked: "12 000 cases" of `lzx` and `cab-extract` (docs/security.md records no such run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TOTAL_CASES, splitCases, TARGET_NAMES, TARGET_SHARES } from '../../scripts/fuzz/targets';

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SECURITY = fs.readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8');

/** "215 300" or "215,300" → 215300 */
const num = (s: string): number => Number(s.replace(/[ ,\u00a0]/g, ''));
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const count = (s: string): number => (/^\d+$/.test(s) ? Number(s) : WORDS.indexOf(s.toLowerCase()));
const N = '(\\d{1,3}(?:[ ,]\\d{3})*)';

function match(text: string, re: RegExp, what: string): RegExpMatchArray {
  const m = text.match(re);
  if (!m) throw new Error(`${what}: no text matching ${re}`);
  return m;
}

describe('README figures', () => {
  it('the default fuzz run is the cases and targets of scripts/fuzz/targets', () => {
    const m = match(README, new RegExp(`${N} cases over (\\d+) targets by default`), 'README default fuzz run');
    expect(num(m[1]!)).toBe(DEFAULT_TOTAL_CASES);
    expect(Number(m[2])).toBe(TARGET_NAMES.length);
    // docs/security.md says the same of `npm run fuzz`
    const s = match(SECURITY, new RegExp(`the full run: ${N} cases over (\\d+) targets`), 'docs/security.md full run');
    expect(num(s[1]!)).toBe(DEFAULT_TOTAL_CASES);
    expect(Number(s[2])).toBe(TARGET_NAMES.length);
    expect(DEFAULT_TOTAL_CASES).toBe(Object.values(TARGET_SHARES).reduce((a, b) => a + b, 0));
  });

  it('the recorded full fuzz run is the Figures table of docs/security.md', () => {
    const m = match(README, new RegExp(`Fuzzing \\(\`npm run fuzz\`, seed (\\d+)\\): ${N} cases over (\\w+) targets`), 'README fuzz figures');
    const table = match(SECURITY, /### Figures\n\nFull run of [^\n]*seed (\d+)[^\n]*\n\n((?:\|[^\n]*\n)+)/, 'docs/security.md Figures table');
    expect(table[1]).toBe(m[1]);
    const rows = table[2]!.split('\n').filter((l) => l.startsWith('| `'));
    const cells = rows.map((l) => l.split('|').map((c) => c.trim()));
    const total = match(table[2]!, /\| \*\*total\*\* \| \*\*([\d,]+)\*\*/, 'Figures total row');
    expect(num(m[2]!)).toBe(num(total[1]!));
    expect(cells.reduce((a, c) => a + num(c[2]!), 0)).toBe(num(total[1]!));
    expect(count(m[3]!)).toBe(rows.length);
    for (const c of cells) {
      const target = c[1]!.replace(/`/g, '');
      expect(TARGET_NAMES).toContain(target);
      expect([target, num(c[2]!)]).toEqual([target, TARGET_SHARES[target]]);
    }
    // and the same total in the text under the table
    expect(SECURITY).toContain(`in ${m[2]} cases`);
  });

  it('the recorded `cli` run is the one docs/security.md records', () => {
    const m = match(README, new RegExp(`${N} of the \`cli\` target`), 'README cli run');
    const s = match(SECURITY, /`npm run fuzz -- --target cli --cases (\d+)`/, 'docs/security.md cli run');
    expect(num(m[1]!)).toBe(Number(s[1]));
  });

  it('the recorded reader run is the reader table of docs/security.md, split as splitCases splits it', () => {
    const m = match(README, new RegExp(`${N} over the (\\w+) reader targets`), 'README reader run');
    const run = match(SECURITY, /Run of the six reader targets \(`npm run fuzz -- --target ([\w,-]+) --cases (\d+)`[^|]*\n\n((?:\|[^\n]*\n)+)/, 'docs/security.md reader run');
    const targets = run[1]!.split(',');
    expect(num(m[1]!)).toBe(Number(run[2]));
    expect(count(m[2]!)).toBe(targets.length);
    const rows = run[3]!.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split('|').map((c) => c.trim()));
    const split = splitCases(Number(run[2]), targets);
    expect(rows.map((c) => [c[1]!.replace(/`/g, ''), num(c[2]!)])).toEqual(targets.map((t) => [t, split[t]]));
    const total = match(run[3]!, /\| \*\*total\*\* \| \*\*([\d,]+)\*\*/, 'reader run total row');
    expect(num(total[1]!)).toBe(Number(run[2]));
  });
});
