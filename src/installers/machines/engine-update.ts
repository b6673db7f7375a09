/**
 * Scan engine update: engines are not ACS-signed (as of January 2023), so not blocked; with the setting
 * engineSignedWithAcs (the announced future) the update fails on a machine that does not meet ACS.
 * No popup and no event is published for it.
 */
import { ACS_CHECK, installerCheckRequest, installerContext, installerSetup, TAGS } from './setup';

/** engine-update: scan engine updates, subject to the check only when engines are ACS-signed (SimulateSettings.engineSignedWithAcs). */
export const engineUpdateMachine = installerSetup.createMachine({
  id: 'engineUpdate',
  context: ({ input }) => installerContext(input),
  initial: 'checkingSettings',
  states: {
    checkingSettings: {
      always: [{ guard: 'engineSignedWithAcs', target: 'checkingAcs' }, { target: 'engineUpdated' }],
    },
    checkingAcs: {
      tags: [TAGS.awaitingAcsCheck],
      invoke: {
        id: ACS_CHECK,
        src: ACS_CHECK,
        input: installerCheckRequest,
        onDone: [
          { guard: 'acsHolds', target: 'engineUpdated' },
          { guard: 'acsAnswerMalformed', target: 'acsCheckFailed' },
          { guard: 'installerInvalid', target: 'installerRejected' },
          { target: 'engineUpdateFailed' },
        ],
        onError: 'acsCheckFailed',
      },
    },
    engineUpdated: { type: 'final', entry: 'allow' },
    engineUpdateFailed: { type: 'final', entry: 'block' },
    acsCheckFailed: { type: 'final', entry: 'failCheck' },
    // the installer's own signature fails (not the machine's ACS support): no FAQ popup or event (docs/behavior.md)
    installerRejected: { type: 'final', entry: 'block' },
  },
});
