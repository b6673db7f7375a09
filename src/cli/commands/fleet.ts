/** acs-gate fleet INVENTORY... --out DIR: readiness and install-path outcomes for a whole fleet, as JSON, CSV and HTML. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledAcsRoot } from '../../authenticode/trust/certificates';
import { fleetReport } from '../../report/default-deps';
import type { FleetOptions } from '../../report/fleet';
import { intValue, monthValue, timeValue, timeZoneValue, type ParsedArgs } from '../args';
import { assumeFlags, assumptionsFrom } from '../assume';
import { failedOn, parseFailOn } from '../fail-on';
import { knownCertificates, loadCertificates, loadCrls } from '../certs';
import { EXIT, exitCodesHelp, type Command, type CommandContext } from '../command';
import { CliInputError, UsageError } from '../errors';
import { formatFleet } from '../format/fleet';
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
  '[--columns name=COL,version=COL,...] [--accept-kb KB]... [--policy FILE]';

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

/** Runs the report and prints its summary; shared by `fleet` and `demo`. */
export async function runFleet(options: FleetOptions, args: ParsedArgs & { command?: string }, { io }: CommandContext): Promise<number> {
  const failOn = parseFailOn(args);
  for (const f of [...(options.files ?? []), ...(options.runs ?? []).flatMap((r) => (r.file ? [r.file] : []))]) {
    if (!fs.existsSync(f)) throw new CliInputError(`${f}: no such installer file`);
    checkRegularFile(f, 'installer', { flag: '--file' });
  }
  try {
    fs.mkdirSync(options.outDir, { recursive: true });
  } catch (e) {
    throw new CliInputError(`${options.outDir}: cannot create the report directory (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const progress = progressLine(io.stderr, io.stderrIsTty);
  let result;
  try {
    result = await fleetReport({ ...options, onProgress: (n) => progress.tick(n) });
  } finally {
    progress.end();
  }
  if (args.switches.has('json')) {
    const { machines: _m, ...summary } = result.summary;
    io.stdout(JSON.stringify({ outputs: result.outputs, ...summary }, null, 2) + '\n');
  } else io.stdout(formatFleet(result, options.lang ?? 'en'));
  const t = result.summary.totals;
  const runs = (k: 'blocked' | 'unguarded' | 'unknown') => result.summary.perPath.reduce((n, p) => n + p[k], 0);
  const failed = failedOn(failOn, {
    notReady: t.notReady,
    unknown: t.unknown + runs('unknown'),
    blocked: runs('blocked'),
    unguarded: runs('unguarded'),
    unreadable: t.importErrors,
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
    ...assumeFlags,
    ...ENDPOINT_FLAGS,
  },
  help: `Usage: ${USAGE}

For each machine of the inventory (inputs as \`acs-gate readiness\` takes them: profile JSON, JSON Lines or CSV
fleet files, export directories), judges ACS readiness and, for each install path × installer, what would
happen there. Writes DIR/report.json, DIR/report.csv (one row per machine) and DIR/report.html (one
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
                     is blocked, unguarded or unknown, or an input is unreadable; repeatable or a comma list.
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

A machine whose readiness is unknown gets decision "unknown" on each path that depends on it; the report
counts those apart from blocked and shows what their worst case would be.

${exitCodesHelp({
  0: 'the report is written, whatever the verdicts',
  1: 'with --fail-on: the report is written and a verdict named by --fail-on was seen',
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
    };
    return runFleet(options, args, ctx);
  },
};
