/**
 * Model-based: the agent program update machine (A6, S3, SEP) explored with xstate/graph over up to three
 * update cycles, for every agent class, update scope and persisted "event 900 already logged" memory; every
 * path's end state is compared with the spec's section 5 table, written out below as a reference.
 */
import { getSimplePaths } from 'xstate/graph';
import type { Tri } from '../../src/endpoint/types';
import { emptyMemory, rememberLoggedOnce } from '../../src/eventlog/memory';
import type { AgentClass } from '../../src/installers/agent-class';
import { EVENT_900_ONCE_KEY, type UpdateContext, type UpdateEvent, type UpdateInput } from '../../src/installers/context';
import { agentProgramUpdateMachine } from '../../src/installers/machines';
import type { CycleOutcome, Decision, UpdateScope } from '../../src/installers/types';
import { seedFilled } from '../messages/seed-file';

const DOWNLOAD = 'C:\\Program Files (x86)\\Trend Micro\\Security Agent\\AU_Data\\AU_Temp\\PccNTMon.exe';
const MAX_CYCLES = 3;

type Cycle = { ready: Tri; holds: boolean };
const CYCLE_VARIANTS: Cycle[] = [
  { ready: true, holds: true },
  { ready: true, holds: false }, // machine meets ACS but the file still does not verify
  { ready: false, holds: false },
  { ready: false, holds: true }, // a program that is not ACS-signed
  { ready: 'unknown', holds: false },
];

/** Spec section 5, as a plain reference model. */
function reference(agentClass: AgentClass, scope: UpdateScope, preLogged: boolean, cycles: Cycle[]) {
  let logged = preLogged;
  let installed = false;
  let unguarded = false;
  let downloads = 0;
  let e900 = 0;
  const outcomes: CycleOutcome[] = [];
  for (const c of cycles) {
    if (installed) outcomes.push('up-to-date');
    else if (scope !== 'all') outcomes.push('patterns-only');
    else if (agentClass === 'download-prevention' && logged && c.ready !== true) outcomes.push('periodic-check-only');
    else {
      downloads++;
      if (c.holds) {
        installed = true;
        logged = false;
        outcomes.push('installed');
      } else if (agentClass === 'no-check') {
        installed = true;
        unguarded = true;
        logged = false;
        outcomes.push('installed-unguarded');
      } else {
        if (!(agentClass === 'download-prevention' && logged)) {
          e900++;
          if (agentClass === 'download-prevention') logged = true;
        }
        outcomes.push('blocked');
      }
    }
  }
  const decision: Decision = installed ? (unguarded ? 'unguarded' : 'allowed') : 'blocked';
  return { outcomes, downloads, e900, decision, logged };
}

const CLASSES: AgentClass[] = ['download-prevention', 'repeat-download', 'no-check'];
const SCOPES: UpdateScope[] = ['all', 'patterns-engines-drivers', 'patterns'];

const cases = CLASSES.flatMap((c) => SCOPES.flatMap((s) => [false, true].map((pre) => [c, s, pre] as const)));

describe.each(cases)('every path of the agent program update machine: %s agent, scope %s, event 900 logged before: %s', (agentClass, scope, preLogged) => {
  const memory = preLogged
    ? rememberLoggedOnce(emptyMemory(), 'PC01', EVENT_900_ONCE_KEY, { time: '2026-11-01T00:00:00.000Z', recordId: 1, text: 'x' })
    : emptyMemory();
  const input: UpdateInput = { lang: 'ja', computer: 'PC01', downloadPath: DOWNLOAD, agentClass, scope, memory };
  const events: UpdateEvent[] = [
    ...CYCLE_VARIANTS.map((c, i) => ({ type: 'CYCLE_STARTED' as const, time: `2026-11-26T0${i}:00:00.000Z`, ...c })),
    { type: 'UPDATES_STOPPED' },
  ];
  const paths = getSimplePaths(agentProgramUpdateMachine, {
    input,
    events,
    serializeState: (s) => {
      const c = s.context as UpdateContext;
      return JSON.stringify([s.value, c.cycle, c.events.length, c.downloads, c.installed, c.unguarded, c.cycles.map((x) => x.outcome), c.cycleReady, c.cycleHolds]);
    },
    stopWhen: (s) => (s.context as UpdateContext).cycle >= MAX_CYCLES,
  });
  const finals = paths.filter((p) => p.state.status === 'done');

  it('enumerates every sequence of up to three cycles', () => {
    const expectedCount = [0, 1, 2, MAX_CYCLES].reduce((n, k) => n + CYCLE_VARIANTS.length ** k, 0) - CYCLE_VARIANTS.length ** MAX_CYCLES;
    // sequences of 0..2 cycles end with UPDATES_STOPPED; the traversal stops after the third cycle
    expect(finals.length).toBe(expectedCount);
  });

  it('ends every path with the decision, cycle outcomes, downloads and events of the spec table', () => {
    for (const p of finals) {
      const cycles = p.steps.map((s) => s.event).filter((e): e is Extract<UpdateEvent, { type: 'CYCLE_STARTED' }> => e.type === 'CYCLE_STARTED');
      const want = reference(agentClass, scope, preLogged, cycles);
      const ctx = p.state.context as UpdateContext;
      expect(ctx.cycles.map((c) => c.outcome)).toEqual(want.outcomes);
      expect(ctx.downloads).toBe(want.downloads);
      expect(ctx.events.map((e) => e.id)).toEqual(Array(want.e900).fill(900));
      expect(ctx.decision).toBe(want.decision);
      expect(ctx.memory.machines['PC01']?.loggedOnce[EVENT_900_ONCE_KEY] !== undefined).toBe(want.logged);
      for (const e of ctx.events) {
        expect(e.text).toBe(seedFilled('E-900', DOWNLOAD));
        expect(e.channel).toBe('Application');
      }
    }
  });

  it('never downloads the program when the scope is not "all"', () => {
    if (scope === 'all') return;
    for (const p of finals) expect((p.state.context as UpdateContext).downloads).toBe(0);
  });
});
