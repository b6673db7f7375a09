/** acs-gate simulate PATH --machine PROFILE: what one install path does on one machine (popups, events, downloads). */
import * as fs from 'node:fs';
import { assessReadiness } from '../../endpoint/readiness';
import { INSTALL_PATHS } from '../../installers/paths';
import { simulate } from '../../installers/simulate';
import type { Artifact, SimulateInput, UpdateScope } from '../../installers/types';
import { parseMemory, serializeMemory } from '../../eventlog/memory';
import { toEventsXml } from '../../eventlog/render';
import { intValue, monthValue, timeValue } from '../args';
import { bundledAcsRoot } from '../../authenticode/trust/certificates';
import { knownCertificates, loadCertificates, loadCrls } from '../certs';
import { EXIT, type Command } from '../command';
import { CliInputError, UsageError } from '../errors';
import { formatRun } from '../format/simulate';
import { parseInstallPath } from '../install-path';
import { resolveLang } from '../lang';
import { loadOneMachine } from '../profile-input';

const USAGE =
  'acs-gate simulate PATH --machine PROFILE [--file INSTALLER] [--build N | --maintenance YYYY-MM] ' +
  '[--agent-build N | --agent-maintenance YYYY-MM] [--silent] [--scope SCOPE] [--cycles N] [--lang ja|en] ' +
  '[--trace] [--json] [--trust PEM]... [--acs-root PEM]... [--crl CRL]... [--at ISO] [--state FILE] [--events-xml FILE]';

const SCOPES: readonly UpdateScope[] = ['all', 'patterns-engines-drivers', 'patterns'];

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'show what one install path does on one machine: popups, events 900 / 11708, downloads',
  usage: USAGE,
  flags: {
    machine: { kind: 'value' },
    file: { kind: 'value' },
    build: { kind: 'value' },
    maintenance: { kind: 'value' },
    'agent-build': { kind: 'value' },
    'agent-maintenance': { kind: 'value' },
    silent: { kind: 'switch' },
    scope: { kind: 'value' },
    cycles: { kind: 'value' },
    lang: { kind: 'value' },
    trace: { kind: 'switch' },
    json: { kind: 'switch' },
    trust: { kind: 'list' },
    crl: { kind: 'list' },
    'acs-root': { kind: 'list' },
    at: { kind: 'value' },
    state: { kind: 'value' },
    'events-xml': { kind: 'value' },
  },
  help: `Usage: ${USAGE}

PATH (the seed's numbering in brackets):
  server-patch [A1]  autopcc [A2]  msi [A3]  packager-exe [A4]  remote-install [A5]  agent-update [A6]
  saas-msi [S1]  saas-web-installer [S2]  saas-agent-update [S3]  sep-agent-update  pattern-update  engine-update

Options:
  --machine PROFILE         the machine: profile JSON, one-machine fleet file, or a directory of its Windows exports
  --file INSTALLER          a real PE / MSI file: the verifier judges it against this machine's trust
  --build N                 declared Apex One build of the program (ACS-signed from 12011)
  --maintenance YYYY-MM     declared SaaS maintenance of the program (ACS-signed from 2023-03)
  --agent-build N           installed agent's Apex One build (update paths)
  --agent-maintenance YYYY-MM  installed agent's SaaS maintenance (update paths)
  --silent                  packager EXE in silent mode (only the first popup)
  --scope SCOPE             update scope: all | patterns-engines-drivers | patterns (default all)
  --cycles N                update cycles to run (update paths; default 1)
  --lang ja|en              language of popups, events, reasons, warnings and remediation (default from
                            LC_ALL / LC_MESSAGES / LANG)
  --trace                   list the state machine's transitions
  --json                    the run as JSON (path, decision, reasons, popups, events, downloads, remediation, transitions)
  --trust PEM               certificates the machine's root store may name (matched by thumbprint); repeatable
  --acs-root PEM            roots that make a chain ACS (default: the bundled Microsoft root); repeatable
  --crl CRL                 a CRL (DER or PEM) the --file's revocation is judged by, offline; repeatable
  --at ISO                  simulation clock (default now)
  --state FILE              event-log memory ("event 900 logged once"): read if it exists, written after the run
  --events-xml FILE         also write the events as Windows Event XML (as wevtutil qe Application /f:xml prints)

Exit codes: 0 allowed, 1 blocked, 3 unguarded (an agent without the check would install an ACS-signed program
the machine cannot run), 2 usage or input error

Examples:
  acs-gate simulate packager-exe --machine samples/fleet/machines/pc-w10-21h2 --build 12011 --lang ja
  acs-gate simulate packager-exe --machine pc.json --file AutoPcc.exe --silent --trust test-acs-root.pem
  acs-gate simulate agent-update --machine pc.json --agent-build 11092 --build 12011 --cycles 5 --trace
  acs-gate simulate saas-agent-update --machine pc.json --agent-maintenance 2022-12 --maintenance 2023-03 --cycles 3 --json
`,
  async run(args, { io }) {
    const path = parseInstallPath(args.positionals[0]);
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
    const machineArg = args.values.get('machine');
    if (!machineArg) throw new UsageError('--machine PROFILE is required');
    const lang = resolveLang(args.values.get('lang'), io.env);
    const at = timeValue(args, 'at', io.now);
    const build = intValue(args, 'build');
    const maintenance = monthValue(args, 'maintenance');
    const agentBuild = intValue(args, 'agent-build');
    const agentMaintenance = monthValue(args, 'agent-maintenance');
    const cycles = intValue(args, 'cycles');
    const file = args.values.get('file');
    if (build !== undefined && maintenance !== undefined) throw new UsageError('give --build or --maintenance, not both');
    if (agentBuild !== undefined && agentMaintenance !== undefined) throw new UsageError('give --agent-build or --agent-maintenance, not both');
    if (file && (build !== undefined || maintenance !== undefined)) throw new UsageError('give --file or a declared --build / --maintenance, not both');
    if (cycles !== undefined && cycles < 1) throw new UsageError('--cycles must be at least 1');
    const scope = args.values.get('scope');
    if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope))
      throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}, got "${scope}"`);
    if (file && !fs.existsSync(file)) throw new CliInputError(`${file}: no such installer file`);
    const extra = loadCertificates(args.lists.get('trust') ?? []);
    const known = knownCertificates(extra, bundledAcsRoot());
    const acsRoots = args.lists.get('acs-root') ? loadCertificates(args.lists.get('acs-root')!) : undefined;
    const crls = args.lists.get('crl') ? loadCrls(args.lists.get('crl')!) : undefined;
    const statePath = args.values.get('state');
    let memory: SimulateInput['memory'];
    if (statePath && fs.existsSync(statePath)) {
      try {
        memory = parseMemory(fs.readFileSync(statePath, 'utf8'));
      } catch (e) {
        throw new CliInputError(`${statePath}: not an event-log state file (${e instanceof Error ? e.message.split('\n')[0] : e})`);
      }
    }

    const { profile } = await loadOneMachine(machineArg);
    const readiness = assessReadiness(profile, { lang });
    const artifact: Artifact = file
      ? { kind: 'file', path: file }
      : { kind: 'declared', ...(build !== undefined ? { build } : {}), ...(maintenance !== undefined ? { maintenance } : {}) };
    const input: SimulateInput = {
      machine: profile,
      readiness,
      artifact,
      at,
      lang,
      ...(agentBuild !== undefined || agentMaintenance !== undefined
        ? { agent: { ...(agentBuild !== undefined ? { build: agentBuild } : {}), ...(agentMaintenance !== undefined ? { maintenance: agentMaintenance } : {}) } }
        : {}),
      settings: { ...(args.switches.has('silent') ? { silent: true } : {}), ...(scope ? { scope: scope as UpdateScope } : {}) },
      ...(cycles !== undefined ? { cycles } : {}),
      trust: { known, ...(acsRoots ? { acsRoots } : {}), ...(crls ? { crls } : {}) },
      ...(memory ? { memory } : {}),
    };
    const run = await simulate(path, input);
    if (statePath) fs.writeFileSync(statePath, serializeMemory(run.memory));
    const xmlPath = args.values.get('events-xml');
    if (xmlPath) fs.writeFileSync(xmlPath, toEventsXml(run.events));
    if (args.switches.has('json')) io.stdout(JSON.stringify(run, null, 2) + '\n');
    else io.stdout(formatRun(run, readiness, lang, { trace: args.switches.has('trace'), pathLabel: INSTALL_PATHS[path]?.label }));
    return run.decision === 'allowed' ? EXIT.OK : run.decision === 'blocked' ? EXIT.NEGATIVE : EXIT.UNGUARDED;
  },
};
