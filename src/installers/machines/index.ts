/**
 * Which machine runs which install path. A6, S3 and SEP share the agent program update machine.
 * Every machine invokes the `acsCheck` actor itself; run one with your own check through
 * `machine.provide({ actors: { acsCheck: acsCheckActor(fn) } })` (see ./setup.ts).
 */
import type { InstallPath } from '../types';
import { agentProgramUpdateMachine } from './agent-program-update';
import { autoPccMachine } from './autopcc';
import { engineUpdateMachine } from './engine-update';
import { msiMachine } from './msi';
import { packagerExeMachine } from './packager-exe';
import { patternUpdateMachine } from './pattern-update';
import { remoteInstallMachine } from './remote-install';
import { saasMsiMachine } from './saas-msi';
import { saasWebInstallerMachine } from './saas-web-installer';
import { serverPatchMachine } from './server-patch';

/** The machine of each installer path (every path except the agent update paths), by install path. */
export const INSTALLER_MACHINES = {
  'server-patch': serverPatchMachine,
  autopcc: autoPccMachine,
  msi: msiMachine,
  'packager-exe': packagerExeMachine,
  'remote-install': remoteInstallMachine,
  'saas-msi': saasMsiMachine,
  'saas-web-installer': saasWebInstallerMachine,
  'pattern-update': patternUpdateMachine,
  'engine-update': engineUpdateMachine,
} as const;
export type InstallerPath = keyof typeof INSTALLER_MACHINES;
export type UpdatePath = Exclude<InstallPath, InstallerPath>;

/** The machine of each agent update path, by install path. */
export const UPDATE_MACHINES: Record<UpdatePath, typeof agentProgramUpdateMachine> = {
  'agent-update': agentProgramUpdateMachine,
  'saas-agent-update': agentProgramUpdateMachine,
  'sep-agent-update': agentProgramUpdateMachine,
};

export {
  agentProgramUpdateMachine,
  autoPccMachine,
  engineUpdateMachine,
  msiMachine,
  packagerExeMachine,
  patternUpdateMachine,
  remoteInstallMachine,
  saasMsiMachine,
  saasWebInstallerMachine,
  serverPatchMachine,
};
export { ACS_CHECK, acsCheckActor } from './setup';
