/** acs-gate simulate PATH --machine PROFILE: what one install path does on one machine (popups, events, downloads). */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { writeFileAtomic } from '../../report/sink';
import { checkRegularFile } from '../io';
import { readState, withState } from '../state-file';
import { assessReadiness } from '../../endpoint/readiness';
import { remediationSources } from '../../endpoint/remediation';
import { INSTALL_PATHS } from '../../installers/paths';
import { simulate } from '../../installers/simulate';
import { programBuildOf, type ProgramBuild } from '../../installers/program-build';
import type { Artifact, Decision, SimulateInput, UpdateScope } from '../../installers/types';
import { applyAssumptions, ASSUMPTION_LABELS } from '../../report/assumptions';
import { assumeFlags, assumptionsFrom } from '../assume';
import { toEventsXml } from '../../eventlog/render';
import { intValue, monthValue, refuseFlags, timeValue, timeZoneValue } from '../args';
import { bundledAcsRoot } from '../../authenticode/trust/certificates';
import { knownCertificates, loadCertificates, loadCrls } from '../certs';
import { EXIT, commandHelp, commandSummary, type Command } from '../command';
import { CliInputError, UsageError } from '../errors';
import { formatRun } from '../format/simulate';
import { escapeText, escapeText as esc } from '../../text/escape';
import { modulesNeedingAcs } from '../../authenticode/deep/needs-acs';
import type { Tri } from '../../endpoint/types';
import { parseInstallPath } from '../install-path';
import { resolveLang, type Lang } from '../lang';
import { loadOneMachine } from '../profile-input';
import { ENDPOINT_FLAGS, endpointOptions } from '../endpoint-options';

const USAGE =
  'acs-gate simulate PATH --machine PROFILE [--file INSTALLER] [--build N | --maintenance YYYY-MM] ' +
  '[--agent-build N | --agent-maintenance YYYY-MM] [--silent] [--scope SCOPE] [--cycles N] [--lang ja|en] ' +
  '[--display-path PATH] [--trace] [--json] [--trust PEM]... [--acs-root PEM]... [--crl CRL]... [--at ISO] [--tz ZONE] [--state FILE] ' +
  '[--events-xml FILE] [--assume-online] [--assume-root-auto-update] [--accept-kb KB]... [--policy FILE]';

/** "build 12011 (from FileVersion 14.0.0.12011 in the version resource)" / "build 12011 (--build)" / "build unknown (…)". */
function programLine(p: ProgramBuild, lang: Lang): string {
  const what = p.build !== null ? `build ${p.build}` : p.maintenance !== undefined ? `maintenance ${p.maintenance}` : null;
  const detail = escapeText(p.detail);
  if (lang === 'ja') {
    const whatJa = p.build !== null ? `ビルド ${p.build}` : p.maintenance !== undefined ? `定期メンテナンス ${p.maintenance}` : null;
    const detailJa = escapeText(p.detailJa);
    if (p.source === 'flag') return `${whatJa} (${detailJa} で指定)`;
    if (p.source === 'version-resource') return `${whatJa} (${detailJa})`;
    return `ビルド不明 (${detailJa})`;
  }
  if (p.source === 'flag') return `${what} (from ${detail})`;
  if (p.source === 'version-resource') return `${what} (from ${detail})`;
  return `build unknown (${detail})`;
}

const SCOPES: readonly UpdateScope[] = ['all', 'patterns-engines-drivers', 'patterns'];
/** The paths that run over update cycles (the only ones --cycles, --scope, --agent-build / --agent-maintenance apply to). */
const UPDATE_PATH_IDS = ['agent-update', 'saas-agent-update', 'sep-agent-update'] as const;

/** simulate's exit code per decision (README "Exit codes"). */
export const SIMULATE_EXIT: Record<Decision, number> = {
  allowed: EXIT.OK,
  blocked: EXIT.NEGATIVE,
  unguarded: EXIT.UNGUARDED,
  unknown: EXIT.UNKNOWN,
};

/**
 * The modules of the --file that need ACS support, against this machine (our wording; the seed has none):
 * refused when the machine lacks ACS support (for a guarded path: what the guard keeps from being installed),
 * refused if it lacks it when that is unknown.
 */
export function modulesLine(modules: string[], ready: Tri, decision: Decision, lang: Lang): string {
  const list = modules.map((m) => esc(m)).join(', ');
  const guarded = decision === 'blocked';
  if (lang === 'ja') {
    if (ready === false)
      return guarded
        ? `ACS 非対応のこのマシンで読み込みを拒否されるモジュール (インストールは止められます): ${modules.length} 件: ${list}`
        : `ACS 非対応のこのマシンで読み込みを拒否されるモジュール: ${modules.length} 件: ${list}`;
    if (ready === 'unknown') return `ACS 対応が必要なモジュール (このマシンが非対応なら読み込みを拒否されます): ${modules.length} 件: ${list}`;
    return `ACS 対応が必要なモジュール (このマシンは対応済み): ${modules.length} 件: ${list}`;
  }
  if (ready === false)
    return guarded
      ? `Modules that would be refused on this machine without ACS support (the guard stops the install): ${modules.length}: ${list}`
      : `Modules that will be refused on this machine without ACS support: ${modules.length}: ${list}`;
  if (ready === 'unknown') return `Modules that need ACS support (refused if this machine lacks it): ${modules.length}: ${list}`;
  return `Modules that need ACS support (this machine has it): ${modules.length}: ${list}`;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: commandSummary('simulate', 'en'),
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
    'display-path': { kind: 'value' },
    tz: { kind: 'value' },
    ...assumeFlags,
    'accept-kb': ENDPOINT_FLAGS['accept-kb'],
    policy: ENDPOINT_FLAGS.policy,
  },
  help: commandHelp('simulate', 'en', { usage: USAGE }),
  helpJa: commandHelp('simulate', 'ja', { usage: USAGE }),
  async run(args, { io }) {
    const path = parseInstallPath(args.positionals[0]);
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
    if (path !== 'packager-exe') refuseFlags(args, ['silent'], `${path} (only packager-exe has a silent mode)`);
    if (!(UPDATE_PATH_IDS as readonly string[]).includes(path))
      refuseFlags(args, ['cycles', 'scope', 'agent-build', 'agent-maintenance'], `${path} (update paths only: ${UPDATE_PATH_IDS.join(', ')})`);
    const machineArg = args.values.get('machine');
    if (!machineArg) throw new UsageError('--machine PROFILE is required');
    const lang = resolveLang(args.values.get('lang'), io.env, io);
    const at = timeValue(args, 'at', io.now);
    const build = intValue(args, 'build');
    const maintenance = monthValue(args, 'maintenance');
    const agentBuild = intValue(args, 'agent-build');
    const agentMaintenance = monthValue(args, 'agent-maintenance');
    const cycles = intValue(args, 'cycles');
    const file = args.values.get('file');
    const displayPath = args.values.get('display-path');
    const timeZone = timeZoneValue(args, io.env);
    const assume = assumptionsFrom(args);
    if (build !== undefined && maintenance !== undefined) throw new UsageError('give --build or --maintenance, not both');
    if (agentBuild !== undefined && agentMaintenance !== undefined) throw new UsageError('give --agent-build or --agent-maintenance, not both');
    const scope = args.values.get('scope');
    if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope))
      throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}, got "${scope}"`);
    if (file) {
      if (!fs.existsSync(file)) throw new CliInputError(`${file}: no such installer file`);
      checkRegularFile(file, 'installer', { flag: '--file' });
    }
    const statePath = args.values.get('state');
    const xmlPath = args.values.get('events-xml');
    if (statePath && xmlPath && nodePath.resolve(statePath) === nodePath.resolve(xmlPath)) throw new UsageError('--state and --events-xml name the same file');
    // a directory is an input error before anything runs, not a stray "error:" after it
    if (xmlPath && fs.existsSync(xmlPath) && fs.statSync(xmlPath).isDirectory()) throw new CliInputError(`${xmlPath}: a directory (--events-xml needs the path of the file to write)`);
    const extra = loadCertificates(args.lists.get('trust') ?? []);
    const known = knownCertificates(extra, bundledAcsRoot());
    const acsRoots = args.lists.get('acs-root') ? loadCertificates(args.lists.get('acs-root')!) : undefined;
    const crls = args.lists.get('crl') ? loadCrls(args.lists.get('crl')!) : undefined;
    // a bad state file is named before anything runs (read again under its lock for the run)
    if (statePath) readState(statePath);

    const { acceptKbs } = endpointOptions(args, io.cwd);
    const loaded = await loadOneMachine(machineArg);
    const { profile, assumed } = applyAssumptions(loaded.profile, assume);
    const readiness = assessReadiness(profile, { lang, acceptKbs });
    // with a real file, the program's build is the flag's when given, else the file's version resource
    const program = file
      ? await programBuildOf(file, { ...(build !== undefined ? { build } : {}), ...(maintenance !== undefined ? { maintenance } : {}) })
      : undefined;
    const artifact: Artifact = file
      ? {
          kind: 'file',
          path: file,
          ...(displayPath ? { displayPath } : {}),
          ...(program?.build != null ? { build: program.build } : {}),
          ...(program?.maintenance !== undefined ? { maintenance: program.maintenance } : {}),
        }
      : {
          kind: 'declared',
          ...(build !== undefined ? { build } : {}),
          ...(maintenance !== undefined ? { maintenance } : {}),
          ...(displayPath ? { path: displayPath } : {}),
        };
    const input = (memory: SimulateInput['memory']): SimulateInput => ({
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
    });
    // the state is read, the run made and the state replaced under the state file's lock
    const run = statePath
      ? await withState(statePath, async (memory) => {
          const r = await simulate(path, input(memory));
          return { result: r, memory: r.memory };
        })
      : await simulate(path, input(undefined));
    if (xmlPath) writeFileAtomic(xmlPath, toEventsXml(run.events));
    // with a real file: the modules inside it that need ACS support, and whether this machine refuses them
    const needs = file ? await modulesNeedingAcs(file, { at, known, ...(acsRoots ? { acsRoots } : {}), ...(crls ? { crls } : {}) }).catch(() => null) : null;
    const modulesNeedingAcsOut = needs
      ? { modules: needs.modules, machineAcsSupport: readiness.ready, refused: readiness.ready === false ? needs.modules : [], truncated: needs.truncated }
      : undefined;
    if (args.switches.has('json'))
      io.stdout(
        JSON.stringify({ ...run, remediationSource: remediationSources(run.remediation), ...(assumed.length ? { assumed } : {}), ...(program ? { program } : {}), ...(modulesNeedingAcsOut ? { modulesNeedingAcs: modulesNeedingAcsOut } : {}) }, null, 2) + '\n',
      );
    else {
      io.stdout(
        formatRun(run, readiness, lang, {
          trace: args.switches.has('trace'),
          pathLabel: INSTALL_PATHS[path]?.label,
          timeZone,
          assumptions: assumed.map((f) => ASSUMPTION_LABELS[f][lang]),
          ...(program ? { program: programLine(program, lang) } : {}),
        }),
      );
      if (needs && needs.modules.length > 0) io.stdout(modulesLine(needs.modules, readiness.ready, run.decision, lang) + '\n');
    }
    return SIMULATE_EXIT[run.decision];
  },
};
