/**
 * PE container: headers → certificate table → WIN_CERTIFICATE entries → a streamed digest source.
 * Reads only the headers and the certificate table into memory.
 */
import { parseCertificateTable } from './pe-cert-table';
import { withOpenFile } from './open-file';
import { PeDigestSource, peDigestPlan } from './pe-digest';
import { fileAccess, locateCertificateTable, readPeLayout, type PeLayout } from './pe-reader';
import type { Failure, SignedContainer } from '../types';

export interface PeContainer extends SignedContainer {
  format: 'pe';
  layout: PeLayout;
  digestSource: PeDigestSource;
}

export async function readPeContainer(path: string, opts: { strict: boolean }): Promise<PeContainer> {
  return withOpenFile(path, async (fh) => {
    const { size } = await fh.stat();
    const access = fileAccess(fh, size);
    const layout = await readPeLayout(access);
    const location = locateCertificateTable(layout);
    const failures: Failure[] = [];
    let signatures: Uint8Array[] = [];
    if (location) {
      failures.push(...location.failures);
      const table = await access.read(location.offset, location.size);
      const parsed = parseCertificateTable(table, location.offset, opts);
      failures.push(...parsed.failures);
      // copies: the blobs outlive the table buffer's other uses and callers may keep them
      signatures = parsed.entries.map((e) => Uint8Array.from(e.blob));
    }
    return {
      format: 'pe',
      layout,
      signatures,
      failures,
      digestSource: new PeDigestSource(path, peDigestPlan(layout, location?.offset ?? null)),
    };
  });
}
