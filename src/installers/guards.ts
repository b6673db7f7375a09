/**
 * Guards of the install-path machines, each named once and read as a sentence of the spec.
 */
import { wasLoggedOnce } from '../eventlog/memory';
import { EVENT_900_ONCE_KEY, type AcsCheckAnswer, type InstallerContext, type InstallerEvent, type UpdateContext, type UpdateEvent } from './context';

type InstallerArgs = { context: InstallerContext; event: InstallerEvent };
type UpdateArgs = { context: UpdateContext; event: UpdateEvent };

/**
 * The ACS check actor's answer, read from its done event (`xstate.done.actor.acsCheck`): true / false, or
 * null when the answer has no boolean `holds` (a check that answers nonsense failed; it is treated as the
 * check's error, never as "holds" and never as "does not hold").
 */
export function checkAnswer(event: unknown): boolean | null {
  const output = (event as { output?: Partial<AcsCheckAnswer> } | null)?.output;
  if (typeof output !== 'object' || output === null || typeof output.holds !== 'boolean') return null;
  return output.holds;
}

/**
 * The answer says the installer's own signature fails, whatever the machine trusts (AcsCheckAnswer.installerInvalid),
 * or that its chain ends at a root the ACS readiness model does not cover (AcsCheckAnswer.rootNotCovered).
 */
export function installerInvalidAnswer(event: unknown): boolean {
  const output = (event as { output?: Partial<AcsCheckAnswer> } | null)?.output;
  return typeof output === 'object' && output !== null && (output.installerInvalid === true || output.rootNotCovered === true);
}

export const installerGuards = {
  /** the program's signature holds on this machine (the ACS check passed) */
  acsHolds: ({ event }: InstallerArgs): boolean => checkAnswer(event) === true,
  /** the ACS check answered without a boolean `holds`: a failed check */
  acsAnswerMalformed: ({ event }: InstallerArgs): boolean => checkAnswer(event) === null,
  /** the installer's own signature fails (tampered, unsigned, untrusted root, bad timestamp): not an ACS matter */
  installerInvalid: ({ event }: InstallerArgs): boolean => installerInvalidAnswer(event),
  /** the packager EXE was built in silent mode: only the first popup */
  isSilent: ({ context }: InstallerArgs): boolean => context.silent,
  /** setting: pattern updates are subject to the check (the seed's "may change") */
  patternUpdatesBlocked: ({ context }: InstallerArgs): boolean => context.patternUpdatesBlocked,
  /** setting: scan engines are ACS-signed (the announced future) */
  engineSignedWithAcs: ({ context }: InstallerArgs): boolean => context.engineSignedWithAcs,
};

function e900Logged(context: UpdateContext): boolean {
  return wasLoggedOnce(context.memory, context.computer, EVENT_900_ONCE_KEY) !== undefined;
}

export const updateGuards = {
  /** the offered program was installed in an earlier cycle */
  programInstalled: ({ context }: UpdateArgs): boolean => context.installed,
  /** update scope is not "all": no program download or install, patterns still update */
  scopeExcludesProgram: ({ context }: UpdateArgs): boolean => context.scope !== 'all',
  /** the agent has download prevention and already logged event 900: periodic ACS check only */
  downloadPreventionEngaged: ({ context }: UpdateArgs): boolean =>
    context.agentClass === 'download-prevention' && e900Logged(context),
  /** the agent's periodic check: the machine meets ACS in this cycle */
  machineMeetsAcs: ({ context }: UpdateArgs): boolean => context.cycleReady === true,
  /** the downloaded program's signature holds on this machine (the ACS check actor's answer) */
  programHolds: ({ event }: UpdateArgs): boolean => checkAnswer(event) === true,
  /** the ACS check answered without a boolean `holds`: a failed check */
  checkAnswerMalformed: ({ event }: UpdateArgs): boolean => checkAnswer(event) === null,
  /** the downloaded program's own signature fails, whatever the machine trusts: not an ACS matter */
  programInvalid: ({ event }: UpdateArgs): boolean => installerInvalidAnswer(event),
  /** Apex One agent below 12011: the known limitation, no check */
  agentLacksCheck: ({ context }: UpdateArgs): boolean => context.agentClass === 'no-check',
  /** event 900 is logged only once per machine on agents with download prevention */
  event900AlreadyLogged: ({ context }: UpdateArgs): boolean =>
    context.agentClass === 'download-prevention' && e900Logged(context),
};
