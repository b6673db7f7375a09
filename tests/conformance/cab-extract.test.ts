/**
 * CAB extraction against cabextract 1.9: the 73 cabinets of libmspack's and cabextract's test suites in
 * `../shared/conformance/cab/` (beside the repository, or one level further up when the repository is a
 * worktree; ACS_CAB_CONFORMANCE_DIR overrides), read from there, never copied. As cabextract does, cabinets
 * are searched for inside each file and every one found is extracted; names written twice keep the last.
 *
 *   rows cabextract extracted cleanly (exit 0): the same names (as cabextract writes them, see
 *     `asCabextractWrites`) and the same bytes; Quantum members are refused with a note instead (QUANTUM).
 *   other rows: whatever we extract that cabextract also wrote has its bytes; everything else is a clear
 *     error (a member error or a cabinet error), never a loop (every file within a time bound) or a crash.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { CabError, extractCabinet, findCabinets } from '../../src/authenticode/extract/cab-extract';
import { bufferAccess } from '../../src/authenticode/formats/pe-reader';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CANDIDATES = [
  process.env.ACS_CAB_CONFORMANCE_DIR,
  path.join(REPO_ROOT, '..', 'shared', 'conformance', 'cab'),
  path.join(REPO_ROOT, '..', '..', 'shared', 'conformance', 'cab'),
].filter((d): d is string => typeof d === 'string');
const DIR = CANDIDATES.find((d) => fs.existsSync(path.join(d, 'expected.tsv')));

/**
 * Rows whose names differ from cabextract's for a stated reason: every member must extract, with cabextract's bytes.
 * - dirwalk-vulns: cabextract's UTF-8 decoder reads the overlong 3- and 4-byte forms of "/" (E0 80 AF,
 *   F0 80 80 AF) as "/"; we decode names with a strict UTF-8 decoder (overlong forms are U+FFFD), as Windows does.
 * - utf8-stresstest: the same decoder drops the noncharacters U+FFFE / U+FFFF and replaces some invalid
 *   sequences with another number of U+FFFD than a strict decoder (Node's, WHATWG maximal-subpart rule).
 * - hidden-files: the CFFILE table is read at CFHEADER.coffFiles, as [MS-CAB] defines it; libmspack reads the
 *   entries that follow the CFFOLDER table instead, so it sees two other members than the ones coffFiles names.
 */
const NAME_DIVERGES = new Set(['cabextract-dirwalk-vulns.cab', 'cabextract-utf8-stresstest.cab', 'libmspack-hidden-files.cab']);

/** Members of Quantum folders: refused with a note (issue 21 allows it), so not compared. */
const QUANTUM = new Set(['cabextract-bugs-cve-2010-2801-qtm-flush.cab:zeroes', 'cabextract-mixed.cab:qtm.txt']);

interface Row {
  file: string;
  rc: number;
  /** name bytes (latin1 string of the TSV's UTF-8 bytes) → sha256 */
  written: Map<string, string>;
}

function rows(dir: string): Row[] {
  return fs
    .readFileSync(path.join(dir, 'expected.tsv'), 'latin1')
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .map((l) => {
      const [file, rc, , contents] = l.split('\t');
      const written = new Map<string, string>();
      // names may hold spaces: each item ends with "=" and 64 hex digits
      for (const m of (contents ?? '').matchAll(/(.*?)=([0-9a-f]{64})(?: |$)/g)) written.set(m[1]!, m[2]!);
      return { file: file!, rc: Number(rc), written };
    });
}

/**
 * The name as cabextract 1.9 writes it, as the manifest records it (its bytes read as UTF-8, undecodable
 * bytes as U+FFFD): backslashes are separators ("/") unless a name of the cabinet holds a "/", leading
 * slashes and backslashes dropped, ".." path components written "xx", an empty
 * name "x". (A model of cabextract's output for comparison only: the verifier shows names as stored.)
 */
function asCabextractWrites(nameBytes: Buffer, unixNames: boolean): string {
  let s = nameBytes.toString('latin1');
  if (!unixNames) s = s.replace(/\\/g, '/');
  s = s.replace(/^[/\\]+/, '');
  s = s
    .split(/([/\\])/)
    .map((part) => (part === '..' ? 'xx' : part))
    .join('');
  if (s.length === 0) s = 'x';
  return Buffer.from(Buffer.from(s, 'latin1').toString('utf8'), 'utf8').toString('latin1');
}

interface Outcome {
  ok: Map<string, string>;
  errors: string[];
}

async function extractAll(bytes: Buffer): Promise<Outcome> {
  const access = bufferAccess(bytes);
  const ok = new Map<string, string>();
  const errors: string[] = [];
  let offsets: number[];
  try {
    offsets = await findCabinets(access);
  } catch (e) {
    return { ok, errors: [`search: ${(e as Error).message}`] };
  }
  if (offsets.length === 0) errors.push('no cabinet found');
  for (const at of offsets) {
    try {
      const hashes = new Map<number, ReturnType<typeof createHash>>();
      const ex = await extractCabinet(access, { open: (m) => { const h = createHash('sha256'); hashes.set(m.index, h); return (c) => h.update(c); } }, undefined, at);
      const unixNames = ex.info.members.some((m) => m.nameBytes.includes(0x2f));
      for (const r of ex.results) {
        const name = asCabextractWrites(r.member.nameBytes, unixNames);
        if (r.ok) ok.set(name, hashes.get(r.member.index)!.digest('hex'));
        else {
          expect(typeof r.error).toBe('string');
          expect(r.error!.length).toBeGreaterThan(10);
          ok.delete(name);
          errors.push(`${name}: ${r.error}`);
        }
      }
    } catch (e) {
      expect(e).toBeInstanceOf(CabError);
      errors.push((e as Error).message);
    }
  }
  return { ok, errors };
}

if (!DIR) {
  test.skip(`CAB conformance: ../shared/conformance/cab is absent (looked in ${CANDIDATES.join(', ')})`, () => undefined);
} else {
  const all = rows(DIR);
  test('the manifest has the 73 rows', () => {
    expect(all).toHaveLength(73);
  });
  describe.each(all.map((r) => [r.file, r] as const))('%s', (_name, row) => {
    test(row.rc === 0 ? 'same names and bytes as cabextract' : "cabextract's bytes for what both extract, a clear error for the rest", async () => {
      const started = Date.now();
      const got = await extractAll(fs.readFileSync(path.join(DIR, 'files', row.file)));
      expect(Date.now() - started).toBeLessThan(20_000);
      if (row.rc === 0) {
        const expected = new Map([...row.written].filter(([n]) => !QUANTUM.has(`${row.file}:${Buffer.from(n, 'latin1').toString('utf8')}`)));
        for (const n of row.written.keys()) {
          if (!expected.has(n)) expect(got.errors.some((e) => e.includes('Quantum compression is not supported'))).toBe(true);
        }
        if (NAME_DIVERGES.has(row.file)) {
          // every member extracted, with the bytes cabextract wrote (names collapse differently)
          expect(got.errors).toEqual([]);
          expect([...new Set(got.ok.values())].sort()).toEqual([...new Set(expected.values())].sort());
        } else expect(Object.fromEntries(got.ok)).toEqual(Object.fromEntries(expected));
      } else {
        for (const [name, sha] of got.ok) {
          if (row.written.has(name)) expect({ name, sha }).toEqual({ name, sha: row.written.get(name) });
        }
        // what cabextract could not write in full, we do not claim to have extracted
        expect(got.ok.size + got.errors.length).toBeGreaterThan(0);
        if (got.ok.size < row.written.size || row.written.size === 0) expect(got.errors.length).toBeGreaterThan(0);
      }
    });
  });
}
