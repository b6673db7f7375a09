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

/** Bounds of the numeric flags (stated in the usage error; README "Commands"). */
export const INT_BOUNDS: Readonly<Record<string, readonly [number, number]>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, readonly [number, number]>, {
    // one update cycle per simulated hour: 1000 cycles is six weeks of an agent retrying, in well under a second
    cycles: [1, 1000] as const,
    // Apex One builds are 4-5 digit numbers (11092, 12011)
    build: [1, 999999] as const,
    'agent-build': [1, 999999] as const,
  }),
);

/** A flag whose value must be a whole number within its bounds (INT_BOUNDS, or the given ones). */
export function intValue(args: ParsedArgs, name: string, bounds: readonly [number, number] | undefined = INT_BOUNDS[name]): number | undefined {
  const v = args.values.get(name);
  if (v === undefined) return undefined;
  const [min, max] = bounds ?? [0, Number.MAX_SAFE_INTEGER];
  if (!/^\d+$/.test(v) || v.length > 16) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${v}`);
  return n;
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * `--at ISO_TIME` (default: the given now). Only the CLI reads the clock. Every field is checked, so an
 * impossible date (2024-02-30, 2023-02-29, 24:00) is a usage error, never rolled over into the next month.
 * Without a zone the time is UTC. Years 1601..9999 (what a Windows FILETIME and an X.509 time can hold).
 */
export function timeValue(args: ParsedArgs, name: string, now: () => Date): Date {
  const v = args.values.get(name);
  if (v === undefined) return now();
  const bad = (why: string) =>
    new UsageError(`--${name} must be an ISO 8601 time like 2024-04-11 or 2024-04-11T09:00:00Z, got "${v}"${why ? ` (${why})` : ''}`);
  const m = ISO_TIME.exec(v);
  if (!m) throw bad('');
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  if (y < 1601 || y > 9999) throw bad('year out of 1601..9999');
  if (mo < 1 || mo > 12) throw bad('no such month');
  if (d < 1 || d > daysInMonth(y, mo)) throw bad(`${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')} has ${daysInMonth(y, mo)} days`);
  if (h > 23 || mi > 59 || se > 59) throw bad('no such time of day');
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const z = /^[+-](\d{2}):?(\d{2})$/.exec(zone)!;
    if (Number(z[1]) > 14 || Number(z[2]) > 59) throw bad('no such time zone offset');
  }
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const local = Date.UTC(y, mo - 1, d, h, mi, se, ms);
  let offset = 0;
  if (zone && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  const t = new Date(local - offset);
  // Date.UTC maps years 0..99 to 1900..1999; the range check above keeps y >= 1601
  if (Number.isNaN(t.getTime())) throw bad('');
  return t;
}

/** A flag given on a command or path it does not apply to: a usage error naming it. */
export function refuseFlags(args: ParsedArgs, names: readonly string[], where: string): void {
  for (const n of names) {
    if (args.switches.has(n) || args.values.has(n) || args.lists.has(n)) throw new UsageError(`--${n} does not apply to ${where}`);
  }
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
