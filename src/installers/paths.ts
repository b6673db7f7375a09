/** The install paths: the seed's numbering, product, and what each one is. */
import type { InstallPath, InstallPathInfo } from './types';

/** Where an Apex One / SaaS agent keeps downloaded update files (illustrative; our assumption). */
export const AGENT_DOWNLOAD_DIR = 'C:\\Program Files (x86)\\Trend Micro\\Security Agent\\AU_Data\\AU_Temp';

/**
 * Display paths for declared artifacts are illustrative (our assumption), except AutoPcc.exe, which the
 * Apex One server shares as \\<server>\ofcscan\AutoPcc.exe. Pass `artifact.path` for the real one.
 */
export const INSTALL_PATHS: Readonly<Record<InstallPath, InstallPathInfo>> = {
  'server-patch': {
    id: 'server-patch',
    label: 'A1',
    product: 'apex-one',
    description: 'Apex One: a Patch applied to the management server',
    defaultDisplayPath: 'C:\\Temp\\ApexOne_Patch.exe',
    cyclic: false,
  },
  autopcc: {
    id: 'autopcc',
    label: 'A2',
    product: 'apex-one',
    description: 'Apex One: AutoPcc.exe, agent new install or program update',
    defaultDisplayPath: '\\\\apexone-server\\ofcscan\\AutoPcc.exe',
    cyclic: false,
  },
  msi: {
    id: 'msi',
    label: 'A3',
    product: 'apex-one',
    description: "Apex One: MSI from the console's top page or made by the client packager",
    defaultDisplayPath: 'C:\\Temp\\ApexOneAgent_x64.msi',
    cyclic: false,
  },
  'packager-exe': {
    id: 'packager-exe',
    label: 'A4',
    product: 'apex-one',
    description: 'Apex One: EXE made by the client packager (normal or silent mode)',
    defaultDisplayPath: 'C:\\Temp\\ApexOneAgent.exe',
    cyclic: false,
  },
  'remote-install': {
    id: 'remote-install',
    label: 'A5',
    product: 'apex-one',
    description: 'Apex One: remote install from the web console',
    defaultDisplayPath: '\\\\apexone-server\\ofcscan\\AutoPcc.exe',
    cyclic: false,
  },
  'agent-update': {
    id: 'agent-update',
    label: 'A6',
    product: 'apex-one',
    description: 'Apex One: agent program update, over update cycles',
    defaultDisplayPath: `${AGENT_DOWNLOAD_DIR}\\PccNTMon.exe`,
    cyclic: true,
  },
  'saas-msi': {
    id: 'saas-msi',
    label: 'S1',
    product: 'apex-one-saas',
    description: 'Apex One SaaS: standalone installer MSI',
    defaultDisplayPath: 'C:\\Temp\\agent_cloud_x64.msi',
    cyclic: false,
  },
  'saas-web-installer': {
    id: 'saas-web-installer',
    label: 'S2',
    product: 'apex-one-saas',
    description: 'Apex One SaaS: web installer EXE (no UI)',
    defaultDisplayPath: 'C:\\Temp\\ApexOneSaaS_WebInstaller.exe',
    cyclic: false,
  },
  'saas-agent-update': {
    id: 'saas-agent-update',
    label: 'S3',
    product: 'apex-one-saas',
    description: 'Apex One SaaS: agent program update, over update cycles',
    defaultDisplayPath: `${AGENT_DOWNLOAD_DIR}\\PccNTMon.exe`,
    cyclic: true,
  },
  'sep-agent-update': {
    id: 'sep-agent-update',
    label: 'SEP',
    product: 'vision-one-sep',
    description: 'Trend Vision One Endpoint Security, Standard Endpoint Protection agent program update (as SaaS)',
    defaultDisplayPath: `${AGENT_DOWNLOAD_DIR}\\PccNTMon.exe`,
    cyclic: true,
  },
  'pattern-update': {
    id: 'pattern-update',
    label: '-',
    product: 'all',
    description: 'Pattern file update (never blocked; setting patternUpdatesBlocked)',
    defaultDisplayPath: `${AGENT_DOWNLOAD_DIR}\\lpt$vpn.zip`,
    cyclic: false,
  },
  'engine-update': {
    id: 'engine-update',
    label: '-',
    product: 'all',
    description: 'Scan engine update (blocked only with setting engineSignedWithAcs)',
    defaultDisplayPath: `${AGENT_DOWNLOAD_DIR}\\vsapi64.zip`,
    cyclic: false,
  },
};

export function isInstallPath(s: string): s is InstallPath {
  return Object.prototype.hasOwnProperty.call(INSTALL_PATHS, s);
}

/**
 * Where the endpoint sees a real installer given as a local file (popups and events show this, never the
 * local path): the file's name in the folder of the path's default, e.g. C:\\Temp\\NAME.msi for msi.
 */
export function endpointPathOf(path: InstallPath, localPath: string): string {
  const d = INSTALL_PATHS[path].defaultDisplayPath;
  const parts = localPath.split(/[\\/]/);
  return `${d.slice(0, d.lastIndexOf('\\') + 1)}${parts[parts.length - 1] || localPath}`;
}
