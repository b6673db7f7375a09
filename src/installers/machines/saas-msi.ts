/** S1 — Apex One SaaS: standalone installer MSI. Not met: "cannot install" popup; nothing installed. */
import { ACS_CHECK, installerCheckRequest, installerContext, installerSetup, TAGS } from './setup';

/** S1 saas-msi: the Apex One SaaS standalone MSI installer; the cannot-install popup. */
export const saasMsiMachine = installerSetup.createMachine({
  id: 'saasMsi',
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
          { target: 'showingNoAcsPopup' },
        ],
        onError: 'acsCheckFailed',
      },
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
