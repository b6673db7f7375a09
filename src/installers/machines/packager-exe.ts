/**
 * A4 — Apex One: EXE made by the client packager. Not met: Bad Image popup, then after [OK] the
 * "cannot install" popup; built in silent mode, only the first (Bad Image) popup.
 */
import { ACS_CHECK, installerCheckRequest, installerContext, installerSetup, TAGS } from './setup';

/** A4 packager-exe: the client packager's EXE; the Bad Image popup, then (unless silent) the cannot-install popup. */
export const packagerExeMachine = installerSetup.createMachine({
  id: 'packagerExe',
  context: ({ input }) => installerContext(input),
  initial: 'checkingAcs',
  states: {
    checkingAcs: {
      tags: [TAGS.awaitingAcsCheck],
      invoke: {
        id: ACS_CHECK,
        src: ACS_CHECK,
        input: installerCheckRequest,
        onDone: [
          { guard: 'acsHolds', target: 'agentInstalled' },
          { guard: 'acsAnswerMalformed', target: 'acsCheckFailed' },
          { guard: 'installerInvalid', target: 'installerRejected' },
          { target: 'showingBadImagePopup' },
        ],
        onError: 'acsCheckFailed',
      },
    },
    showingBadImagePopup: {
      tags: [TAGS.popup],
      entry: 'showBadImagePopup',
      on: { OK_CLICKED: [{ guard: 'isSilent', target: 'installBlocked' }, { target: 'showingNoAcsPopup' }] },
    },
    showingNoAcsPopup: {
      tags: [TAGS.popup],
      entry: 'showNoAcsPopup',
      on: { OK_CLICKED: 'installBlocked' },
    },
    agentInstalled: { type: 'final', entry: 'allow' },
    installBlocked: { type: 'final', entry: 'block' },
    acsCheckFailed: { type: 'final', entry: 'failCheck' },
    // the installer's own signature fails (not the machine's ACS support): no FAQ popup or event (docs/behavior.md)
    installerRejected: { type: 'final', entry: 'block' },
  },
});
