/**
 * A small argument parser: `--flag`, `--flag value`, `--flag=value`, repeated flags, `--` ends the flags,
 * `-h` for `--help`. An unknown flag, a missing value or a value given to a switch is a UsageError.
 */
import { UsageError } from './errors';
import { resolveTimeZone } from '../report/time';

export interface FlagSpec {
  /** `switch` takes no value; `value` takes one; `list` takes one each time and may repeat */
  kind: 'switch' | 'value' | 'list';
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  positionals: string[];
  switches: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const out: ParsedArgs = { positionals: [], switches: new Set(), values: new Map(), lists: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      out.switches.add('help');
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.kind === 'switch') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.switches.add(name);
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`--${name} needs a value`);
      value = next;
      i++;
    }
    if (spec.kind === 'value') {
      if (out.values.has(name)) throw new UsageError(`--${name} given more than once`);
      out.values.set(name, value);
    } else {
      const list = out.lists.get(name) ?? [];
      list.push(value);
      out.lists.set(name, list);
    }
  }
  return out;
}

/** A flag whose value must be a positive integer. */
export function intValue(args: ParsedArgs, name: string): number | undefined {
  const v = args.values.get(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got "${v}"`);
  return Number(v);
}

/** `--at ISO_TIME` (default: the given now). Only the CLI reads the clock. */
export function timeValue(args: ParsedArgs, name: string, now: () => Date): Date {
  const v = args.values.get(name);
  if (v === undefined) return now();
  const d = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} must be an ISO 8601 time like 2024-04-11 or 2024-04-11T09:00:00Z, got "${v}"`);
  return d;
}

/** `--maintenance YYYY-MM` style values. */
export function monthValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.values.get(name);
  if (v === undefined) return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new UsageError(`--${name} must be YYYY-MM, got "${v}"`);
  return v;
}

/** `--tz ZONE` (an IANA time zone; default: TZ from the environment, else the runtime's). */
export function timeZoneValue(args: ParsedArgs, env: Record<string, string | undefined>, name = 'tz'): string {
  try {
    return resolveTimeZone(args.values.get(name), env);
  } catch (e) {
    throw new UsageError(`--${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
