/** acs-gatekeeper/testing from the sources: builders, matchers, the seed's scenario table. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  SEED_SCENARIOS,
  acsMatchers,
  installAcsMatchers,
  machine,
  runScenario,
  server2012R2,
  simulateOn,
  windows10,
  windows11,
  windowsXP,
} from '../../src/testing';
import { ACS_ROOT_2020_SHA1, assessReadiness, isProfileError, ProfileError } from '../../src/index';
import { MESSAGE_IDS } from '../../src/messages/catalog';
import { seedFilled } from '../messages/seed-file';

installAcsMatchers(expect);

describe('profile builders', () => {
  it('state only the facts they are told, as a profile read from exports would', () => {
    const p = windows10('21H2').ubr(1288).withoutAcsRoot().build();
    expect(p).toEqual({
      name: 'WIN10-21H2',
      role: 'endpoint',
      os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', ubr: 1288, productType: 'workstation' },
      rootStore: [],
      rootAutoUpdate: false,
    });
    expect(p.hotfixes).toBeUndefined();
    expect(p.online).toBeUndefined();
  });

  it('read like the facts and give the readiness model what it needs', () => {
    expect(windows10('21H2').ubr(1288).withoutAcsRoot().readiness()).toMatchObject({
      ready: false,
      os: { supported: false, line: 'Windows 10 21H2' },
      root: { trusted: false },
    });
    expect(windows10('21H2').ubr(1586).withAcsRoot().readiness().ready).toBe(true);
    expect(server2012R2().withRollup('KB5006714').withAcsRoot().readiness()).toMatchObject({ ready: true, os: { line: 'Windows Server 2012 R2' } });
    expect(server2012R2().withRollup('kb5041828').build().hotfixes).toEqual(['KB5041828']);
    expect(windowsXP().withAcsRoot().readiness().reasons.map((r) => r.code)).toEqual(['OS_NO_ACS_SUPPORT']);
    expect(windows11().build().rootStore).toBeUndefined();
    expect(windows11().withAcsRoot().build().rootStore).toEqual([ACS_ROOT_2020_SHA1]);
    // unknown stays unknown
    expect(windows10('21H2').ubr(1288).build().rootStore).toBeUndefined();
    expect(windows10('22H2').readiness().ready).toBe('unknown');
    expect(windows10('22H2').withoutAcsRoot().rootAutoUpdate(true).online(true).readiness().root).toEqual({ trusted: true, via: 'auto-update' });
  });

  it('are immutable', () => {
    const base = windows10('21H2');
    const a = base.ubr(1000);
    const b = base.ubr(2000).named('B');
    expect(a.build().os.ubr).toBe(1000);
    expect(b.build()).toMatchObject({ name: 'B', os: { ubr: 2000 } });
    expect(base.build().os.ubr).toBeUndefined();
  });

  it('give a ProfileError naming the field for a malformed fact', () => {
    expect(() => windows10('21H2').withUpdates('5011487').build()).toThrow(ProfileError);
    try {
      machine({ name: 'PC1', os: { version: '10.0.19044', ubr: -1 } }).build();
      throw new Error('not thrown');
    } catch (e) {
      expect(isProfileError(e)).toBe(true);
      expect((e as ProfileError).field).toBe('os.ubr');
      expect((e as ProfileError).message).toMatch(/^machine profile "PC1": os\.ubr: /);
    }
    expect(() => windows10('30H2' as never)).toThrow(RangeError);
  });
});

describe('matchers', () => {
  it('pass and fail on the exact lists, in order, and read well when they fail', async () => {
    const run = await simulateOn(windows10('21H2').ubr(1288).withoutAcsRoot(), 'packager-exe');
    expect(run).toShowPopups(['M-BADIMAGE', 'M-NOACS']);
    expect(run).not.toShowPopups(['M-NOACS', 'M-BADIMAGE']);
    expect(run).not.toShowPopups(['M-BADIMAGE']);
    expect(run).toLogEvents([]);
    expect(run).toDecide('blocked');
    expect(run).not.toDecide('allowed');

    const fail = acsMatchers.toShowPopups.call({ isNot: false }, run, ['M-NOACS']);
    expect(fail.pass).toBe(false);
    expect(fail.message()).toContain('Expected: ["M-NOACS"]');
    expect(fail.message()).toContain('Received: ["M-BADIMAGE","M-NOACS"]');
    expect(fail.message()).toContain(seedFilled('M-NOACS'));
    const decide = acsMatchers.toDecide.call({}, run, 'allowed');
    expect(decide.message()).toMatch(/Received: "blocked"\nReasons: OS_PATCH_MISSING, ROOT_NOT_TRUSTED/);
    expect(acsMatchers.toLogEvents.call(undefined, 42, [900])).toMatchObject({ pass: false });
    expect(acsMatchers.toLogEvents.call(undefined, 42, [900]).message()).toMatch(/expected a PathRun/);
    expect(() => expect({ popups: [], events: [], decision: 'blocked' }).toDecide('allowed')).toThrow(/Expected: "allowed"/);
  });

  it('are plain functions: the module never loads jest', () => {
    const src = ['index.ts', 'matchers.ts', 'profiles.ts', 'scenarios.ts', 'simulate.ts'].map((f) => readFileSync(path.join(__dirname, '../../src/testing', f), 'utf8')).join('\n');
    expect(src).not.toMatch(/from '(@jest\/|jest|expect)/);
    expect(src).not.toMatch(/require\(/);
  });
});

describe('SEED_SCENARIOS', () => {
  it('covers every numbered case of the seed (A1..A6, S1..S3) and every popup and event it shows', () => {
    const ids = SEED_SCENARIOS.map((s) => s.id);
    expect(SEED_SCENARIOS.filter((s) => s.product === 'Apex One SaaS').map((s) => s.id)).toEqual(['S1', 'S2', 'S3', 'S3-before-2023-01']);
    for (const id of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'S1', 'S2', 'S3']) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    const shown = new Set<string>(SEED_SCENARIOS.flatMap((s) => [...s.expected.popups, ...s.expected.events.map((e) => `E-${e}`)]));
    for (const id of MESSAGE_IDS) expect(shown).toContain(id);
    const seed = readFileSync(path.join(__dirname, '../../seed/000_b6257c8d8df8fd1b.txt'), 'utf8');
    for (const s of SEED_SCENARIOS) expect(seed).toContain(s.seed);
  });

  it.each(SEED_SCENARIOS)('$id: $title', async (s) => {
    const run = await runScenario(s);
    expect(run).toDecide(s.expected.decision);
    expect(run).toShowPopups(s.expected.popups);
    expect(run).toLogEvents(s.expected.events);
    if (s.expected.downloads !== undefined) expect(run.downloads).toBe(s.expected.downloads);
    expect(assessReadiness(s.machine).name).toBe(s.machine.name);
  });
});
