/**
 * Generates docs/behavior.md — the behaviour matrix of every install path — by RUNNING the machines
 * (simulate()), never by hand. `--check` exits 1 when docs/behavior.md is stale (CI runs it through
 * tests/installers/behavior-doc.test.ts).
 *
 *   npx ts-node --transpile-only scripts/gen-behavior.ts          # rewrite docs/behavior.md
 *   npx ts-node --transpile-only scripts/gen-behavior.ts --check  # exit 1 when stale
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MachineProfile } from '../src/endpoint/profile';
import type { Readiness } from '../src/endpoint/types';
import { CATALOG, MESSAGE_IDS, textSourceOf } from '../src/messages/catalog';
import { EVENT_DEFINITIONS } from '../src/eventlog/sources';
import { INSTALL_PATHS } from '../src/installers/paths';
import { simulate } from '../src/installers/simulate';
import { createActor, waitFor } from 'xstate';
import { emptyMemory } from '../src/eventlog/memory';
import type { InstallerContext, UpdateContext } from '../src/installers/context';
import { INSTALLER_MACHINES, acsCheckActor, agentProgramUpdateMachine, type InstallerPath } from '../src/installers/machines';
import type { InstallPath, PathRun, SimulateInput, SimulateSettings } from '../src/installers/types';

/** The repository root: the nearest directory upward holding package.json (works from scripts/ and dist/scripts/). */
function repoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export const BEHAVIOR_DOC = join(repoRoot(__dirname), 'docs', 'behavior.md');
const AT = new Date('2026-11-26T09:00:00.000Z');

type StateName = 'ready' | 'OS patch missing' | 'root missing' | 'unknown';

function readinessFor(state: StateName): Readiness {
  const base = { name: 'PC01', role: 'endpoint' as const, remediation: [] as string[] };
  switch (state) {
    case 'ready':
      return { ...base, ready: true, os: { supported: true, line: 'Windows 10 22H2' }, root: { trusted: true, via: 'store' }, reasons: [] };
    case 'OS patch missing':
      return {
        ...base,
        ready: false,
        os: { supported: false, line: 'Windows 10 21H2', requiredKbs: ['KB5011487'] },
        root: { trusted: true, via: 'store' },
        reasons: [{ code: 'OS_PATCH_MISSING', message: 'Windows 10 21H2 below 19044.1586' }],
        remediation: ['Install KB5011487'],
      };
    case 'root missing':
      return {
        ...base,
        ready: false,
        os: { supported: true, line: 'Windows 10 22H2' },
        root: { trusted: false, via: null },
        reasons: [{ code: 'ROOT_NOT_TRUSTED', message: 'root absent; automatic root update off' }],
        remediation: ['certutil -addstore Root microsoft-identity-verification-root-ca-2020.cer'],
      };
    case 'unknown':
      return {
        ...base,
        ready: 'unknown',
        os: { supported: true, line: 'Windows 10 22H2' },
        root: { trusted: 'unknown', via: null },
        reasons: [{ code: 'FACT_UNKNOWN', message: 'root store not given', fact: 'rootStore' }],
      };
  }
}

const STATES: StateName[] = ['ready', 'OS patch missing', 'root missing', 'unknown'];
const MACHINE: MachineProfile = { name: 'PC01', role: 'endpoint', os: {} };

function runInput(state: StateName, over: Partial<SimulateInput>): SimulateInput {
  return { machine: MACHINE, readiness: readinessFor(state), artifact: { kind: 'declared', build: 12011 }, at: AT, ...over };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');
const code = (s: string): string => '`' + s.replace(/`/g, "'") + '`';

function popupsCell(run: PathRun): string {
  if (!run.popups.length) return '—';
  return run.popups
    .map((p) => {
      const first = [...p.text].slice(0, 22).join('');
      return `${p.id} (${p.window}) ${code(first + '…')}`;
    })
    .join(' → ');
}

function eventsCell(run: PathRun): string {
  if (!run.events.length) return '—';
  const groups: Array<{ key: string; n: number }> = [];
  for (const e of run.events) {
    const key = `${e.id} (${e.source})`;
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.n++;
    else groups.push({ key, n: 1 });
  }
  return groups.map((g) => (g.n > 1 ? `${g.key} ×${g.n}` : g.key)).join(', ');
}

function decisionCell(run: PathRun): string {
  return run.worstCase ? `**${run.decision}** (worst case: ${run.worstCase.decision})` : `**${run.decision}**`;
}

/** An unknown run's table row shows its worst case's popups, events, downloads and cycles. */
function shown(run: PathRun): PathRun {
  return run.worstCase ? { ...run, ...run.worstCase, decision: run.decision, worstCase: run.worstCase } : run;
}

const ONE_SHOT: Array<{ path: InstallPath; variants: Array<{ label: string; settings: SimulateSettings; maintenance?: boolean }> }> = [
  { path: 'server-patch', variants: [{ label: '', settings: {} }] },
  { path: 'autopcc', variants: [{ label: '', settings: {} }] },
  { path: 'msi', variants: [{ label: '', settings: {} }] },
  { path: 'packager-exe', variants: [{ label: 'normal', settings: {} }, { label: 'silent', settings: { silent: true } }] },
  { path: 'remote-install', variants: [{ label: '', settings: {} }] },
  { path: 'saas-msi', variants: [{ label: '', settings: {}, maintenance: true }] },
  { path: 'saas-web-installer', variants: [{ label: '', settings: {}, maintenance: true }] },
  {
    path: 'pattern-update',
    variants: [
      { label: 'default', settings: {} },
      { label: 'patternUpdatesBlocked', settings: { patternUpdatesBlocked: true } },
    ],
  },
  {
    path: 'engine-update',
    variants: [
      { label: 'default', settings: {} },
      { label: 'engineSignedWithAcs', settings: { engineSignedWithAcs: true } },
    ],
  },
];

const UPDATES: Array<{ path: InstallPath; agents: Array<{ label: string; agent: SimulateInput['agent'] }>; offered: SimulateInput['artifact'] }> = [
  {
    path: 'agent-update',
    agents: [
      { label: 'build 12011 (download prevention)', agent: { build: 12011 } },
      { label: 'build 11092 (< 12011)', agent: { build: 11092 } },
    ],
    offered: { kind: 'declared', build: 12012 },
  },
  {
    path: 'saas-agent-update',
    agents: [
      { label: '2023-01 (download prevention)', agent: { maintenance: '2023-01' } },
      { label: '2022-12 (no prevention)', agent: { maintenance: '2022-12' } },
    ],
    offered: { kind: 'declared', maintenance: '2023-03' },
  },
  {
    path: 'sep-agent-update',
    agents: [
      { label: '2023-01 (download prevention)', agent: { maintenance: '2023-01' } },
      { label: '2022-12 (no prevention)', agent: { maintenance: '2022-12' } },
    ],
    offered: { kind: 'declared', maintenance: '2023-03' },
  },
];

const DECISIONS = `## Documented decisions

Where the seed leaves a point open, the simulator decides as follows (see also the spec's **decision** notes).

1. **Readiness \`unknown\`** (a fact needed for the verdict is missing from the profile): the decision is
   \`unknown\` (never "blocked", never "allowed"), with \`worstCase\` holding what happens when the missing fact
   turns out unfavourable — its decision and the popups, events and downloads that would appear — the
   \`FACT_UNKNOWN\` reasons naming the missing facts, and the commands that collect them. The tables below show
   the worst case's popups and events for such runs. \`acs-gate simulate\` exits 4 for \`unknown\`.
2. **Programs that are not ACS-signed** (declared build < 12011, or maintenance < 2023-03; a real file whose
   valid chain does not end at an ACS root) are judged on their own chain and are not blocked for lack of ACS
   support (\`NOT_ACS_SIGNED\`, informational).
3. **Declared artifacts without build or maintenance** are assumed ACS-signed (a warning says so).
4. **One verifier call per decision**: every machine invokes the ACS check itself, as its \`acsCheck\` actor
   (from its checking state; the update machine in each cycle that downloads the program); \`simulate()\`
   provides the real check, which calls the verifier once per one-shot run and once per machine state over
   update cycles (the machine may change between cycles via \`changes\`). A real file holds when the verdict
   is \`valid\` and (it is not ACS, or Windows on the machine supports ACS). When the verdict under the
   machine's trust is not \`valid\`, the check asks once more under every root the run knows (the known
   certificates and the ACS roots), unless the machine already trusts them all: that tells a machine lacking
   the root (decision 10 does not apply) from the file's own failure (decision 10).
5. **Agent program updates** (spec section 5): scope other than \`all\` → decision \`blocked\` with reason
   \`SCOPE_EXCLUDES_PROGRAM\` (the program does not go in; patterns still update). Event 900 is logged once
   per machine for agents with download prevention, kept in the \`memory\` a caller persists; once the
   program installs, that entry is cleared so a later program failing logs again. SaaS ≤ 2022-12 agents log
   event 900 every cycle (no prevention) and carry the "may not be blocked at all" warning. Apex One agents
   below 12011 → \`unguarded\` with the FAQ's risk and the remediation to set the scope to
   \`patterns-engines-drivers\` until the machine meets ACS. An agent build that is not given is assumed to
   have download prevention (a warning says so). Vision One SEP agents follow the SaaS rows.
6. **Cycle timing**: cycle *k* runs at \`at + (k−1) × cycleIntervalMinutes\` (default 60, our assumption);
   event times come from this clock only.
7. **Our assumptions, marked in the catalog**: the wording of M-SERVER-PATCH and M-REMOTE-INSTALL
   ("wording not published; ours"), the M-NOACS / M-SERVER-PATCH / M-REMOTE-INSTALL window titles, the
   source name (\`${EVENT_DEFINITIONS['E-900'].source}\`) and level (${EVENT_DEFINITIONS['E-900'].level}) of event 900, the English
   translations of M-NOACS and E-900, and the illustrative default file paths (the agent's download folder
   \`AU_Data\\AU_Temp\`, installer names) used when a declared artifact gives no path.
8. **Pattern and engine updates** show no popup and log no event when blocked by their setting: nothing is
   published about what the agent shows then.
9. **The ACS check fails** (the \`acsCheck\` actor rejects — a remote verifier unreachable, an unreadable
   trust certificate, a malformed declared maintenance month — or answers without a boolean \`holds\`):
   a check that did not answer has established neither "holds" nor "does not hold". A one-shot machine ends in
   \`acsCheckFailed\`: nothing installed, **no decision** (\`decision: null\`, \`checkError\` says why), and
   none of the ACS popups or events, whose texts tell the user the machine does not support ACS — nobody
   established that, and the remediation they lead to (install KB5022661's update, add the root) would be
   wrong advice (what Apex One itself shows when its check cannot run is not published; this is our
   decision). In the update machine the cycle ends \`check-failed\`: the program was downloaded, is not
   installed, event 900 is not logged (and the "logged once" memory is unchanged), and the agent tries again
   at the next cycle as after any failed update; the run has no decision while the last download ended so.
   \`simulate()\` rejects with the check's own error (the CLI reports it as an error): it never reports such
   a run as \`allowed\` nor as \`blocked\`. The section "When the ACS check fails" above is generated by
   running each machine with such a check.
10. **The installer's own signature fails** (a real file whose verdict is not \`valid\` even under every root
   the run knows: tampered, unsigned, malformed, signed by a private PKI not given with \`--trust\`, a
   timestamp that does not verify): this is not about the machine's ACS support, so it is judged the same on
   every machine, ready or not, and never \`unknown\`: decision **\`blocked\`** with reason
   \`INSTALLER_INVALID\` (evidence: the verdict and failure codes under every known root, and under the
   machine's trust), the run's \`installerInvalid\` field, and the remediation "obtain the installer again
   (\`--trust\` for a private test PKI)". The machine shows **none of the FAQ's popups and logs none of its
   events** (end state \`installerRejected\`; in the update machine the cycle ends \`blocked\` without event
   900, the "logged once" memory unchanged, also for agents without the check): the FAQ gives them for a
   machine that does not meet ACS, and what Windows and the agent show for a file whose own signature fails
   is not in it, so nothing is invented. \`acs-gate fleet\` says so once at the top (\`summary.installerProblems\`,
   \`perPath[].blockedByInstaller\`, \`verifications[].installerInvalid\`) and \`acs-gate simulate --file\`
   at the top of its output. The section "When the installer's own signature fails" above is generated by
   running each machine with a check that answers so.
11. **The installer's chain ends at a root the ACS readiness model does not cover** (a real file that is
   \`valid\` under every root the run knows but not under the machine's trust, and whose chain there either
   does not end at an ACS root — a private test PKI given with \`--trust\` alone — or ends at an ACS root
   other than the one the readiness judged a ready machine on, e.g. \`--acs-root\` without \`--trust\`):
   the readiness model says nothing about that root, so the outcome is not the machine's ACS support. Our
   inference (the reason carries \`source: 'inferred'\`): the signature does not verify on that machine,
   decision **\`blocked\`** with reason \`ROOT_NOT_COVERED\` (evidence: the root's subject, whether the chain
   is ACS, the verdict and codes under the machine's trust), the run's \`rootNotCovered\` field and the
   remediation "name the root with \`--acs-root\` and \`--trust\` for a private test PKI, else give it with
   \`--trust\` so the machines' Root stores can name it, or obtain the installer again"; **\`unknown\`**
   (worst case \`blocked\`) when the machine's Root store is not known. The machine shows none of the FAQ's
   popups and events (end state \`installerRejected\`, as in decision 10: what Windows and the agent show
   then is not in the FAQ). An ACS-chained file on a machine that is not ready stays an ACS matter (the FAQ's
   popups). \`acs-gate fleet\` says so once at the top (\`summary.rootProblems\`, \`perPath[].blockedByRoot\`,
   \`verifications[].rootNotCovered\`), apart from the installer-invalid notice, and \`acs-gate simulate
   --file\` at the top of its output.
`;

/** Runs every machine with a check that rejects (and the update machine with mixed answers): section "When the ACS check fails". */

/** Each one-shot installer machine run to its end with the given ACS check (the same input for every path). */
async function runEachInstaller(acsCheck: unknown): Promise<Array<{ path: InstallerPath; snap: { value: unknown }; ctx: InstallerContext }>> {
  const out: Array<{ path: InstallerPath; snap: { value: unknown }; ctx: InstallerContext }> = [];
  for (const path of Object.keys(INSTALLER_MACHINES) as InstallerPath[]) {
    const machine = INSTALLER_MACHINES[path].provide({ actors: { acsCheck: acsCheck as never } });
    const actor = createActor(machine, {
      input: {
        lang: 'ja', computer: 'PC01', displayPath: INSTALL_PATHS[path].defaultDisplayPath, patch: 'KB5011487', at: AT.toISOString(),
        silent: false, patternUpdatesBlocked: true, engineSignedWithAcs: true, memory: emptyMemory(),
      },
    }).start();
    const snap = await waitFor(actor, (x) => x.status === 'done');
    out.push({ path, snap, ctx: snap.context as InstallerContext });
  }
  return out;
}

async function checkFailureSection(): Promise<string> {
  const failing = acsCheckActor(async () => {
    throw new Error('verifier unreachable');
  });
  const rows: string[] = [
    '## When the ACS check fails',
    '',
    'Each machine run with an `acsCheck` actor that rejects (settings that subject pattern and engine updates',
    'to the check turned on); for the update machine, the check answers in each cycle as listed.',
    '',
    '| path | answers | end state | decision | cycles | popups | events |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { path, snap, ctx } of await runEachInstaller(failing)) {
    rows.push(`| \`${path}\` | error | \`${String(snap.value)}\` | ${ctx.decision ?? 'none'} | — | ${ctx.popups.length ? ctx.popups.map((p) => p.id).join(' → ') : '—'} | ${ctx.events.length ? ctx.events.map((e) => e.id).join(', ') : '—'} |`);
  }
  const sequences: Array<Array<boolean | 'error'>> = [['error', 'error'], ['error', true], [false, 'error']];
  for (const answers of sequences) {
    let asked = 0;
    const machine = agentProgramUpdateMachine.provide({
      actors: {
        acsCheck: acsCheckActor(async () => {
          const a = answers[asked++];
          if (a === 'error' || a === undefined) throw new Error('verifier unreachable');
          return { holds: a };
        }),
      },
    });
    const actor = createActor(machine, {
      input: { lang: 'ja', computer: 'PC01', downloadPath: INSTALL_PATHS['saas-agent-update'].defaultDisplayPath, agentClass: 'repeat-download', scope: 'all', memory: emptyMemory() },
    }).start();
    for (let k = 0; k < answers.length; k++) {
      actor.send({ type: 'CYCLE_STARTED', time: new Date(AT.getTime() + k * 3_600_000).toISOString(), ready: false });
      await waitFor(actor, (x) => x.matches('waitingForUpdateCycle'));
    }
    actor.send({ type: 'UPDATES_STOPPED' });
    const ctx = actor.getSnapshot().context as UpdateContext;
    const label = answers.map((a) => (a === 'error' ? 'error' : a ? 'holds' : 'does not hold')).join(', ');
    rows.push(`| \`saas-agent-update\` (2022-12), machine not ready | ${label} | \`updatesStopped\` | ${ctx.decision ?? 'none'} | ${ctx.cycles.map((c) => c.outcome).join(' → ')} | — | ${ctx.events.length ? ctx.events.map((e) => e.id).join(', ') : '—'} |`);
  }
  rows.push('');
  return rows.join('\n');
}

/** Runs every machine with a check that answers "the installer's own signature fails": section "When the installer's own signature fails". */
async function installerInvalidSection(): Promise<string> {
  const invalid = acsCheckActor(async () => ({ holds: false, installerInvalid: true }));
  const rows: string[] = [
    "## When the installer's own signature fails",
    '',
    'Each machine run with an `acsCheck` actor that answers `{ holds: false, installerInvalid: true }` (settings',
    'that subject pattern and engine updates to the check turned on; the update machine over 2 cycles).',
    '',
    '| path | end state | decision | cycles | popups | events |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { path, snap, ctx } of await runEachInstaller(invalid)) {
    rows.push(`| \`${path}\` | \`${String(snap.value)}\` | ${ctx.decision ?? 'none'} | — | ${ctx.popups.length ? ctx.popups.map((p) => p.id).join(' → ') : '—'} | ${ctx.events.length ? ctx.events.map((e) => e.id).join(', ') : '—'} |`);
  }
  for (const agentClass of ['download-prevention', 'repeat-download', 'no-check'] as const) {
    const machine = agentProgramUpdateMachine.provide({ actors: { acsCheck: invalid } });
    const actor = createActor(machine, {
      input: { lang: 'ja', computer: 'PC01', downloadPath: INSTALL_PATHS['agent-update'].defaultDisplayPath, agentClass, scope: 'all', memory: emptyMemory() },
    }).start();
    for (let k = 0; k < 2; k++) {
      actor.send({ type: 'CYCLE_STARTED', time: new Date(AT.getTime() + k * 3_600_000).toISOString(), ready: true });
      await waitFor(actor, (x) => x.matches('waitingForUpdateCycle'));
    }
    actor.send({ type: 'UPDATES_STOPPED' });
    const ctx = actor.getSnapshot().context as UpdateContext;
    rows.push(`| \`agent-update\` (${agentClass}) | \`updatesStopped\` | ${ctx.decision ?? 'none'} | ${ctx.cycles.map((c) => c.outcome).join(' → ')} | — | ${ctx.events.length ? ctx.events.map((e) => e.id).join(', ') : '—'} |`);
  }
  rows.push('');
  return rows.join('\n');
}

function catalogSection(): string {
  const rows = MESSAGE_IDS.map((id) => {
    const m = CATALOG[id];
    const where = m.kind === 'popup' ? `popup (${m.window})` : `event ${m.eventId}`;
    return `| ${id} | ${where} | ${m.provenance.ja} | ${m.provenance.en} | ${m.titleProvenance ?? '—'} | ${textSourceOf(m.provenance.ja)} |`;
  });
  return [
    '## Messages',
    '',
    'Texts live in `src/messages/catalog.ts`; provenance per language: `seed` (byte for byte from the seed), `official`',
    '(Microsoft\'s text), `translation` (ours, of a Japanese text), `ours` (wording not published; ours).',
    '',
    'The last column is the `source` a run gives the Japanese text: `faq` only for the Q&A\'s own text; titles, English',
    'texts, event sources and levels and example paths are `inferred` (issue 18.3; tests/messages/faq-source.test.ts).',
    '',
    '| id | where | ja | en | title | source (ja) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export async function generateBehaviorDoc(): Promise<string> {
  const out: string[] = [
    '# Behaviour matrix',
    '',
    '<!-- Generated by scripts/gen-behavior.ts from the install-path machines. Do not edit by hand:',
    '     run `npx ts-node --transpile-only scripts/gen-behavior.ts` (CI checks it is current). -->',
    '',
    'Every row is a real run of `simulate()` (src/installers/simulate.ts) with a declared artifact (Apex One',
    'build 12012 or 12011, SaaS maintenance 2023-03: ACS-signed), Japanese texts, popups clicked [OK] in order.',
    'Machine states: **ready** (meets ACS); **OS patch missing** (Windows 10 21H2 below 19044.1586, KB5011487',
    'absent); **root missing** (root not in the store, automatic root update off); **unknown** (root store not',
    'given).',
    '',
    '## Installs and one-shot updates',
    '',
    '| # | path | variant | machine | decision | popups, in order | events | downloads |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { path, variants } of ONE_SHOT) {
    for (const v of variants) {
      for (const state of STATES) {
        const artifact: SimulateInput['artifact'] = v.maintenance ? { kind: 'declared', maintenance: '2023-03' } : { kind: 'declared', build: 12011 };
        const run = shown(await simulate(path, runInput(state, { artifact, settings: v.settings })));
        out.push(
          `| ${INSTALL_PATHS[path].label} | \`${path}\` | ${v.label || '—'} | ${state} | ${decisionCell(run)} | ${cell(popupsCell(run))} | ${eventsCell(run)} | ${run.downloads} |`,
        );
      }
    }
  }
  out.push(
    '',
    '## Agent program updates over 3 cycles (scope `all`)',
    '',
    'Per cycle: `installed`, `installed-unguarded`, `blocked` (downloaded, check failed), `periodic-check-only`',
    '(no download), `patterns-only`, `up-to-date`.',
    '',
    '| # | path | agent | machine | decision | cycles | downloads | events |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const { path, agents, offered } of UPDATES) {
    for (const a of agents) {
      for (const state of STATES) {
        const run = shown(await simulate(path, runInput(state, { artifact: offered, ...(a.agent ? { agent: a.agent } : {}), cycles: 3 })));
        const cycles = run.cycles!.map((c) => c.outcome).join(' → ');
        out.push(
          `| ${INSTALL_PATHS[path].label} | \`${path}\` | ${a.label} | ${state} | ${decisionCell(run)} | ${cycles} | ${run.downloads} | ${eventsCell(run)} |`,
        );
      }
    }
  }
  out.push('', '## Agent program updates: scope and a machine patched between cycles', '', '| case | decision | cycles | downloads | events |', '| --- | --- | --- | --- | --- |');
  const special: Array<[string, InstallPath, SimulateInput]> = [
    ['A6, build 12011, OS patch missing, scope `patterns-engines-drivers`, 3 cycles', 'agent-update', runInput('OS patch missing', { agent: { build: 12011 }, settings: { scope: 'patterns-engines-drivers' }, cycles: 3 })],
    ['A6, build 11092, OS patch missing, scope `patterns-engines-drivers`, 3 cycles', 'agent-update', runInput('OS patch missing', { agent: { build: 11092 }, settings: { scope: 'patterns-engines-drivers' }, cycles: 3 })],
    ['S3, 2023-01, root missing, scope `patterns`, 3 cycles', 'saas-agent-update', runInput('root missing', { agent: { maintenance: '2023-01' }, artifact: { kind: 'declared', maintenance: '2023-03' }, settings: { scope: 'patterns' }, cycles: 3 })],
    ['A6, build 12011, OS patch missing, patched from cycle 4, 5 cycles', 'agent-update', runInput('OS patch missing', { agent: { build: 12011 }, artifact: { kind: 'declared', build: 12012 }, cycles: 5, changes: [{ fromCycle: 4, readiness: readinessFor('ready') }] })],
    ['S3, 2022-12, OS patch missing, patched from cycle 3, 4 cycles', 'saas-agent-update', runInput('OS patch missing', { agent: { maintenance: '2022-12' }, artifact: { kind: 'declared', maintenance: '2023-03' }, cycles: 4, changes: [{ fromCycle: 3, readiness: readinessFor('ready') }] })],
  ];
  for (const [label, path, input] of special) {
    const run = shown(await simulate(path, input));
    out.push(`| ${label} | ${decisionCell(run)} | ${run.cycles!.map((c) => c.outcome).join(' → ')} | ${run.downloads} | ${eventsCell(run)} |`);
  }
  out.push('', await checkFailureSection(), await installerInvalidSection(), catalogSection(), DECISIONS);
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const doc = await generateBehaviorDoc();
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(BEHAVIOR_DOC, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== doc) {
      process.stderr.write('docs/behavior.md is stale: run `npx ts-node --transpile-only scripts/gen-behavior.ts`\n');
      return 1;
    }
    return 0;
  }
  writeFileSync(BEHAVIOR_DOC, doc);
  process.stdout.write(`wrote ${BEHAVIOR_DOC}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(2);
    },
  );
}
