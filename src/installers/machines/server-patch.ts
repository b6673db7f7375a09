/** A1 — Apex One: a Patch applied to the management server. Not met: popup on the server, patch blocked, build unchanged. */
import { installerContext, installerSetup, TAGS } from './setup';

export const serverPatchMachine = installerSetup.createMachine({
  id: 'serverPatch',
  context: ({ input }) => installerContext(input),
  initial: 'checkingAcs',
  states: {
    checkingAcs: {
      tags: [TAGS.awaitingAcsCheck],
      on: { ACS_CHECKED: [{ guard: 'acsHolds', target: 'patchApplied' }, { target: 'showingServerPatchPopup' }] },
    },
    showingServerPatchPopup: {
      tags: [TAGS.popup],
      entry: 'showServerPatchPopup',
      on: { OK_CLICKED: 'patchBlocked' },
    },
    patchApplied: { type: 'final', entry: 'allow' },
    patchBlocked: { type: 'final', entry: 'block' },
  },
});
