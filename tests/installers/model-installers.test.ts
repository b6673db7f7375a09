/**
 * Model-based: every path of every one-shot installer machine, enumerated with xstate/graph, and each end
 * state asserted against the spec's table (behavior-spec section 3) and the seed file. The machines invoke
 * the ACS check as an actor (`acsCheck`); the traversal feeds its done events (holds / does not hold / an
 * answer without `holds`) and its error event, so both transitions of the check are covered on every path.
 */
import { createActor, waitFor } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import type { AcsCheckRequest, InstallerContext, InstallerInput } from '../../src/installers/context';
import { INSTALLER_MACHINES, acsCheckActor, type InstallerPath } from '../../src/installers/machines';
import { emptyMemory } from '../../src/eventlog/memory';
import { renderMessage, type MessageId } from '../../src/messages/catalog';
import { seedFilled } from '../messages/seed-file';

const PATH = 'C:\\Temp\\エージェント & <x>\\setup.exe';

function machineInput(over: Partial<InstallerInput> = {}): InstallerInput {
  return {
    lang: 'ja',
    computer: 'PC01',
    displayPath: PATH,
    patch: 'KB5011487',
    at: '2026-11-26T09:00:00.000Z',
    silent: false,
    patternUpdatesBlocked: false,
    engineSignedWithAcs: false,
    memory: emptyMemory(),
    ...over,
  };
}

interface Expected {
  popups: MessageId[];
  events: number[];
}
/** The spec's table: what a machine that does not meet ACS shows, per path (and input). */
function expectedWhenNotMet(path: InstallerPath, i: InstallerInput): Expected {
  switch (path) {
    case 'server-patch':
      return { popups: ['M-SERVER-PATCH'], events: [] };
    case 'autopcc':
      return { popups: ['M-BADIMAGE'], events: [] };
    case 'msi':
    case 'saas-msi':
      return { popups: ['M-NOACS'], events: [] };
    case 'packager-exe':
      return { popups: i.silent ? ['M-BADIMAGE'] : ['M-BADIMAGE', 'M-NOACS'], events: [] };
    case 'remote-install':
      return { popups: ['M-REMOTE-INSTALL'], events: [] };
    case 'saas-web-installer':
      return { popups: [], events: [11708] };
    case 'pattern-update':
    case 'engine-update':
      return { popups: [], events: [] };
  }
}

/** The input variants that change a machine's graph. */
const VARIANTS: Record<InstallerPath, Array<Partial<InstallerInput>>> = {
  'server-patch': [{}],
  autopcc: [{}],
  msi: [{}],
  'packager-exe': [{ silent: false }, { silent: true }],
  'remote-install': [{}],
  'saas-msi': [{}],
  'saas-web-installer': [{}],
  'pattern-update': [{ patternUpdatesBlocked: false }, { patternUpdatesBlocked: true }],
  'engine-update': [{ engineSignedWithAcs: false }, { engineSignedWithAcs: true }],
};

type CheckEvent =
  | { type: 'xstate.done.actor.acsCheck'; output: unknown }
  | { type: 'xstate.error.actor.acsCheck'; error: unknown };
type ModelEvent = CheckEvent | { type: 'OK_CLICKED' };

const CHECK_ERROR = new Error('verifier service unreachable');
const EVENTS: ModelEvent[] = [
  { type: 'xstate.done.actor.acsCheck', output: { holds: true } },
  { type: 'xstate.done.actor.acsCheck', output: { holds: false } },
  { type: 'xstate.done.actor.acsCheck', output: { holds: 'yes' } }, // an answer without a boolean: a failed check
  { type: 'xstate.error.actor.acsCheck', error: CHECK_ERROR },
  { type: 'OK_CLICKED' },
];

/** What the check answered on a path: 'holds', 'fails' (does not hold), 'error' (rejected or nonsense), or null (not asked). */
function checkResult(events: ModelEvent[]): 'holds' | 'fails' | 'error' | null {
  const e = events.find((x): x is CheckEvent => x.type.endsWith('.acsCheck'));
  if (!e) return null;
  if (e.type === 'xstate.error.actor.acsCheck') return 'error';
  const holds = (e.output as { holds?: unknown }).holds;
  return holds === true ? 'holds' : holds === false ? 'fails' : 'error';
}

/** The exact text a seed message must show (from the seed FILE), or the catalog's text for our own wording. */
function expectedText(id: MessageId, i: InstallerInput): string {
  switch (id) {
    case 'M-BADIMAGE':
    case 'M-NOACS':
      return seedFilled(id, i.displayPath);
    default:
      return renderMessage(id, 'ja', { path: i.displayPath, patch: i.patch, computer: i.computer }).text;
  }
}

const cases = (Object.keys(INSTALLER_MACHINES) as InstallerPath[]).flatMap((path) =>
  VARIANTS[path].map((v) => [path, JSON.stringify(v), v] as const),
);

describe.each(cases)('every path of the %s machine (%s)', (path, _label, variant) => {
  const machine = INSTALLER_MACHINES[path];
  const i = machineInput(variant);
  const paths = getSimplePaths(machine, { input: i, events: EVENTS as never });
  const finals = paths.filter((p) => p.state.status === 'done');
  const checkApplies = !(path === 'pattern-update' && !i.patternUpdatesBlocked) && !(path === 'engine-update' && !i.engineSignedWithAcs);

  it('reaches an end where the program goes in and, when the check applies, one where it is blocked and one where the check failed', () => {
    const decisions = new Set(finals.map((p) => (p.state.context as InstallerContext).decision));
    expect(decisions.has('allowed')).toBe(true);
    expect(decisions.has('blocked')).toBe(checkApplies);
    expect(finals.some((p) => p.state.value === 'acsCheckFailed')).toBe(checkApplies);
  });

  it('ends every path as the spec says: met → no popup, no event; not met → the listed popups and events', () => {
    expect(finals.length).toBeGreaterThan(0);
    for (const p of finals) {
      const ctx = p.state.context as InstallerContext;
      const result = checkResult(p.steps.map((s) => s.event as ModelEvent));
      if (result === 'error') continue; // the next test
      const met = result === null || result === 'holds';
      const want: Expected = met ? { popups: [], events: [] } : expectedWhenNotMet(path, i);
      expect(ctx.decision).toBe(met ? 'allowed' : 'blocked');
      expect(ctx.checkError).toBeNull();
      expect(ctx.popups.map((x) => x.id)).toEqual(want.popups);
      expect(ctx.events.map((e) => e.id)).toEqual(want.events);
      for (const popup of ctx.popups) {
        expect(popup.text).toBe(expectedText(popup.id, i));
        expect(popup.buttons).toEqual(['OK']);
        expect(popup.lang).toBe('ja');
      }
      for (const e of ctx.events) {
        expect(e.text).toBe(seedFilled('E-11708'));
        expect(e).toMatchObject({ source: 'MsiInstaller', channel: 'Application', level: 'Error', time: i.at });
      }
    }
  });

  it('ends a path whose check failed (error, or an answer without "holds") undecided: never allowed, no popup, no event', () => {
    const failed = finals.filter((p) => checkResult(p.steps.map((s) => s.event as ModelEvent)) === 'error');
    expect(failed.length).toBe(checkApplies ? 2 : 0);
    for (const p of failed) {
      const ctx = p.state.context as InstallerContext;
      expect(p.state.value).toBe('acsCheckFailed');
      expect(ctx.decision).toBeNull();
      expect(ctx.popups).toEqual([]);
      expect(ctx.events).toEqual([]);
      expect(ctx.checkError).toMatch(/verifier service unreachable|without a boolean "holds"/);
    }
  });

  it('shows, in every state a path passes through, only the popups of that state and the ones before it', () => {
    for (const p of paths) {
      const ctx = p.state.context as InstallerContext;
      const value = String(p.state.value);
      if (value.startsWith('showing')) expect(ctx.popups.length).toBeGreaterThan(0);
      if (value === 'showingBadImagePopup') expect(ctx.popups.map((x) => x.id)).toEqual(['M-BADIMAGE']);
      if (value === 'showingNoAcsPopup') expect(ctx.popups[ctx.popups.length - 1]!.id).toBe('M-NOACS');
      if (value === 'checkingAcs') expect(ctx.popups).toEqual([]);
    }
  });
});

describe('an installer machine run with the caller\'s own check', () => {
  const cases2 = Object.keys(INSTALLER_MACHINES) as InstallerPath[];

  it.each(cases2)('%s: asks the check with the machine, path and time, and follows its answer', async (path) => {
    const i = machineInput({ patternUpdatesBlocked: true, engineSignedWithAcs: true });
    for (const holds of [true, false]) {
      const requests: AcsCheckRequest[] = [];
      const machine = INSTALLER_MACHINES[path].provide({
        actors: { acsCheck: acsCheckActor(async (r) => (requests.push(r), { holds })) },
      });
      const actor = createActor(machine, { input: i }).start();
      const seen: string[] = [];
      actor.subscribe((s) => seen.push(JSON.stringify(s.value)));
      let snap = await waitFor(actor, (s) => s.status === 'done' || s.hasTag('popup'));
      while (snap.status !== 'done') {
        actor.send({ type: 'OK_CLICKED' });
        snap = actor.getSnapshot();
      }
      expect(requests).toEqual([{ computer: 'PC01', path: PATH, time: i.at, cycle: 0 }]);
      const ctx = snap.context as InstallerContext;
      expect(ctx.decision).toBe(holds ? 'allowed' : 'blocked');
      expect(ctx.popups.map((p) => p.id)).toEqual(holds ? [] : expectedWhenNotMet(path, i).popups);
      expect(seen.length).toBeGreaterThan(0);
    }
  });

  it.each(cases2)('%s: a check that rejects (or none provided) ends undecided in acsCheckFailed, with its message', async (path) => {
    const i = machineInput({ patternUpdatesBlocked: true, engineSignedWithAcs: true });
    const failing = INSTALLER_MACHINES[path].provide({
      actors: {
        acsCheck: acsCheckActor(async () => {
          throw new Error('timeout after 30 s');
        }),
      },
    });
    for (const [machine, message] of [
      [failing, 'timeout after 30 s'],
      [INSTALLER_MACHINES[path], 'no ACS check provided: run the machine with machine.provide({ actors: { acsCheck } })'],
    ] as const) {
      const actor = createActor(machine as typeof failing, { input: i }).start();
      const snap = await waitFor(actor, (s) => s.status === 'done');
      expect(snap.value).toBe('acsCheckFailed');
      expect(snap.context).toMatchObject({ decision: null, checkError: message, popups: [], events: [] });
    }
  });
});
