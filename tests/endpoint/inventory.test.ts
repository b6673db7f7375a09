import { tempFolderPerTest } from './helpers';
import * as path from 'node:path';
import { InputError } from '../../src/endpoint/errors';
import { loadInventory, type InventoryItem } from '../../src/endpoint/inventory';
import { assessReadiness } from '../../src/endpoint/readiness';
import { crlf, encode, regQueryAuthRootText, systeminfoCsvText } from '../helpers/windows-exports';

const temp = tempFolderPerTest('acs-inv-');
const file = temp.file;
async function all(inputs: string[]): Promise<InventoryItem[]> {
  const out: InventoryItem[] = [];
  for await (const it of loadInventory(inputs)) out.push(it);
  return out;
}
const W11 = { name: 'w11', os: { version: '10.0.22631' }, rootStore: [], rootAutoUpdate: true, online: true };

describe('loadInventory over mixed inputs', () => {
  it('profile JSON object, JSON array, JSON Lines, CSV fleet, raw export file and machine directories, in input order', async () => {
    const obj = file('one.json', JSON.stringify(W11, null, 2));
    const arr = file('arr.json', JSON.stringify([{ ...W11, name: 'a1' }, { ...W11, name: 'a2' }]));
    const jsonl = file('fleet.jsonl', [JSON.stringify({ ...W11, name: 'j1' }), '', JSON.stringify({ ...W11, name: 'j2' })].join('\r\n'));
    const csv = file(
      'fleet.csv',
      'name,role,os_version,ubr,caption,hotfixes,root_thumbprints,root_auto_update,online\r\n' +
        'c1,endpoint,10.0.19044,1586,"Microsoft Windows 10 Pro",KB5011487;KB5003791,F40042E2E5F7E8EF8189FED15519AECE42C3BFA2,false,false\r\n' +
        'c2,server,6.3.9600,,"Microsoft Windows Server 2012 R2 Standard",none,none,no,yes\r\n',
    );
    const raw = file('exports/systeminfo-only.csv', encode(crlf(systeminfoCsvText({ locale: 'ja', host: 'RAW-1', caption: 'Microsoft Windows 11 Pro', version: '10.0.22631', hotfixes: [] })), 'shift_jis'));
    const fleetDir = path.join(temp.dir(), 'machines');
    file('machines/m1/si.csv', encode(crlf(systeminfoCsvText({ locale: 'en', host: 'M1', caption: 'Microsoft Windows 11 Pro', version: '10.0.22000', hotfixes: [] })), 'utf16le-bom'));
    file('machines/m1/authroot.txt', encode(crlf(regQueryAuthRootText('missing')), 'utf16le-bom'));
    file('machines/m2/si.csv', encode(crlf(systeminfoCsvText({ locale: 'en', host: 'M2', caption: 'Microsoft Windows XP Professional', version: '5.1.2600', hotfixes: [] })), 'utf8'));
    const items = await all([obj, arr, jsonl, csv, raw, fleetDir]);
    expect(items.map((i) => (i.ok ? i.profile.name : `ERR ${i.error}`))).toEqual(['w11', 'a1', 'a2', 'j1', 'j2', 'c1', 'c2', 'RAW-1', 'M1', 'M2']);
    const byName = Object.fromEntries(items.filter((i): i is Extract<InventoryItem, { ok: true }> => i.ok).map((i) => [i.profile.name, i]));
    expect(byName['j2']!.source).toBe(`${jsonl}:3`);
    expect(byName['c1']!.profile).toMatchObject({ hotfixes: ['KB5011487', 'KB5003791'], rootStore: ['F40042E2E5F7E8EF8189FED15519AECE42C3BFA2'], rootAutoUpdate: false, online: false, os: { ubr: 1586 } });
    expect(byName['c2']!.profile).toMatchObject({ role: 'server', hotfixes: [], rootStore: [], rootAutoUpdate: false, online: true });
    expect(assessReadiness(byName['c1']!.profile).ready).toBe(true);
    expect(assessReadiness(byName['c2']!.profile).reasons.map((r) => r.code)).toEqual(['OS_PATCH_MISSING', 'ROOT_NOT_TRUSTED']);
    expect(byName['M1']!.profile.rootAutoUpdate).toBe(true);
    expect(assessReadiness(byName['M2']!.profile).reasons[0]!.code).toBe('OS_NO_ACS_SUPPORT');
  });
  it('a JSON Lines fleet keeps going past bad lines and reports each with its line number', async () => {
    const f = file('bad.jsonl', [JSON.stringify({ ...W11, name: 'ok1' }), '{"name": "trunc', JSON.stringify({ name: 'x', os: { version: 'ten' } }), '[1,2]', JSON.stringify({ ...W11, name: 'ok2' })].join('\n'));
    const items = await all([f]);
    expect(items.map((i) => (i.ok ? i.profile.name : `${i.line}`))).toEqual(['ok1', '2', '3', '4', 'ok2']);
    const bad = items.filter((i) => !i.ok) as Extract<InventoryItem, { ok: false }>[];
    expect(bad[0]!.error).toMatch(/^bad JSON/);
    expect(bad[1]!.error).toMatch(/^os\.version: /);
    expect(bad[2]!.error).toMatch(/must be a JSON object/);
    expect(bad.every((b) => b.source === f)).toBe(true);
  });
  it('a CSV fleet reports wrong field counts, bad booleans and bad UBRs per line and goes on', async () => {
    const f = file('bad.csv', 'name,os_version,ubr,online\nok1,10.0.19045,,true\nshort,10.0.19045\nb,10.0.19045,,maybe\nc,10.0.19045,12x,\nok2,10.0.19045,5000,\n');
    const items = await all([f]);
    expect(items.map((i) => (i.ok ? i.profile.name : `${i.line}: ${i.error}`))).toEqual([
      'ok1',
      '3: 2 fields where the header has 4',
      '4: online "maybe" is not true/false',
      '5: ubr "12x" is not a number',
      'ok2',
    ]);
  });
  it('a missing input throws InputError before anything is yielded', async () => {
    const ok = file('ok.json', JSON.stringify(W11));
    const gen = loadInventory([ok, path.join(temp.dir(), 'nope.jsonl')]);
    await expect(gen.next()).rejects.toBeInstanceOf(InputError);
    await expect(all([path.join(temp.dir(), 'nope.jsonl')])).rejects.toThrow(/nope\.jsonl: no such file or directory/);
  });
  it('an empty file, a garbage file and truncated JSON each give one error item naming the file', async () => {
    const empty = file('empty.txt', '');
    const garbage = file('garbage.bin', Buffer.from([0x00, 0x13, 0x88, 0xff, 0xfe, 0x41, 0x42, 0x0a, 0x99]));
    const trunc = file('trunc.json', '{\n  "name": "a",\n  "os": {\n');
    const items = await all([empty, garbage, trunc]);
    expect(items).toEqual([
      { ok: false, source: empty, line: 1, error: 'empty file' },
      { ok: false, source: garbage, line: 1, error: expect.stringMatching(/not a recognised export/) },
      { ok: false, source: trunc, line: 4, error: expect.stringMatching(/^bad JSON/) },
    ]);
  });
  it('a directory whose exports are bad gives an error item for that machine, and the next machine still loads', async () => {
    file('fleet/a-bad/si.csv', '"Host Name","OS Name","OS Version"\n"A","x"\n');
    file('fleet/b-good/m.json', JSON.stringify({ name: 'B', os: { version: '10.0.22631' } }));
    const items = await all([path.join(temp.dir(), 'fleet')]);
    expect(items[0]).toMatchObject({ ok: false, line: 2, error: expect.stringMatching(/2 fields, the header 3/) });
    expect(items[1]).toMatchObject({ ok: true, profile: { name: 'B' } });
  });
});

describe('loadInventory: encodings and arrays', () => {
  it('a JSON array with one bad element reports it by index and keeps the others', async () => {
    const f = file('arr.json', JSON.stringify([{ ...W11, name: 'a' }, { name: '' }, { ...W11, name: 'c' }]));
    const items = await all([f]);
    expect(items.map((i) => (i.ok ? i.profile.name : i.error))).toEqual(['a', expect.stringMatching(/^\[1\] name: /), 'c']);
  });
  it('a JSON Lines fleet written by PowerShell 5 (UTF-16LE with BOM, CRLF) streams correctly', async () => {
    const text = crlf([JSON.stringify({ ...W11, name: 'u1', os: { caption: 'Windows 11 Pro 日本語', version: '10.0.22631' } }), JSON.stringify({ ...W11, name: 'u2' })].join('\n') + '\n');
    const items = await all([file('fleet16.jsonl', encode(text, 'utf16le-bom'))]);
    expect(items.map((i) => i.ok && i.profile.name)).toEqual(['u1', 'u2']);
    expect(items[0]!.ok && items[0]!.profile.os.caption).toBe('Windows 11 Pro 日本語');
  });
  it('a CSV fleet saved by Excel on Japanese Windows (Shift_JIS) keeps its Japanese captions', async () => {
    const text = crlf('name,os_version,caption,online\n端末01,10.0.19045,"Microsoft Windows 10 Pro 日本語版",true\n');
    const items = await all([file('fleet-sjis.csv', encode(text, 'shift_jis'))]);
    expect(items[0]).toMatchObject({ ok: true, profile: { name: '端末01', os: { caption: 'Microsoft Windows 10 Pro 日本語版' }, online: true } });
  });
});

describe('loadInventory over one JSON Lines file, line by line (inventory-json.ts itemsOfLines)', () => {
  it('reads lines padded with blank space (also NBSP / BOM, which JSON.parse alone refuses), skips blank lines, names each bad line', async () => {
    const p = (name: string): string => JSON.stringify({ ...W11, name });
    const lines = [p('a'), '', '   ', `\u00a0${p('b')}\t`, `${p('c')} `, '{"name": }', '\ufeff' + p('d'), '[1]', p('e')];
    const f = file('padded.jsonl', lines.join('\n'));
    const items = await all([f]);
    expect(items.map((i) => (i.ok ? `${i.profile.name} ${i.source}` : `ERR ${i.line}: ${i.error.slice(0, 25)}`))).toEqual([
      `a ${f}:1`,
      `b ${f}:4`,
      `c ${f}:5`,
      'ERR 6: bad JSON: Unexpected toke',
      `d ${f}:7`,
      'ERR 8: a machine profile must be',
      `e ${f}:9`,
    ]);
  });

  it('stops a file after 1000 bad lines with one final item naming the line; the lines before it are all read', async () => {
    const lines = [JSON.stringify({ ...W11, name: 'first' })];
    for (let i = 0; i < 2200; i++) lines.push(i % 2 ? 'not json' : JSON.stringify({ ...W11, name: `m${i}` }));
    const f = file('junk.jsonl', lines.join('\n'));
    const items = await all([f]);
    const bad = items.filter((i) => !i.ok);
    expect(bad).toHaveLength(1001);
    expect(bad[1000]).toEqual({ ok: false, source: f, line: 2003, error: 'more than 1000 bad lines: the rest of the file is not read' });
    expect(items[items.length - 1]).toBe(bad[1000]);
    // the first line and the 1001 good lines among the 2001 read after it
    expect(items.filter((i) => i.ok)).toHaveLength(1002);
  });
});
