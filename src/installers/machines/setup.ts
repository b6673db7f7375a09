/**
 * The two xstate setups every install-path machine is built from: guards, actions and the `acsCheck`
 * actor are named and defined here once; the machine files hold only states and transitions.
 *
 * The ACS check is an actor the machines invoke themselves, from their checking state (one-shot paths) or
 * from each update cycle that downloads the program. The default implementation rejects: whoever runs a
 * machine provides the check, e.g. `simulate()` (the real verifier), a test (a stub) or a remote service:
 *
 *   const machine = autoPccMachine.provide({ actors: { acsCheck: acsCheckActor(async (req) => ({ holds: true })) } });
 */
import { assign, fromPromise, setup, type PromiseActorLogic } from 'xstate';
import {
  beginCycle,
  checkErrorMessage,
  countDownload,
  decide,
  decideUpdate,
  endCycle,
  installProgram,
  logEvent900,
  logInstallerEvent,
  showPopup,
} from '../actions';
import type {
  AcsCheckAnswer,
  AcsCheckRequest,
  InstallerContext,
  InstallerEvent,
  InstallerInput,
  UpdateContext,
  UpdateEvent,
  UpdateInput,
} from '../context';
import { installerGuards, updateGuards } from '../guards';

/** The id and source name of the ACS check actor in every machine (done event: `xstate.done.actor.acsCheck`). */
export const ACS_CHECK = 'acsCheck';

/**
 * Wraps a check function as the `acsCheck` actor a machine invokes: `fn` gets the machine's request and
 * answers whether the artifact holds (it may return more, e.g. an AcsOutcome). A rejection is the check's
 * error transition: the machine never turns it into "allowed" (see docs/behavior.md).
 */
export function acsCheckActor<T extends AcsCheckAnswer>(fn: (request: AcsCheckRequest) => Promise<T>): PromiseActorLogic<AcsCheckAnswer, AcsCheckRequest> {
  return fromPromise<AcsCheckAnswer, AcsCheckRequest>(({ input }) => fn(input));
}

/** The default `acsCheck`: rejects, so a machine run without a check provided ends undecided, never allowed. */
export const MISSING_ACS_CHECK = acsCheckActor(async () => {
  throw new Error('no ACS check provided: run the machine with machine.provide({ actors: { acsCheck } })');
});

/**
 * Why the ACS check failed, as context: the actor's error (its error event), or a done event whose answer
 * has no boolean `holds`.
 */
function recordCheckError({ event }: { event: unknown }): { checkError: string } {
  const e = event as { type?: string; error?: unknown; output?: unknown } | null;
  if (e?.type === `xstate.done.actor.${ACS_CHECK}`) {
    return { checkError: `the ACS check answered without a boolean "holds": ${checkErrorMessage(e.output)}` };
  }
  return { checkError: checkErrorMessage(e?.error) };
}

/** A one-shot machine's request to its ACS check. */
export function installerCheckRequest({ context }: { context: InstallerContext }): AcsCheckRequest {
  return { computer: context.computer, path: context.displayPath, time: context.at, cycle: 0 };
}

/** The agent program update machine's request to its ACS check, for the current cycle. */
export function updateCheckRequest({ context }: { context: UpdateContext }): AcsCheckRequest {
  return { computer: context.computer, path: context.downloadPath, time: context.cycleTime, cycle: context.cycle };
}

export const installerSetup = setup({
  types: {
    context: {} as InstallerContext,
    events: {} as InstallerEvent,
    input: {} as InstallerInput,
  },
  guards: installerGuards,
  actors: { acsCheck: MISSING_ACS_CHECK },
  actions: {
    showBadImagePopup: assign(({ context }) => showPopup(context, 'M-BADIMAGE')),
    showNoAcsPopup: assign(({ context }) => showPopup(context, 'M-NOACS')),
    showServerPatchPopup: assign(({ context }) => showPopup(context, 'M-SERVER-PATCH')),
    showRemoteInstallPopup: assign(({ context }) => showPopup(context, 'M-REMOTE-INSTALL')),
    logEvent11708: assign(({ context }) => logInstallerEvent(context, 'E-11708')),
    allow: assign(() => decide('allowed')),
    block: assign(() => decide('blocked')),
    failCheck: assign(recordCheckError),
  },
});

/** Initial context of a one-shot installer machine. */
export function installerContext(input: InstallerInput): InstallerContext {
  return { ...input, decision: null, popups: [], events: [], checkError: null };
}

export const updateSetup = setup({
  types: {
    context: {} as UpdateContext,
    events: {} as UpdateEvent,
    input: {} as UpdateInput,
  },
  guards: updateGuards,
  actors: { acsCheck: MISSING_ACS_CHECK },
  actions: {
    beginCycle: assign(({ context, event }) => (event.type === 'CYCLE_STARTED' ? beginCycle(context, event) : {})),
    downloadProgram: assign(({ context }) => countDownload(context)),
    logEvent900: assign(({ context }) => logEvent900(context)),
    installProgram: assign(({ context }) => installProgram(context, false)),
    installProgramUnguarded: assign(({ context }) => installProgram(context, true)),
    endCycleInstalled: assign(({ context }) => endCycle(context, 'installed')),
    endCycleInstalledUnguarded: assign(({ context }) => endCycle(context, 'installed-unguarded')),
    endCycleBlocked: assign(({ context }) => endCycle(context, 'blocked')),
    endCycleCheckFailed: assign(({ context, event }) => ({ ...recordCheckError({ event }), ...endCycle(context, 'check-failed') })),
    clearCheckError: assign(() => ({ checkError: null })),
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
    installed: false,
    unguarded: false,
    downloads: 0,
    events: [],
    cycles: [],
    decision: null,
    checkError: null,
  };
}

/** State tags the simulator drives the machines by. */
export const TAGS = {
  /** the `acsCheck` actor is running: waiting for its answer */
  awaitingAcsCheck: 'awaitingAcsCheck',
  /** a popup is on screen, waiting for [OK] */
  popup: 'popup',
} as const;
