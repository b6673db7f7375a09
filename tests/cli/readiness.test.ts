import * as fs from 'node:fs';
import * as path from 'node:path';
import { FLEET_JSONL, MACHINES, NOT_READY_W10, profileFile, READY_W11, run, tmpDir } from './helpers';

describe('acs-gate readiness', () => {
  it('says ready for a machine that meets ACS and exits 0', async () => {
    const r = await run(['readiness', profileFile(READY_W11)]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PC-READY: ready/);
    expect(r.out).toContain('1 machines: 1 ready, 0 not ready, 0 unknown');
  });

  it('gives the reason and the exact remediation for a machine that does not, exit 1', async () => {
    const r = await run(['readiness', path.join(MACHINES, 'pc-w10-21h2-kaikei')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('PC-KAIKEI-07: NOT READY');
    expect(r.out).toContain('OS_PATCH_MISSING: Windows 10 21H2: build 19044.1000 is below 19044.1586 and KB5011487 is not installed');
    expect(r.out).toMatch(/1\. Install KB5011487/);
  });

  it('reads the whole sample fleet: export directories in both locales and encodings plus a JSON Lines file', async () => {
    const r = await run(['readiness', MACHINES, FLEET_JSONL, '--json']);
    expect(r.code).toBe(1);
    const docs = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    const byName = Object.fromEntries(docs.map((d) => [d.name, d]));
    expect(docs).toHaveLength(11);
    expect(byName['PC-WIN11-01'].ready).toBe(true);
    expect(byName['PC-EIGYO-12'].ready).toBe(true);
    expect(byName['PC-KAIKEI-07'].ready).toBe(false);
    expect(byName['PC-LAB-03'].reasons.map((x: { code: string }) => x.code)).toEqual(['ROOT_NOT_TRUSTED']);
    expect(byName['PC-LAB-03'].remediation.join('\n')).toContain('certutil -addstore Root');
    expect(byName['SRV-FILE01'].ready).toBe(true);
    expect(byName['SRV-APEXONE'].ready).toBe(false);
    expect(byName['PC-WIN7-LEGACY'].ready).toBe(true);
    expect(byName['PC-XP-LINE2'].reasons[0].code).toBe('OS_NO_ACS_SUPPORT');
    expect(byName['PC-UNKNOWN-01'].ready).toBe('unknown');
    for (const d of docs) expect(Object.keys(d)).toEqual(expect.arrayContaining(['name', 'ready', 'reasons', 'remediation', 'source']));
  });

  it('labels the human output in Japanese with --lang ja', async () => {
    const r = await run(['readiness', profileFile(NOT_READY_W10), '--lang', 'ja']);
    expect(r.out).toContain('PC-OLD: 未対応');
    expect(r.out).toContain('対処:');
  });

  it('reports a bad line of a fleet file with its file and line, goes on with the others, exit 1', async () => {
    const f = path.join(tmpDir(), 'fleet.jsonl');
    fs.writeFileSync(f, `${JSON.stringify(READY_W11)}\n{"name": "broken", "os": {"version": "ten"}}\n`);
    const r = await run(['readiness', f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('PC-READY: ready');
    expect(r.err).toMatch(new RegExp(`^acs-gate readiness: ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: .*version`));
    expect(r.out).toContain('1 could not be read');
  });

  it('names a missing input in one line, exit 2', async () => {
    const missing = path.join(tmpDir(), 'no-such-fleet.csv');
    const r = await run(['readiness', missing]);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toContain(missing);
  });

  it('rejects a call without INPUT, exit 2', async () => {
    const r = await run(['readiness']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('acs-gate readiness: no INPUT given');
  });
});
