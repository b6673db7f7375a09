/** Unknown stays unknown: a machine with readiness 'unknown' gets decision 'unknown' and its worst case apart. */
import { emptyMemory } from '../../src/eventlog/memory';
import { worstDecision } from '../../src/installers/decision';
import { simulate } from '../../src/installers/simulate';
import { INSTALL_PATH_IDS } from '../../src/installers/types';
import { input, osPatchMissing, ready, unknown } from './fixtures';

describe('decision "unknown" with a worst case', () => {
  it.each(INSTALL_PATH_IDS.filter((p) => p !== 'pattern-update' && p !== 'engine-update'))(
    '%s: unknown where the machine does not meet ACS gives what blocked gives, as the worst case',
    async (path) => {
      const agent = path === 'agent-update' ? { build: 12011 } : path.includes('agent-update') ? { maintenance: '2023-01' } : undefined;
      const artifact = path.startsWith('saas') || path === 'sep-agent-update' ? ({ kind: 'declared', maintenance: '2023-03' } as const) : ({ kind: 'declared', build: 12011 } as const);
      const over = { artifact, ...(agent ? { agent } : {}) };
      const unk = await simulate(path, input(unknown(), over));
      const notMet = await simulate(path, input(osPatchMissing(), over));
      expect(unk.decision).toBe('unknown');
      expect(unk.uncertain).toBe(true);
      expect(worstDecision(unk)).toBe(notMet.decision);
      // the worst case shows what a machine that does not meet ACS shows (the texts name the same patch or the generic one)
      expect(unk.worstCase!.popups.map((p) => p.id)).toEqual(notMet.popups.map((p) => p.id));
      expect(unk.worstCase!.events.map((e) => e.id)).toEqual(notMet.events.map((e) => e.id));
      expect(unk.worstCase!.downloads).toBe(notMet.downloads);
      // nothing is claimed to happen for sure, and the "logged once" memory is not spent on a maybe
      expect(unk.popups).toEqual([]);
      expect(unk.events).toEqual([]);
      expect(unk.downloads).toBe(0);
      expect(unk.memory).toEqual(emptyMemory());
      expect(unk.reasons.map((r) => r.code)).toContain('FACT_UNKNOWN');
      // the same path on a ready machine is allowed: the missing fact decides
      expect((await simulate(path, input(ready(), over))).decision).toBe('allowed');
    },
  );

  it('an agent without the check on an unknown machine: unknown, worst case unguarded', async () => {
    const run = await simulate('agent-update', input(unknown(), { agent: { build: 11092 }, cycles: 2 }));
    expect(run.decision).toBe('unknown');
    expect(run.worstCase).toMatchObject({ decision: 'unguarded', downloads: 1 });
    expect(run.worstCase!.cycles!.map((c) => c.outcome)).toEqual(['installed-unguarded', 'up-to-date']);
    expect(run.cycles).toBeUndefined();
  });

  it('what does not depend on the missing fact stays known', async () => {
    // a program that is not ACS-signed holds on any machine
    expect((await simulate('msi', input(unknown(), { artifact: { kind: 'declared', build: 11092 } }))).decision).toBe('allowed');
    // pattern updates are not subject to the check by default
    expect((await simulate('pattern-update', input(unknown()))).decision).toBe('allowed');
    // an update scope that excludes the program blocks it whatever the machine
    const scoped = await simulate('agent-update', input(unknown(), { agent: { build: 12011 }, settings: { scope: 'patterns' }, cycles: 2 }));
    expect(scoped.decision).toBe('blocked');
    expect(scoped.worstCase).toBeUndefined();
    const known = await simulate('msi', input(osPatchMissing()));
    expect(known).not.toHaveProperty('worstCase');
    expect(known.uncertain).toBe(false);
  });
});
