/**
 * Pattern file update: never blocked by the ACS check (seed), unless the setting patternUpdatesBlocked
 * models the seed's "the specification may change". No popup and no event is published for it.
 */
import { ACS_CHECK, installerCheckRequest, installerContext, installerSetup, TAGS } from './setup';

/** pattern-update: pattern file updates, not blocked unless SimulateSettings.patternUpdatesBlocked says so. */
export const patternUpdateMachine = installerSetup.createMachine({
  id: 'patternUpdate',
  context: ({ input }) => installerContext(input),
  initial: 'checkingSettings',
  states: {
    checkingSettings: {
      always: [{ guard: 'patternUpdatesBlocked', target: 'checkingAcs' }, { target: 'patternsUpdated' }],
    },
    checkingAcs: {
      tags: [TAGS.awaitingAcsCheck],
      invoke: {
        id: ACS_CHECK,
        src: ACS_CHECK,
        input: installerCheckRequest,
        onDone: [
          { guard: 'acsHolds', target: 'patternsUpdated' },
          { guard: 'acsAnswerMalformed', target: 'acsCheckFailed' },
          { guard: 'installerInvalid', target: 'installerRejected' },
          { target: 'patternUpdateBlocked' },
        ],
        onError: 'acsCheckFailed',
      },
    },
    patternsUpdated: { type: 'final', entry: 'allow' },
    patternUpdateBlocked: { type: 'final', entry: 'block' },
    acsCheckFailed: { type: 'final', entry: 'failCheck' },
    // the installer's own signature fails (not the machine's ACS support): no FAQ popup or event (docs/behavior.md)
    installerRejected: { type: 'final', entry: 'block' },
  },
});
