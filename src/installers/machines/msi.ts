/** A3 — Apex One: MSI from the console's top page or made by the client packager. Not met: "cannot install" popup; nothing installed. */
import { installerContext, installerSetup, TAGS } from './setup';

export const msiMachine = installerSetup.createMachine({
  id: 'msi',
  context: ({ input }) => installerContext(input),
  initial: 'checkingAcs',
  states: {
    checkingAcs: {
      tags: [TAGS.awaitingAcsCheck],
      on: { ACS_CHECKED: [{ guard: 'acsHolds', target: 'agentInstalled' }, { target: 'showingNoAcsPopup' }] },
    },
    showingNoAcsPopup: {
      tags: [TAGS.popup],
      entry: 'showNoAcsPopup',
      on: { OK_CLICKED: 'installBlocked' },
    },
    agentInstalled: { type: 'final', entry: 'allow' },
    installBlocked: { type: 'final', entry: 'block' },
  },
});
