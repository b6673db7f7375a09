/**
 * The certificates a signed file carries in its signatures' bags, for the human output of `verify` (issued by,
 * expiry and SHA-1 of each chain certificate). Best effort: the verdict never depends on this; a file the
 * readers reject simply contributes no certificates.
 */
import type { X509Certificate } from 'node:crypto';
import { readMsiContainer, readPeContainer } from '../authenticode';
import { parseSignedDataContentInfo } from '../authenticode/pkcs7/signed-data';
import type { FileFormat } from '../authenticode/types';

export async function certificatesInFile(file: string, format: FileFormat): Promise<X509Certificate[]> {
  if (format !== 'pe' && format !== 'msi') return [];
  try {
    const container = format === 'pe' ? await readPeContainer(file, { strict: false }) : await readMsiContainer(file, { strict: false });
    return container.signatures.flatMap((blob) => {
      try {
        return parseSignedDataContentInfo(blob).certificates;
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}
