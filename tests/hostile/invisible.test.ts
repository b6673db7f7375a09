/**
 * Issue 22 item 11: invisible and confusable characters in names are shown escaped in every human output
 * (terminal, report.html, report.csv; event XML), so two different names never display alike as "PC-01".
 * JSON keeps the value raw (it is the data).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { csvText, escapeHtml, escapeText, escapeTerminal, escapeXml, hasHiddenText } from '../../src/text/escape';
import { tmpDir } from '../cli/helpers';
import { transpileSources } from '../helpers/transpiled';

/** names that all display as "PC-01" when their invisible / look-alike characters are printed raw */
const VARIANTS: [string, string][] = [
  ['soft hyphen', 'PC-\u00ad01'],
  ['tag characters', 'PC-01\u{e0041}\u{e007f}'],
  ['Hangul filler U+115F', 'PC-01\u115f'],
  ['Hangul filler U+1160', 'PC\u1160-01'],
  ['Hangul filler U+3164', 'PC-01\u3164'],
  ['half-width Hangul filler U+FFA0', 'PC-0\uffa01'],
  ['combining grapheme joiner', 'PC\u034f-01'],
  ['variation selector 16', 'PC-01\ufe0f'],
  ['variation selector 1', 'P\ufe00C-01'],
  ['supplementary variation selector', 'PC-01\u{e0100}'],
  ['zero-width space', 'PC-\u200b01'],
  ['zero-width joiner', 'PC\u200d-01'],
  ['word joiner', 'PC-01\u2060'],
  ['BOM / ZWNBSP', '\ufeffPC-01'],
  ['right-to-left override', 'PC-\u202e10'],
  ['left-to-right isolate', '\u2066PC-01\u2069'],
  ['Mongolian free variation selector', 'PC-01\u180b'],
  ['Cyrillic ER ES', '\u0420\u0421-01'],
  ['Cyrillic ES in Latin', 'P\u0421-01'],
  ['Greek RHO', '\u03a1C-01'],
  ['mathematical bold P', '\u{1d40f}C-01'],
  ['braille blank', 'PC-01\u2800'],
];

let JS: string;
let BIN: string;
let dir: string;
beforeAll(() => {
  JS = transpileSources();
  BIN = path.join(JS, 'acs-gate.js');
  dir = tmpDir('acs-invisible-');
});
afterAll(() => {
  fs.rmSync(JS, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('src/text/escape.ts, the one place', () => {
  it.each(VARIANTS)('%s: never shown as "PC-01" in terminal, HTML, XML or CSV text', (_label, name) => {
    for (const show of [escapeText, escapeTerminal, escapeHtml, escapeXml, csvText]) {
      const shown = show(name);
      expect(shown).not.toBe('PC-01');
      expect(shown).toMatch(/\\[ux]/);
    }
    expect(hasHiddenText(name)).toBe(true);
  });

  it('every variant displays differently from every other one', () => {
    const shown = VARIANTS.map(([, n]) => escapeText(n));
    expect(new Set(shown).size).toBe(VARIANTS.length);
    expect(escapeText('PC-\u00ad01')).toBe('PC-\\xad01');
    expect(escapeText('PC-01\u{e0041}')).toBe('PC-01\\u{e0041}');
    expect(escapeText('\u0420\u0421-01')).toBe('\\u0420\\u0421-01');
  });

  it('keeps what reads as itself: Japanese, accents, Cyrillic and Greek words, emoji, paths', () => {
    for (const s of ['経理部-PC01', 'ＰＣ－０１', 'Café-01', 'Москва-01', 'ΑΘΗΝΑ-01', 'Ρώμη', '🖥 PC', 'C:\\Users\\経理', 'a\u3000b']) {
      expect(escapeText(s)).toBe(s);
      expect(hasHiddenText(s)).toBe(false);
    }
  });
});

describe('as a user sees them', () => {
  let fleet: string;
  beforeAll(() => {
    fleet = path.join(dir, 'fleet.jsonl');
    const machine = (name: string) => ({ name, os: { version: '10.0.22631', ubr: 2861 }, hotfixes: ['KB5031455'] });
    fs.writeFileSync(fleet, [machine('PC-01'), ...VARIANTS.map(([, n]) => machine(n))].map((m) => JSON.stringify(m)).join('\n') + '\n');
  });

  it('readiness (terminal): each name its own; --json keeps them raw', () => {
    const p = spawnSync(process.execPath, [BIN, 'readiness', fleet], { encoding: 'utf8', env: { ...process.env, LANG: 'C' }, timeout: 60_000 });
    expect(p.status).toBe(0);
    const all = [['', 'PC-01'] as [string, string], ...VARIANTS];
    for (const [, n] of all) expect(p.stdout).toContain(escapeText(n));
    // no raw invisible character anywhere in the terminal output
    expect(hasHiddenText(p.stdout.replace(/[\n\r\t]/g, ''))).toBe(false);
    const j = spawnSync(process.execPath, [BIN, 'readiness', fleet, '--json'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' }, timeout: 60_000 });
    const names = j.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { name: string }).name);
    expect(names).toEqual(all.map(([, n]) => n));
  });

  it('report.html and report.csv: each name shown escaped, all different; report.json raw', () => {
    const out = path.join(dir, 'report');
    const p = spawnSync(process.execPath, [BIN, 'fleet', fleet, '--out', out, '--at', '2026-01-15T00:00:00Z'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' }, timeout: 120_000 });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    const cells = [...html.matchAll(/<td class="name[^"]*">([^<]*)/g)].map((m) => m[1]!);
    expect(cells.length).toBeGreaterThanOrEqual(VARIANTS.length + 1);
    expect(cells.filter((c) => c === 'PC-01').length).toBeLessThanOrEqual(cells.length / (VARIANTS.length + 1));
    for (const [, n] of VARIANTS) expect(html).toContain(`>${escapeHtml(n)}<`);
    // outside the embedded JSON (which escapes them as JSON), no raw invisible character in the page
    const visiblePart = html.replace(/<script[\s\S]*?<\/script>/g, '');
    expect(hasHiddenText(visiblePart.replace(/[\n\r\t]/g, ''))).toBe(false);
    const csv = fs.readFileSync(path.join(out, 'report.csv'), 'utf8').replace(/^\ufeff/, '');
    const csvNames = csv.trim().split('\r\n').slice(1).map((l) => l.split(',')[0]!);
    expect(new Set(csvNames).size).toBe(VARIANTS.length + 1);
    for (const [, n] of VARIANTS) expect(csvNames).toContain(csvText(n));
    const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { machines: { name: string }[] };
    expect(json.machines.map((m) => m.name).sort()).toEqual(['PC-01', ...VARIANTS.map(([, n]) => n)].sort());
  });
});
