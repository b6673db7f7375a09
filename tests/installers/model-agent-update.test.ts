/**
 * Model-based: the agent program update machine (A6, S3, SEP) explored with xstate/graph over up to three
 * update cycles, for every agent class, update scope and persisted "event 900 already logged" memory; every
 * path's end state is compared with the spec's section 5 table, written out below as a reference. In each
 * cycle that downloads the program the machine invokes its `acsCheck` actor; the traversal feeds the check's
 * done events (holds / does not hold) and its error event.
 */
import { createActor, waitFor } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import type { Tri } from '../../src/endpoint/types';
import { emptyMemory, rememberLoggedOnce } from '../../src/eventlog/memory';
import type { AgentClass } from '../../src/installers/agent-class';
import { EVENT_900_ONCE_KEY, type AcsCheckRequest, type UpdateContext, type UpdateInput } from '../../src/installers/context';
import { acsCheckActor, agentProgramUpdateMachine } from '../../src/installers/machines';
import type { CycleOutcome, Decision, UpdateScope } from '../../src/installers/types';
import { seedFilled } from '../messages/seed-file';

const DOWNLOAD = 'C:\\Program Files (x86)\\Trend Micro\\Security Agent\\AU_Data\\AU_Temp\\PccNTMon.exe';
const MAX_CYCLES = 3;

/** One cycle as the traversal saw it: the machine's state, and the check's answer when the cycle asked it. */
type Answer = true | false | 'error';
type Cycle = { ready: Tri; answer?: Answer };
const READY_VARIANTS: Tri[] = [true, false, 'unknown'];
// every answer with every readiness: a machine that meets ACS may still get a file that does not verify,
// a machine that does not may get a program that is not ACS-signed; the check may fail in any cycle
const ANSWERS: Answer[] = [true, false, 'error'];

type ModelEvent =
  | { type: 'CYCLE_STARTED'; time: string; ready: Tri }
  | { type: 'UPDATES_STOPPED' }
  | { type: 'xstate.done.actor.acsCheck'; output: { holds: boolean } }
  | { type: 'xstate.error.actor.acsCheck'; error: Error };

function answerOf(e: ModelEvent): Answer | undefined {
  if (e.type === 'xstate.done.actor.acsCheck') return e.output.holds;
  if (e.type === 'xstate.error.actor.acsCheck') return 'error';
  return undefined;
}

/** The cycles of a path: each CYCLE_STARTED with the check answer that followed it, if any. */
function cyclesOf(events: ModelEvent[]): Cycle[] {
  const out: Cycle[] = [];
  for (const e of events) {
    if (e.type === 'CYCLE_STARTED') out.push({ ready: e.ready });
    const a = answerOf(e);
    if (a !== undefined) out[out.length - 1]!.answer = a;
  }
  return out;
}

/** Spec section 5, as a plain reference model. */
function reference(agentClass: AgentClass, scope: UpdateScope, preLogged: boolean, cycles: Cycle[]) {
  let logged = preLogged;
  let installed = false;
  let unguarded = false;
  let downloads = 0;
  let e900 = 0;
  let asked = 0;
  const outcomes: CycleOutcome[] = [];
  for (const c of cycles) {
    if (installed) outcomes.push('up-to-date');
    else if (scope !== 'all') outcomes.push('patterns-only');
    else if (agentClass === 'download-prevention' && logged && c.ready !== true) outcomes.push('periodic-check-only');
    else {
      downloads++;
      asked++;
      if (c.answer === 'error') {
        // the check failed: nothing installed, no event 900, memory unchanged; tried again next cycle
        outcomes.push('check-failed');
      } else if (c.answer) {
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
  const lastDownload = [...outcomes].reverse().find((o) => o === 'blocked' || o === 'check-failed');
  const decision: Decision | null = installed ? (unguarded ? 'unguarded' : 'allowed') : lastDownload === 'check-failed' ? null : 'blocked';
  return { outcomes, downloads, e900, decision, logged, asked };
}

/** How many distinct paths end with UPDATES_STOPPED after 0..max-1 complete cycles (a check answer only where the reference downloads). */
function countFinals(agentClass: AgentClass, scope: UpdateScope, preLogged: boolean, max: number): number {
  let n = 0;
  const walk = (prefix: Cycle[]): void => {
    n++; // UPDATES_STOPPED here
    if (prefix.length + 1 >= max) return;
    for (const ready of READY_VARIANTS) {
      const asks = reference(agentClass, scope, preLogged, [...prefix, { ready, answer: false }]).asked > reference(agentClass, scope, preLogged, prefix).asked;
      for (const answer of asks ? ANSWERS : [undefined]) walk([...prefix, answer === undefined ? { ready } : { ready, answer }]);
    }
  };
  walk([]);
  return n;
}

const CLASSES: AgentClass[] = ['download-prevention', 'repeat-download', 'no-check'];
const SCOPES: UpdateScope[] = ['all', 'patterns-engines-drivers', 'patterns'];

const cases = CLASSES.flatMap((c) => SCOPES.flatMap((s) => [false, true].map((pre) => [c, s, pre] as const)));

describe.each(cases)('every path of the agent program update machine: %s agent, scope %s, event 900 logged before: %s', (agentClass, scope, preLogged) => {
  const memory = preLogged
    ? rememberLoggedOnce(emptyMemory(), 'PC01', EVENT_900_ONCE_KEY, { time: '2026-11-01T00:00:00.000Z', recordId: 1, text: 'x' })
    : emptyMemory();
  const input: UpdateInput = { lang: 'ja', computer: 'PC01', downloadPath: DOWNLOAD, agentClass, scope, memory };
  const events: ModelEvent[] = [
    ...READY_VARIANTS.map((ready, i) => ({ type: 'CYCLE_STARTED' as const, time: `2026-11-26T0${i}:00:00.000Z`, ready })),
    { type: 'xstate.done.actor.acsCheck', output: { holds: true } },
    { type: 'xstate.done.actor.acsCheck', output: { holds: false } },
    { type: 'xstate.error.actor.acsCheck', error: new Error('verifier service unreachable') },
    { type: 'UPDATES_STOPPED' },
  ];
  const paths = getSimplePaths(agentProgramUpdateMachine, {
    input,
    events: events as never,
    serializeState: (s) => {
      const c = s.context as UpdateContext;
      return JSON.stringify([s.value, c.cycle, c.events.length, c.downloads, c.installed, c.unguarded, c.cycles.map((x) => [x.outcome, x.ready]), c.cycleReady, c.checkError]);
    },
    stopWhen: (s) => (s.context as UpdateContext).cycle >= MAX_CYCLES,
  });
  const finals = paths.filter((p) => p.state.status === 'done');

  it('enumerates every sequence of up to three cycles, with every answer of the check where a cycle asks it', () => {
    // sequences of 0..2 cycles end with UPDATES_STOPPED; the traversal stops after the third cycle
    expect(finals.length).toBe(countFinals(agentClass, scope, preLogged, MAX_CYCLES));
  });

  it('ends every path with the decision, cycle outcomes, downloads and events of the spec table', () => {
    for (const p of finals) {
      const cycles = cyclesOf(p.steps.map((s) => s.event as ModelEvent));
      const want = reference(agentClass, scope, preLogged, cycles);
      const ctx = p.state.context as UpdateContext;
      expect(ctx.cycles.map((c) => c.outcome)).toEqual(want.outcomes);
      expect(ctx.downloads).toBe(want.downloads);
      expect(ctx.events.map((e) => e.id)).toEqual(Array(want.e900).fill(900));
      expect(ctx.decision).toBe(want.decision);
      expect(cycles.filter((c) => c.answer !== undefined).length).toBe(want.asked);
      if (want.decision === null) expect(ctx.checkError).toBe('verifier service unreachable');
      expect(ctx.memory.machines['PC01']?.loggedOnce[EVENT_900_ONCE_KEY] !== undefined).toBe(want.logged);
      for (const e of ctx.events) {
        expect(e.text).toBe(seedFilled('E-900', DOWNLOAD));
        expect(e.channel).toBe('Application');
      }
    }
  });

  it('never turns a failed check into an installed program, an event 900 or a "blocked" decision', () => {
    for (const p of finals) {
      const ctx = p.state.context as UpdateContext;
      const cycles = cyclesOf(p.steps.map((s) => s.event as ModelEvent));
      ctx.cycles.forEach((c, i) => {
        if (cycles[i]!.answer !== 'error') return;
        expect(c).toMatchObject({ outcome: 'check-failed', downloaded: true, events: [] });
      });
      if (ctx.cycles.length && ctx.cycles.every((c) => c.outcome === 'check-failed')) expect(ctx.decision).toBeNull();
    }
    if (scope === 'all') expect(finals.some((p) => (p.state.context as UpdateContext).decision === null)).toBe(true);
  });

  it('never downloads the program when the scope is not "all"', () => {
    if (scope === 'all') return;
    for (const p of finals) expect((p.state.context as UpdateContext).downloads).toBe(0);
  });
});

describe('the agent program update machine run with the caller\'s own check', () => {
  const input: UpdateInput = { lang: 'ja', computer: 'PC01', downloadPath: DOWNLOAD, agentClass: 'repeat-download', scope: 'all', memory: emptyMemory() };

  async function run(answers: Array<boolean | Error>) {
    const requests: AcsCheckRequest[] = [];
    const machine = agentProgramUpdateMachine.provide({
      actors: {
        acsCheck: acsCheckActor(async (r) => {
          requests.push(r);
          const a = answers[requests.length - 1]!;
          if (a instanceof Error) throw a;
          return { holds: a };
        }),
      },
    });
    const actor = createActor(machine, { input }).start();
    for (let k = 0; k < answers.length; k++) {
      actor.send({ type: 'CYCLE_STARTED', time: `2026-11-26T1${k}:00:00.000Z`, ready: false });
      await waitFor(actor, (s) => s.matches('waitingForUpdateCycle'));
    }
    actor.send({ type: 'UPDATES_STOPPED' });
    return { requests, ctx: actor.getSnapshot().context };
  }

  it('asks the check once per cycle that downloads the program, with the cycle and its time', async () => {
    const { requests, ctx } = await run([false, false, true]);
    expect(requests).toEqual([1, 2, 3].map((cycle) => ({ computer: 'PC01', path: DOWNLOAD, time: `2026-11-26T1${cycle - 1}:00:00.000Z`, cycle })));
    expect(ctx.cycles.map((c) => c.outcome)).toEqual(['blocked', 'blocked', 'installed']);
    expect(ctx.decision).toBe('allowed');
  });

  it('retries after a failed check at the next cycle; the run has no decision while the last download failed to check', async () => {
    const failed = await run([new Error('timeout'), false]);
    expect(failed.ctx.cycles.map((c) => c.outcome)).toEqual(['check-failed', 'blocked']);
    expect(failed.ctx.decision).toBe('blocked');
    expect(failed.ctx.checkError).toBeNull();
    const undecided = await run([false, new Error('timeout')]);
    expect(undecided.ctx.cycles.map((c) => c.outcome)).toEqual(['blocked', 'check-failed']);
    expect(undecided.ctx.events.map((e) => e.id)).toEqual([900]);
    expect(undecided.ctx.decision).toBeNull();
    expect(undecided.ctx.checkError).toBe('timeout');
  });
});
