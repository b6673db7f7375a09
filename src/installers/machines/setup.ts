/**
 * The two xstate setups every install-path machine is built from: guards and actions are named and
 * defined here once; the machine files hold only states and transitions.
 */
import { assign, setup } from 'xstate';
import {
  beginCycle,
  countDownload,
  decide,
  decideUpdate,
  endCycle,
  installProgram,
  logEvent900,
  logInstallerEvent,
  showPopup,
} from '../actions';
import type { InstallerContext, InstallerEvent, InstallerInput, UpdateContext, UpdateEvent, UpdateInput } from '../context';
import { installerGuards, updateGuards } from '../guards';

export const installerSetup = setup({
  types: {
    context: {} as InstallerContext,
    events: {} as InstallerEvent,
    input: {} as InstallerInput,
  },
  guards: installerGuards,
  actions: {
    showBadImagePopup: assign(({ context }) => showPopup(context, 'M-BADIMAGE')),
    showNoAcsPopup: assign(({ context }) => showPopup(context, 'M-NOACS')),
    showServerPatchPopup: assign(({ context }) => showPopup(context, 'M-SERVER-PATCH')),
    showRemoteInstallPopup: assign(({ context }) => showPopup(context, 'M-REMOTE-INSTALL')),
    logEvent11708: assign(({ context }) => logInstallerEvent(context, 'E-11708')),
    allow: assign(() => decide('allowed')),
    block: assign(() => decide('blocked')),
  },
});

/** Initial context of a one-shot installer machine. */
export function installerContext(input: InstallerInput): InstallerContext {
  return { ...input, decision: null, popups: [], events: [] };
}

export const updateSetup = setup({
  types: {
    context: {} as UpdateContext,
    events: {} as UpdateEvent,
    input: {} as UpdateInput,
  },
  guards: updateGuards,
  actions: {
    beginCycle: assign(({ context, event }) => (event.type === 'CYCLE_STARTED' ? beginCycle(context, event) : {})),
    downloadProgram: assign(({ context }) => countDownload(context)),
    logEvent900: assign(({ context }) => logEvent900(context)),
    installProgram: assign(({ context }) => installProgram(context, false)),
    installProgramUnguarded: assign(({ context }) => installProgram(context, true)),
    endCycleInstalled: assign(({ context }) => endCycle(context, 'installed')),
    endCycleInstalledUnguarded: assign(({ context }) => endCycle(context, 'installed-unguarded')),
    endCycleBlocked: assign(({ context }) => endCycle(context, 'blocked')),
    endCyclePeriodicCheckOnly: assign(({ context }) => endCycle(context, 'periodic-check-only')),
    endCyclePatternsOnly: assign(({ context }) => endCycle(context, 'patterns-only')),
    endCycleUpToDate: assign(({ context }) => endCycle(context, 'up-to-date')),
    decideOutcome: assign(({ context }) => decideUpdate(context)),
  },
});

/** Initial context of the agent program update machine. */
export function updateContext(input: UpdateInput): UpdateContext {
  return {
    ...input,
    cycle: 0,
    cycleTime: '',
    cycleReady: 'unknown',
    cycleHolds: false,
    installed: false,
    unguarded: false,
    downloads: 0,
    events: [],
    cycles: [],
    decision: null,
  };
}

/** State tags the simulator drives the machines by. */
export const TAGS = {
  /** waiting for the ACS check's answer */
  awaitingAcsCheck: 'awaitingAcsCheck',
  /** a popup is on screen, waiting for [OK] */
  popup: 'popup',
} as const;
