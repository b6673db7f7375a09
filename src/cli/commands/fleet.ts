/** acs-gate fleet INVENTORY... --out DIR: readiness and install-path outcomes for a whole fleet, as JSON, CSV and HTML. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledAcsRoot } from '../../authenticode/trust/certificates';
import { fleetReport } from '../../report/default-deps';
import { ensureOutDir } from '../../report/out-dir';
import type { FleetOptions } from '../../report/fleet';
import { intValue, monthValue, timeValue, timeZoneValue, type ParsedArgs } from '../args';
import { assumeFlags, assumptionsFrom } from '../assume';
import { failedOn, parseFailOn } from '../fail-on';
import { knownCertificates, loadCertificates, loadCrls } from '../certs';
import { EXIT, commandHelp, commandSummary, type Command, type CommandContext } from '../command';
import { CliInputError, UsageError } from '../errors';
import { formatFleet } from '../format/fleet';
import { formatInputs, MAX_LISTED } from '../format/inputs';
import { NoMachineError } from '../../report/no-machines';
import { progressLine } from '../format/progress';
import { resolveLang } from '../lang';
import { checkRegularFile } from '../io';
import { escapeText } from '../../text/escape';
import { parseInstallPath } from '../install-path';
import { ENDPOINT_FLAGS, endpointOptions } from '../endpoint-options';

const USAGE =
  'acs-gate fleet INVENTORY... [--file INSTALLER]... [--path PATH]... --out DIR [--lang ja|en] [--at ISO] [--json] ' +
  '[--trust PEM]... [--acs-root PEM]... [--crl CRL]... [--build N | --maintenance YYYY-MM] [--agent-build N | --agent-maintenance YYYY-MM] [--scope SCOPE] ' +
  '[--tz ZONE] [--fail-on not-ready|unknown|blocked|unguarded|unreadable]... [--assume-online] [--assume-root-auto-update] ' +
  '[--columns name=COL,version=COL,...] [--accept-kb KB]... [--policy FILE] [--lock-wait SECONDS]';

const SCOPES = ['all', 'patterns-engines-drivers', 'patterns'] as const;

/** --build / --maintenance / --agent-build / --agent-maintenance / --scope, as simulate takes them. */
function programFlags(args: ParsedArgs): Pick<FleetOptions, 'declared' | 'agent' | 'settings'> {
  const build = intValue(args, 'build');
  const maintenance = monthValue(args, 'maintenance');
  const agentBuild = intValue(args, 'agent-build');
  const agentMaintenance = monthValue(args, 'agent-maintenance');
  if (build !== undefined && maintenance !== undefined) throw new UsageError('give --build or --maintenance, not both');
  if (agentBuild !== undefined && agentMaintenance !== undefined) throw new UsageError('give --agent-build or --agent-maintenance, not both');
  const scope = args.values.get('scope');
  if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope))
    throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}, got "${scope}"`);
  const declared = { ...(build !== undefined ? { build } : {}), ...(maintenance !== undefined ? { maintenance } : {}) };
  const agent = { ...(agentBuild !== undefined ? { build: agentBuild } : {}), ...(agentMaintenance !== undefined ? { maintenance: agentMaintenance } : {}) };
  return {
    ...(Object.keys(declared).length ? { declared } : {}),
    ...(Object.keys(agent).length ? { agent } : {}),
    ...(scope ? { settings: { scope: scope as (typeof SCOPES)[number] } } : {}),
  };
}

/** --lock-wait and ACS_GATE_LOCK_STALE_SECONDS as the report's lock options; waiting is said on stderr. */
function lockOptions(args: ParsedArgs, { io }: CommandContext): NonNullable<FleetOptions['lock']> {
  const wait = intValue(args, 'lock-wait', [0, 86_400]);
  const staleText = io.env.ACS_GATE_LOCK_STALE_SECONDS;
  let stale: number | undefined;
  if (staleText !== undefined && staleText !== '') {
    if (!/^\d{1,5}$/.test(staleText) || Number(staleText) < 1 || Number(staleText) > 86_400)
      throw new UsageError(`ACS_GATE_LOCK_STALE_SECONDS must be a whole number from 1 to 86400, got "${staleText}"`);
    stale = Number(staleText);
  }
  return {
    ...(wait !== undefined ? { waitMs: wait * 1000 } : {}),
    ...(stale !== undefined ? { staleMs: stale * 1000 } : {}),
    onWait: (message) => io.stderr(`acs-gate fleet: ${escapeText(message)}\n`),
  };
}

/** Runs the report and prints its summary; shared by `fleet` and `demo`. */
export async function runFleet(options: FleetOptions, args: ParsedArgs & { command?: string }, { io }: CommandContext): Promise<number> {
  const failOn = parseFailOn(args);
  for (const f of [...(options.files ?? []), ...(options.runs ?? []).flatMap((r) => (r.file ? [r.file] : []))]) {
    if (!fs.existsSync(f)) throw new CliInputError(`${f}: no such installer file`);
    checkRegularFile(f, 'installer', { flag: '--file' });
  }
  ensureOutDir(options.outDir);
  const progress = progressLine(io.stderr, io.stderrIsTty);
  const lang = options.lang ?? 'en';
  let result;
  try {
    result = await fleetReport({ ...options, onProgress: (n) => progress.tick(n) });
  } catch (e) {
    if (!(e instanceof NoMachineError)) throw e;
    // nothing to report: say what was found instead, and write nothing (the previous report stays)
    progress.end();
    const account = { files: e.files, skipped: e.skipped, skippedCount: e.skipped.length, importErrors: e.importErrors, importErrorCount: e.importErrors.length };
    io.stderr(formatInputs(account, lang, 'this list'));
    io.stderr(`acs-gate ${args.command ?? 'fleet'}: ${escapeText(e.message)}\n`);
    return EXIT.USAGE_OR_IO;
  } finally {
    progress.end();
  }
  const s = result.summary;
  const account = {
    ...(s.inputFiles ? { files: s.inputFiles } : {}),
    skipped: s.skipped?.items ?? [],
    skippedCount: s.skipped?.count ?? 0,
    importErrors: s.importErrors,
    importErrorCount: s.totals.importErrors,
  };
  if (args.switches.has('json')) {
    const { machines: _m, ...summary } = result.summary;
    io.stdout(JSON.stringify({ outputs: result.outputs, ...summary }, null, 2) + '\n');
  } else io.stdout(formatFleet(result, lang) + formatInputs(account, lang, escapeText(result.outputs.json)));
  const t = result.summary.totals;
  const runs = (k: 'blocked' | 'unguarded' | 'unknown') => result.summary.perPath.reduce((n, p) => n + p[k], 0);
  const failed = failedOn(failOn, {
    notReady: t.notReady,
    unknown: t.unknown + runs('unknown'),
    blocked: runs('blocked'),
    unguarded: runs('unguarded'),
    unreadable: t.importErrors + (result.summary.skipped?.unread ?? 0),
  });
  if (failed.length) {
    io.stderr(`acs-gate ${args.command ?? 'fleet'}: --fail-on ${failed.join(',')}: the report is written; see ${escapeText(result.outputs.html)}\n`);
    return EXIT.NEGATIVE;
  }
  return EXIT.OK;
}

export const fleetCommand: Command = {
  name: 'fleet',
  summary: commandSummary('fleet', 'en'),
  usage: USAGE,
  flags: {
    file: { kind: 'list' },
    path: { kind: 'list' },
    out: { kind: 'value' },
    lang: { kind: 'value' },
    at: { kind: 'value' },
    json: { kind: 'switch' },
    trust: { kind: 'list' },
    crl: { kind: 'list' },
    'acs-root': { kind: 'list' },
    build: { kind: 'value' },
    maintenance: { kind: 'value' },
    'agent-build': { kind: 'value' },
    'agent-maintenance': { kind: 'value' },
    scope: { kind: 'value' },
    tz: { kind: 'value' },
    'fail-on': { kind: 'list' },
    'lock-wait': { kind: 'value' },
    ...assumeFlags,
    ...ENDPOINT_FLAGS,
  },
  help: commandHelp('fleet', 'en', { usage: USAGE, maxListed: MAX_LISTED }),
  helpJa: commandHelp('fleet', 'ja', { usage: USAGE, maxListed: MAX_LISTED }),
  async run(args, ctx) {
    if (!args.positionals.length) throw new UsageError('no INVENTORY given');
    const out = args.values.get('out');
    if (!out) throw new UsageError('--out DIR is required');
    const trust = args.lists.get('trust');
    const acsRoots = args.lists.get('acs-root');
    const eo = endpointOptions(args, ctx.io.cwd);
    const options: FleetOptions = {
      inventoryOptions: eo.load,
      ...(eo.acceptKbs.length ? { readinessOptions: { acceptKbs: eo.acceptKbs } } : {}),
      inventory: args.positionals,
      files: args.lists.get('file') ?? [],
      paths: (args.lists.get('path') ?? []).map(parseInstallPath),
      outDir: path.resolve(ctx.io.cwd, out),
      lang: resolveLang(args.values.get('lang'), ctx.io.env, ctx.io),
      at: timeValue(args, 'at', ctx.io.now),
      timeZone: timeZoneValue(args, ctx.io.env),
      assume: assumptionsFrom(args),
      ...programFlags(args),
      known: knownCertificates(loadCertificates(trust ?? []), bundledAcsRoot()),
      ...(acsRoots ? { acsRoots: loadCertificates(acsRoots) } : {}),
      ...(args.lists.get('crl') ? { crls: loadCrls(args.lists.get('crl')!) } : {}),
      lock: lockOptions(args, ctx),
    };
    return runFleet(options, args, ctx);
  },
};
