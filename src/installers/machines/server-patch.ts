/** A1 — Apex One: a Patch applied to the management server. Not met: popup on the server, patch blocked, build unchanged. */
import { ACS_CHECK, installerCheckRequest, installerContext, installerSetup, TAGS } from './setup';

/** A1 server-patch: a patch applied to the Apex One server; our popup on the server. */
export const serverPatchMachine = installerSetup.createMachine({
  id: 'serverPatch',
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
          { guard: 'acsHolds', target: 'patchApplied' },
          { guard: 'acsAnswerMalformed', target: 'acsCheckFailed' },
          { guard: 'installerInvalid', target: 'installerRejected' },
          { target: 'showingServerPatchPopup' },
        ],
        onError: 'acsCheckFailed',
      },
    },
    showingServerPatchPopup: {
      tags: [TAGS.popup],
      entry: 'showServerPatchPopup',
      on: { OK_CLICKED: 'patchBlocked' },
    },
    patchApplied: { type: 'final', entry: 'allow' },
    patchBlocked: { type: 'final', entry: 'block' },
    acsCheckFailed: { type: 'final', entry: 'failCheck' },
    // the installer's own signature fails (not the machine's ACS support): no FAQ popup or event (docs/behavior.md)
    installerRejected: { type: 'final', entry: 'block' },
  },
});
