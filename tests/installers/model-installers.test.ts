/**
 * Model-based: every path of every one-shot installer machine, enumerated with xstate/graph, and each end
 * state asserted against the spec's table (behavior-spec section 3) and the seed file.
 */
import { getSimplePaths } from 'xstate/graph';
import type { InstallerContext, InstallerEvent, InstallerInput } from '../../src/installers/context';
import { INSTALLER_MACHINES, type InstallerPath } from '../../src/installers/machines';
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

const EVENTS: InstallerEvent[] = [
  { type: 'ACS_CHECKED', holds: true },
  { type: 'ACS_CHECKED', holds: false },
  { type: 'OK_CLICKED' },
];

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
  const paths = getSimplePaths(machine, { input: i, events: EVENTS });
  const finals = paths.filter((p) => p.state.status === 'done');

  it('reaches both an end where the program goes in and, when the check applies, one where it is blocked', () => {
    const decisions = new Set(finals.map((p) => (p.state.context as InstallerContext).decision));
    expect(decisions.has('allowed')).toBe(true);
    const checkApplies =
      !(path === 'pattern-update' && !i.patternUpdatesBlocked) && !(path === 'engine-update' && !i.engineSignedWithAcs);
    expect(decisions.has('blocked')).toBe(checkApplies);
  });

  it('ends every path as the spec says: met → no popup, no event; not met → the listed popups and events', () => {
    expect(finals.length).toBeGreaterThan(0);
    for (const p of finals) {
      const ctx = p.state.context as InstallerContext;
      const checked = p.steps.map((s) => s.event).find((e): e is Extract<InstallerEvent, { type: 'ACS_CHECKED' }> => e.type === 'ACS_CHECKED');
      const met = checked === undefined || checked.holds;
      const want: Expected = met ? { popups: [], events: [] } : expectedWhenNotMet(path, i);
      expect(ctx.decision).toBe(met ? 'allowed' : 'blocked');
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
