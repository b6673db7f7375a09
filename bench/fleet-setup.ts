/**
 * What both fleet bench rows run: the three install paths on real files (the test-signed AutoPcc.exe and
 * MSI, the real ACS-signed DLL as an agent program update), in Japanese, at a fixed time, with the test
 * root and the bundled Microsoft root as the certificates root stores may name and as ACS roots.
 */
import * as path from 'node:path';
import { bundledAcsRoot } from '../src/authenticode/trust/certificates';
import { loadCertificates, knownCertificates } from '../src/cli/certs';
import type { FleetOptions } from '../src/report/fleet';

export interface FleetBench {
  /** the SHA-1 thumbprint (hex) of the test root, for generated root stores */
  testRootSha1: string;
  /** fleetReport's options for an inventory and an output directory */
  options(inventory: string, outDir: string): FleetOptions;
}

export function fleetBench(root: string): FleetBench {
  const testRoot = loadCertificates([path.join(root, 'samples', 'installers', 'test-acs-root.pem')]);
  const known = knownCertificates(testRoot, bundledAcsRoot());
  return {
    testRootSha1: testRoot[0]!.fingerprint.replace(/:/g, ''),
    options: (inventory, outDir) => ({
      inventory: [inventory],
      runs: [
        { path: 'autopcc', file: path.join(root, 'samples', 'installers', 'AutoPcc.exe') },
        { path: 'msi', file: path.join(root, 'samples', 'installers', 'ApexOneAgent.msi') },
        { path: 'agent-update', file: path.join(root, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll') },
      ],
      outDir,
      lang: 'ja',
      at: new Date('2026-01-15T00:00:00Z'),
      known,
      acsRoots: known,
    }),
  };
}
