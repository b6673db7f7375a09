/**
 * Remediation text per readiness reason: the KB for the Windows line, how to add the root by hand (or let
 * automatic root update fetch it), and, for unknown facts, which command collects them next.
 */
import type { ReadinessReason } from './types';

/** File name of the bundled root (certs/microsoft-identity-verification-root-ca-2020.cer in this repository). */
export const ROOT_CER_FILE = 'microsoft-identity-verification-root-ca-2020.cer';
export const KB5022661_URL =
  'https://support.microsoft.com/en-us/servicing/azure/update/2022/12/kb5022661-windows-support-for-the-trusted-signing-formerly-azure-code-signing-program';

export const ADD_ROOT_CERTUTIL = `certutil -addstore Root ${ROOT_CER_FILE}`;
export const ADD_ROOT_POWERSHELL = `Import-Certificate -FilePath ${ROOT_CER_FILE} -CertStoreLocation Cert:\\LocalMachine\\Root`;
export const ENABLE_AUTO_UPDATE =
  'or re-enable automatic root certificate update (remove DisableRootAutoUpdate under HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot, or set it to 0) and let the machine reach Windows Update';

/** What to run on the machine to collect a missing fact (the importers read these outputs). */
export const COLLECT: Record<string, string> = {
  'os.version': 'systeminfo /fo csv > systeminfo.csv',
  'os.ubr': 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR > ubr.txt (or the whole key: reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" > currentversion.txt)',
  hotfixes: 'powershell -Command "Get-HotFix | ConvertTo-Csv" > hotfixes.csv (or: wmic qfe list full /format:csv > qfe.csv)',
  'os.productType': 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v InstallationType > installationtype.txt (or systeminfo /fo csv)',
  rootStore: 'certutil -store Root > root-store.txt (or: powershell -Command "Get-ChildItem Cert:\\LocalMachine\\Root | ConvertTo-Json" > root-store.json)',
  rootAutoUpdate:
    'reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate > authroot.txt',
  online: 'record whether the machine can reach Windows Update: "online": true or false in machine.json',
};

export function catalogUrl(kb: string): string {
  return `https://www.catalog.update.microsoft.com/Search.aspx?q=${encodeURIComponent(kb)}`;
}

/** Remediation steps for one reason (in order). */
export function remediationFor(reason: ReadinessReason, ctx: { line?: string; kbs?: string[] }): string[] {
  switch (reason.code) {
    case 'OS_PATCH_MISSING': {
      const kbs = ctx.kbs ?? [];
      if (kbs.length === 0) return [`Install the latest cumulative update for ${ctx.line ?? 'this Windows version'} (see KB5022661: ${KB5022661_URL})`];
      return [
        `Install ${kbs.join(' or ')} (or a later cumulative update) on ${ctx.line ?? 'this Windows version'}: ${kbs
          .map(catalogUrl)
          .join(' , ')} (KB5022661: ${KB5022661_URL})`,
      ];
    }
    case 'OS_NO_ACS_SUPPORT':
      return [
        `${ctx.line ?? 'This Windows version'} never gets ACS support: upgrade to a Windows version listed in KB5022661 (${KB5022661_URL})${
          typeof reason.evidence?.['note'] === 'string' ? ` (${reason.evidence['note']})` : ''
        }`,
      ];
    case 'ROOT_NOT_TRUSTED':
      return [
        `Add the Microsoft Identity Verification Root Certificate Authority 2020 to the machine's Trusted Root store (file certs/${ROOT_CER_FILE}, SHA-1 F40042E2E5F7E8EF8189FED15519AECE42C3BFA2): ${ADD_ROOT_CERTUTIL}`,
        `PowerShell equivalent: ${ADD_ROOT_POWERSHELL}`,
        ENABLE_AUTO_UPDATE,
      ];
    case 'FACT_UNKNOWN': {
      const cmd = reason.fact ? COLLECT[reason.fact] : undefined;
      const out = cmd ? [`Collect ${reason.fact}: ${cmd}`] : [];
      // os.ubr with no hotfix list either: the hotfix list can also decide (the KB installed)
      if (reason.fact === 'os.ubr' && reason.evidence?.['hotfixesKnown'] === false) out.push(`Or collect hotfixes: ${COLLECT['hotfixes']}`);
      return out;
    }
    case 'OS_UNRECOGNIZED':
      return [`Check the OS version: ${COLLECT['os.version']}`];
  }
}
