/** The library entry (src/index.ts): what the README's "library import" section uses. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lib from '../../src/index';
import { AT, FLEET_JSONL, REAL_DLL, tmpDir } from './helpers';

describe('library entry point', () => {
  it('exports every capability of the command line', () => {
    for (const name of [
      'verifyFile',
      'assessReadiness',
      'loadInventory',
      'machineTrustAnchors',
      'simulate',
      'renderMessage',
      'toEventXml',
      'fleetReport',
      'renderHtml',
    ] as const) {
      expect(typeof lib[name]).toBe('function');
    }
    expect(lib.INSTALL_PATH_IDS).toContain('packager-exe');
    expect(lib.CATALOG['M-NOACS'].id).toBe('M-NOACS');
  });

  it('runs the README example: verify, read an inventory, judge readiness, simulate a path, write a fleet report', async () => {
    expect(await lib.verifyFile(REAL_DLL, { at: new Date('2024-04-11') })).toMatchObject({ verdict: 'valid', acs: true });
    const decisions: Record<string, string> = {};
    for await (const item of lib.loadInventory([FLEET_JSONL])) {
      if (!item.ok) continue;
      const readiness = lib.assessReadiness(item.profile);
      const run = await lib.simulate('packager-exe', {
        machine: item.profile,
        readiness,
        artifact: { kind: 'declared', build: 12011 },
        at: new Date(AT),
        lang: 'ja',
      });
      decisions[item.profile.name] = run.decision;
      if (run.decision === 'unknown') expect(run.worstCase).toMatchObject({ decision: 'blocked', popups: [{ id: 'M-BADIMAGE' }, { id: 'M-NOACS' }] });
    }
    expect(decisions).toEqual({ 'PC-UNKNOWN-01': 'unknown', 'SRV-2022-DC01': 'allowed', 'PC-W10-1809-LTSC': 'blocked' });
    const out = tmpDir();
    const r = await lib.fleetReport({ inventory: [FLEET_JSONL], paths: ['msi'], outDir: out, at: new Date(AT), lang: 'en' });
    expect(r.summary.totals.machines).toBe(3);
    expect(fs.existsSync(path.join(out, 'report.html'))).toBe(true);
  });
});
