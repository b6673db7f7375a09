/**
 * A6 / S3 / Vision One SEP — agent program update over scheduled update cycles (spec section 5).
 *
 * Each cycle: scope other than "all" → patterns only. Agents with download prevention that already
 * logged event 900 only check the machine periodically (no download, no event) until it meets ACS.
 * Otherwise the program is downloaded and its signature checked: it holds → installed; the agent has no
 * check (Apex One < 12011) → installed anyway (unguarded); else event 900 (once per machine with
 * download prevention, every cycle on SaaS <= 2022-12) and the update is blocked.
 *
 * The signature check is the `acsCheck` actor, invoked in every cycle that downloads the program. When it
 * fails (rejects), the cycle ends `check-failed`: nothing installed, no event 900 (that event says the
 * signature is ACS and the machine cannot check it, which nobody established), and the agent tries again
 * at the next cycle, as it does after any failed update. A run whose last download ended so has no decision.
 */
import { ACS_CHECK, TAGS, updateCheckRequest, updateContext, updateSetup } from './setup';

/** The agent program update machine (A6 agent-update; S3 saas-agent-update and sep-agent-update run it too): one CYCLE_STARTED per update cycle, the ACS check invoked as the `acsCheck` actor, event 900 and download prevention per agent class. */
export const agentProgramUpdateMachine = updateSetup.createMachine({
  id: 'agentProgramUpdate',
  context: ({ input }) => updateContext(input),
  initial: 'waitingForUpdateCycle',
  states: {
    waitingForUpdateCycle: {
      on: {
        CYCLE_STARTED: { target: 'startingCycle', actions: 'beginCycle' },
        UPDATES_STOPPED: 'updatesStopped',
      },
    },
    startingCycle: {
      always: [
        { guard: 'programInstalled', target: 'upToDate' },
        { guard: 'scopeExcludesProgram', target: 'updatingPatternsOnly' },
        { guard: 'downloadPreventionEngaged', target: 'checkingAcsPeriodically' },
        { target: 'downloadingProgram' },
      ],
    },
    upToDate: { entry: 'endCycleUpToDate', always: 'waitingForUpdateCycle' },
    updatingPatternsOnly: { entry: 'endCyclePatternsOnly', always: 'waitingForUpdateCycle' },
    checkingAcsPeriodically: {
      always: [
        { guard: 'machineMeetsAcs', target: 'downloadingProgram' },
        { target: 'waitingForUpdateCycle', actions: 'endCyclePeriodicCheckOnly' },
      ],
    },
    downloadingProgram: { entry: 'downloadProgram', always: 'checkingSignature' },
    checkingSignature: {
      tags: [TAGS.awaitingAcsCheck],
      entry: 'clearCheckError',
      invoke: {
        id: ACS_CHECK,
        src: ACS_CHECK,
        input: updateCheckRequest,
        onDone: [
          { guard: 'programHolds', target: 'installingProgram' },
          { guard: 'checkAnswerMalformed', target: 'checkFailed' },
          { guard: 'programInvalid', target: 'programRejected' },
          { guard: 'agentLacksCheck', target: 'installingProgramUnchecked' },
          { guard: 'event900AlreadyLogged', target: 'updateBlocked' },
          { target: 'loggingEvent900' },
        ],
        onError: 'checkFailed',
      },
    },
    checkFailed: { entry: 'endCycleCheckFailed', always: 'waitingForUpdateCycle' },
    // the downloaded program's own signature fails (not the machine's ACS support): not installed, no event 900
    programRejected: { entry: 'endCycleBlocked', always: 'waitingForUpdateCycle' },
    loggingEvent900: { entry: 'logEvent900', always: 'updateBlocked' },
    updateBlocked: { entry: 'endCycleBlocked', always: 'waitingForUpdateCycle' },
    installingProgram: { entry: ['installProgram', 'endCycleInstalled'], always: 'waitingForUpdateCycle' },
    installingProgramUnchecked: {
      entry: ['installProgramUnguarded', 'endCycleInstalledUnguarded'],
      always: 'waitingForUpdateCycle',
    },
    updatesStopped: { type: 'final', entry: 'decideOutcome' },
  },
});
