/** S2 — Apex One SaaS: web installer EXE. Not met: no UI, no popup; event 11708 (MsiInstaller); install blocked. */
import { ACS_CHECK, installerCheckRequest, installerContext, installerSetup, TAGS } from './setup';

/** S2 saas-web-installer: the Apex One SaaS web installer; no UI, event 11708. */
export const saasWebInstallerMachine = installerSetup.createMachine({
  id: 'saasWebInstaller',
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
          { target: 'loggingEvent11708' },
        ],
        onError: 'acsCheckFailed',
      },
    },
    loggingEvent11708: {
      entry: 'logEvent11708',
      always: 'installBlocked',
    },
    agentInstalled: { type: 'final', entry: 'allow' },
    installBlocked: { type: 'final', entry: 'block' },
    acsCheckFailed: { type: 'final', entry: 'failCheck' },
    // the installer's own signature fails (not the machine's ACS support): no FAQ popup or event (docs/behavior.md)
    installerRejected: { type: 'final', entry: 'block' },
  },
});
