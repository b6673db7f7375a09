/** The fuzz targets, by name, with their share of the default case count. */
import { loadFixtures } from '../fixtures';
import type { Target } from '../runner';
import { adversarialTarget } from './adversarial';
import { cliTarget } from './cli';
import { importersTarget, inventoryTarget } from './endpoint';
import { msiContainerTarget, msiTarget } from './msi';
import { certTableTarget, peLayoutTarget, peTarget } from './pe';
import { asn1Target, signedDataTarget, timestampTarget } from './pkcs7';
import { lzxTarget } from './lzx';
import { cabTarget as cabExtractTarget } from './cab';
import { appxTarget, cabTarget, catalogTarget, crlTarget, scriptTarget, versionResourceTarget } from './readers';

/**
 * Cases per target in a default run: 297 300 in all. The adversarial cases are few but heavy (megabytes of
 * certificates, 100 000-deep storages), the in-memory targets cheap.
 */
export const TARGET_SHARES: Record<string, number> = {
  pe: 25_000,
  'pe-layout': 30_000,
  'cert-table': 20_000,
  asn1: 30_000,
  'signed-data': 25_000,
  timestamp: 15_000,
  msi: 20_000,
  'msi-container': 15_000,
  importers: 25_000,
  inventory: 10_000,
  adversarial: 300,
  cli: 2_000,
  // the readers of issue 22 (scripts/fuzz/targets/readers.ts)
  'version-resource': 10_000,
  appx: 5_000,
  cab: 10_000,
  catalog: 5_000,
  script: 10_000,
  crl: 10_000,
  // the CAB extraction of issue 21 (scripts/fuzz/targets/lzx.ts, cab.ts)
  lzx: 20_000,
  'cab-extract': 10_000,
};

export const TARGET_NAMES = Object.keys(TARGET_SHARES);
export const DEFAULT_TOTAL_CASES = Object.values(TARGET_SHARES).reduce((a, b) => a + b, 0);

/** Split a total over the given targets by their shares (each at least 1). */
export function splitCases(total: number, names: string[]): Record<string, number> {
  const sum = names.reduce((a, n) => a + (TARGET_SHARES[n] ?? 1), 0);
  const out: Record<string, number> = {};
  for (const n of names) out[n] = Math.max(1, Math.round((total * (TARGET_SHARES[n] ?? 1)) / sum));
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each target has its own case type; callers only pass a target's cases back to it
export async function makeTarget(name: string): Promise<Target<any>> {
  switch (name) {
    case 'importers':
      return importersTarget();
    case 'inventory':
      return inventoryTarget();
    case 'cli':
      return cliTarget();
    case 'version-resource':
      return versionResourceTarget();
    case 'appx':
      return appxTarget();
    case 'cab':
      return cabTarget();
    case 'catalog':
      return catalogTarget();
    case 'script':
      return scriptTarget();
    case 'crl':
      return crlTarget();
    case 'lzx':
      return lzxTarget();
    case 'cab-extract':
      return cabExtractTarget();
  }
  const f = await loadFixtures();
  switch (name) {
    case 'pe':
      return peTarget(f);
    case 'pe-layout':
      return peLayoutTarget(f);
    case 'cert-table':
      return certTableTarget(f);
    case 'asn1':
      return asn1Target(f);
    case 'signed-data':
      return signedDataTarget(f);
    case 'timestamp':
      return timestampTarget(f);
    case 'msi':
      return msiTarget(f);
    case 'msi-container':
      return msiContainerTarget(f);
    case 'adversarial':
      return adversarialTarget(f);
  }
  throw new Error(`unknown fuzz target "${name}" (known: ${TARGET_NAMES.join(', ')})`);
}
