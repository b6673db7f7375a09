/**
 * VerifyOptions as they cross to a worker thread: X509Certificate objects become their DER bytes (structured
 * clone cannot carry them; resolveVerifyContext reads DER as well), functions are dropped, everything else
 * (dates, buffers, strings, numbers, plain objects) is cloned as it is.
 */
import { X509Certificate } from 'node:crypto';
import type { VerifyOptions } from '../types';

function transferable(value: unknown): unknown {
  if (value instanceof X509Certificate) return value.raw;
  if (Array.isArray(value)) return value.map(transferable);
  if (value === null || typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'function') out[k] = transferable(v);
  return out;
}

export function transferableOptions(options: VerifyOptions): VerifyOptions {
  return transferable(options) as VerifyOptions;
}
