import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FleetAggregator } from '../../src/report/aggregate';
import { csvCell } from '../../src/report/csv';
import { runFleetReport, type InventoryItem } from '../../src/report/fleet';
import { escapeHtml, renderHtml, scriptJson } from '../../src/report/html';
import { fakeDeps, machine, type FakeCounters } from './fake-fleet';

const made: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-report-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const AT = new Date('2026-01-15T00:00:00Z');

function smallFleet(): InventoryItem[] {
  return [
    { ok: true, source: 'a.json', profile: machine('pc-ready', { hotfixes: ['KB5011487'], rootAutoUpdate: true }) },
    { ok: true, source: 'b.json', profile: machine('pc-nopatch', { hotfixes: [], rootAutoUpdate: true }) },
    { ok: true, source: 'c.json', profile: machine('pc-nothing', { hotfixes: [], rootAutoUpdate: false }) },
    { ok: true, source: 'd.json', profile: machine('pc-unknown', { rootAutoUpdate: true }) },
    { ok: false, source: 'fleet.jsonl', line: 7, error: 'not JSON' },
  ];
}

describe('fleet report', () => {
  it('counts ready, not ready, unknown and import errors, and writes the three files', async () => {
    const dir = tmpDir();
    const r = await runFleetReport({ inventory: ['x'], paths: ['msi'], outDir: dir, at: AT, lang: 'en' }, fakeDeps(smallFleet()));
    expect(r.summary.totals).toEqual({ machines: 4, ready: 1, notReady: 2, unknown: 1, importErrors: 1 });
    for (const f of ['report.json', 'report.csv', 'report.html']) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    const json = JSON.parse(fs.readFileSync(r.outputs.json, 'utf8'));
    expect(json.machines.map((m: { name: string }) => m.name)).toEqual(['pc-ready', 'pc-nopatch', 'pc-nothing', 'pc-unknown']);
    expect(json.importErrors).toEqual([{ source: 'fleet.jsonl', line: 7, error: 'not JSON' }]);
    expect(json.summary.totals.machines).toBe(4);
  });

  it('lists machines to fix first: not ready before unknown, most blocked runs first, with their exact remediation', async () => {
    const r = await runFleetReport({ inventory: ['x'], paths: ['msi', 'autopcc'], outDir: tmpDir(), at: AT }, fakeDeps(smallFleet()));
    expect(r.summary.fixFirst.map((f) => f.name)).toEqual(['pc-nopatch', 'pc-nothing', 'pc-unknown']);
    expect(r.summary.fixFirst[1]!.remediation).toEqual([
      'Install KB5011487',
      'certutil -addstore Root microsoft-identity-verification-root-ca-2020.cer',
    ]);
  });

  it('counts machines by reason and by Windows version', async () => {
    const r = await runFleetReport({ inventory: ['x'], paths: ['msi'], outDir: tmpDir(), at: AT }, fakeDeps(smallFleet()));
    expect(r.summary.byReason).toEqual([
      { code: 'OS_PATCH_MISSING', notReady: 2, unknown: 0 },
      { code: 'FACT_UNKNOWN', notReady: 0, unknown: 1 },
      { code: 'ROOT_NOT_TRUSTED', notReady: 1, unknown: 0 },
    ]);
    expect(r.summary.byWindows).toEqual([{ windows: 'Windows 10 21H2', ready: 1, notReady: 2, unknown: 1 }]);
  });

  it('verifies an installer once per distinct trust and simulates once per distinct machine facts', async () => {
    const items: InventoryItem[] = [];
    for (let i = 0; i < 300; i++)
      items.push({ ok: true, source: 'f', profile: machine(`pc-${i}`, { hotfixes: i % 2 ? ['KB5011487'] : [], rootAutoUpdate: true }) });
    const counters: FakeCounters = { simulations: 0, verifications: 0 };
    const installer = path.join(tmpDir(), 'AutoPcc.exe');
    fs.writeFileSync(installer, 'MZ');
    const r = await runFleetReport({ inventory: ['x'], files: [installer], outDir: tmpDir(), at: AT }, fakeDeps(items, counters));
    expect(r.summary.totals.machines).toBe(300);
    expect(counters.verifications).toBe(1);
    expect(r.verifications).toBe(1);
    // two distinct machines (patched or not); the blocked popup is also rendered once in the other language
    expect(r.simulations).toBe(2);
    expect(r.summary.perPath[0]).toMatchObject({ path: 'autopcc', allowed: 150, blocked: 150 });
  });

  it('shows each distinct popup per path once, with how many machines see it, in both languages', async () => {
    const r = await runFleetReport({ inventory: ['x'], paths: ['msi'], outDir: tmpDir(), at: AT, lang: 'ja' }, fakeDeps(smallFleet()));
    const popups = r.summary.perPath[0]!.popups;
    expect(popups).toHaveLength(1);
    expect(popups[0]).toMatchObject({ id: 'M-NOACS', machines: 3, text: 'インストールできません <script>' });
    expect(popups[0]!.alt?.en?.text).toBe('Cannot install <script>');
  });

  it('goes on past a machine the library cannot judge and reports it with its source', async () => {
    const deps = fakeDeps(smallFleet());
    // eslint-disable-next-line @typescript-eslint/unbound-method -- fakeDeps' simulate is a plain function property, not a method using this
    const inner = deps.simulate;
    deps.simulate = async (p, input, o) => {
      if (input.machine.name === 'pc-nothing') throw new Error('no machine for this path');
      return inner(p, input, o);
    };
    const r = await runFleetReport({ inventory: ['x'], paths: ['msi'], outDir: tmpDir(), at: AT }, deps);
    expect(r.summary.totals).toMatchObject({ machines: 3, importErrors: 2 });
    expect(r.summary.importErrors[0]).toEqual({ source: 'c.json', error: 'pc-nothing: no machine for this path' });
  });

  it('writes one CSV row per machine with a header, a BOM and one decision column per run', async () => {
    // English report (issue 18.5: report.csv is in the report's language; the default, 'ja', is checked below)
    const r = await runFleetReport({ inventory: ['x'], paths: ['msi', 'autopcc'], outDir: tmpDir(), at: AT, lang: 'en' }, fakeDeps(smallFleet()));
    const text = fs.readFileSync(r.outputs.csv, 'utf8');
    expect(text.startsWith('\ufeffname,source,ready,windows,version,ubr,reasons,remediation,assumed,msi,autopcc,msi worst case,autopcc worst case\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe(
      'pc-nothing,c.json,false,Windows 10 21H2,10.0.19044,,OS_PATCH_MISSING; ROOT_NOT_TRUSTED,Install KB5011487 | certutil -addstore Root microsoft-identity-verification-root-ca-2020.cer,,blocked,blocked,,',
    );
  });

  it('writes report.csv in the report\'s language, with the BOM Excel needs (issue 18.5)', async () => {
    const r = await runFleetReport({ inventory: ['x'], paths: ['msi', 'autopcc'], outDir: tmpDir(), at: AT, lang: 'ja' }, fakeDeps(smallFleet()));
    const text = fs.readFileSync(r.outputs.csv, 'utf8');
    expect(text.startsWith('\ufeff端末名,入力元,ACS 対応,Windows,バージョン,UBR,理由,対処,仮定した情報,msi,autopcc,msi 最悪の場合,autopcc 最悪の場合\r\n')).toBe(true);
    const row = text.trimEnd().split('\r\n')[3]!;
    expect(row).toMatch(/^pc-nothing,c\.json,未対応,Windows 10 21H2,.*,ブロック,ブロック,,$/);
    expect(row).not.toMatch(/\b(false|blocked|allowed)\b/);
  });
});

describe('report encoding', () => {
  it('quotes CSV cells with commas, quotes or line breaks, and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=cmd|calc')).toBe("'=cmd|calc");
    expect(csvCell(undefined)).toBe('');
  });
  it('escapes HTML and keeps embedded JSON from closing its script element', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    const s = scriptJson({ t: '</script><script>alert(1)</script>' });
    expect(s).not.toContain('<');
    expect(JSON.parse(s)).toEqual({ t: '</script><script>alert(1)</script>' });
  });
  it('renders machine names and popup texts escaped, and embeds the summary as JSON', () => {
    const agg = new FleetAggregator({ generatedAt: AT.toISOString(), lang: 'en', inputs: ['in'], files: [], paths: ['msi'] });
    agg.addMachine({
      name: '<img src=x onerror=alert(1)>',
      source: 's',
      ready: false,
      windows: 'Windows 7 SP1',
      reasons: [{ code: 'OS_PATCH_MISSING', message: 'x' }],
      remediation: ['Install KB5006743'],
      outcomes: [{ path: 'msi', file: null, decision: 'blocked', popups: [{ id: 'M-NOACS', window: 'endpoint', title: 'T', text: '<b>no</b>', buttons: ['OK'] }], events: [], downloads: 0, reasons: [] }],
    });
    const html = renderHtml(agg.result());
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;no&lt;/b&gt;');
    const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
    expect(JSON.parse(data![1]!).totals.notReady).toBe(1);
    // nothing loads from the network; the KB number is a link (text the reader may click), to the English page
    expect(html).not.toMatch(/src="https?:/);
    expect(html).toContain('<a class="kb" href="https://support.microsoft.com/en-us/help/5006743" rel="noreferrer noopener" target="_blank">KB5006743</a>');
  });
  it('keeps memory flat: the sample of rows and the fix-first list are bounded', () => {
    const agg = new FleetAggregator({ generatedAt: '', lang: 'en', inputs: [], files: [], paths: [] }, { sampleRows: 10, fixFirst: 5 });
    for (let i = 0; i < 1000; i++)
      agg.addMachine({ name: `m${i}`, source: 's', ready: false, windows: null, reasons: [], remediation: [], outcomes: [] });
    const r = agg.result();
    expect(r.machines).toHaveLength(10);
    expect(r.machinesTruncated).toBe(true);
    expect(r.fixFirst.map((f) => f.name)).toEqual(['m0', 'm1', 'm10', 'm100', 'm101']);
    expect(r.byWindows).toEqual([{ windows: '(unknown)', ready: 0, notReady: 1000, unknown: 0 }]);
  });
});
