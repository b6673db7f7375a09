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
import { EXIT, exitCodesHelp, type Command, type CommandContext } from '../command';
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
  summary: 'fleet report: readiness and what each install path would do, as report.json / .csv / .html',
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
  help: `Usage: ${USAGE}

For each machine of the inventory (inputs as \`acs-gate readiness\` takes them: profile JSON, JSON Lines or CSV
fleet files, export directories, or a share holding any of them at any depth), judges ACS readiness and, for
each install path × installer, what would happen there. The summary says how many files were read and
skipped and names them (the first ${MAX_LISTED}; report.json lists every one). DIR may be a sub-folder of an
input folder: it is never read as input. Writes DIR/report.json, DIR/report.csv (one row per machine) and DIR/report.html (one
self-contained page: totals, charts by reason and Windows version, machines to fix first with their exact
remediation, the popups users would see per path; Japanese and English).

Each installer file is verified once per distinct trust (the anchors a machine's Root store and automatic
root update give), and each distinct machine (same facts but the name) is simulated once.
Without --path, each file runs on the path its type suggests (.msi: msi, else autopcc); without --file,
the paths run on a declared ACS-signed program (default paths: autopcc, msi, agent-update).

Options:
  --file INSTALLER   a real PE / MSI installer; repeatable
  --path PATH        install path (see acs-gate simulate --help); repeatable; every path × every file
  --out DIR          where the report goes (created)
  --lang ja|en       report language first shown (the page has a toggle); default from LC_ALL / LC_MESSAGES /
                     LANG (on Windows, the OS locale)
  --at ISO           verification and event time (default now)
  --json             print the summary as JSON instead of text
  --trust PEM        certificates machines' root stores may name (matched by thumbprint); repeatable
  --acs-root PEM     roots that make a chain ACS (default: the bundled Microsoft root); repeatable
  --crl CRL          a CRL (DER or PEM) the installer files' revocation is judged by, offline; repeatable
  --build N | --maintenance YYYY-MM
                     the program's declared Apex One build / SaaS maintenance, for paths run without --file
  --agent-build N | --agent-maintenance YYYY-MM
                     the installed agent's build / maintenance, for the update paths
  --scope SCOPE      update scope: all | patterns-engines-drivers | patterns (default all)
  --tz ZONE          time zone the report's times are shown in, e.g. Asia/Tokyo (default: TZ, else the system's)
  --fail-on WHAT     exit 1 (the report is still written) when any machine is not-ready or unknown, any run
                     is blocked, unguarded or unknown, or an input is unreadable (a bad line or export, or a
                     file this tool does not read and which may hold machines, e.g. an .xlsx; not Thumbs.db,
                     desktop.ini, READMEs, scripts or older dated folders); repeatable or a comma list.
                     Without it the exit code is 0 once the report is written, whatever the verdicts.
  --assume-online    where a machine's exports do not say, assume it can fetch Windows Update's root
                     certificate list (recorded in the report's header and JSON)
  --assume-root-auto-update
                     where a machine's exports do not say, assume automatic root certificate update is on
                     (recorded in the report's header and JSON)
  --columns name=COL,version=COL,...
                     which columns of an inventory CSV hold the device name, OS version, … (as readiness takes it)
  --accept-kb KB     a KB accepted as containing the ACS fix, on top of the table; repeatable
  --policy FILE      JSON { "acceptKbs": ["KB..."] }: the same, kept in a file
  --lock-wait SECONDS
                     one run at a time writes DIR (lock file DIR/.report.lock): how long to wait for another
                     run before giving up with exit 2 (default 60). A lock whose run is gone is taken over: at
                     once when that run was on this host and in this PID namespace, otherwise once the lock has
                     not changed for ACS_GATE_LOCK_STALE_SECONDS (default 30; its owner refreshes it every 2 s)

The report is committed whole: DIR/report.json, report.csv and report.html are all replaced or none is (a
file that cannot be replaced, an interruption by SIGINT / SIGTERM / SIGHUP, a failure leave the previous
report as it was, and no temporary file).

A machine whose readiness is unknown gets decision "unknown" on each path that depends on it; the report
counts those apart from blocked and shows what their worst case would be.

${exitCodesHelp({
  0: 'the report is written, whatever the verdicts',
  1: 'with --fail-on: the report is written and a verdict named by --fail-on was seen',
  2: 'bad arguments, an input that cannot be read, or no machine read at all (nothing is written)',
})}
Examples:
  acs-gate fleet samples/fleet/fleet.jsonl --out acs-report
  acs-gate fleet samples/fleet/machines samples/fleet/fleet.jsonl --file samples/installers/AutoPcc.exe --file samples/installers/ApexOneAgent.msi --trust samples/installers/test-acs-root.pem --out acs-report --lang ja --tz Asia/Tokyo
  acs-gate fleet samples/fleet/fleet.jsonl --path agent-update --agent-build 12011 --build 12500 --out acs-report --fail-on blocked,unguarded
  acs-gate fleet samples/fleet/machines --out acs-report --assume-online --assume-root-auto-update
`,
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
