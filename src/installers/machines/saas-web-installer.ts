/** S2 — Apex One SaaS: web installer EXE. Not met: no UI, no popup; event 11708 (MsiInstaller); install blocked. */
import { installerContext, installerSetup, TAGS } from './setup';

export const saasWebInstallerMachine = installerSetup.createMachine({
  id: 'saasWebInstaller',
  context: ({ input }) => installerContext(input),
  initial: 'checkingAcs',
  states: {
    checkingAcs: {
      tags: [TAGS.awaitingAcsCheck],
      on: { ACS_CHECKED: [{ guard: 'acsHolds', target: 'agentInstalled' }, { target: 'loggingEvent11708' }] },
    },
    loggingEvent11708: {
      entry: 'logEvent11708',
      always: 'installBlocked',
    },
    agentInstalled: { type: 'final', entry: 'allow' },
    installBlocked: { type: 'final', entry: 'block' },
  },
});
