/**
 * The fleet report's fast paths (issue 18.8) give exactly what the plain code gave: each one here is run
 * against the code it replaced (kept in this file as the reference) over generated values, and a whole
 * report with an outcome cache of 2 entries (evictions, re-simulated decisions) is byte for byte the report
 * with the default cache.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { writeDistinctInventory } from '../../bench/distinct-fleet';
import { bundledAcsRoot } from '../../src/authenticode/trust/certificates';
import { knownCertificates, loadCertificates } from '../../src/cli/certs';
import { machineTrustAnchors } from '../../src/endpoint/trust';
import type { MachineProfile } from '../../src/endpoint/profile';
import type { Readiness } from '../../src/endpoint/types';
import { FleetAggregator } from '../../src/report/aggregate';
import { csvCell, csvRow, reasonCell } from '../../src/report/csv';
import { anchorsKey, decisionKey } from '../../src/report/dedup-keys';
import { fleetReport } from '../../src/report/default-deps';
import { JsonReportWriter } from '../../src/report/json';
import { Lru } from '../../src/report/lru';
import type { Run } from '../../src/report/fleet';
import { toRow } from '../../src/report/outcome-rows';
import { RowEncoder } from '../../src/report/page/rows';
import { scriptJson } from '../../src/report/page/json';
import { CSV_HEADER_LABELS, DECISION_LABELS, READY_LABELS } from '../../src/report/i18n';
import { escapeText } from '../../src/text/escape';
import type { MachineRow, PathOutcome } from '../../src/report/types';

const ROOT = path.join(__dirname, '..', '..');
const AT = new Date('2026-01-15T00:00:00Z');

/** Text that exercises the escapes: quotes, commas, formulas, invisible and look-alike characters, Japanese. */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('PC-0001', 'pc "quoted"', 'a,b', '=cmd', ' +1', '\u3000=x', '＝x', '-1', '@x', '端末名', 'x\u200by', '\ud800', 'a\r\nb', '<script>', '', 'Ｘ', 'ｱ', 'a\\b', '\u0001x', 'x\u007f', '\ud83d\ude00'),
);
const tri = fc.constantFrom(true as const, false as const, 'unknown' as const);

const outcome = (pathId: string, file: string | null, decision: PathOutcome['decision'], popupIds: string[]): PathOutcome => ({
  path: pathId,
  file,
  decision,
  ...(decision === 'unknown' ? { worstCase: { decision: 'blocked' as const, popups: [], events: [], downloads: 0 } } : {}),
  popups: popupIds.map((id) => ({ id, window: 'w', title: 't', text: `text ${id}`, buttons: ['OK'] })),
  events: [],
  downloads: 0,
  reasons: [],
});

const RUNS: Run[] = [
  { path: 'autopcc', file: '/x/AutoPcc.exe' },
  { path: 'msi', file: '/x/A.msi' },
];
/** a pool of outcome arrays, shared by rows as the fleet shares them */
const POOL: PathOutcome[][] = [
  [outcome('autopcc', '/x/AutoPcc.exe', 'allowed', []), outcome('msi', '/x/A.msi', 'blocked', ['M-NOACS'])],
  [outcome('autopcc', '/x/AutoPcc.exe', 'blocked', ['M-BADIMAGE', 'M-X']), outcome('msi', '/x/A.msi', 'unknown', [])],
  [outcome('autopcc', '/x/AutoPcc.exe', 'unguarded', ['M-Y', 'M-Z', 'M-W']), outcome('msi', '/x/A.msi', 'allowed', [])],
];

const rowArb = fc
  .record({
    name: text,
    source: fc.oneof(text, fc.tuple(text, fc.nat(99999)).map(([f, n]) => `${f}:${n}`)),
    ready: tri,
    windows: fc.option(text, { nil: undefined }),
    version: fc.option(text, { nil: undefined }),
    ubr: fc.option(fc.oneof(fc.integer(), fc.constant(Number.NaN)), { nil: undefined }),
    reasons: fc.array(fc.record({ code: fc.constantFrom('ROOT_NOT_TRUSTED', 'FACT_UNKNOWN'), message: text, fact: fc.option(fc.constantFrom('online', 'os.ubr'), { nil: undefined }) }), { maxLength: 3 }),
    remediation: fc.array(text, { maxLength: 3 }),
    assumed: fc.array(fc.constantFrom('online', 'rootAutoUpdate'), { maxLength: 2 }),
    pool: fc.nat(POOL.length - 1),
  })
  .map((r): MachineRow => {
    const readiness = {
      name: r.name,
      role: 'endpoint',
      ready: r.ready,
      os: { supported: r.ready, ...(r.windows !== undefined ? { line: r.windows } : {}), ...(r.version !== undefined ? { version: r.version } : {}), ...(r.ubr !== undefined ? { ubr: r.ubr } : {}) },
      root: { trusted: r.ready, via: null },
      reasons: r.reasons.map((x) => ({ code: x.code, message: x.message, ...(x.fact ? { fact: x.fact } : {}) })),
      remediation: r.remediation,
    } as unknown as Readiness;
    return toRow(r.source, readiness, POOL[r.pool]!, r.assumed);
  });

/** report.json's row as the writer wrote it before: JSON.stringify of the row with its outcomes slimmed (popup / event ids). */
function referenceJsonRow(row: MachineRow): string {
  const slim = (o: PathOutcome) => ({
    ...o,
    popups: o.popups.map((p) => p.id),
    events: o.events.map((e) => e.id),
    ...(o.worstCase ? { worstCase: { ...o.worstCase, popups: o.worstCase.popups.map((p) => p.id), events: o.worstCase.events.map((e) => e.id) } } : {}),
  });
  const { outcomes, ...rest } = row;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"outcomes":[${outcomes.map((o) => JSON.stringify(slim(o))).join(',')}]}`;
}

/** report.csv's row as csvRow made it before: every cell by csvCell. */
function referenceCsvRow(row: MachineRow, runs: Run[], lang: 'ja' | 'en'): string {
  const valueIn = (value: string, labels: Record<string, { ja: string; en: string }>) => (lang === 'ja' && value ? (labels[value]?.ja ?? value) : value);
  const found = runs.map((c) => row.outcomes.find((o) => o.path === c.path && o.file === c.file));
  return (
    [
      row.name,
      row.source,
      valueIn(String(row.ready), READY_LABELS),
      row.windows ?? '',
      row.version ?? '',
      row.ubr ?? '',
      row.reasons.map((r) => reasonCell(r, lang)).join('; '),
      row.remediation.join(' | '),
      (row.assumed ?? []).join('; '),
      ...found.map((o) => valueIn(o?.decision ?? '', DECISION_LABELS)),
      ...found.map((o) => valueIn(o?.decision === 'unknown' ? (o.worstCase?.decision ?? '') : '', DECISION_LABELS)),
    ]
      .map(csvCell)
      .join(',') + '\r\n'
  );
}

describe('fleet fast paths equal the plain code', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-fast-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** report.json's machines as JsonReportWriter writes `rows`, against JSON.stringify of each row (referenceJsonRow) */
  function expectRowsAsJsonStringify(rows: MachineRow[], name: string): void {
    const file = path.join(tmp, name);
    const w = new JsonReportWriter(file);
    for (const r of rows) w.add(r);
    w.close({ machines: [], importErrors: [] } as never);
    const written = fs.readFileSync(file, 'utf8');
    const machines = written.slice(written.indexOf('"machines": [') + '"machines": ['.length, written.indexOf('\n],\n"importErrors"'));
    expect(machines).toBe('\n' + rows.map(referenceJsonRow).join(',\n'));
  }

  it('report.json rows: written key by key, the same text as JSON.stringify of the row', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), (rows) => {
        expectRowsAsJsonStringify(rows, 'r.json');
      }),
      { numRuns: 300 },
    );
  });

  it('report.json rows: reasons of another shape (key order, extra keys, fact undefined, not strings) are written as JSON.stringify writes them', () => {
    const odd = fc.oneof(
      fc.record({ message: text, code: text }),
      fc.record({ code: text, message: text, fact: fc.constant(undefined) }),
      fc.record({ code: text, message: text, fact: text, extra: text }),
      fc.record({ code: text, message: fc.integer(), fact: text }),
      fc.record({ code: text, message: text, fact: text }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(rowArb, fc.array(odd, { maxLength: 3 })), { minLength: 1, maxLength: 6 }), (pairs) => {
        const rows = pairs.map(([r, reasons]) => ({ ...r, reasons: reasons as unknown as MachineRow['reasons'] }));
        expectRowsAsJsonStringify(rows, 'odd.json');
      }),
      { numRuns: 300 },
    );
  });

  it('report.csv rows: the shortcuts for names and sources give csvCell of every cell', () => {
    fc.assert(
      fc.property(rowArb, fc.constantFrom('ja' as const, 'en' as const), (row, lang) => {
        expect(csvRow(row, RUNS, lang)).toBe(referenceCsvRow(row, RUNS, lang));
      }),
      { numRuns: 2000 },
    );
    expect(CSV_HEADER_LABELS['worstCase']).toBeDefined();
  });

  it("the page's tuples: a name's shortcut is scriptJson(escapeText(name)); a shared outcomes array's letters are the same", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 10 }), (rows) => {
        const shared = new RowEncoder(RUNS);
        const fresh = new RowEncoder(RUNS);
        for (const r of rows) {
          const a = shared.encode(r);
          // the same row with a copy of its outcomes array: no memo to reuse
          const b = fresh.encode({ ...r, outcomes: [...r.outcomes] });
          expect(a).toBe(b);
          expect(a.startsWith(`[${scriptJson(escapeText(r.name))},`)).toBe(true);
        }
        expect(shared.stringsJson()).toBe(fresh.stringsJson());
      }),
      { numRuns: 300 },
    );
  });

  it('the aggregator with sharedOutcomes counts as it does without (popups past the bound included)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const meta = { generatedAt: AT.toISOString(), lang: 'en' as const, inputs: ['in'], files: [], paths: ['autopcc', 'msi'] };
        const plain = new FleetAggregator(meta, { distinctPerPath: 2 });
        const shared = new FleetAggregator(meta, { distinctPerPath: 2 }, { sharedOutcomes: true });
        for (const r of rows) {
          plain.addMachine(r);
          shared.addMachine(r);
        }
        expect(JSON.stringify(shared.result())).toBe(JSON.stringify(plain.result()));
      }),
      { numRuns: 300 },
    );
  });

  it('decisionKey: two verdicts share a key exactly when the JSON key did', () => {
    const verdict = fc.record({
      role: fc.constantFrom('endpoint', 'server'),
      ready: tri,
      supported: tri,
      kbs: fc.option(fc.array(fc.constantFrom('KB5011487', 'KB5022661', 'KB1'), { maxLength: 2 }), { nil: undefined }),
      trusted: tri,
      via: fc.constantFrom('store', 'auto-update', null),
      codes: fc.array(fc.constantFrom('ROOT_NOT_TRUSTED', 'FACT_UNKNOWN', 'OS_PATCH_MISSING'), { maxLength: 3 }),
      anchors: fc.constantFrom('', '0', '1', '0,1'),
    });
    const readiness = (v: typeof verdict extends fc.Arbitrary<infer T> ? T : never): Readiness =>
      ({
        role: v.role,
        ready: v.ready,
        os: { supported: v.supported, ...(v.kbs !== undefined ? { requiredKbs: v.kbs } : {}) },
        root: { trusted: v.trusted, via: v.via },
        reasons: v.codes.map((code) => ({ code, message: '' })),
      }) as unknown as Readiness;
    const jsonKey = (r: Readiness, anchors: string) =>
      JSON.stringify([r.role, r.ready, r.os.supported, r.os.requiredKbs ?? null, r.root.trusted, r.root.via, r.reasons.map((x) => x.code), anchors]);
    fc.assert(
      fc.property(verdict, verdict, (a, b) => {
        const ra = readiness(a);
        const rb = readiness(b);
        expect(decisionKey(ra, a.anchors) === decisionKey(rb, b.anchors)).toBe(jsonKey(ra, a.anchors) === jsonKey(rb, b.anchors));
      }),
      { numRuns: 3000 },
    );
  });

  it('anchorsKey: two lists share a key exactly when their sorted SHA-256 fingerprints did', () => {
    const certs = [...knownCertificates(loadCertificates([path.join(ROOT, 'samples', 'installers', 'test-acs-root.pem')]), bundledAcsRoot())];
    // the same certificate read again: another object, the same fingerprint
    certs.push(new X509Certificate(certs[0]!.raw));
    const list = fc.array(fc.nat(certs.length - 1), { maxLength: 4 }).map((ix) => ix.map((i) => certs[i]!));
    const plain = (cs: X509Certificate[]) => cs.map((c) => c.fingerprint256).sort().join(',');
    fc.assert(
      fc.property(list, list, (a, b) => {
        expect(anchorsKey(a) === anchorsKey(b)).toBe(plain(a) === plain(b));
      }),
      { numRuns: 1000 },
    );
  });

  it('the LRU drops what a plain LRU drops (before and after it first overflows)', () => {
    /** the LRU as it was: a read moves the entry to the newest place */
    class PlainLru {
      private m = new Map<string, number>();
      constructor(private readonly max: number) {}
      get(k: string): number | undefined {
        const v = this.m.get(k);
        if (v !== undefined) {
          this.m.delete(k);
          this.m.set(k, v);
        }
        return v;
      }
      set(k: string, v: number): void {
        this.m.set(k, v);
        if (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
      }
    }
    const op = fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.nat(9));
    fc.assert(
      fc.property(fc.nat(5), fc.array(op, { maxLength: 80 }), (max, ops) => {
        const lru = new Lru<number>(max);
        const plain = new PlainLru(max);
        for (const [isGet, k, v] of ops) {
          if (isGet) expect(lru.get(k)).toBe(plain.get(k));
          else {
            lru.set(k, v);
            plain.set(k, v);
          }
        }
        for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) expect(lru.get(k)).toBe(plain.get(k));
      }),
      { numRuns: 2000 },
    );
  });

  it('machineTrustAnchors: a store of thumbprints gives the anchors the same store as entries gives', () => {
    const testRoot = loadCertificates([path.join(ROOT, 'samples', 'installers', 'test-acs-root.pem')]);
    const known = knownCertificates(testRoot, bundledAcsRoot());
    const sha1 = (c: X509Certificate) => c.fingerprint.replace(/:/g, '');
    const thumbs = fc.array(fc.constantFrom(...known.map(sha1), 'F00D', sha1(bundledAcsRoot())), { maxLength: 5 });
    fc.assert(
      fc.property(thumbs, fc.boolean(), fc.boolean(), tri, (store, auto, online, trusted) => {
        const profile = { name: 'x', role: 'endpoint', os: {}, rootStore: store, rootAutoUpdate: auto, online } as unknown as MachineProfile;
        const general = { ...profile, rootStore: store.map((thumbprint) => ({ thumbprint })) } as unknown as MachineProfile;
        const readiness = { root: { trusted, via: null } } as unknown as Readiness;
        const fp = (cs: X509Certificate[]) => cs.map((c) => c.fingerprint256);
        expect(fp(machineTrustAnchors(profile, readiness, known))).toEqual(fp(machineTrustAnchors(general, readiness, known)));
      }),
      { numRuns: 500 },
    );
  });

  it('a report with an outcome cache of 2 entries is byte for byte the report with the default cache', async () => {
    const testRoot = loadCertificates([path.join(ROOT, 'samples', 'installers', 'test-acs-root.pem')]);
    const known = knownCertificates(testRoot, bundledAcsRoot());
    const inventory = path.join(tmp, 'fleet.jsonl');
    writeDistinctInventory(inventory, testRoot[0]!.fingerprint.replace(/:/g, ''), 300);
    const runs: Run[] = [
      { path: 'autopcc', file: path.join(ROOT, 'samples', 'installers', 'AutoPcc.exe') },
      { path: 'msi', file: path.join(ROOT, 'samples', 'installers', 'ApexOneAgent.msi') },
    ];
    const run = (out: string, cacheSize?: number) =>
      fleetReport({ inventory: [inventory], runs, outDir: path.join(tmp, out), lang: 'ja', at: AT, known, acsRoots: known, ...(cacheSize ? { cacheSize } : {}) });
    const small = await run('small', 2);
    const normal = await run('normal');
    expect(small.simulations).toBeGreaterThan(normal.simulations);
    for (const f of ['report.json', 'report.csv', 'report.html']) {
      const a = fs.readFileSync(path.join(tmp, 'small', f), 'utf8').split(path.join(tmp, 'small')).join('OUT');
      const b = fs.readFileSync(path.join(tmp, 'normal', f), 'utf8').split(path.join(tmp, 'normal')).join('OUT');
      expect(a).toBe(b);
    }
  }, 120_000);
});
