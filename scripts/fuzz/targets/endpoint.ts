/**
 * Machine-profile targets (src/endpoint).
 *   importers   importBytes() + mergeImports() on every raw export kind (systeminfo CSV en/ja, Get-HotFix CSV,
 *               wmic qfe CSV, certutil -store Root en/ja, reg query CurrentVersion / AuthRoot, certificate JSON,
 *               profile JSON), text-mutated, encoded (UTF-8 ± BOM, UTF-16LE ± BOM, UTF-16BE, Shift_JIS), then
 *               byte-mutated (bit flips, odd-length truncation, cut multibyte sequences, random bytes).
 *               Only ExportFormatError may leave.
 *   inventory   loadInventory() over a file or directory: CSV fleets, whole JSON, JSON Lines, raw exports,
 *               machine directories. Never throws for a readable input; every item is well-formed; the number
 *               of items stays bounded by the input's lines.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { decodeText } from '../../../src/endpoint/decode';
import { ExportFormatError, InputError } from '../../../src/endpoint/errors';
import { importBytes, mergeImports } from '../../../src/endpoint/importers';
import { CSV_FLEET_COLUMNS, loadInventory, MAX_BAD_LINES } from '../../../src/endpoint/inventory';
import {
  certutilRootText,
  crlf,
  encode,
  getHotfixCsvText,
  regQueryAuthRootText,
  regQueryCurrentVersionText,
  systeminfoCsvText,
  wmicQfeCsvText,
  type Enc,
} from '../../../tests/helpers/windows-exports';
import { applyMutations, type Mutation, mutationsArb } from '../mutate';
import type { CaseResult, Target } from '../runner';
import { scratchDir } from '../tempdir';

const ROOT_SHA1 = 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2';
const hosts = fc.constantFrom('PC-01', 'サーバー', 'a"b', 'x,y', '', 'HOST\r\nNEXT', 'ＰＣ');
const kbs = fc.array(fc.oneof(fc.constantFrom('KB5011487', 'KB5006714', 'KB123', 'kb5005625', 'KB99999999999'), fc.string({ maxLength: 12 })), { maxLength: 6 });
const versions = fc.constantFrom('10.0.19044', '10.0.22631', '6.3.9600', '6.1.7601', '10.0.17763', '5.1.2600', '10.0', '99999999999999999999.0.1', 'x.y.z');

/** One raw export, as text, by kind. */
export type ExportGen =
  | { k: 'systeminfo'; locale: 'en' | 'ja'; host: string; version: string; hotfixes: string[] | 'N/A'; server: boolean }
  | { k: 'get-hotfix'; host: string; kbs: string[]; ps5: boolean }
  | { k: 'wmic'; host: string; kbs: string[] }
  | { k: 'certutil'; locale: 'en' | 'ja'; hashes: string[]; spaced: boolean; truncate: boolean }
  | { k: 'reg-cv'; build: number; ubr: number | undefined; major: number | undefined; installationType: string }
  | { k: 'reg-authroot'; value: number | 'missing'; locale: 'en' | 'ja' }
  | { k: 'cert-json'; items: { Thumbprint: unknown; Subject?: unknown; RawData?: unknown }[]; single: boolean }
  | { k: 'profile-json'; obj: unknown }
  | { k: 'text'; s: string };

const hash40 = fc.oneof(fc.constantFrom(ROOT_SHA1, ROOT_SHA1.toLowerCase(), 'CDD4EEAE6000AC7F40C3802C171E30148030C072'), fc.stringMatching(/^[0-9A-Fa-f]{0,44}$/));
const jsonValue = fc.jsonValue({ maxDepth: 3 });

export const exportGenArb: fc.Arbitrary<ExportGen> = fc.oneof(
  fc.record({ k: fc.constant('systeminfo' as const), locale: fc.constantFrom('en' as const, 'ja' as const), host: hosts, version: versions, hotfixes: fc.oneof(kbs, fc.constant('N/A' as const)), server: fc.boolean() }),
  fc.record({ k: fc.constant('get-hotfix' as const), host: hosts, kbs, ps5: fc.boolean() }),
  fc.record({ k: fc.constant('wmic' as const), host: hosts, kbs }),
  fc.record({ k: fc.constant('certutil' as const), locale: fc.constantFrom('en' as const, 'ja' as const), hashes: fc.array(hash40, { maxLength: 4 }), spaced: fc.boolean(), truncate: fc.boolean() }),
  fc.record({
    k: fc.constant('reg-cv' as const),
    build: fc.oneof(fc.constantFrom(19044, 22631, 9600, 7601, 17763), fc.nat()),
    ubr: fc.option(fc.oneof(fc.nat(40000), fc.constant(0xffffffff))),
    major: fc.option(fc.constantFrom(10, 6, 0)),
    installationType: fc.constantFrom('Client', 'Server', 'Server Core', ''),
  }).map((r) => ({ ...r, ubr: r.ubr ?? undefined, major: r.major ?? undefined })),
  fc.record({ k: fc.constant('reg-authroot' as const), value: fc.oneof(fc.constantFrom(0, 1, 'missing' as const), fc.nat()), locale: fc.constantFrom('en' as const, 'ja' as const) }),
  fc.record({
    k: fc.constant('cert-json' as const),
    items: fc.array(
      fc.record(
        {
          Thumbprint: fc.oneof(hash40, jsonValue),
          Subject: fc.oneof(fc.string(), jsonValue),
          RawData: fc.oneof(fc.array(fc.integer({ min: -1, max: 300 }), { maxLength: 40 }), fc.base64String({ maxLength: 60 }), jsonValue),
        },
        { requiredKeys: ['Thumbprint'] },
      ),
      { maxLength: 4 },
    ),
    single: fc.boolean(),
  }),
  fc.record({
    k: fc.constant('profile-json' as const),
    obj: fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.string(), jsonValue),
          role: fc.oneof(fc.constantFrom('endpoint', 'server'), jsonValue),
          os: fc.oneof(fc.record({ version: fc.oneof(versions, jsonValue), ubr: fc.oneof(fc.nat(), fc.double(), jsonValue), caption: fc.string() }, { requiredKeys: [] }), jsonValue),
          hotfixes: fc.oneof(kbs, jsonValue),
          rootStore: fc.oneof(fc.array(hash40, { maxLength: 3 }), jsonValue),
          rootAutoUpdate: fc.oneof(fc.boolean(), jsonValue),
        },
        { requiredKeys: [] },
      ),
      jsonValue,
    ),
  }),
  fc.record({ k: fc.constant('text' as const), s: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })) }),
);

export function exportText(g: ExportGen): string {
  switch (g.k) {
    case 'systeminfo':
      return systeminfoCsvText({ locale: g.locale, host: g.host, caption: 'Microsoft Windows 10 Pro', version: g.version, hotfixes: g.hotfixes, server: g.server });
    case 'get-hotfix':
      return getHotfixCsvText(g.host, g.kbs, g.ps5);
    case 'wmic':
      return wmicQfeCsvText(g.host, g.kbs);
    case 'certutil':
      return certutilRootText(g.locale, g.hashes.map((h) => ({ sha1: h.length >= 2 ? h : `${h}00`, subject: 'CN=Root' })), { spacedHash: g.spaced, truncate: g.truncate });
    case 'reg-cv':
      return regQueryCurrentVersionText({ build: g.build, ubr: g.ubr, major: g.major, productName: 'Windows 10 Pro', installationType: g.installationType });
    case 'reg-authroot':
      return regQueryAuthRootText(g.value, g.locale);
    case 'cert-json':
      return JSON.stringify(g.single && g.items[0] ? g.items[0] : g.items, null, 2);
    case 'profile-json':
      return JSON.stringify(g.obj, null, 1) ?? 'null';
    case 'text':
      return g.s;
  }
}

/** Text-level edits: fragments spliced in (quotes, separators, NUL, long runs), lines duplicated or cut. */
export type TextEdit = { at: number; insert: string } | { at: number; cut: number } | { repeat: string; times: number; at: number };

const fragments = ['"', '""', ',', '\r\n', '\n', '\r', '\u0000', '\uFEFF', '\uFFFD', '\uD800', '{', '}', '[', ']', ':', '    ', 'REG_DWORD    0x', 'REG_SZ    ', '================ Certificate 0 ================', 'Cert Hash(sha1): ', 'KB', '[01]: KB5011487', 'ERROR: x', '"Thumbprint": ', 'HKEY_LOCAL_MACHINE\\X', '#TYPE x'];

export const textEditArb: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ at: fc.nat(5000), insert: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8 })) }),
  fc.record({ at: fc.nat(5000), cut: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ repeat: fc.constantFrom('a', ' ', '"', ',', '\t', ' a', '0', 'KB1', '\n', '    x'), times: fc.constantFrom(10, 1000, 50_000, 300_000), at: fc.nat(5000) }),
);

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  let t = text;
  for (const e of edits) {
    const at = Math.min(e.at, t.length);
    if ('insert' in e) t = t.slice(0, at) + e.insert + t.slice(at);
    else if ('cut' in e) t = t.slice(0, at) + t.slice(at + e.cut);
    else t = t.slice(0, at) + e.repeat.repeat(e.times) + t.slice(at);
  }
  return t;
}

const encodings: Enc[] = ['utf8', 'utf8-bom', 'utf16le-bom', 'utf16le', 'shift_jis'];

export interface ImportCase {
  gen: ExportGen;
  edits: TextEdit[];
  enc: Enc | 'utf16be';
  crlf: boolean;
  muts: Mutation[];
  source: string;
}

function encodeAny(text: string, enc: Enc | 'utf16be'): Buffer {
  if (enc === 'utf16be') {
    const b = Buffer.from(text, 'utf16le');
    b.swap16();
    return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
  }
  try {
    return encode(text, enc);
  } catch {
    return encode(text, 'utf8'); // a character Shift_JIS cannot encode: the test helper refuses it
  }
}

export function importCaseBytes(c: ImportCase): Buffer {
  let text = applyTextEdits(exportText(c.gen), c.edits);
  if (c.crlf) text = crlf(text);
  const bytes = encodeAny(text, c.enc);
  if (c.muts.length === 0) return bytes;
  const shape = { length: bytes.length, boundaries: [0, 1, 2, 3, bytes.length >> 1, bytes.length - 1, bytes.length], fields: [] };
  return applyMutations(bytes, shape, c.muts);
}

export const importCaseArb: fc.Arbitrary<ImportCase> = fc.record({
  gen: exportGenArb,
  edits: fc.oneof({ weight: 2, arbitrary: fc.constant([] as TextEdit[]) }, { weight: 3, arbitrary: fc.array(textEditArb, { minLength: 1, maxLength: 3 }) }),
  enc: fc.constantFrom(...encodings, 'utf16be' as const),
  crlf: fc.boolean(),
  muts: fc.oneof({ weight: 3, arbitrary: fc.constant([] as Mutation[]) }, { weight: 2, arbitrary: mutationsArb({ length: 4096, boundaries: [0, 1, 2, 3, 4], fields: [] }, 3) }),
  source: fc.constantFrom('export.txt', 'authroot.txt', 'machine.json', 'x'),
});

export function importersTarget(): Target<ImportCase> {
  return {
    name: 'importers',
    api: 'importBytes + mergeImports (every raw export kind, every encoding)',
    arbitrary: importCaseArb,
    ext: 'txt',
    bytes: importCaseBytes,
    allocBound: (b) => b.length * 8 + 4 * 1024 * 1024,
    async run(c, bytes): Promise<CaseResult> {
      const d = decodeText(bytes);
      if (typeof d.text !== 'string') return { outcome: 'decode', escape: 'decodeText returned no text' };
      try {
        const r = importBytes(bytes, c.source);
        mergeImports([r], 'machine');
        return { outcome: `ok:${r.kind}` };
      } catch (e) {
        if (e instanceof ExportFormatError) return { outcome: 'ExportFormatError' };
        throw e;
      }
    },
  };
}

// ------------------------------------------------------------------ inventory

export type InventoryCase =
  | { k: 'csv-fleet'; columns: string[]; rows: string[][]; crlf: boolean; enc: Enc; muts: Mutation[] }
  | { k: 'json-whole'; items: unknown[]; enc: Enc; muts: Mutation[] }
  | { k: 'jsonl'; lines: string[]; enc: Enc; muts: Mutation[] }
  | { k: 'raw'; imp: ImportCase }
  | { k: 'dir'; files: ImportCase[] };

const cell = fc.oneof(
  fc.constantFrom('PC-01', '10.0.19044', '10.0.22631', '6.3.9600', '1586', 'true', 'false', 'yes', 'none', 'KB5011487;KB5006714', ROOT_SHA1, 'server', 'workstation', ''),
  fc.constantFrom('"', '"a', 'a"b', '"quoted, cell"', '"multi\nline"', '"unterminated', '\u0000', 'x'.repeat(2000)),
  fc.string({ maxLength: 12 }),
);

function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\n]/.test(f) && !f.startsWith('"') ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

const profileObj = fc.record(
  {
    name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('pc1', 'pc2', 'サーバー', '') }, fc.string({ maxLength: 8 }), jsonValue),
    os: fc.oneof({ weight: 4, arbitrary: fc.record({ version: versions, ubr: fc.nat(40000) }, { requiredKeys: [] }) }, jsonValue),
    hotfixes: fc.oneof({ weight: 3, arbitrary: fc.array(fc.constantFrom('KB5011487', 'KB5006714')) }, kbs, jsonValue),
    rootStore: fc.array(hash40, { maxLength: 2 }),
  },
  { requiredKeys: ['name'] },
);

const smallMuts = fc.oneof({ weight: 3, arbitrary: fc.constant([] as Mutation[]) }, { weight: 1, arbitrary: mutationsArb({ length: 2048, boundaries: [0, 1, 2, 3], fields: [] }, 2) });

export const inventoryCaseArb: fc.Arbitrary<InventoryCase> = fc.oneof(
  fc.record({
    k: fc.constant('csv-fleet' as const),
    columns: fc.shuffledSubarray([...CSV_FLEET_COLUMNS, 'extra'], { minLength: 1 }).map((c) => (c.includes('name') && c.includes('os_version') ? c : ['name', 'os_version', ...c.filter((x) => x !== 'name' && x !== 'os_version')])),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 12 }), { maxLength: 12 }),
    crlf: fc.boolean(),
    enc: fc.constantFrom(...encodings),
    muts: smallMuts,
  }),
  fc.record({ k: fc.constant('json-whole' as const), items: fc.array(fc.oneof(profileObj, jsonValue), { maxLength: 6 }), enc: fc.constantFrom(...encodings), muts: smallMuts }),
  fc.record({
    k: fc.constant('jsonl' as const),
    lines: fc.array(fc.oneof(profileObj.map((o) => JSON.stringify(o)), fc.string({ maxLength: 30 }), fc.constantFrom('', '{', '{"name":"a"}', '[]', 'null')), { minLength: 1, maxLength: 12 }),
    enc: fc.constantFrom(...encodings),
    muts: smallMuts,
  }),
  fc.record({ k: fc.constant('raw' as const), imp: importCaseArb }),
  fc.record({ k: fc.constant('dir' as const), files: fc.array(importCaseArb, { minLength: 1, maxLength: 3 }) }),
);

function encodeMutate(text: string, enc: Enc, muts: Mutation[]): Buffer {
  const b = encodeAny(text, enc);
  return muts.length ? applyMutations(b, { length: b.length, boundaries: [0, 1, 2, 3, b.length], fields: [] }, muts) : b;
}

/** The files of a case: name → bytes (one file, or several for a machine directory). */
export function inventoryFiles(c: InventoryCase): { name: string; bytes: Buffer }[] {
  switch (c.k) {
    case 'csv-fleet': {
      const text = [csvLine(c.columns), ...c.rows.map(csvLine)].join(c.crlf ? '\r\n' : '\n');
      return [{ name: 'fleet.csv', bytes: encodeMutate(text, c.enc, c.muts) }];
    }
    case 'json-whole':
      return [{ name: 'fleet.json', bytes: encodeMutate(JSON.stringify(c.items, null, 1), c.enc, c.muts) }];
    case 'jsonl':
      return [{ name: 'fleet.jsonl', bytes: encodeMutate(c.lines.join('\n'), c.enc, c.muts) }];
    case 'raw':
      return [{ name: 'export.txt', bytes: importCaseBytes(c.imp) }];
    case 'dir':
      return c.files.map((f, i) => ({ name: `export-${i}.txt`, bytes: importCaseBytes(f) }));
  }
}

/** Concatenation of the case's files with a length prefix each (the saved regression input). */
export function inventoryBytes(c: InventoryCase): Buffer {
  const parts: Buffer[] = [];
  for (const f of inventoryFiles(c)) {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(f.bytes.length);
    parts.push(Buffer.from(f.name.padEnd(16, ' ')), head, f.bytes);
  }
  return Buffer.concat(parts);
}

export function inventoryTarget(): Target<InventoryCase> {
  return {
    name: 'inventory',
    api: 'loadInventory (CSV fleet, JSON, JSON Lines, raw exports, machine directories)',
    arbitrary: inventoryCaseArb,
    ext: 'bin',
    bytes: inventoryBytes,
    allocBound: (b) => b.length * 8 + 4 * 1024 * 1024,
    async run(c): Promise<CaseResult> {
      const root = path.join(scratchDir(), 'inv');
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      const files = inventoryFiles(c);
      let input: string;
      if (c.k === 'dir') {
        const dir = path.join(root, 'machine-1');
        mkdirSync(dir);
        for (const f of files) writeFileSync(path.join(dir, f.name), f.bytes);
        input = dir;
      } else {
        input = path.join(root, files[0]!.name);
        writeFileSync(input, files[0]!.bytes);
      }
      const lines = files.reduce((n, f) => n + f.bytes.length, 0) + 2; // a generous bound: items ≤ bytes + 2
      let items = 0;
      let ok = 0;
      try {
        for await (const item of loadInventory([input])) {
          items++;
          if (item.ok) {
            ok++;
            if (!item.profile || typeof item.profile.name !== 'string' || item.profile.name === '') return { outcome: 'bad-item', escape: 'an ok item without a profile name' };
          } else if (typeof item.error !== 'string' || item.error === '') {
            return { outcome: 'bad-item', escape: 'an error item without an error message' };
          }
          if (items > Math.min(lines, MAX_BAD_LINES * 20 + 10)) return { outcome: 'too-many-items', escape: `more than ${items} items for ${lines - 2} bytes of input` };
        }
      } catch (e) {
        if (e instanceof InputError) return { outcome: 'InputError', escape: `InputError for a readable input: ${e.message}` };
        throw e;
      }
      return { outcome: `${c.k}:${ok}/${items}` };
    },
  };
}
