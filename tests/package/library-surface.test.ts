/** The library's surface as callers reach it: hand-built profiles, and typed errors for bad ones from plain JavaScript. */
import * as lib from '../../src/index';
import { assessReadiness, isProfileError, parseProfile, ProfileError, simulate, type MachineProfileInput, type SimulateInput } from '../../src/index';

const AT = new Date('2026-11-26T09:00:00Z');

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('did not reject');
}

describe('a hand-built machine profile', () => {
  it('needs only the facts: the library applies the defaults (role endpoint, os {})', () => {
    const pc: MachineProfileInput = { name: 'PC01', os: { version: '10.0.19044', ubr: 1288 }, rootStore: [], rootAutoUpdate: false };
    expect(assessReadiness(pc)).toMatchObject({ name: 'PC01', role: 'endpoint', ready: false });
    expect(assessReadiness({ name: 'PC02' })).toMatchObject({ role: 'endpoint', ready: 'unknown' });
    expect(parseProfile({ name: 'PC03', hotfixes: ['kb5011487'] })).toEqual({ name: 'PC03', role: 'endpoint', os: {}, hotfixes: ['KB5011487'] });
  });

  it('runs through simulate() without a readiness: simulate assesses it', async () => {
    const input: SimulateInput = { machine: { name: 'PC01', os: { version: '10.0.19044', ubr: 1288 } }, artifact: { kind: 'declared', build: 12011 }, at: AT };
    const run = await simulate('packager-exe', input);
    expect(run.decision).toBe('blocked');
    expect(run.popups.map((p) => p.id)).toEqual(['M-BADIMAGE', 'M-NOACS']);
    expect(run.reasons.map((r) => r.code)).toContain('OS_PATCH_MISSING');
    const ja = await simulate('msi', { ...input, lang: 'ja' });
    expect(ja.remediation.join(' ')).toMatch(/KB5011487/);
  });
});

describe('a bad profile from plain JavaScript', () => {
  const bad: Array<[string, unknown, string]> = [
    ['not an object', 'PC01', '(profile)'],
    ['undefined', undefined, '(profile)'],
    ['no name', { os: { version: '10.0.19044' } }, 'name'],
    ['ubr as text', { name: 'PC01', os: { version: '10.0.19044', ubr: '1288' } }, 'os.ubr'],
    ['version without the build', { name: 'PC01', os: { version: '10' } }, 'os.version'],
    ['a hotfix that is no KB', { name: 'PC01', hotfixes: ['KB5011487', 'patch'] }, 'hotfixes.1'],
    ['a thumbprint of 39 digits', { name: 'PC01', rootStore: ['F40042E2E5F7E8EF8189FED15519AECE42C3BFA'] }, 'rootStore.0'],
    ['role misspelt', { name: 'PC01', role: 'client' }, 'role'],
    ['rootAutoUpdate as text', { name: 'PC01', rootAutoUpdate: 'yes' }, 'rootAutoUpdate'],
  ];

  it.each(bad)('assessReadiness: %s gives a ProfileError naming %s (never a TypeError)', (_label, profile, field) => {
    const e = thrown(() => assessReadiness(profile as MachineProfileInput));
    expect(e).toBeInstanceOf(ProfileError);
    expect(e).not.toBeInstanceOf(TypeError);
    expect(isProfileError(e)).toBe(true);
    expect((e as ProfileError).field).toBe(field);
    expect((e as ProfileError).message).toContain(`${field}: `);
    expect((e as ProfileError).issues[0]!.field).toBe(field);
  });

  it.each(bad)('simulate: %s rejects with a ProfileError naming %s', async (_label, profile, field) => {
    const e = await rejected(simulate('msi', { machine: profile as MachineProfileInput, artifact: { kind: 'declared', build: 12011 }, at: AT }));
    expect(e).toBeInstanceOf(ProfileError);
    expect((e as ProfileError).field).toBe(field);
  });

  it('names the machine when it has a name, and lists every problem', () => {
    const e = thrown(() => parseProfile({ name: 'PC-KAIKEI-07', os: { ubr: -1 }, online: 'no' })) as ProfileError;
    expect(e.profileName).toBe('PC-KAIKEI-07');
    expect(e.message).toMatch(/^machine profile "PC-KAIKEI-07": os\.ubr: .*; online: /);
    expect(e.issues.map((i) => i.field)).toEqual(['os.ubr', 'online']);
  });

  it('simulate without a clock or an input object is a clear error, not a TypeError', async () => {
    const noClock = await rejected(simulate('msi', { machine: { name: 'PC01' }, artifact: { kind: 'declared' } } as unknown as SimulateInput));
    expect(noClock).not.toBeInstanceOf(TypeError);
    expect((noClock as Error).message).toMatch(/input\.at/);
    const nothing = await rejected(simulate('msi', null as unknown as SimulateInput));
    expect(nothing).not.toBeInstanceOf(TypeError);
  });

  it('a bad profile in machine changes is a ProfileError too', async () => {
    const ready = assessReadiness({ name: 'PC01', os: { version: '10.0.19045' }, rootStore: [lib.ACS_ROOT_2020_SHA1] });
    const e = await rejected(
      simulate('agent-update', {
        machine: { name: 'PC01' },
        readiness: ready,
        artifact: { kind: 'declared', build: 12011 },
        at: AT,
        cycles: 2,
        changes: [{ fromCycle: 2, readiness: ready, machine: { name: 'PC01', hotfixes: 'KB1' } as unknown as MachineProfileInput }],
      }),
    );
    expect((e as ProfileError).field).toBe('hotfixes');
  });
});
