/**
 * `Get-ChildItem Cert:\LocalMachine\Root | ConvertTo-Json`: an array of certificate objects (a single object
 * when the store holds one). Read: Thumbprint (required), Subject, and RawData when present (an array of byte
 * values, or a base64 string): then the certificate itself becomes a PEM entry (a trust anchor for the verifier).
 * Also accepted: `… | Select-Object Thumbprint,Subject | ConvertTo-Json`.
 */
import { X509Certificate } from 'node:crypto';
import { ExportFormatError } from '../errors';
import type { RootStoreEntry } from '../profile';
import type { Importer } from './types';
import { jsonErrorLine, jsonTooDeep, TOO_DEEP } from './json-util';

function toPem(raw: unknown): string | undefined {
  let der: Buffer | undefined;
  if (Array.isArray(raw) && raw.every((b) => typeof b === 'number' && b >= 0 && b <= 255)) der = Buffer.from(raw as number[]);
  else if (typeof raw === 'string' && /^[A-Za-z0-9+/=\s]+$/.test(raw)) der = Buffer.from(raw, 'base64');
  if (!der || der.length === 0) return undefined;
  try {
    return new X509Certificate(der).toString();
  } catch {
    return undefined;
  }
}

export const certJson: Importer = {
  kind: 'cert-json',
  detect(text) {
    const t = text.trimStart();
    return (t.startsWith('[') || t.startsWith('{')) && /"Thumbprint"\s*:/.test(text.slice(0, 1 << 16));
  },
  parse(text, source) {
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new ExportFormatError(source, jsonErrorLine(text, e), `certificate JSON: ${(e as Error).message}`);
    }
    if (jsonTooDeep(data)) throw new ExportFormatError(source, undefined, `certificate JSON: ${TOO_DEEP}`);
    const items = Array.isArray(data) ? data : [data];
    const entries: RootStoreEntry[] = [];
    const notes: string[] = [];
    items.forEach((it, i) => {
      if (typeof it !== 'object' || it === null) throw new ExportFormatError(source, undefined, `certificate JSON: item [${i}] is not an object`);
      const o = it as Record<string, unknown>;
      const tp = typeof o['Thumbprint'] === 'string' ? (o['Thumbprint'] as string).replace(/\s+/g, '').toUpperCase() : '';
      if (!/^[0-9A-F]{40}$/.test(tp)) throw new ExportFormatError(source, undefined, `certificate JSON: item [${i}].Thumbprint is not 40 hex digits`);
      const subject = typeof o['Subject'] === 'string' ? (o['Subject'] as string) : undefined;
      const pem = o['RawData'] !== undefined ? toPem(o['RawData']) : undefined;
      if (o['RawData'] !== undefined && !pem) notes.push(`certificate JSON: item [${i}].RawData is not a readable certificate (thumbprint kept)`);
      entries.push(pem || subject ? { thumbprint: tp, ...(subject ? { subject } : {}), ...(pem ? { pem } : {}) } : tp);
    });
    return { kind: 'cert-json', source, facts: { rootStore: entries }, notes };
  },
};
