/** A2 — Apex One: AutoPcc.exe, new install or program update. Not met: Bad Image popup with AutoPcc.exe's path; nothing installed. */
import { ACS_CHECK, installerCheckRequest, installerContext, installerSetup, TAGS } from './setup';

/** A2 autopcc: AutoPcc.exe; on a failed ACS check, the Bad Image popup. */
export const autoPccMachine = installerSetup.createMachine({
  id: 'autoPcc',
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
          { target: 'showingBadImagePopup' },
        ],
        onError: 'acsCheckFailed',
      },
    },
    showingBadImagePopup: {
      tags: [TAGS.popup],
      entry: 'showBadImagePopup',
      on: { OK_CLICKED: 'installBlocked' },
    },
    agentInstalled: { type: 'final', entry: 'allow' },
    installBlocked: { type: 'final', entry: 'block' },
    acsCheckFailed: { type: 'final', entry: 'failCheck' },
    // the installer's own signature fails (not the machine's ACS support): no FAQ popup or event (docs/behavior.md)
    installerRejected: { type: 'final', entry: 'block' },
  },
});
