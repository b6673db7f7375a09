import * as fs from 'node:fs';
import * as path from 'node:path';
import { FLEET_JSONL, MACHINES, NOT_READY_W10, profileFile, READY_W11, run, tmpDir } from './helpers';

describe('acs-gate readiness', () => {
  it('says ready for a machine that meets ACS and exits 0', async () => {
    const r = await run(['readiness', profileFile(READY_W11)]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PC-READY: ready/);
    expect(r.out).toContain('1 machine: 1 ready, 0 not ready, 0 unknown');
  });

  it('gives the reason and the exact remediation for a machine that does not; printed is done: exit 0', async () => {
    const r = await run(['readiness', path.join(MACHINES, 'pc-w10-21h2-kaikei')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('PC-KAIKEI-07: NOT READY');
    expect(r.out).toContain('OS_PATCH_MISSING: Windows 10 21H2: build 19044.1000 is below 19044.1586 and KB5011487 is not installed');
    expect(r.out).toMatch(/1\. Install KB5011487/);
  });

  it('reads the whole sample fleet: export directories in both locales and encodings plus a JSON Lines file', async () => {
    const r = await run(['readiness', MACHINES, FLEET_JSONL, '--json']);
    expect(r.code).toBe(0);
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

  it('reports a bad line of a fleet file with its file and line and goes on with the others (exit 0; 1 with --fail-on unreadable)', async () => {
    const f = path.join(tmpDir(), 'fleet.jsonl');
    fs.writeFileSync(f, `${JSON.stringify(READY_W11)}\n{"name": "broken", "os": {"version": "ten"}}\n`);
    const r = await run(['readiness', f]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('PC-READY: ready');
    expect(r.err).toMatch(new RegExp(`^acs-gate readiness: ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: .*version`));
    expect(r.out).toContain('1 machine: 1 ready, 0 not ready, 0 unknown; 1 input could not be read');
    const strict = await run(['readiness', f, '--fail-on', 'unreadable']);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('--fail-on unreadable: 1 unreadable');
  });

  it('--fail-on not-ready / unknown (repeatable or a comma list) makes the verdicts the exit code: 1 when seen, else 0', async () => {
    const fleet = [MACHINES, FLEET_JSONL];
    expect((await run(['readiness', ...fleet, '--fail-on', 'not-ready'])).code).toBe(1);
    expect((await run(['readiness', ...fleet, '--fail-on', 'unknown'])).code).toBe(1);
    const both = await run(['readiness', ...fleet, '--fail-on', 'not-ready,unknown']);
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/--fail-on not-ready,unknown: 5 not-ready, 1 unknown/);
    expect((await run(['readiness', ...fleet, '--fail-on', 'not-ready', '--fail-on', 'unknown'])).code).toBe(1);
    // a ready machine passes every --fail-on
    expect((await run(['readiness', profileFile(READY_W11), '--fail-on', 'not-ready,unknown,unreadable'])).code).toBe(0);
    // an unknown machine is not "not ready"
    const unknownOnly = path.join(tmpDir(), 'one.jsonl');
    fs.writeFileSync(unknownOnly, fs.readFileSync(FLEET_JSONL, 'utf8').split('\n')[0] + '\n');
    expect((await run(['readiness', unknownOnly, '--fail-on', 'not-ready'])).code).toBe(0);
    expect((await run(['readiness', unknownOnly, '--fail-on', 'unknown'])).code).toBe(1);
  });

  it('rejects a --fail-on value it does not know, exit 2', async () => {
    const r = await run(['readiness', profileFile(READY_W11), '--fail-on', 'blocked']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--fail-on takes not-ready, unknown, unreadable');
  });

  it('--assume-online / --assume-root-auto-update fill only the facts a profile lacks, and say so per machine', async () => {
    const noRootFacts = { ...READY_W11, name: 'PC-NOROOT', rootStore: undefined, rootAutoUpdate: undefined, online: undefined };
    const f = profileFile(noRootFacts);
    const before = JSON.parse((await run(['readiness', f, '--json'])).out);
    expect(before.ready).toBe('unknown');
    expect(before.assumed).toBeUndefined();
    const r = await run(['readiness', f, '--json', '--assume-online', '--assume-root-auto-update']);
    const after = JSON.parse(r.out);
    expect(after.ready).toBe(true);
    expect(after.root).toMatchObject({ trusted: true, via: 'auto-update' });
    expect(after.assumed).toEqual(['online', 'rootAutoUpdate']);
    const human = await run(['readiness', f, '--assume-online', '--assume-root-auto-update']);
    expect(human.out).toContain("(assumed online (can fetch Windows Update's root certificate list))");
    expect(human.out).toContain('(assumed: automatic root certificate update is on)');
    // a fact the exports give is never overridden: PC-LAB-03 has automatic root update disabled
    const lab = JSON.parse((await run(['readiness', path.join(MACHINES, 'pc-w10-22h2-lab'), '--json', '--assume-root-auto-update', '--assume-online'])).out);
    expect(lab.ready).toBe(false);
    expect(lab.assumed ?? []).not.toContain('rootAutoUpdate');
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
