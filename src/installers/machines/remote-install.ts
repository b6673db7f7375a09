/** A5 — Apex One: remote install from the web console. Not met: popup on the console, install blocked. */
import { installerContext, installerSetup, TAGS } from './setup';

export const remoteInstallMachine = installerSetup.createMachine({
  id: 'remoteInstall',
  context: ({ input }) => installerContext(input),
  initial: 'checkingAcs',
  states: {
    checkingAcs: {
      tags: [TAGS.awaitingAcsCheck],
      on: { ACS_CHECKED: [{ guard: 'acsHolds', target: 'agentInstalled' }, { target: 'showingRemoteInstallPopup' }] },
    },
    showingRemoteInstallPopup: {
      tags: [TAGS.popup],
      entry: 'showRemoteInstallPopup',
      on: { OK_CLICKED: 'installBlocked' },
    },
    agentInstalled: { type: 'final', entry: 'allow' },
    installBlocked: { type: 'final', entry: 'block' },
  },
});
