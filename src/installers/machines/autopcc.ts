/** A2 — Apex One: AutoPcc.exe, new install or program update. Not met: Bad Image popup with AutoPcc.exe's path; nothing installed. */
import { installerContext, installerSetup, TAGS } from './setup';

export const autoPccMachine = installerSetup.createMachine({
  id: 'autoPcc',
  context: ({ input }) => installerContext(input),
  initial: 'checkingAcs',
  states: {
    checkingAcs: {
      tags: [TAGS.awaitingAcsCheck],
      on: { ACS_CHECKED: [{ guard: 'acsHolds', target: 'agentInstalled' }, { target: 'showingBadImagePopup' }] },
    },
    showingBadImagePopup: {
      tags: [TAGS.popup],
      entry: 'showBadImagePopup',
      on: { OK_CLICKED: 'installBlocked' },
    },
    agentInstalled: { type: 'final', entry: 'allow' },
    installBlocked: { type: 'final', entry: 'block' },
  },
});
