/**
 * A4 — Apex One: EXE made by the client packager. Not met: Bad Image popup, then after [OK] the
 * "cannot install" popup; built in silent mode, only the first (Bad Image) popup.
 */
import { installerContext, installerSetup, TAGS } from './setup';

export const packagerExeMachine = installerSetup.createMachine({
  id: 'packagerExe',
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
      on: { OK_CLICKED: [{ guard: 'isSilent', target: 'installBlocked' }, { target: 'showingNoAcsPopup' }] },
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
