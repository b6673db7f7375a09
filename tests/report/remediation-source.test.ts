/**
 * Fix steps are our inference, never the FAQ's text (issue 18.3): report.json gives each machine's steps a
 * `remediationSource` beside `remediation` (same order, one per step), report.html marks each fix step with
 * the page's inference mark, and report.csv keeps its columns.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fleetReport } from '../../src/report/default-deps';

const ROOT = path.join(__dirname, '..', '..');
const AT = new Date('2026-01-15T00:00:00Z');
const MACHINES = path.join(ROOT, 'samples', 'fleet', 'machines');
const FLEET_JSONL = path.join(ROOT, 'samples', 'fleet', 'fleet.jsonl');

describe('remediationSource in the fleet report', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-remsource-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each(['en', 'ja'] as const)('every step of every row is inferred, and the page marks the fix steps (%s)', async (lang) => {
    const r = await fleetReport({ inventory: [MACHINES, FLEET_JSONL], runs: [{ path: 'msi', file: null }], outDir: path.join(tmp, lang), lang, at: AT });
    const rows = (JSON.parse(fs.readFileSync(r.outputs.json, 'utf8')) as { machines: { name: string; remediation: string[]; remediationSource: string[] }[] }).machines;
    expect(rows.length).toBeGreaterThan(5);
    const withSteps = rows.filter((m) => m.remediation.length > 0);
    expect(withSteps.length).toBeGreaterThan(2);
    for (const m of rows) {
      expect([m.name, m.remediationSource.length]).toEqual([m.name, m.remediation.length]);
      expect(m.remediationSource.every((s) => s === 'inferred')).toBe(true);
      // beside remediation, in report.json's text too
      expect(Object.keys(m).indexOf('remediationSource')).toBe(Object.keys(m).indexOf('remediation') + 1);
    }

    const html = fs.readFileSync(r.outputs.html, 'utf8');
    const mark = '<span class="mark inf"><span class="l-ja">当ツールの推定</span><span class="l-en">our inference</span></span>';
    const fixFirst = /<table id="fix-first">[\s\S]*?<\/table>/.exec(html)![0];
    const steps = fixFirst.match(/<li><code>[\s\S]*?<\/li>/g)!;
    expect(steps.length).toBeGreaterThan(2);
    for (const li of steps) expect(li).toContain(`</code> ${mark}</li>`);
    const stepsTable = /<table id="steps">[\s\S]*?<\/table>/.exec(html)![0];
    const cells = stepsTable.match(/<tr><td><code>[\s\S]*?<\/td>/g)!;
    expect(cells.length).toBeGreaterThan(2);
    for (const td of cells) expect(td).toContain(`</code> ${mark}</td>`);

    // report.csv: no new column
    expect(fs.readFileSync(r.outputs.csv, 'utf8')).not.toMatch(/remediationSource|inferred/);
  }, 60_000);
});
