/**
 * The HTML report in a real browser: Debian's Chromium headless loads report.html of the sample fleet (real
 * readiness, verifier and install-path machines), the test reads the rendered DOM (totals, one machine's row,
 * the language chosen by the page's script) and saves a screenshot to tests/artifacts/report.png.
 * Skipped, with a note, when Chromium is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledAcsRoot } from '../../src/authenticode/trust/certificates';
import { knownCertificates, loadCertificates } from '../../src/cli/certs';
import { demoInputs } from '../../src/cli/commands/demo';
import { fleetReport } from '../../src/report/default-deps';
import { chromiumAvailable, CHROMIUM, dumpDom, screenshot } from './chromium';

const available = chromiumAvailable();
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(`html-browser.test: ${CHROMIUM} not found; the browser test is skipped (.ci/run installs chromium with apt-get)`);
}
const maybe = available ? describe : describe.skip;

/** Japanese glyphs render only with a CJK font; without one the screenshot shows the English view. */
function hasJapaneseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

maybe('HTML report in Chromium', () => {
  let url: string;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-html-'));
    const inputs = demoInputs(path.join(__dirname, '..', '..'));
    const known = knownCertificates(loadCertificates(inputs.trustFiles), bundledAcsRoot());
    const r = await fleetReport({
      inventory: inputs.inventory,
      runs: inputs.runs,
      outDir: dir,
      at: new Date('2026-01-15T00:00:00Z'),
      lang: 'ja',
      known,
      acsRoots: known,
    });
    url = pathToFileURL(r.outputs.html).href;
  });

  it('shows the totals and a machine row with its readiness and per-path decisions in the rendered page', async () => {
    const dom = await dumpDom(url);
    const total = (id: string) => new RegExp(`id="${id}">(\\d+)<`).exec(dom)?.[1];
    expect(total('total-machines')).toBe('11');
    expect(total('total-ready')).toBe('5');
    expect(total('total-not-ready')).toBe('5');
    expect(total('total-unknown')).toBe('1');
    const table = /<table id="machines">([\s\S]*?)<\/table>/.exec(dom)?.[1] ?? '';
    const row = /<tr data-machine="PC-LAB-03">([\s\S]*?)<\/tr>/.exec(table)?.[1];
    expect(row).toBeDefined();
    const text = textOf(row!);
    expect(text).toContain('PC-LAB-03');
    expect(text).toContain('未対応');
    expect(text).toContain('Windows 10 22H2');
    expect(text).toContain('ROOT_NOT_TRUSTED');
    expect((row!.match(/class="d-blocked"/g) ?? []).length).toBe(3);
    expect(dom).toContain('<html lang="ja">');
  }, 90000);

  it("switches the page to English with the page's own script (#lang=en)", async () => {
    const dom = await dumpDom(url + '#lang=en');
    expect(dom).toMatch(/<html lang="en"/);
  }, 90000);

  it('switches between Japanese and English when the language button is clicked (DevTools protocol)', () => {
    // WebSocket is global from Node 22; Node 20 needs the flag
    const flags = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket'] : [];
    const r = spawnSync(process.execPath, [...flags, path.join(__dirname, 'cdp-click.js'), CHROMIUM, url], {
      encoding: 'utf8',
      timeout: 85000,
    });
    if (r.status !== 0) throw new Error(`cdp-click exited ${r.status}: ${r.stderr}`);
    const { before, after } = JSON.parse(r.stdout) as { before: { lang: string; heading: string }; after: { lang: string; heading: string } };
    expect(before).toEqual({ lang: 'ja', heading: 'ACS 対応状況レポート' });
    expect(after).toEqual({ lang: 'en', heading: 'ACS readiness report' });
  }, 90000);

  it('saves a screenshot of the report as a PNG test artifact', async () => {
    const out = path.join(__dirname, '..', 'artifacts', 'report.png');
    fs.rmSync(out, { force: true });
    await screenshot(hasJapaneseFont() ? url : url + '#lang=en', out, '1280,2400');
    const png = fs.readFileSync(out);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(20000);
  }, 90000);
});
