/** The seed's examples, run end to end through simulate() with declared artifacts. */
import { simulate } from '../../src/installers/simulate';
import { INSTALL_PATHS } from '../../src/installers/paths';
import { INSTALL_PATH_IDS } from '../../src/installers/types';
import { seedFilled } from '../messages/seed-file';
import { AT, input, osPatchMissing, ready, rootMissing, unknown } from './fixtures';

describe('seed scenarios', () => {
  it('packager EXE in normal mode shows the Bad Image popup, then after OK the cannot-install popup', async () => {
    const run = await simulate('packager-exe', input(osPatchMissing(), { artifact: { kind: 'declared', build: 12011, path: 'D:\\pkg\\agent.exe' } }));
    expect(run.decision).toBe('blocked');
    expect(run.popups.map((p) => p.id)).toEqual(['M-BADIMAGE', 'M-NOACS']);
    expect(run.popups[0]!.text).toBe(seedFilled('M-BADIMAGE', 'D:\\pkg\\agent.exe'));
    expect(run.popups[0]!.title).toBe('agent.exe - 不正なイメージ');
    expect(run.popups[1]!.text).toBe(seedFilled('M-NOACS'));
    expect(run.events).toEqual([]);
  });

  it('packager EXE in silent mode shows only the Bad Image popup', async () => {
    const run = await simulate('packager-exe', input(osPatchMissing(), { settings: { silent: true } }));
    expect(run.decision).toBe('blocked');
    expect(run.popups.map((p) => p.id)).toEqual(['M-BADIMAGE']);
  });

  it('AutoPcc.exe shows the Bad Image popup with its own path', async () => {
    const run = await simulate('autopcc', input(rootMissing()));
    expect(run.popups.map((p) => p.text)).toEqual([seedFilled('M-BADIMAGE', INSTALL_PATHS.autopcc.defaultDisplayPath)]);
  });

  it('SaaS web installer logs event 11708 with no popup and blocks the install', async () => {
    const run = await simulate('saas-web-installer', input(osPatchMissing(), { artifact: { kind: 'declared', maintenance: '2023-03' } }));
    expect(run.decision).toBe('blocked');
    expect(run.popups).toEqual([]);
    expect(run.events.map((e) => [e.id, e.source, e.level, e.text])).toEqual([[11708, 'MsiInstaller', 'Error', seedFilled('E-11708')]]);
    expect(run.events[0]!.time).toBe(AT.toISOString());
  });

  it('remote install shows our popup on the console naming the endpoint and the missing KB', async () => {
    const run = await simulate('remote-install', input(osPatchMissing('PC07')));
    expect(run.popups).toHaveLength(1);
    expect(run.popups[0]).toMatchObject({ id: 'M-REMOTE-INSTALL', window: 'console', provenance: 'ours' });
    expect(run.popups[0]!.text).toContain('PC07');
    expect(run.popups[0]!.text).toContain('KB5011487');
  });

  it('server patch shows our popup on the server and leaves the patch unapplied', async () => {
    const run = await simulate('server-patch', input(rootMissing('APEXSRV')));
    expect(run.decision).toBe('blocked');
    expect(run.popups.map((p) => [p.id, p.window])).toEqual([['M-SERVER-PATCH', 'server']]);
    expect(run.remediation.join('\n')).toContain('certutil -addstore Root');
  });

  it('a not-ready agent over 5 cycles downloads once and logs event 900 once, then updates on the cycle after it is patched', async () => {
    const first = await simulate('agent-update', input(osPatchMissing(), { agent: { build: 12011 }, artifact: { kind: 'declared', build: 12012 }, cycles: 5 }));
    expect(first.decision).toBe('blocked');
    expect(first.downloads).toBe(1);
    expect(first.events.map((e) => e.id)).toEqual([900]);
    expect(first.cycles!.map((c) => c.outcome)).toEqual(['blocked', 'periodic-check-only', 'periodic-check-only', 'periodic-check-only', 'periodic-check-only']);
    expect(first.reasons.map((r) => r.code)).toContain('DOWNLOAD_PREVENTED');

    // the machine is patched; the persisted memory carries "event 900 logged once" into the next run
    const later = await simulate(
      'agent-update',
      input(osPatchMissing(), {
        agent: { build: 12011 },
        artifact: { kind: 'declared', build: 12012 },
        cycles: 3,
        memory: first.memory,
        changes: [{ fromCycle: 2, readiness: ready() }],
        at: new Date('2026-11-27T09:00:00Z'),
      }),
    );
    expect(later.events).toEqual([]);
    expect(later.cycles!.map((c) => c.outcome)).toEqual(['periodic-check-only', 'installed', 'up-to-date']);
    expect(later.downloads).toBe(1);
    expect(later.decision).toBe('allowed');
  });

  it('keeps event 900 logged once across runs (memory persisted and restored)', async () => {
    const a = await simulate('agent-update', input(rootMissing(), { cycles: 1 }));
    const b = await simulate('agent-update', input(rootMissing(), { cycles: 1, memory: JSON.parse(JSON.stringify(a.memory)) }));
    expect(a.events).toHaveLength(1);
    expect(b.events).toHaveLength(0);
    expect(b.downloads).toBe(0);
  });

  it('SaaS December-2022 agent downloads and logs event 900 every cycle, with the may-not-be-blocked warning', async () => {
    const run = await simulate(
      'saas-agent-update',
      input(osPatchMissing(), { agent: { maintenance: '2022-12' }, artifact: { kind: 'declared', maintenance: '2023-03' }, cycles: 4 }),
    );
    expect(run.decision).toBe('blocked');
    expect(run.downloads).toBe(4);
    expect(run.events.map((e) => e.id)).toEqual([900, 900, 900, 900]);
    expect(new Set(run.events.map((e) => e.time)).size).toBe(4);
    expect(run.warnings.join(' ')).toMatch(/may not be blocked at all/);
    expect(run.remediation.join(' ')).toMatch(/patterns-engines-drivers/);
  });

  it('SaaS January-2023 agent has download prevention: one download, one event 900', async () => {
    const run = await simulate('saas-agent-update', input(osPatchMissing(), { agent: { maintenance: '2023-01' }, artifact: { kind: 'declared', maintenance: '2023-04' }, cycles: 3 }));
    expect(run.downloads).toBe(1);
    expect(run.events).toHaveLength(1);
  });

  it('Vision One SEP agents behave as Apex One SaaS agents', async () => {
    const sep = await simulate('sep-agent-update', input(osPatchMissing(), { agent: { maintenance: '2022-11' }, artifact: { kind: 'declared', maintenance: '2023-03' }, cycles: 2 }));
    expect(sep.downloads).toBe(2);
    expect(sep.events).toHaveLength(2);
  });

  it.each(['patterns', 'patterns-engines-drivers'] as const)('scope "%s" never downloads a program, and patterns still update', async (scope) => {
    const run = await simulate('agent-update', input(osPatchMissing(), { settings: { scope }, cycles: 5 }));
    expect(run.downloads).toBe(0);
    expect(run.events).toEqual([]);
    expect(run.cycles!.every((c) => c.outcome === 'patterns-only' && c.patternsUpdated)).toBe(true);
    expect(run.decision).toBe('blocked');
    expect(run.reasons[0]!.code).toBe('SCOPE_EXCLUDES_PROGRAM');
  });

  it('Apex One agent below 12011 is unguarded: the ACS program installs, with the FAQ risk and the scope remediation', async () => {
    const run = await simulate('agent-update', input(osPatchMissing(), { agent: { build: 11092 }, artifact: { kind: 'declared', build: 12011 } }));
    expect(run.decision).toBe('unguarded');
    expect(run.events).toEqual([]);
    expect(run.reasons[0]!.code).toBe('AGENT_WITHOUT_CHECK');
    expect(run.reasons[0]!.message).toMatch(/Microsoft Defender/);
    expect(run.remediation.join(' ')).toMatch(/patterns-engines-drivers/);
  });

  it('Apex One agent below 12011 on a ready machine simply updates', async () => {
    const run = await simulate('agent-update', input(ready(), { agent: { build: 11092 } }));
    expect(run.decision).toBe('allowed');
  });

  it.each(INSTALL_PATH_IDS)('a ready machine passes %s with no popup and no event', async (path) => {
    const run = await simulate(path, input(ready(), { settings: { patternUpdatesBlocked: true, engineSignedWithAcs: true } }));
    expect(run.decision).toBe('allowed');
    expect(run.popups).toEqual([]);
    expect(run.events).toEqual([]);
    expect(run.remediation).toEqual([]);
  });

  it('pattern updates are never blocked unless the setting says so', async () => {
    expect((await simulate('pattern-update', input(osPatchMissing()))).decision).toBe('allowed');
    const blocked = await simulate('pattern-update', input(osPatchMissing(), { settings: { patternUpdatesBlocked: true } }));
    expect(blocked.decision).toBe('blocked');
    expect(blocked.popups).toEqual([]);
  });

  it('engine updates are blocked only when engines are ACS-signed and the machine does not meet ACS', async () => {
    expect((await simulate('engine-update', input(rootMissing()))).decision).toBe('allowed');
    expect((await simulate('engine-update', input(rootMissing(), { settings: { engineSignedWithAcs: true } }))).decision).toBe('blocked');
    expect((await simulate('engine-update', input(ready(), { settings: { engineSignedWithAcs: true } }))).decision).toBe('allowed');
  });

  it('a program from before build 12011 is not blocked for lack of ACS support', async () => {
    const run = await simulate('msi', input(osPatchMissing(), { artifact: { kind: 'declared', build: 11092 } }));
    expect(run.decision).toBe('allowed');
    expect(run.reasons.map((r) => r.code)).toEqual(['NOT_ACS_SIGNED']);
  });

  it('an unknown readiness gives decision unknown, its worst case apart, naming the missing fact', async () => {
    const run = await simulate('msi', input(unknown()));
    expect(run.decision).toBe('unknown');
    expect(run.uncertain).toBe(true);
    expect(run.popups).toEqual([]);
    expect(run.worstCase?.decision).toBe('blocked');
    expect(run.worstCase?.popups.map((p) => p.id)).toEqual(['M-NOACS']);
    expect(run.reasons.find((r) => r.code === 'FACT_UNKNOWN')?.evidence).toMatchObject({ fact: 'rootStore' });
  });

  it('renders English popups and events when asked', async () => {
    const run = await simulate('packager-exe', input(osPatchMissing(), { lang: 'en', artifact: { kind: 'declared', build: 12011, path: 'C:\\a\\b.exe' } }));
    expect(run.popups[0]!.title).toBe('b.exe - Bad Image');
    expect(run.popups[0]!.text.startsWith('C:\\a\\b.exe is either not designed to run on Windows')).toBe(true);
    expect(run.popups.every((p) => p.lang === 'en')).toBe(true);
  });

  it('records the transitions taken, in order, for --trace', async () => {
    const run = await simulate('packager-exe', input(osPatchMissing()));
    expect(run.transitions).toEqual([
      { from: '(start)', event: 'xstate.init', to: 'checkingAcs' },
      { from: 'checkingAcs', event: 'ACS_CHECKED', to: 'showingBadImagePopup' },
      { from: 'showingBadImagePopup', event: 'OK_CLICKED', to: 'showingNoAcsPopup' },
      { from: 'showingNoAcsPopup', event: 'OK_CLICKED', to: 'installBlocked' },
    ]);
  });

  it('times cycle events from the simulation clock, one interval apart', async () => {
    const run = await simulate('saas-agent-update', input(rootMissing(), { agent: { maintenance: '2022-12' }, cycles: 2, cycleIntervalMinutes: 30 }));
    expect(run.events.map((e) => e.time)).toEqual(['2026-11-26T09:00:00.000Z', '2026-11-26T09:30:00.000Z']);
  });
});
