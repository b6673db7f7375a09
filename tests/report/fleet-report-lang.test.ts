import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ACS_ROOT_2020_SHA1 } from '../../src/authenticode/trust/bundled-roots';
import { assessReadiness } from '../../src/endpoint/readiness';
import { runFleetReport, type FleetDeps, type InventoryItem } from '../../src/report/fleet';
import { escapeHtml, linkify, renderHtml } from '../../src/report/html';
import { fakeDeps, machine } from './fake-fleet';

const AT = new Date('2026-01-15T00:00:00Z');

const JA_STEP =
  'KB5011487 (またはそれ以降の累積更新プログラム) を Windows 10 21H2 に適用してください: https://www.catalog.update.microsoft.com/Search.aspx?q=KB5011487';
const EN_STEP = 'Install KB5011487 (or a later cumulative update) on Windows 10 21H2: https://www.catalog.update.microsoft.com/Search.aspx?q=KB5011487';
const JA_ROOT_STEP = 'ルート証明書「Microsoft Identity Verification Root Certificate Authority 2020」を信頼されたルート証明機関ストアに追加してください';
const JA_REASON = 'Windows 10 21H2: ビルド 19044.1000 は 19044.1586 未満で、KB5011487 もインストールされていません';
const EN_REASON = 'Windows 10 21H2: build 19044.1000 is below 19044.1586 and KB5011487 is not installed';

function fleet(): InventoryItem[] {
  return [
    { ok: true, source: 'a.json', profile: machine('pc-ready', { os: { version: '10.0.19045', ubr: 3000 }, rootStore: [ACS_ROOT_2020_SHA1] }) },
    { ok: true, source: 'b.json', profile: machine('pc-kaikei', { os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [ACS_ROOT_2020_SHA1] }) },
    {
      ok: true,
      source: 'c.json',
      profile: machine('pc-offline', { os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [], rootAutoUpdate: true, online: false }),
    },
  ];
}

/** The fake simulator with the real readiness. */
function deps(): FleetDeps {
  return { ...fakeDeps(fleet()), assessReadiness };
}

const made: string[] = [];
function outDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-report-lang-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function run(lang: 'ja' | 'en') {
  const dir = outDir();
  return runFleetReport({ inventory: ['x'], paths: ['msi'], outDir: dir, at: AT, lang }, deps());
}

describe('fleet report: readiness reasons and remediation in the report language, the other one for the toggle', () => {
  it('the Japanese report has the Japanese reasons and remediation, with the English beside them for the toggle', async () => {
    const r = await run('ja');
    const kaikei = r.summary.fixFirst.find((f) => f.name === 'pc-kaikei')!;
    expect(kaikei.reasons).toEqual([JA_REASON]);
    expect(kaikei.remediation[0]).toContain(JA_STEP);
    expect(kaikei.alt?.en?.reasons).toEqual([EN_REASON]);
    expect(kaikei.alt?.en?.remediation[0]).toContain(EN_STEP);
    expect(r.summary.remediationSteps.every((s) => s.alt?.en !== undefined)).toBe(true);

    const html = fs.readFileSync(r.outputs.html, 'utf8');
    expect(html).toContain('<html lang="ja">');
    // KB numbers link to Microsoft's page in each language: ja-jp in the Japanese text, en-us in the English
    expect(html).toContain(`<span class="l-ja">${linkify(JA_REASON, 'ja')}</span><span class="l-en">${linkify(EN_REASON, 'en')}</span>`);
    expect(linkify(JA_REASON, 'ja')).toContain('<a class="kb" href="https://support.microsoft.com/ja-jp/help/5011487"');
    expect(linkify(EN_REASON, 'en')).toContain('<a class="kb" href="https://support.microsoft.com/en-us/help/5011487"');
    expect(html).toContain(`<span class="l-ja">${linkify(JA_STEP, 'ja')}`);
    expect(html).toContain(escapeHtml(JA_ROOT_STEP));
    // every reason and step shown has both languages: the toggle shows no stale text
    const fixFirst = html.slice(html.indexOf('id="fix-first"'), html.indexOf('</table>', html.indexOf('id="fix-first"')));
    const steps = html.slice(html.indexOf('id="steps"'), html.indexOf('</table>', html.indexOf('id="steps"')));
    for (const part of [fixFirst, steps]) {
      // a fix step carries the inference mark after it (issue 18.3)
      const mark = ' <span class="mark inf"><span class="l-ja">当ツールの推定</span><span class="l-en">our inference</span></span>';
      const items = [...part.replaceAll(mark, '').matchAll(/<(?:li|td)><code>(.*?)<\/code><\/(?:li|td)>|<li>(.*?)<\/li>/g)].map((m) => m[1] ?? m[2]!);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item).toMatch(/^<span class="l-ja">(?:[^<]|<a [^>]*>[^<]*<\/a>)+<\/span><span class="l-en">(?:[^<]|<a [^>]*>[^<]*<\/a>)+<\/span>$/);
    }

    const json = JSON.parse(fs.readFileSync(r.outputs.json, 'utf8'));
    const row = json.machines.find((m: { name: string }) => m.name === 'pc-kaikei');
    expect(row.reasons).toEqual([{ code: 'OS_PATCH_MISSING', message: JA_REASON }]);
    expect(row.remediation[0]).toContain(JA_STEP);
    expect(fs.readFileSync(r.outputs.csv, 'utf8')).toContain(JA_STEP);
  });

  it('the English report has the English texts first and the Japanese for the toggle', async () => {
    const r = await run('en');
    const kaikei = r.summary.fixFirst.find((f) => f.name === 'pc-kaikei')!;
    expect(kaikei.reasons).toEqual([EN_REASON]);
    expect(kaikei.alt?.ja?.reasons).toEqual([JA_REASON]);
    const html = fs.readFileSync(r.outputs.html, 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<span class="l-ja">${linkify(JA_REASON, 'ja')}</span><span class="l-en">${linkify(EN_REASON, 'en')}</span>`);
    expect(html).toContain(`<span class="l-en">${linkify(EN_STEP, 'en')}`);
  });

  it('a summary without translations still renders each text once', async () => {
    const r = await run('ja');
    const bare = {
      ...r.summary,
      fixFirst: r.summary.fixFirst.map(({ alt: _a, ...f }) => f),
      remediationSteps: r.summary.remediationSteps.map(({ alt: _a, ...s }) => s),
    };
    const html = renderHtml(bare);
    expect(html).toContain(`<li>${linkify(JA_REASON, 'ja')}</li>`);
    expect(html).not.toContain(linkify(EN_REASON, 'en'));
  });
  it('judges a machine in the other language only when the summary keeps its texts (a new step, a place in "fix first")', async () => {
    // 2 000 not-ready machines that share their steps: the toggle needs the other language for the first
    // of each step and for the 25 machines to fix first, not for all 2 000
    const items: InventoryItem[] = Array.from({ length: 2000 }, (_, i) => ({
      ok: true,
      source: `f.jsonl:${i + 1}`,
      profile: machine(`pc-${String(i).padStart(4, '0')}`, { os: { version: '10.0.19044', ubr: 1000 + (i % 500) }, hotfixes: [], rootStore: [ACS_ROOT_2020_SHA1] }),
    }));
    const calls = { ja: 0, en: 0 };
    const d: FleetDeps = {
      ...fakeDeps(items),
      assessReadiness: (p, o) => {
        calls[o?.lang === 'ja' ? 'ja' : 'en']++;
        return assessReadiness(p, o);
      },
    };
    const dir = outDir();
    const r = await runFleetReport({ inventory: ['x'], paths: ['msi'], outDir: dir, at: AT, lang: 'ja' }, d);
    expect(r.summary.totals.notReady).toBe(2000);
    expect(calls.ja).toBe(2000);
    expect(calls.en).toBeGreaterThan(0);
    expect(calls.en).toBeLessThanOrEqual(30);
    // and the toggle still has every text it shows
    expect(r.summary.fixFirst).toHaveLength(25);
    for (const f of r.summary.fixFirst) {
      expect(f.alt?.en?.reasons).toHaveLength(f.reasons.length);
      expect(f.alt?.en?.remediation).toHaveLength(f.remediation.length);
    }
    expect(r.summary.remediationSteps.every((s) => s.alt?.en !== undefined)).toBe(true);
  });
});
