/**
 * What an administrator reads: no developer words, no steps that cannot change the verdict, alternatives of
 * one step as one step, plurals right, no Japanese line starting with "。", whole chart labels, popups that
 * say whose wording they show, unknown coloured on its own, KB links in the reader's language.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COLLECT_TEXTS, READINESS_TEXTS } from '../../src/endpoint/texts';
import { INSTALLER_TEXTS } from '../../src/installers/texts';
import { INSTALL_PATH_IDS } from '../../src/installers/types';
import { allCommands, mainHelp } from '../../src/cli/main';
import { wrap } from '../../src/cli/format/width';
import { FleetAggregator } from '../../src/report/aggregate';
import { barChart, escapeHtml, labelWidth, renderHtml } from '../../src/report/html';
import { LABELS } from '../../src/report/i18n';
import { AT, FLEET_JSONL, MACHINES, NOT_READY_W10, profileFile, run, tmpDir } from './helpers';

/** Words of the code, not of the reader: field names, table names, file names the reader never made. */
const DEVELOPER_WORDS = /laterKbs|machine\.json|\bos\.(ubr|version|productType)\b|\brootStore\b|\brootAutoUpdate\b|\bhotfixesKnown\b|seed's numbering|\bseed\b|\(seed/;

function allTexts(): string[] {
  const out: string[] = [];
  for (const v of Object.values(READINESS_TEXTS)) out.push(v.en, v.ja);
  for (const v of Object.values(COLLECT_TEXTS)) out.push(v.en, v.ja);
  for (const v of Object.values(INSTALLER_TEXTS) as { en: string; ja: string }[]) out.push(v.en, v.ja);
  for (const v of Object.values(LABELS)) out.push(v.en, v.ja);
  out.push(mainHelp(), ...allCommands().map((c) => c.help));
  return out;
}

describe('no developer words in what users read', () => {
  it('in the text tables and every --help', () => {
    for (const t of allTexts()) expect([t, DEVELOPER_WORDS.test(t)]).toEqual([t, false]);
  });

  it('in the readiness, simulate and fleet output of the sample fleet, both languages', async () => {
    for (const lang of ['en', 'ja']) {
      const r = await run(['readiness', MACHINES, FLEET_JSONL, '--lang', lang]);
      expect(r.out).not.toMatch(DEVELOPER_WORDS);
      const unknownMachine = path.join(tmpDir(), 'u.jsonl');
      fs.writeFileSync(unknownMachine, fs.readFileSync(FLEET_JSONL, 'utf8').split('\n')[0] + '\n');
      for (const p of INSTALL_PATH_IDS) {
        const s = await run(['simulate', p, '--machine', unknownMachine, '--lang', lang, '--at', AT]);
        expect([p, s.out.match(DEVELOPER_WORDS)?.[0]]).toEqual([p, undefined]);
      }
      const out = tmpDir();
      await run(['fleet', MACHINES, FLEET_JSONL, '--out', out, '--lang', lang, '--at', AT]);
      const visible = fs.readFileSync(path.join(out, 'report.html'), 'utf8').replace(/<script[^]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
      expect(visible.match(DEVELOPER_WORDS)?.[0]).toBeUndefined();
    }
  });
});

describe('one exit-code table', () => {
  it('every --help lists codes 0 to 4 with the same meaning of 2, 3 and 4', () => {
    for (const c of allCommands()) {
      expect([c.name, c.help.includes('Exit codes (the same for every command; see README "Exit codes"):')]).toEqual([c.name, true]);
      for (const code of [0, 1, 2, 3, 4]) expect([c.name, new RegExp(`\\n  ${code}  \\S`).test(c.help)]).toEqual([c.name, true]);
    }
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('## Development'));
    for (const c of allCommands()) if (c.name !== 'demo') expect([c.name, table.includes(` ${c.name} `) || table.includes(`| ${c.name}`) || table.includes(`/ ${c.name}`)]).toEqual([c.name, true]);
  });
});

describe('remediation an administrator can act on', () => {
  it('Windows XP: upgrade, and no step collecting facts that cannot change the verdict', async () => {
    const r = JSON.parse((await run(['readiness', path.join(MACHINES, 'pc-xp-line'), '--json'])).out);
    expect(r.ready).toBe(false);
    expect(r.remediation).toHaveLength(1);
    expect(r.remediation[0]).toMatch(/never gets ACS support: upgrade/);
    expect(r.remediation.join('\n')).not.toMatch(/Collect|collect/);
  });

  it('alternatives of one step are one step: the UBR or the installed updates; the root by certutil, PowerShell or automatic update', async () => {
    const unknown = path.join(tmpDir(), 'u.jsonl');
    fs.writeFileSync(unknown, '{"name":"PC-U","os":{"version":"10.0.19044"},"rootStore":[],"rootAutoUpdate":false}\n');
    const r = JSON.parse((await run(['readiness', unknown, '--json'])).out);
    const ubr = r.remediation.filter((s: string) => /UBR|Get-HotFix/.test(s));
    expect(ubr).toHaveLength(1);
    expect(ubr[0]).toMatch(/^Collect the UBR \(update build revision\): reg query .*; or the installed updates: powershell -Command "Get-HotFix/);
    const root = r.remediation.filter((s: string) => /certutil|Import-Certificate|DisableRootAutoUpdate/.test(s));
    expect(root).toHaveLength(1);
    expect(root[0]).toMatch(/certutil -addstore Root .* \(PowerShell: Import-Certificate .*\); or re-enable automatic root certificate update/);
  });

  it('English plurals: 1 machine, 1 certificate, 2 machines', async () => {
    const one = path.join(tmpDir(), 'one.jsonl');
    fs.writeFileSync(one, '{"name":"PC-1","os":{"version":"10.0.22631","ubr":3000},"rootStore":["0000000000000000000000000000000000000000"],"rootAutoUpdate":false}\n');
    const r = await run(['readiness', one, '--lang', 'en']);
    expect(r.out).toContain('(1 certificate)');
    expect(r.out).toContain('1 machine: 0 ready, 1 not ready, 0 unknown');
    const out = await run(['fleet', one, '--path', 'msi', '--out', tmpDir(), '--at', AT, '--lang', 'en']);
    expect(out.out).toContain('1 machine: 0 ready, 1 not ready, 0 unknown');
    const two = path.join(tmpDir(), 'two.jsonl');
    fs.writeFileSync(two, fs.readFileSync(one, 'utf8') + fs.readFileSync(one, 'utf8').replace('PC-1', 'PC-2'));
    expect((await run(['readiness', two, '--lang', 'en'])).out).toContain('2 machines: 0 ready, 2 not ready, 0 unknown');
  });
});

describe('Japanese lines never start with "。"', () => {
  it('wrap moves the character before a closing mark down with it', () => {
    const t = 'あいうえおかきくけこさしすせそたちつてと。なにぬねの、はひふへほ';
    for (let w = 8; w <= 44; w++) for (const line of wrap(t, w)) expect([w, line]).toEqual([w, expect.not.stringMatching(/^[。、]/)]);
  });

  it('in every popup box and output line of simulate --lang ja, every path, both machines', async () => {
    const old = profileFile(NOT_READY_W10);
    for (const p of INSTALL_PATH_IDS) {
      const r = await run(['simulate', p, '--machine', old, '--lang', 'ja', '--at', AT, '--agent-build', '11092']);
      for (const line of r.out.split('\n')) {
        const inner = line.replace(/^[│ ]+/, '');
        expect([p, inner]).toEqual([p, expect.not.stringMatching(/^[。、]/)]);
      }
    }
  });
});

describe('the report page', () => {
  function page() {
    const agg = new FleetAggregator({ generatedAt: '2026-01-15T00:00:00.000Z', lang: 'ja', inputs: ['in'], files: [], paths: ['msi', 'remote-install'] });
    const noacs = { id: 'M-NOACS', window: 'endpoint', title: 'T', text: 'x', buttons: ['OK'], provenance: 'seed', titleProvenance: 'ours' };
    const remote = { id: 'M-REMOTE-INSTALL', window: 'console', title: 'R', text: 'y', buttons: ['OK'], provenance: 'ours', titleProvenance: 'ours' };
    agg.addMachine({
      name: 'pc-unknown',
      source: 's',
      ready: 'unknown',
      windows: 'Windows 10 1809 / LTSC 2019 or Windows Server 2019',
      reasons: [{ code: 'FACT_UNKNOWN', message: 'x', fact: 'os.ubr' }],
      remediation: ['Install KB5005625'],
      outcomes: [
        { path: 'msi', file: null, decision: 'unknown', worstCase: { decision: 'blocked', popups: [noacs], events: [], downloads: 0 }, popups: [], events: [], downloads: 0, reasons: [] },
        { path: 'remote-install', file: null, decision: 'blocked', popups: [remote], events: [], downloads: 0, reasons: [] },
      ],
    });
    return renderHtml(agg.result());
  }

  it('counts an unknown run as unknown with its worst case, never as blocked, in its own colour', () => {
    const html = page();
    // (the machine list itself is drawn by the page's script: tests/report/html-browser.test.ts)
    expect(html).toMatch(/<tr data-path="msi">.*<td class="n unk">1<br><span class="muted wc">\(.*最悪の場合.*ブロック.* 1,/);
    expect(html).toMatch(/<span class="bad">.*?: 0<\/span>/); // msi: blocked 0
    expect(html).toContain('data-path="msi"');
    const colour = (sel: string) => new RegExp(`[,}]${sel.replace('.', '\\.')}[^{]*\\{color:(#[0-9a-f]+)`).exec(html)?.[1];
    expect(colour('.d-unknown')).toBeDefined();
    expect(colour('.d-unknown')).not.toBe(colour('.d-blocked'));
    expect(colour('.d-unknown')).not.toBe(colour('.d-unguarded'));
    // the worst case's popup says how many machines would see it only if their facts turn out unfavourable
    expect(html).toMatch(/M-NOACS<\/code>.*表示される端末数<\/span>.*: 0 · .*情報が不利な場合に表示される端末数.*: 1/);
  });

  it('says under a popup when its text or title is ours, not Trend Micro\'s', () => {
    const html = page();
    expect(html).toContain('<span class="mark faq"><span class="l-ja">(トレンドマイクロの Q&amp;A より)</span>');
    expect(html).toContain('<span class="mark inf"><span class="l-ja">タイトルは当ツールの推定</span>');
    expect(html).toContain('<span class="l-ja">タイトルは当ツールの文言で');
    expect(html).toContain('<span class="mark inf"><span class="l-ja">当ツールの推定</span>');
    expect(html).toContain(escapeHtml("The text is ours, not Trend Micro's or Microsoft's"));
  });

  it('draws chart labels whole: the label column is as wide as the longest label', () => {
    const long = 'Windows 10 1809 / LTSC 2019 or Windows Server 2019';
    const svg = barChart('t', [{ label: long, parts: [{ value: 3, cls: 'ok' }] }, { label: 'Windows 11', parts: [{ value: 1, cls: 'bad' }] }], 'c');
    const x = Number(/<text class="lbl" x="([\d.]+)"/.exec(svg)![1]);
    expect(x).toBeGreaterThanOrEqual(labelWidth(long));
    expect(svg).toContain(`>${long}</text>`);
    expect(page()).toContain('>Windows 10 1809 / LTSC 2019 or Windows Server 2019</text>');
  });

  it('links KB numbers to Microsoft in the language shown: ja-jp in Japanese, en-us in English', () => {
    const html = page();
    expect(html).toContain('href="https://support.microsoft.com/ja-jp/help/5005625"');
  });
});
