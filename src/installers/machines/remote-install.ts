/** A5 — Apex One: remote install from the web console. Not met: popup on the console, install blocked. */
import { ACS_CHECK, installerCheckRequest, installerContext, installerSetup, TAGS } from './setup';

/** A5 remote-install: remote install from the web console; our popup on the console. */
export const remoteInstallMachine = installerSetup.createMachine({
  id: 'remoteInstall',
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
          { target: 'showingRemoteInstallPopup' },
        ],
        onError: 'acsCheckFailed',
      },
    },
    showingRemoteInstallPopup: {
      tags: [TAGS.popup],
      entry: 'showRemoteInstallPopup',
      on: { OK_CLICKED: 'installBlocked' },
    },
    agentInstalled: { type: 'final', entry: 'allow' },
    installBlocked: { type: 'final', entry: 'block' },
    acsCheckFailed: { type: 'final', entry: 'failCheck' },
    // the installer's own signature fails (not the machine's ACS support): no FAQ popup or event (docs/behavior.md)
    installerRejected: { type: 'final', entry: 'block' },
  },
});
