/**
 * Issue 22 item 1: a 24 KB PE whose resource directory shares one name table and one language table
 * 1 000 times each (10^9 paths) once made `verify` run 80 s and die out of memory (8.7 GB) while reading the
 * version resource. The walk now follows only the RT_VERSION branch and reads each directory once, at most
 * MAX_RESOURCE_ENTRIES entries in all. Inputs are built here, through `verifyFile` and the CLI as users run it.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { MAX_RESOURCE_ENTRIES, readPeVersionInfo } from '../../../src/authenticode/formats/pe-version';
import { verifyFile } from '../../../src/authenticode/verify-file';
import { buildPe, versionInfoBlob } from '../../helpers/pe-writer';
import { run } from '../../cli/helpers';
import { writeFixture } from './temp-files';
import { bestOfThree } from '../../helpers/timing';

const ROOT = path.join(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'acs-gate.js');
/** generous under load (two shared cores); the walk itself takes about a millisecond */
const BOUND_MS = 5000;

/** A directory of `entries` (id, target) pairs; `directory` sets the subdirectory bit. */
function dir(entries: Array<[id: number, target: number, directory: boolean]>): Buffer {
  const d = Buffer.alloc(16 + entries.length * 8);
  d.writeUInt16LE(entries.length, 14); // NumberOfIdEntries
  entries.forEach(([id, target, directory], i) => {
    d.writeUInt32LE(id, 16 + i * 8);
    d.writeUInt32LE((directory ? 0x80000000 | target : target) >>> 0, 20 + i * 8);
  });
  return d;
}

/**
 * The resource section of the attack: a root of `fan` types (ids 1…fan, RT_VERSION among them) all pointing
 * at ONE name directory of `fan` entries, all pointing at ONE language directory of `fan` entries, all
 * pointing at one data entry (a real VS_VERSIONINFO blob) — fan^3 paths. With `noLeaf` the language entries
 * point back at the name directory instead (a loop with no data at all).
 */
function bombSection(rva: number, fan: number, noLeaf = false): Buffer {
  const size = 16 + fan * 8;
  const names = size;
  const langs = 2 * size;
  const dataEntry = 3 * size;
  const blobAt = dataEntry + 16;
  const blob = versionInfoBlob({ fileVersion: [14, 0, 0, 12011], strings: [['CompanyName', 'Bomb Co.'], ['ProductName', 'Resource bomb']] });
  const ids = Array.from({ length: fan }, (_, i) => i + 1);
  const data = Buffer.alloc(16);
  data.writeUInt32LE(rva + blobAt, 0);
  data.writeUInt32LE(blob.length, 4);
  return Buffer.concat([
    dir(ids.map((id) => [id, names, true])),
    dir(ids.map((id) => [id, langs, true])),
    dir(ids.map((id) => (noLeaf ? [0x400 + id, names, true] : [0x400 + id, dataEntry, false]))),
    data,
    blob,
  ]);
}

/** A PE (default sections + the bomb as .rsrc) with its resource data directory set. */
function bombPe(fan: number, noLeaf = false): Buffer {
  // the writer lays sections out at SectionAlignment 0x1000 from 0x1000: .text, .data, then .rsrc at 0x3000
  const rsrcRva = 0x3000;
  const section = bombSection(rsrcRva, fan, noLeaf);
  const withRsrc = buildPe({
    sections: [
      { name: '.text', data: Buffer.alloc(0x400, 0xc3), characteristics: 0x60000020 },
      { name: '.data', data: Buffer.alloc(0x200, 1), characteristics: 0xc0000040 },
      { name: '.rsrc', data: section, characteristics: 0x40000040 },
    ],
  });
  // point the resource data directory (entry 2) at the third section
  const peOff = withRsrc.readUInt32LE(0x3c);
  const opt = peOff + 24;
  const pe32plus = withRsrc.readUInt16LE(opt) === 0x20b;
  const dirs = opt + (pe32plus ? 112 : 96);
  withRsrc.writeUInt32LE(rsrcRva, dirs + 2 * 8);
  withRsrc.writeUInt32LE(section.length, dirs + 2 * 8 + 4);
  return withRsrc;
}

/** f's value and its best time of up to three runs (tests/helpers/timing.ts), against this file's bound. */
const timed = <T>(f: () => Promise<T> | T, bound = BOUND_MS): Promise<{ value: T; ms: number }> => bestOfThree(f, bound);

describe('version resource: shared directories (10^9 paths) are walked once', () => {
  const pe = bombPe(1000);
  const file = writeFixture(pe, 'resource-bomb.exe');

  it('the PE is the 24 KB of the report, with its RVAs where the section table puts them', () => {
    expect(pe.length).toBeLessThan(32 * 1024);
    const sectionTable = pe.readUInt32LE(0x3c) + 24 + pe.readUInt16LE(pe.readUInt32LE(0x3c) + 20);
    expect(pe.readUInt32LE(sectionTable + 2 * 40 + 12)).toBe(0x3000); // .rsrc VirtualAddress
  });

  it('readPeVersionInfo answers within the bound and a few MB, and reads the version resource', async () => {
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const { value, ms } = await timed(() => readPeVersionInfo(file));
    expect(value.note).toBeNull();
    expect(value.versionInfo).toMatchObject({ CompanyName: 'Bomb Co.', ProductName: 'Resource bomb', fixedFileVersion: '14.0.0.12011' });
    expect(ms).toBeLessThan(BOUND_MS);
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(32 * 1024 * 1024);
  });

  it('verifyFile gives its verdict (unsigned) within the bound', async () => {
    const { value, ms } = await timed(() => verifyFile(file));
    expect(value.verdict).toBe('unsigned');
    expect(value.versionInfo).toMatchObject({ CompanyName: 'Bomb Co.' });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('a loop with no data entry: "no version resource", within the bound', async () => {
    const { value, ms } = await timed(() => readPeVersionInfo(writeFixture(bombPe(1000, true), 'resource-loop.exe')));
    expect(value).toEqual({ versionInfo: null, note: 'no version resource' });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it(`more than ${MAX_RESOURCE_ENTRIES} entries on the way: a note saying so, not a walk`, async () => {
    // a root of 40 000 types and a name directory of 40 000 entries: 80 000 entries to read
    const { value, ms } = await timed(() => readPeVersionInfo(writeFixture(bombPe(40_000, true), 'resource-wide.exe')));
    expect(value.versionInfo).toBeNull();
    expect(value.note).toBe(`the resource directory lists more than ${MAX_RESOURCE_ENTRIES} entries on the way to the version resource; not read further`);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('acs-gate verify (in process): a verdict with the version resource, within the bound', async () => {
    const { value: r, ms } = await timed(() => run(['verify', file, '--json']));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'unsigned', versionInfo: { ProductName: 'Resource bomb' } });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('acs-gate verify as a child process with a 256 MB heap: exit with a verdict, no crash', () => {
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', BIN, 'verify', file, '--json'], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, LANG: 'C', LC_ALL: '' }, timeout: 120_000 });
    expect(r.stderr).not.toMatch(/heap out of memory|\n\s+at /);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'unsigned', versionInfo: { CompanyName: 'Bomb Co.' } });
    expect(r.status).toBe(1);
  }, 150_000);
});
