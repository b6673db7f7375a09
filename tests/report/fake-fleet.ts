/** A fake library for fleet-report tests: readiness from two facts, a simulator that asks the verifier. */
import type { MachineProfile } from '../../src/endpoint/profile';
import type { Readiness } from '../../src/endpoint/types';
import type { FleetDeps, InventoryItem } from '../../src/report/fleet';
import type { PathRun } from '../../src/installers/types';

export function machine(name: string, facts: Partial<MachineProfile> = {}): MachineProfile {
  return { name, role: 'endpoint', os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19044' }, ...facts } as MachineProfile;
}

export function fakeReadiness(p: MachineProfile): Readiness {
  const patched = p.hotfixes?.includes('KB5011487');
  const rooted = p.rootAutoUpdate;
  const ready = patched === undefined || rooted === undefined ? 'unknown' : patched && rooted;
  const reasons: Readiness['reasons'] = [];
  const remediation: string[] = [];
  if (patched === false) {
    reasons.push({ code: 'OS_PATCH_MISSING', message: 'KB5011487 missing' });
    remediation.push('Install KB5011487');
  }
  if (rooted === false) {
    reasons.push({ code: 'ROOT_NOT_TRUSTED', message: 'root missing' });
    remediation.push('certutil -addstore Root microsoft-identity-verification-root-ca-2020.cer');
  }
  if (patched === undefined) {
    reasons.push({ code: 'FACT_UNKNOWN', message: 'hotfixes unknown', fact: 'hotfixes' });
    remediation.push('Collect Get-HotFix | ConvertTo-Csv');
  }
  return {
    name: p.name,
    role: 'endpoint',
    ready,
    os: { supported: patched ?? 'unknown', line: 'Windows 10 21H2', version: p.os.version },
    root: { trusted: rooted ?? 'unknown', via: rooted ? 'store' : null },
    reasons,
    remediation,
  } as Readiness;
}

export interface FakeCounters {
  simulations: number;
  verifications: number;
}

export function fakeDeps(items: InventoryItem[], counters: FakeCounters = { simulations: 0, verifications: 0 }): FleetDeps {
  return {
    async *loadInventory() {
      for (const i of items) yield i;
    },
    assessReadiness: fakeReadiness,
    verifier: {
      async verifyFile(file) {
        counters.verifications++;
        return { file, format: 'pe', verdict: 'valid', acs: true, failures: [], signatures: [] };
      },
      machineTrustAnchors: () => [],
    },
    async simulate(path, input, options) {
      counters.simulations++;
      if (input.artifact.kind === 'file') await options!.verifier!.verifyFile(input.artifact.path, { trust: [], at: input.at });
      const blocked = input.readiness!.ready !== true;
      const lang = input.lang ?? 'ja';
      const run: PathRun = {
        path,
        decision: blocked ? 'blocked' : 'allowed',
        uncertain: false,
        reasons: [],
        popups: blocked
          ? [
              {
                id: 'M-NOACS',
                window: 'endpoint',
                lang,
                title: lang === 'ja' ? 'インストール' : 'Install',
                text: lang === 'ja' ? 'インストールできません <script>' : 'Cannot install <script>',
                buttons: ['OK'],
                provenance: 'seed',
                titleProvenance: 'ours',
                source: 'faq',
                titleSource: 'inferred',
              },
            ]
          : [],
        events: blocked
          ? [{ id: 11708, messageId: 'E-11708', source: 'MsiInstaller', channel: 'Application', level: 'Error', time: input.at.toISOString(), computer: input.machine.name, recordId: 1, lang, text: 'failed', data: [], textSource: 'inferred', providerSource: 'inferred', levelSource: 'inferred' }]
          : [],
        downloads: 0,
        remediation: [],
        warnings: [],
        transitions: [],
        memory: { version: 1, machines: {} },
      };
      return run;
    },
  };
}
