/**
 * Guards of the install-path machines, each named once and read as a sentence of the spec.
 */
import { wasLoggedOnce } from '../eventlog/memory';
import { EVENT_900_ONCE_KEY, type InstallerContext, type InstallerEvent, type UpdateContext, type UpdateEvent } from './context';

type InstallerArgs = { context: InstallerContext; event: InstallerEvent };
type UpdateArgs = { context: UpdateContext; event: UpdateEvent };

export const installerGuards = {
  /** the program's signature holds on this machine (the ACS check passed) */
  acsHolds: ({ event }: InstallerArgs): boolean => event.type === 'ACS_CHECKED' && event.holds,
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
  /** the downloaded program's signature holds on this machine */
  programHolds: ({ context }: UpdateArgs): boolean => context.cycleHolds,
  /** Apex One agent below 12011: the known limitation, no check */
  agentLacksCheck: ({ context }: UpdateArgs): boolean => context.agentClass === 'no-check',
  /** event 900 is logged only once per machine on agents with download prevention */
  event900AlreadyLogged: ({ context }: UpdateArgs): boolean =>
    context.agentClass === 'download-prevention' && e900Logged(context),
};
