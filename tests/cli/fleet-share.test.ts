/**
 * `acs-gate fleet` and `acs-gate readiness` on a real share, as an administrator runs them (bin/acs-gate.js in a
 * child process): every machine once with the verdict it gets alone, every stray file named on the terminal
 * and in report.json, the report's own folder never read, exit 0 / 1 (--fail-on) / 2 (nothing readable).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadInventory, type InventoryItem } from '../../src/endpoint/inventory';
import { assessReadiness } from '../../src/endpoint/readiness';
import { SHARE_MACHINES, SHARE_SKIPPED, writeShare } from '../endpoint/share-fixture';
import { AT, spawnAcsGate as acsGate } from './helpers';

const TIMEOUT = 300000;

let tmp: string;
let share: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'acs-fleet-share-'));
  share = path.join(tmp, 'share');
  writeShare(share);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** each machine's verdict when its own input is read alone (an empty machine folder: unknown) */
async function verdictsAlone(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, from] of Object.entries(SHARE_MACHINES)) {
    if (name === 'PC-EMPTY') {
      out[name] = 'unknown';
      continue;
    }
    for await (const it of loadInventory([path.join(share, from)])) if (it.ok && it.profile.name === name) out[name] = assessReadiness((it as Extract<InventoryItem, { ok: true }>).profile).ready;
  }
  return out;
}

describe('acs-gate fleet on a share', () => {
  it(
    'reports every machine once with its own verdict and names every skipped file on the terminal and in report.json; the output folder inside the share is skipped on the next run',
    async () => {
      const out = path.join(share, 'acs-report');
      const alone = await verdictsAlone();
      const first = await acsGate(['fleet', share, '--out', out, '--at', AT, '--lang', 'en', '--path', 'msi']);
      expect(first.err).toBe('');
      expect(first.code).toBe(0);
      expect(first.out).toContain('14 machines:');
      expect(first.out).toContain('Inputs: 11 files read, 10 skipped, 0 unreadable');
      for (const k of Object.keys(SHARE_SKIPPED)) {
        const [file, line] = k.split(/:(?=\d+$)/);
        expect({ k, listed: first.out.includes(`${path.join(share, file!)}${line ? `:${line}` : ''}: `) }).toEqual({ k, listed: true });
      }
      expect(first.out).toMatch(/not read: .*inventory\.xlsx: an Excel workbook/);
      expect(first.out).toContain(`skipped: ${out}: the output folder of this report (--out)`);
      // second run: the first run's report is inside the share, and is not read
      const second = await acsGate(['fleet', share, '--out', out, '--at', AT, '--lang', 'en', '--path', 'msi', '--fail-on', 'unreadable']);
      expect(second.code).toBe(1);
      expect(second.err).toMatch(/--fail-on unreadable: the report is written/);
      const json = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
      const rows = json.machines as { name: string; ready: unknown }[];
      expect(rows.map((m) => m.name).sort()).toEqual(Object.keys(SHARE_MACHINES).sort());
      expect(Object.fromEntries(rows.map((m) => [m.name, m.ready]))).toEqual(alone);
      expect(rows.find((m) => m.name === 'PC-BAD')!.ready).toBe(false);
      expect(rows.find((m) => m.name === 'PC-GOOD')!.ready).toBe(true);
      const skipped = (json.skipped as { source: string; line?: number }[]).map((s) => `${path.relative(share, s.source).split(path.sep).join("/")}${s.line !== undefined ? `:${s.line}` : ''}`);
      expect(skipped.sort()).toEqual([...Object.keys(SHARE_SKIPPED), 'acs-report'].sort());
      // a not-ready machine among them: --fail-on not-ready still fails (a stray file at the root swallows nothing)
      const gate = await acsGate(['fleet', share, '--out', path.join(tmp, 'out-gate'), '--at', AT, '--path', 'msi', '--fail-on', 'not-ready,unknown,blocked,unguarded']);
      expect(gate.code).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'exits 2 with a message when no machine could be read: an empty folder, a folder holding only an .xlsx',
    async () => {
      const empty = path.join(tmp, 'empty');
      mkdirSync(empty);
      const e = await acsGate(['fleet', empty, '--out', path.join(tmp, 'out-empty'), '--at', AT, '--lang', 'en']);
      expect(e.code).toBe(2);
      expect(e.out).toBe('');
      expect(e.err).toMatch(/acs-gate fleet: no machine could be read from .*empty \(0 files read, 0 skipped, 1 unreadable entries\)/);
      expect(e.err).not.toMatch(/\n\s+at /);
      const xlsx = path.join(tmp, 'xlsx');
      mkdirSync(xlsx);
      writeFileSync(path.join(xlsx, 'PCs.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]));
      const x = await acsGate(['fleet', xlsx, '--out', path.join(tmp, 'out-xlsx'), '--at', AT, '--lang', 'en', '--json']);
      expect(x.code).toBe(2);
      expect(x.err).toMatch(/not read: .*PCs\.xlsx: an Excel workbook: not read \(this tool reads CSV\)/);
      expect(x.err).toMatch(/acs-gate fleet: no machine could be read/);
      const r = await acsGate(['readiness', xlsx, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/PCs\.xlsx: skipped: an Excel workbook/);
      expect(r.err).toMatch(/Inputs: 0 files read, 1 skipped, 0 unreadable/);
    },
    TIMEOUT,
  );
});

describe('acs-gate readiness on a share', () => {
  it(
    'judges every machine once and names every skipped file on stderr with the count of files',
    async () => {
      const own = path.join(tmp, 'share-readiness');
      writeShare(own);
      const r = await acsGate(['readiness', own, '--json', '--lang', 'en']);
      expect(r.code).toBe(0);
      const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { name?: string; ready?: unknown; skipped?: string });
      const machines = lines.filter((l) => l.name !== undefined);
      expect(machines.map((m) => m.name).sort()).toEqual(Object.keys(SHARE_MACHINES).sort());
      expect(Object.fromEntries(machines.map((m) => [m.name, m.ready]))).toEqual(await verdictsAlone());
      for (const k of Object.keys(SHARE_SKIPPED)) expect({ k, named: r.err.includes(path.join(own, k.split(/:(?=\d+$)/)[0]!)) }).toEqual({ k, named: true });
      expect(r.err).toMatch(/Inputs: 11 files read, 10 skipped, 0 unreadable/);
      const gated = await acsGate(['readiness', own, '--fail-on', 'unreadable']);
      expect(gated.code).toBe(1);
    },
    TIMEOUT,
  );
});
