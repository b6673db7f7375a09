/**
 * Flags that change how machines are read and judged, shared by readiness, fleet and simulate:
 *   --columns name=COL,version=COL,…   which columns of an inventory CSV hold what (see endpoint/inventory-columns.ts)
 *   --accept-kb KB…                     KBs accepted as containing the ACS fix, on top of the table (repeatable;
 *                                       one flag may list several: --accept-kb KB5044343,KB5046682)
 *   --policy FILE                       a JSON file { "acceptKbs": ["KB…", …] } (UTF-8 / UTF-16)
 */
import { readRegularFile } from './io';
import * as path from 'node:path';
import { decodeText } from '../endpoint/decode';
import type { LoadOptions } from '../endpoint/inventory';
import { parseColumnsSpec } from '../endpoint/inventory-columns';
import type { ParsedArgs } from './args';
import { CliInputError, UsageError } from './errors';

export const ENDPOINT_FLAGS = {
  columns: { kind: 'value' },
  'accept-kb': { kind: 'list' },
  policy: { kind: 'value' },
} as const;

const KB = /^KB\d{4,8}$/;

function kbList(values: readonly string[], where: string): string[] {
  const out: string[] = [];
  for (const v of values.flatMap((x) => x.split(/[,\s]+/)).filter((x) => x !== '')) {
    const kb = /^\d+$/.test(v) ? `KB${v}` : v.toUpperCase();
    if (!KB.test(kb)) throw new UsageError(`${where}: "${v.slice(0, 30)}" is not a KB number like KB5041828`);
    out.push(kb);
  }
  return out;
}

export function readPolicyFile(file: string): { acceptKbs: string[] } {
  let text: string;
  try {
    // a regular file within its cap: a FIFO or a device is refused at once (src/cli/io.ts)
    text = decodeText(readRegularFile(file, 'policy', { flag: '--policy' })).text;
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    throw new CliInputError(`${file}: cannot read the policy file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliInputError(`${file}: the policy file is not JSON (${(e as Error).message}); expected { "acceptKbs": ["KB5044343"] }`);
  }
  const acc = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)['acceptKbs'] : undefined;
  if (acc === undefined) return { acceptKbs: [] };
  if (!Array.isArray(acc) || !acc.every((x) => typeof x === 'string')) throw new CliInputError(`${file}: "acceptKbs" must be a list of KB numbers, e.g. ["KB5044343"]`);
  try {
    return { acceptKbs: kbList(acc as string[], `${file}: acceptKbs`) };
  } catch (e) {
    throw new CliInputError((e as Error).message);
  }
}

export interface EndpointOptions {
  load: LoadOptions;
  acceptKbs: string[];
}

export function endpointOptions(args: ParsedArgs, cwd: string): EndpointOptions {
  const load: LoadOptions = {};
  const spec = args.values.get('columns');
  if (spec !== undefined) {
    try {
      load.columns = parseColumnsSpec(spec);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const acceptKbs = kbList(args.lists.get('accept-kb') ?? [], '--accept-kb');
  const policy = args.values.get('policy');
  if (policy !== undefined) acceptKbs.push(...readPolicyFile(path.resolve(cwd, policy)).acceptKbs);
  return { load, acceptKbs: [...new Set(acceptKbs)] };
}
