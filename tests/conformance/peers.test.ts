/**
 * The peer conformance suite (files and expectations from other projects' Authenticode test suites), run in
 * process when `../shared/conformance/peers/` exists beside the repository (resolved from the repository root;
 * ACS_PEERS_DIR overrides it): every row of its expected.tsv goes through the CLI's `verify --json` exactly as
 * `run.sh` there passes it (same flags, same summary: verdict, signatures[0].digestMatches, exit code), so the
 * two agree. Nothing is copied from that folder into this repository. Rows whose `at` is `-` are judged now,
 * as run.sh judges them.
 *
 * PENDING_FORMATS lists the file kinds the verifier does not read yet: their rows are expected to disagree, and
 * a test fails as soon as one of them agrees, so that the format is taken off the list.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PEERS = path.resolve(process.env.ACS_PEERS_DIR ?? path.join(REPO_ROOT, '..', 'shared', 'conformance', 'peers'));
const EXPECTED = path.join(PEERS, 'expected.tsv');

/** File kinds (expected.tsv's format column) not read yet: their rows must still disagree. Shrink it as formats land. */
const PENDING_FORMATS: readonly string[] = [];

interface Row {
  line: number;
  file: string;
  suite: string;
  trust: string;
  at: string;
  expected: string;
  why: string;
  format: string;
  crl: string;
}

function readRows(): Row[] {
  const rows: Row[] = [];
  fs.readFileSync(EXPECTED, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text || text.startsWith('#')) return;
      const [file = '', suite = '', trust = '', at = '', expected = '', why = '', format = '', crl = '-'] = text.split('\t');
      rows.push({ line: i + 1, file, suite, trust, at, expected, why, format, crl: crl || '-' });
    });
  return rows;
}

/** The arguments run.sh gives acs-gate for a row. */
function argsOf(row: Row): string[] {
  const args = ['verify', '--json', path.join(PEERS, row.file)];
  if (row.trust !== 'none' && row.trust !== 'default') for (const t of row.trust.split(',')) args.push('--trust', path.join(PEERS, t));
  if (row.at !== '-') args.push('--at', row.at);
  if (row.crl !== '-') for (const c of row.crl.split(',')) args.push('--crl', path.join(PEERS, c));
  return args;
}

interface Outcome {
  verdict: string;
  digestMatches: string;
  code: number;
  codes: string;
}

/** run.sh's summary of the first JSON document: verdict, signatures[0].digestMatches ("none" without signatures). */
async function outcomeOf(row: Row): Promise<Outcome> {
  const io = captureIo({ now: () => new Date(), env: { LANG: 'C' } });
  const code = await main(argsOf(row), io);
  let r: { verdict?: string; signatures?: { digestMatches: unknown }[]; failures?: { code: string }[] };
  try {
    const t = io.out.trim();
    try {
      r = JSON.parse(t);
    } catch {
      r = JSON.parse(t.split('\n')[0]!);
    }
  } catch {
    return { verdict: 'unparsable', digestMatches: '-', code, codes: '-' };
  }
  const sig = (r.signatures ?? [])[0];
  return {
    verdict: String(r.verdict),
    digestMatches: sig ? String(sig.digestMatches) : 'none',
    code,
    codes: [...new Set((r.failures ?? []).map((f) => f.code))].join(',') || '-',
  };
}

/** run.sh's strict agreement rule. */
function agrees(row: Row, o: Outcome): boolean {
  switch (row.expected) {
    case 'digest-only-ok':
      return o.digestMatches === 'true';
    case 'digest-only-bad':
      return o.digestMatches !== 'true';
    case 'valid':
      return o.verdict === 'valid' && o.code === 0;
    default:
      return o.verdict === row.expected && o.code === 1;
  }
}

const present = fs.existsSync(EXPECTED);

if (!present) {
  console.warn(`peer conformance suite skipped: ${EXPECTED} does not exist`);
  describe('peer conformance suite', () => {
    it.skip(`skipped: ${EXPECTED} does not exist (the suite runs when ../shared/conformance/peers/ is beside the repository)`, () => undefined);
  });
} else {
  const rows = readRows();

  describe('peer conformance suite (expected.tsv, as run.sh runs it)', () => {
    it('reads every row of expected.tsv', () => {
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(['valid', 'invalid', 'unsigned', 'malformed', 'digest-only-ok', 'digest-only-bad']).toContain(r.expected);
    });

    it('lists as pending only formats that have rows (a stale entry is an error)', () => {
      const formats = new Set(rows.map((r) => r.format));
      expect(PENDING_FORMATS.filter((f) => !formats.has(f))).toEqual([]);
    });

    it.each(rows.map((r) => [`${r.file} [${r.suite}, line ${r.line}${r.at !== '-' ? `, at ${r.at}` : ''}] → ${r.expected}`, r] as const))('%s', async (_name, row) => {
      const o = await outcomeOf(row);
      const seen = `got ${o.verdict} (digestMatches=${o.digestMatches}, exit ${o.code}, ${o.codes})`;
      if (PENDING_FORMATS.includes(row.format)) {
        if (agrees(row, o))
          throw new Error(`${row.file} (format ${row.format}) now agrees with the suite (${seen}): take "${row.format}" off PENDING_FORMATS in tests/conformance/peers.test.ts`);
        return;
      }
      if (!agrees(row, o)) throw new Error(`${row.file}: want ${row.expected}, ${seen} — ${row.why}`);
    }, 60000);
  });
}
