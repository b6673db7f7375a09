export * from './types';
export { simulate, patchText, AGENT_RISK, SCOPE_REMEDIATION, type SimulateOptions } from './simulate';
export { INSTALL_PATHS, AGENT_DOWNLOAD_DIR, isInstallPath } from './paths';
export { checkArtifact, declaredAcsSigned, APEX_ONE_ACS_BUILD, SAAS_ACS_MAINTENANCE, type AcsOutcome, type AcsCheckInput } from './acs-check';
export { classifyAgent, type AgentClass } from './agent-class';
export type { AcsVerifier } from './verifier';
export { INSTALLER_TEXTS, installerText, installerBilingual, type InstallerTextKey } from './texts';
export * from './machines';
export type { AcsCheckRequest, AcsCheckAnswer, InstallerInput, InstallerContext, InstallerEvent, UpdateInput, UpdateContext, UpdateEvent } from './context';
