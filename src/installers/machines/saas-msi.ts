/** S1 — Apex One SaaS: standalone installer MSI. Not met: "cannot install" popup; nothing installed. */
import { installerContext, installerSetup, TAGS } from './setup';

export const saasMsiMachine = installerSetup.createMachine({
  id: 'saasMsi',
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
