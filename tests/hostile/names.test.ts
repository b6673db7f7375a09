/** Names are data: machines called __proto__, constructor, toString, hasOwnProperty are ordinary machines. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseMemory } from '../../src/eventlog/memory';
import { defaultFleetDeps } from '../../src/report/default-deps';
import { runFleetReport } from '../../src/report/fleet';
import { run, tmpDir } from '../cli/helpers';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'PC-OK'];
const machine = (name: string) => ({ name, os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [], rootAutoUpdate: true, online: true });

describe('machines named like Object.prototype members', () => {
  let dir: string;
  let inv: string;
  beforeAll(() => {
    dir = tmpDir('acs-names-');
    inv = path.join(dir, 'fleet.jsonl');
    fs.writeFileSync(inv, NAMES.map((n) => JSON.stringify(machine(n))).join('\n') + '\n');
  });

  it('fleet reports every one of them (no crash, no stack trace, no 0-byte report)', async () => {
    const out = path.join(dir, 'report');
    const r = await run(['fleet', inv, '--out', out, '--path', 'agent-update', '--path', 'msi', '--agent-build', '12011', '--build', '12500']);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0); // the report is written (exit 1 only with --fail-on)
    const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { machines: { name: string }[]; importErrors: unknown[] };
    expect(json.machines.map((m) => m.name)).toEqual(NAMES);
    expect(json.importErrors).toEqual([]);
    const csv = fs.readFileSync(path.join(out, 'report.csv'), 'utf8').trim().split('\r\n');
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(NAMES);
    expect(({} as Record<string, unknown>).lastRecordId).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('simulate --state keeps %s as an ordinary machine across runs', async (name) => {
    const one = path.join(dir, `${name}.json`);
    fs.writeFileSync(one, JSON.stringify(machine(name)));
    const state = path.join(dir, `state-${name}.json`);
    const args = ['simulate', 'agent-update', '--machine', one, '--agent-build', '12011', '--build', '12500', '--state', state, '--json'];
    const a = await run(args);
    expect(a.err).toBe('');
    expect(a.code).toBe(1);
    const first = JSON.parse(a.out) as { events: { id: number; recordId: number }[] };
    expect(first.events.map((e) => e.id)).toEqual([900]);
    const b = await run(args);
    expect(JSON.parse(b.out).events).toEqual([]); // logged once: remembered for this machine
    const mem = parseMemory(fs.readFileSync(state, 'utf8'));
    expect(Object.keys(mem.machines)).toEqual([name]);
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).machines[name].loggedOnce['E-900'].recordId).toBe(first.events[0]!.recordId);
  });

  it('one machine the library cannot judge gets its own error row; the others are reported', async () => {
    const out = path.join(dir, 'bad-one');
    const deps = {
      ...defaultFleetDeps,
      assessReadiness: ((profile, o) => {
        if (profile.name === 'constructor') throw new Error('exploded inside the machine');
        return defaultFleetDeps.assessReadiness(profile, o);
      }) as typeof defaultFleetDeps.assessReadiness,
    };
    // distinct facts per machine, so each one is simulated (equal facts share one cached outcome)
    const distinct = path.join(dir, 'distinct.jsonl');
    fs.writeFileSync(distinct, NAMES.map((n, i) => JSON.stringify({ ...machine(n), os: { version: '10.0.19044', ubr: 1000 + i } })).join('\n') + '\n');
    const r = await runFleetReport({ inventory: [distinct], outDir: out, at: new Date('2026-01-15T00:00:00Z'), paths: ['msi'] }, deps);
    expect(r.summary.totals.importErrors).toBe(1);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { machines: { name: string }[]; importErrors: { error: string }[] };
    expect(json.machines.map((m) => m.name)).toEqual(NAMES.filter((n) => n !== 'constructor'));
    expect(json.importErrors[0]!.error).toBe('constructor: exploded inside the machine');
  });

  it('a duplicate machine name is reported with both sources; both machines are still read', async () => {
    const second = path.join(dir, 'again.jsonl');
    fs.writeFileSync(second, JSON.stringify(machine('pc-ok')) + '\n');
    const r = await run(['readiness', inv, second, '--lang', 'en']);
    expect(r.err).toContain(`${second}: duplicate machine name "pc-ok": also in ${inv}:7`);
    expect(r.out).toMatch(/^PC-OK:/m);
    expect(r.out).toMatch(/^pc-ok:/m);
  });
});
