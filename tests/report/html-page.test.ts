/**
 * report.html as written (no browser): the machine rows embedded as compact data that no name can break out
 * of, the string table's bound, the part file removed, the banners of the first screen (the installer's own
 * verdict, inputs not read), and the FAQ-or-ours marks. The page's behaviour is in html-browser.test.ts.
 */
import { escapeText } from '../../src/text/escape';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FleetAggregator } from '../../src/report/aggregate';
import { runFleetReport } from '../../src/report/fleet';
import { renderHtml } from '../../src/report/html';
import { RowEncoder } from '../../src/report/page/rows';
import type { FleetSummary, MachineRow } from '../../src/report/types';
import { fakeDeps, machine } from './fake-fleet';

const AT = new Date('2026-01-15T00:00:00Z');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function row(name: string, extra: Partial<MachineRow> = {}): MachineRow {
  return { name, source: 'fleet.jsonl:1', ready: false, windows: 'Windows 10 22H2', reasons: [{ code: 'OS_PATCH_MISSING', message: 'm' }], remediation: ['Install KB5011487'], outcomes: [], ...extra };
}

function summary(rows: MachineRow[], patch: Partial<FleetSummary> = {}): FleetSummary {
  const agg = new FleetAggregator({ generatedAt: AT.toISOString(), lang: 'ja', inputs: ['in'], files: [], paths: ['msi'] });
  for (const r of rows) agg.addMachine(r);
  return { ...agg.result(), ...patch };
}

function rowsBlock(html: string): { runs: unknown[]; rows: unknown[][]; strings: unknown[] } {
  const m = /<script type="application\/json" id="report-rows">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!) as { runs: unknown[]; rows: unknown[][]; strings: unknown[] };
}

describe('the machine rows in the page', () => {
  it('embeds every row as data no name can close: "<" escaped, the same values back', () => {
    const names = ['</script><script>alert(1)</script>', '<!--', 'a\u2028b', 'ok'];
    const html = renderHtml(summary(names.map((n) => row(n))));
    const block = /id="report-rows">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toMatch(/[<\u2028]/);
    // names come back as escapeText shows them (an invisible or line-breaking character made visible)
    expect(rowsBlock(html).rows.map((r) => r[0])).toEqual(names.map((n) => escapeText(n)));
    // only our own script elements in the page, and only our own script may run (by its hash)
    expect(html.match(/<script\b/g)).toHaveLength(4);
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(html).not.toContain('unsafe-inline');
  });

  it('keeps the string table bounded: past the bound, values are written in the row itself', () => {
    const enc = new RowEncoder([{ path: 'msi', file: null }], 3);
    const rows = ['A', 'B', 'C', 'D'].map((w) => JSON.parse(enc.encode(row('m', { windows: `Windows ${w}`, source: `s${w}` }))) as unknown[]);
    expect(JSON.parse(enc.stringsJson())).toHaveLength(3);
    expect(rows[3]![3]).toBe('Windows D');
    expect(rows[3]![8]).toBe('sD');
  });

  it('streams the rows through a part beside report.html and leaves only the three files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-page-'));
    dirs.push(dir);
    const items = Array.from({ length: 300 }, (_, i) => ({ ok: true as const, profile: machine(`pc-${i}`, { hotfixes: i % 3 ? ['KB5011487'] : [], rootAutoUpdate: true }), source: `f.jsonl:${i + 1}` }));
    const r = await runFleetReport({ inventory: ['f.jsonl'], outDir: dir, at: AT, lang: 'ja', runs: [{ path: 'msi', file: null }], limits: { sampleRows: 10 } }, fakeDeps(items));
    expect(fs.readdirSync(dir).sort()).toEqual(['report.csv', 'report.html', 'report.json']);
    const html = fs.readFileSync(r.outputs.html, 'utf8');
    const block = rowsBlock(html);
    expect(block.rows).toHaveLength(300);
    expect(block.rows[299]![0]).toBe('pc-299');
    expect(block.rows[299]![9]).toBe(300);
    expect(html).not.toContain('先頭の端末のみ表示しています');
  });
});

describe('the first screen', () => {
  const file = '/x/AutoPcc.exe';
  const v = (trust: string, verdict: string, failures: string[]) => ({ file, trust, verdict, acs: verdict === 'valid', failures, machines: 1 });

  it("says once on top when the installer fails under every machine's trust, with the codes it fails with everywhere", () => {
    const html = renderHtml(summary([row('a')], { verifications: [v('root in store', 'invalid', ['TAMPERED', 'UNTRUSTED_ROOT']), v('root missing', 'invalid', ['TAMPERED'])] }));
    const banner = /<section id="installer-verdict"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(banner).toContain('<code>AutoPcc.exe</code>: <span class="l-ja">無効</span>');
    expect(banner).toContain('<code>TAMPERED</code>');
    expect(banner).not.toContain('UNTRUSTED_ROOT');
    expect(banner).toContain('入手し直して');
    expect(html.indexOf('id="installer-verdict"')).toBeLessThan(html.indexOf('id="totals"'));
  });

  it("shows no banner when the file is valid where the machine trusts its root (the failure is the machines')", () => {
    const html = renderHtml(summary([row('a')], { verifications: [v('root in store', 'valid', []), v('root missing', 'invalid', ['UNTRUSTED_ROOT'])] }));
    expect(html).not.toContain('id="installer-verdict"');
  });

  it('shows an entry marked as the installer\'s own verdict, extra fields and all', () => {
    const own = { ...v('report trust', 'invalid', ['TIMESTAMP_INVALID']), own: true, fix: 'x' };
    const html = renderHtml(summary([row('a')], { verifications: [own, v('root in store', 'valid', [])] }));
    expect(html).toContain('<code>TIMESTAMP_INVALID</code>');
  });

  it('counts and names the skipped files and unreadable lines on top, and lists them all below', () => {
    const s = summary([row('a')], {
      importErrors: [{ source: 'bad.jsonl', line: 3, error: 'bad JSON' }],
      skipped: { count: 2, items: [{ source: 'Thumbs.db', reason: 'not an export' }, { source: 'README.txt', reason: 'not an export' }] },
    });
    s.totals.importErrors = 1;
    const html = renderHtml(s);
    const banner = /<section id="inputs-not-read"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(banner).toContain('読み込めなかったファイル・行: 1 件');
    expect(banner).toContain('読み込まなかったファイル・行: 2 件');
    expect(banner).toContain('Thumbs.db');
    expect(html).toContain('<table id="skipped">');
    expect(html).toContain('<table id="import-errors">');
    expect(html).toContain('id="total-skipped">2<');
  });

  it('says how many more machines there are to fix than "fix first" shows, in Japanese word order', () => {
    const html = renderHtml(summary(Array.from({ length: 30 }, (_, i) => row(`m${i}`))));
    expect(html).toContain('<span class="l-ja">30 台中 0 台が対応済み、30 台が未対応、0 台が不明です。</span>');
    expect(html).toContain('対処が必要な 30 台のうち、優先度の高い 25 台を表示しています (ほかに 5 台)。');
    expect(html).toContain('Showing the 25 most urgent of 30 machines to fix (5 more).');
  });
});

describe('FAQ text and our inference', () => {
  const outcome = (popup: Record<string, unknown>) => ({ path: 'msi', file: null, decision: 'blocked' as const, popups: [popup as never], events: [], downloads: 0, reasons: [] });
  it('marks the FAQ\'s text as the Q&A\'s and anything else as our inference; a `source` field wins', () => {
    const faq = { id: 'M-NOACS', window: 'endpoint', title: 'T', text: 'faq text', buttons: ['OK'], provenance: 'seed' };
    const ours = { id: 'M-SERVER-PATCH', window: 'server', title: 'T', text: 'our text', buttons: ['OK'], provenance: 'ours' };
    const flagged = { id: 'M-X', window: 'endpoint', title: 'T', text: 'flagged', buttons: ['OK'], provenance: 'seed', source: 'inferred' };
    const html = renderHtml(summary([row('a', { outcomes: [outcome(faq)] }), row('b', { outcomes: [outcome(ours)] }), row('c', { outcomes: [outcome(flagged)] })]));
    const box = (text: string) => html.slice(html.indexOf(`>${text}<`), html.indexOf('</div></div>', html.indexOf(`>${text}<`) + 1) + 200);
    expect(box('faq text')).toContain('<span class="mark faq"><span class="l-ja">(トレンドマイクロの Q&amp;A より)</span>');
    expect(box('our text')).toContain('<span class="mark inf"><span class="l-ja">当ツールの推定</span>');
    expect(box('our text')).not.toContain('トレンドマイクロの Q&amp;A より');
    expect(box('flagged')).toContain('<span class="mark inf">');
    expect(box('flagged')).not.toContain('mark faq');
  });
});
