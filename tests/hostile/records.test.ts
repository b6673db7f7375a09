/**
 * Issue 22, items 3 and 4: one bad record never stops the report for the others. A JSON value nested 5 000
 * deep is named as that file's / line's error ("nested deeper than 64 levels"), never "Maximum call stack size
 * exceeded"; names of a megabyte are per-record errors (a machine name is at most 255 characters), never
 * "Invalid string length" nor a report hundreds of megabytes big. Run as a user runs them: the CLI as a child.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadInventory, type InventoryItem } from '../../src/endpoint/inventory';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../src/endpoint/importers/json-util';
import { parseProfile } from '../../src/endpoint/parse-profile';
import { PROFILE_LIMITS } from '../../src/endpoint/limits';
import { tmpDir } from '../cli/helpers';
import { transpileSources } from '../helpers/transpiled';

let JS: string;
let BIN: string;
let dir: string;
const machine = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  os: { version: '10.0.22631', ubr: 2861 },
  hotfixes: ['KB5031455'],
  rootStore: ['F40042E2E5F7E8EF8189FED15519AECE42C3BFA2'],
  rootAutoUpdate: true,
  online: true,
  ...extra,
});
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);

beforeAll(() => {
  JS = transpileSources();
  BIN = path.join(JS, 'acs-gate.js');
  dir = tmpDir('acs-records-');
});
afterAll(() => {
  fs.rmSync(JS, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  const t0 = Date.now();
  const p = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LANG: 'C' } });
  return { code: p.status, out: p.stdout, err: p.stderr, ms: Date.now() - t0 };
}

async function all(inputs: string[]): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  for await (const it of loadInventory(inputs)) out.push(it);
  return out;
}

describe('item 3: JSON nested 5 000 deep', () => {
  let files: Record<string, string>;
  beforeAll(() => {
    files = {
      good: path.join(dir, 'good.jsonl'),
      whole: path.join(dir, 'deep.json'),
      lines: path.join(dir, 'deep-lines.jsonl'),
      array: path.join(dir, 'array.json'),
      folder: path.join(dir, 'PC-FOLDER'),
    };
    fs.writeFileSync(files.good, [machine('PC-GOOD-1'), machine('PC-GOOD-2')].map((m) => JSON.stringify(m)).join('\n') + '\n');
    // 25 KB: one object nested 5 000 deep
    fs.writeFileSync(files.whole, deepObject(5000));
    // JSON Lines: a good machine, a profile with a deep field, a bare deep array, another good machine
    fs.writeFileSync(
      files.lines,
      [
        JSON.stringify(machine('PC-LINE-1')),
        JSON.stringify(machine('PC-DEEP')).replace(/}$/, `,"extra":${deepObject(5000)}}`),
        deepArray(5000),
        JSON.stringify(machine('PC-LINE-4')),
      ].join('\n') + '\n',
    );
    // a JSON array: element 1 is nested deep
    fs.writeFileSync(files.array, `[${JSON.stringify(machine('PC-ARR-0'))},${deepArray(5000)},${JSON.stringify(machine('PC-ARR-2'))}]`);
    // a machine folder whose profile JSON is nested deep, beside its systeminfo
    fs.mkdirSync(files.folder);
    fs.writeFileSync(path.join(files.folder, 'machine.json'), `{"online": true, "x": ${deepObject(5000)}}`);
  });

  it('jsonTooDeep walks without recursion and draws the line at MAX_JSON_DEPTH', () => {
    expect(jsonTooDeep(JSON.parse(deepArray(100_000)))).toBe(true);
    expect(jsonTooDeep(JSON.parse(deepArray(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonTooDeep(JSON.parse(deepArray(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(jsonTooDeep(machine('x'))).toBe(false);
  });

  it('JSON Lines at the bound: a profile whose field nests to 64 levels is read, to 65 is named; brackets in strings never hide depth', async () => {
    const at = (levels: number, extra: Record<string, unknown> = {}) =>
      JSON.stringify(machine(`PC-${levels}-${Object.keys(extra).length}`, extra)).replace(/}$/, `,"x":${deepArray(levels - 1)}}`);
    const file = path.join(dir, 'bound.jsonl');
    fs.writeFileSync(file, [at(MAX_JSON_DEPTH), at(MAX_JSON_DEPTH + 1), at(MAX_JSON_DEPTH, { note: '['.repeat(100) }), at(MAX_JSON_DEPTH + 1, { note: '{'.repeat(100) })].join('\n') + '\n');
    const items = await all([file]);
    expect(items.map((i) => (i.ok ? i.profile.name : `${i.line} ${i.error.slice(0, 28)}`))).toEqual([
      `PC-${MAX_JSON_DEPTH}-0`,
      '2 nested deeper than 64 levels',
      `PC-${MAX_JSON_DEPTH}-1`,
      '4 nested deeper than 64 levels',
    ]);
  });

  it('the library names each deep record and reads every good one', async () => {
    const items = await all([files.good, files.whole, files.lines, files.array, files.folder]);
    const names = items.filter((i) => i.ok).map((i) => (i.ok ? i.profile.name : ''));
    expect(names).toEqual(['PC-GOOD-1', 'PC-GOOD-2', 'PC-LINE-1', 'PC-LINE-4', 'PC-ARR-0', 'PC-ARR-2']);
    const errors = items.filter((i) => !i.ok).map((i) => (i.ok ? '' : `${path.basename(i.source)}:${i.line ?? ''} ${i.error}`));
    expect(errors).toEqual([
      expect.stringMatching(/^deep\.json: nested deeper than 64 levels/),
      expect.stringMatching(/^deep-lines\.jsonl:2 nested deeper than 64 levels/),
      expect.stringMatching(/^deep-lines\.jsonl:3 nested deeper than 64 levels/),
      expect.stringMatching(/^array\.json: \[1\] nested deeper than 64 levels/),
      expect.stringMatching(/machine\.json:? .*nested deeper than 64 levels/),
    ]);
    expect(errors.join('\n')).not.toMatch(/call stack/i);
  });

  it('readiness --json: the deep files are named on stderr, the good machines judged, exit 0', () => {
    const r = cli(['readiness', files.good, files.whole, files.lines, files.array, '--json']);
    expect(r.err).not.toMatch(/call stack|RangeError|    at /);
    expect(r.code).toBe(0);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l) as { name?: string; error?: string; source: string });
    expect(out.filter((o) => o.name).map((o) => o.name)).toEqual(['PC-GOOD-1', 'PC-GOOD-2', 'PC-LINE-1', 'PC-LINE-4', 'PC-ARR-0', 'PC-ARR-2']);
    expect(out.filter((o) => o.error).length).toBe(4);
    expect(r.err).toMatch(/deep\.json: nested deeper than 64 levels/);
    expect(r.err).toMatch(/deep-lines\.jsonl:3: nested deeper than 64 levels/);
  });

  it('fleet writes the report of the good machines and counts the deep records as unreadable', () => {
    const out = path.join(dir, 'report-deep');
    const r = cli(['fleet', files.good, files.whole, files.lines, '--out', out, '--json', '--at', '2026-01-15T00:00:00Z']);
    expect(r.err).not.toMatch(/call stack|RangeError/);
    expect(r.code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { machines: { name: string }[]; importErrors: { error: string }[] };
    expect(report.machines.map((m) => m.name).sort()).toEqual(['PC-GOOD-1', 'PC-GOOD-2', 'PC-LINE-1', 'PC-LINE-4']);
    expect(report.importErrors.filter((e) => /nested deeper than 64/.test(e.error)).length).toBe(3);
  });
});

describe('item 4: names of a megabyte', () => {
  const MiB = 1 << 20;
  it('a name over 255 characters is a per-record error, in the library too', () => {
    expect(PROFILE_LIMITS.nameChars).toBe(255);
    expect(parseProfile({ name: 'a'.repeat(255) }).name.length).toBe(255);
    expect(() => parseProfile({ name: '&'.repeat(MiB) })).toThrow(/name: machine name longer than 255 characters/);
    // the error message does not carry the megabyte
    try {
      parseProfile({ name: '&'.repeat(MiB) });
    } catch (e) {
      expect((e as Error).message.length).toBeLessThan(400);
    }
    expect(() => parseProfile({ name: 'PC', os: { caption: 'x'.repeat(5000) } })).toThrow(/os\.caption: caption is longer than 1024/);
    expect(() => parseProfile({ name: 'PC', hotfixes: ['KB' + '1'.repeat(1000)] })).toThrow(/hotfixes\.0/);
    expect(() => parseProfile({ name: 'PC', sources: ['s'.repeat(40_000)] })).toThrow(/sources\.0/);
  });

  it('26 names of 1 MiB "&" (JSON array, CSV fleet): a report at once, those records named as errors', () => {
    const arr = path.join(dir, 'long-names.json');
    const list = [machine('PC-SHORT-1'), ...Array.from({ length: 26 }, (_, i) => machine('&'.repeat(MiB - i))), machine('PC-SHORT-2')];
    fs.writeFileSync(arr, JSON.stringify(list));
    const csv = path.join(dir, 'long-names.csv');
    fs.writeFileSync(
      csv,
      'name,os_version,caption\r\nPC-CSV-1,10.0.22631.2861,Windows 11\r\n' +
        Array.from({ length: 3 }, () => `${'&'.repeat(MiB / 2)},10.0.22631.2861,x\r\n`).join('') +
        `PC-CSV-LONGCAP,10.0.22631.2861,${'c'.repeat(MiB / 2)}\r\n` +
        'PC-CSV-2,10.0.22631.2861,Windows 11\r\n',
    );
    const r = cli(['readiness', arr, csv, '--json']);
    expect(r.err).not.toMatch(/Invalid string length|RangeError|    at /);
    expect(r.code).toBe(0);
    expect(r.out.length + r.err.length).toBeLessThan(200_000);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l) as { name?: string; error?: string });
    expect(out.filter((o) => o.name).map((o) => o.name)).toEqual(['PC-SHORT-1', 'PC-SHORT-2', 'PC-CSV-1', 'PC-CSV-2']);
    const errors = out.filter((o) => o.error).map((o) => o.error!);
    expect(errors.filter((e) => /name: machine name longer than 255 characters/.test(e)).length).toBe(29);
    expect(errors.filter((e) => /os\.caption: caption is longer than 1024 characters/.test(e)).length).toBe(1);

    const report = path.join(dir, 'report-long');
    const f = cli(['fleet', arr, '--out', report, '--at', '2026-01-15T00:00:00Z']);
    expect(f.code).toBe(0);
    expect(fs.statSync(path.join(report, 'report.html')).size).toBeLessThan(5 * MiB);
    expect(fs.statSync(path.join(report, 'report.json')).size).toBeLessThan(MiB);
  }, 180_000);
});
