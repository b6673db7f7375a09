/**
 * simulate(path, input): runs one install path's machine to completion and returns what the user and the
 * event log would see. The machine invokes the ACS check itself (its `acsCheck` actor); simulate() only
 * provides the real one (src/installers/acs-check.ts through the verifier seam: one verifier call per
 * decision, i.e. once per run, once per machine state over update cycles) and clicks [OK] on every popup.
 * When the check throws, simulate() rejects with that error: the machine ended undecided (docs/behavior.md).
 */
import { emptyMemory } from '../eventlog/memory';
import type { Readiness } from '../endpoint/types';
import type { MachineProfile } from '../endpoint/profile';
import { parseProfile } from '../endpoint/parse-profile';
import { assessReadiness } from '../endpoint/readiness';
import type { Lang } from '../messages/catalog';
import { checkArtifact, type AcsOutcome } from './acs-check';
import { classifyAgent } from './agent-class';
import type { AcsCheckRequest, InstallerContext, InstallerInput, UpdateContext, UpdateInput } from './context';
import { waitFor, type AnyActorRef, type AnyMachineSnapshot } from 'xstate';
import { INSTALLER_MACHINES, UPDATE_MACHINES, type InstallerPath, type UpdatePath } from './machines';
import { TAGS, acsCheckActor } from './machines/setup';
import { AGENT_DOWNLOAD_DIR, endpointPathOf, INSTALL_PATHS, isInstallPath } from './paths';
import { startRecorded } from './record';
import type { InstallPath, PathRun, Product, ResolvedSimulateInput, RunReason, SimulateInput } from './types';
import { defaultVerifier, type AcsVerifier } from './verifier';
import { installerText, textLangOf } from './texts';
import { fileNameOf } from '../messages/catalog';
import { withUnknownDecision } from './decision';
import { readableFile } from '../endpoint/readable-file';


/** Options of simulate(). */
export interface SimulateOptions {
  /** the verifier seam (default: the real verifyFile and machineTrustAnchors) */
  verifier?: AcsVerifier;
}

/** The Windows update(s) a machine needs, for our own popups' {パッチ}. */
export function patchText(readiness: Readiness, lang: Lang): string {
  const kbs = readiness.os.requiredKbs ?? [];
  if (readiness.os.supported !== true && kbs.length > 0) return kbs.join(lang === 'ja' ? ' または ' : ' or ');
  return lang === 'ja' ? 'KB5022661 に記載の更新プログラム' : 'the update KB5022661 lists for this Windows version';
}

function displayPathOf(path: InstallPath, input: ResolvedSimulateInput): string {
  const a = input.artifact;
  if (a.kind === 'file') {
    if (a.displayPath) return a.displayPath;
    // never the local path the file was read from: the endpoint sees it where this install path puts it
    return INSTALL_PATHS[path].cyclic ? `${AGENT_DOWNLOAD_DIR}\\${fileNameOf(a.path)}` : endpointPathOf(path, a.path);
  }
  return a.path ?? INSTALL_PATHS[path].defaultDisplayPath;
}

/** PathRun.examplePath: the shown path when it is illustrative (the caller gave none), else nothing. */
function examplePathOf(path: InstallPath, input: ResolvedSimulateInput): Pick<PathRun, 'examplePath'> {
  const a = input.artifact;
  const given = a.kind === 'file' ? a.displayPath !== undefined : a.path !== undefined;
  return given ? {} : { examplePath: displayPathOf(path, input) };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/**
 * The language of the texts this layer writes (reasons, warnings, remediation): the run's `lang` when given,
 * else English as before (popups and events keep their own default, 'ja').
 */
function textLang(input: ResolvedSimulateInput) {
  return textLangOf(input.lang);
}

function check(path: InstallPath, input: ResolvedSimulateInput, machine: MachineProfile, readiness: Readiness, at: Date, verifier: AcsVerifier): Promise<AcsOutcome> {
  const s = input.settings ?? {};
  const forceAcsSigned =
    (path === 'pattern-update' && s.patternUpdatesBlocked === true) || (path === 'engine-update' && s.engineSignedWithAcs === true);
  return checkArtifact(
    {
      artifact: input.artifact,
      machine,
      readiness,
      at,
      ...(input.trust?.known ? { known: input.trust.known } : {}),
      ...(input.trust?.acsRoots ? { acsRoots: input.trust.acsRoots } : {}),
      ...(input.trust?.crls ? { crls: input.trust.crls } : {}),
      forceAcsSigned,
      lang: textLang(input),
    },
    verifier,
  );
}

/**
 * Drives a machine until it ends or waits for the next update cycle: the `acsCheck` actor it invoked is
 * awaited, every popup is answered with [OK]. A machine that waits for anything else is a bug (thrown).
 */
async function settle(path: InstallPath, actor: AnyActorRef, idle: (snap: AnyMachineSnapshot) => boolean): Promise<void> {
  for (let step = 0; ; step++) {
    const snap = actor.getSnapshot() as AnyMachineSnapshot;
    if (snap.status === 'done' || idle(snap)) return;
    if (snap.status === 'error') throw snap.error;
    if (step > 16) throw new Error(`${path}: machine does not finish (in ${JSON.stringify(snap.value)})`);
    if (snap.hasTag(TAGS.awaitingAcsCheck)) {
      await waitFor(actor, (s: AnyMachineSnapshot) => s.status !== 'active' || !s.hasTag(TAGS.awaitingAcsCheck));
    } else if (snap.hasTag(TAGS.popup)) {
      actor.send({ type: 'OK_CLICKED' });
    } else {
      throw new Error(`${path}: machine waits in ${JSON.stringify(snap.value)} for nothing the simulator sends`);
    }
  }
}

/**
 * The machine's `acsCheck` actor answered by the real check (checkArtifact through `verifier`). The first
 * error is kept as thrown, so simulate() rejects with it exactly as the check threw it.
 */
function realCheck(ask: (request: AcsCheckRequest) => Promise<AcsOutcome>): { actor: ReturnType<typeof acsCheckActor>; failure: { error?: unknown; failed: boolean } } {
  const failure: { error?: unknown; failed: boolean } = { failed: false };
  const actor = acsCheckActor(async (request) => {
    try {
      return await ask(request);
    } catch (e) {
      if (!failure.failed) Object.assign(failure, { failed: true, error: e });
      throw e;
    }
  });
  return { actor, failure };
}

async function runInstaller(path: InstallerPath, input: ResolvedSimulateInput, verifier: AcsVerifier): Promise<PathRun> {
  const lang = input.lang ?? 'ja';
  const s = input.settings ?? {};
  const machineInput: InstallerInput = {
    lang,
    computer: input.machine.name,
    displayPath: displayPathOf(path, input),
    patch: patchText(input.readiness, lang),
    at: input.at.toISOString(),
    silent: s.silent === true,
    patternUpdatesBlocked: s.patternUpdatesBlocked === true,
    engineSignedWithAcs: s.engineSignedWithAcs === true,
    memory: input.memory ?? emptyMemory(),
  };
  let outcome: AcsOutcome | undefined;
  const acs = realCheck(async () => (outcome = await check(path, input, input.machine, input.readiness, input.at, verifier)));
  const machine = INSTALLER_MACHINES[path].provide({ actors: { acsCheck: acs.actor } });
  const { actor, transitions } = startRecorded(machine, machineInput);
  await settle(path, actor, () => false);
  if (acs.failure.failed) throw acs.failure.error;
  const ctx = actor.getSnapshot().context as InstallerContext;
  const decision = ctx.decision ?? 'blocked';
  const reasons: RunReason[] = [];
  if (outcome && (path === 'pattern-update' || path === 'engine-update')) {
    reasons.push({
      code: 'SETTING_SUBJECTS_UPDATE_TO_CHECK',
      message: installerText(
        path === 'pattern-update' ? 'reason.SETTING_SUBJECTS_UPDATE_TO_CHECK.pattern' : 'reason.SETTING_SUBJECTS_UPDATE_TO_CHECK.engine',
        textLang(input),
      ),
    });
  }
  reasons.push(...(outcome?.reasons ?? []));
  return {
    path,
    decision,
    uncertain: decision !== 'allowed' && (outcome?.uncertain ?? false),
    reasons,
    popups: ctx.popups,
    events: ctx.events,
    downloads: 0,
    remediation: decision === 'allowed' ? [] : unique(outcome?.remediation ?? []),
    warnings: unique(outcome?.warnings ?? []),
    transitions,
    memory: ctx.memory,
    ...(outcome?.verification ? { verification: outcome.verification } : {}),
    ...installerInvalidOf(outcome),
    ...(ctx.popups.length || ctx.events.length ? examplePathOf(path, input) : {}),
  };
}

/** PathRun.installerInvalid from the check's outcome: the file's own verdict and codes, when its signature fails whatever the machine trusts. */
function installerInvalidOf(outcome: AcsOutcome | undefined): Pick<PathRun, 'installerInvalid' | 'rootNotCovered'> {
  const v = outcome?.installerInvalid ? outcome.installerVerification : undefined;
  if (v) return { installerInvalid: { verdict: v.verdict, failures: v.failures.map((f) => f.code) } };
  const r = outcome?.rootNotCovered ? outcome.rootVerification : undefined;
  if (!r || !outcome?.verification) return {};
  const chain = r.signatures[0]?.chain ?? [];
  const m = outcome.verification;
  return { rootNotCovered: { root: chain[chain.length - 1] ?? '-', acs: r.acs, verdict: m.verdict, failures: m.failures.map((f) => f.code) } };
}

const UPDATE_PRODUCT: Record<UpdatePath, Product> = {
  'agent-update': 'apex-one',
  'saas-agent-update': 'apex-one-saas',
  'sep-agent-update': 'vision-one-sep',
};

/** The machine as it is in cycle k (1-based): the last change with fromCycle <= k wins. */
function machineInCycle(input: ResolvedSimulateInput, k: number): { index: number; machine: MachineProfile; readiness: Readiness } {
  let state = { index: -1, machine: input.machine, readiness: input.readiness };
  const changes = [...(input.changes ?? [])].sort((a, b) => a.fromCycle - b.fromCycle);
  changes.forEach((c, i) => {
    if (c.fromCycle <= k) state = { index: i, machine: c.machine ?? state.machine, readiness: c.readiness };
  });
  return state;
}

async function runAgentUpdate(path: UpdatePath, input: ResolvedSimulateInput, verifier: AcsVerifier): Promise<PathRun> {
  const lang = input.lang ?? 'ja';
  const scope = input.settings?.scope ?? 'all';
  const tl = textLang(input);
  const cls = classifyAgent(UPDATE_PRODUCT[path], input.agent, tl);
  const cycles = input.cycles ?? 1;
  if (!Number.isInteger(cycles) || cycles < 1) throw new Error(`cycles must be a positive integer: ${cycles}`);
  const intervalMs = (input.cycleIntervalMinutes ?? 60) * 60_000;
  const machineInput: UpdateInput = {
    lang,
    computer: input.machine.name,
    downloadPath: displayPathOf(path, input),
    agentClass: cls.agentClass,
    scope,
    memory: input.memory ?? emptyMemory(),
  };
  // one check per machine state (the machine may change between cycles), asked by the machine in each
  // cycle that downloads the program
  const byState = new Map<number, Promise<AcsOutcome>>();
  const checkedInCycle = new Map<number, AcsOutcome>();
  const acs = realCheck(async (request) => {
    const m = machineInCycle(input, request.cycle);
    let pending = byState.get(m.index);
    if (!pending) {
      pending = check(path, input, m.machine, m.readiness, new Date(request.time), verifier);
      byState.set(m.index, pending);
    }
    const outcome = await pending;
    checkedInCycle.set(request.cycle, outcome);
    return outcome;
  });
  const machine = UPDATE_MACHINES[path].provide({ actors: { acsCheck: acs.actor } });
  const { actor, transitions } = startRecorded(machine, machineInput);
  const outcomeByCycle: Array<{ outcome?: AcsOutcome; readiness: Readiness }> = [];
  let latest: AcsOutcome | undefined;
  for (let k = 1; k <= cycles; k++) {
    const at = new Date(input.at.getTime() + (k - 1) * intervalMs);
    const m = machineInCycle(input, k);
    actor.send({ type: 'CYCLE_STARTED', time: at.toISOString(), ready: m.readiness.ready });
    await settle(path, actor, (snap) => snap.matches('waitingForUpdateCycle'));
    if (acs.failure.failed) throw acs.failure.error;
    // a cycle that did not download the program (periodic check, scope, up to date) rests on the answer
    // for this machine state when there is one, else on the latest answer
    const own = checkedInCycle.get(k) ?? (byState.has(m.index) ? await byState.get(m.index) : undefined);
    latest = own ?? latest;
    const used = scope === 'all' ? (own ?? latest) : undefined;
    outcomeByCycle.push({ ...(used ? { outcome: used } : {}), readiness: m.readiness });
  }
  actor.send({ type: 'UPDATES_STOPPED' });
  const ctx = actor.getSnapshot().context as UpdateContext;
  const decision = ctx.decision ?? 'blocked';
  const last = ctx.cycles[ctx.cycles.length - 1]!;
  const lastUsed = outcomeByCycle[outcomeByCycle.length - 1]!;
  const installedAt = ctx.cycles.findIndex((c) => c.outcome === 'installed' || c.outcome === 'installed-unguarded');
  const decisive = installedAt >= 0 ? outcomeByCycle[installedAt]!.outcome : lastUsed.outcome;

  const reasons: RunReason[] = [];
  const warnings: string[] = [];
  const remediation: string[] = [];
  if (cls.assumed) warnings.push(installerText('warning.agentAssumed', tl, { label: cls.label }));
  if (cls.agentClass === 'repeat-download') warnings.push(installerText('warning.repeatDownload', tl));
  if (decision === 'unguarded') {
    reasons.push({
      code: 'AGENT_WITHOUT_CHECK',
      message: installerText('reason.AGENT_WITHOUT_CHECK', tl, { label: cls.label, risk: installerText('text.agentRisk', tl) }),
    });
  }
  if (decision !== 'allowed' && scope !== 'all' && last.outcome === 'patterns-only') {
    reasons.push({
      code: 'SCOPE_EXCLUDES_PROGRAM',
      message: installerText('reason.SCOPE_EXCLUDES_PROGRAM', tl, { scope }),
      evidence: { scope },
    });
  }
  if (decision === 'blocked' && last.outcome === 'periodic-check-only') {
    reasons.push({
      code: 'DOWNLOAD_PREVENTED',
      message: installerText('reason.DOWNLOAD_PREVENTED', tl),
    });
  }
  if (decision !== 'allowed' && decisive) reasons.push(...decisive.reasons);
  if (decision === 'allowed' && decisive) reasons.push(...decisive.reasons.filter((r) => r.code === 'NOT_ACS_SIGNED'));
  if (decisive) warnings.push(...decisive.warnings);
  const notReady = lastUsed.readiness.ready !== true;
  if (decision === 'blocked' && (decisive?.installerInvalid || decisive?.rootNotCovered)) remediation.push(...decisive.remediation);
  else if (decision !== 'allowed' && notReady) remediation.push(...lastUsed.readiness.remediation);
  else if (decision === 'blocked' && decisive) remediation.push(...decisive.remediation);
  if ((cls.agentClass === 'no-check' || cls.agentClass === 'repeat-download') && notReady && scope === 'all') {
    remediation.push(installerText('remediation.scope', tl));
  }
  const verification = decisive?.verification;
  return {
    path,
    decision,
    // uncertain only when the ACS check ran on the unknown facts (an update scope that excludes the program blocks it whatever they are)
    uncertain: decision !== 'allowed' && (lastUsed.readiness.ready === 'unknown' || decisive?.rootNotCovered === true) && (decisive?.uncertain ?? false),
    reasons,
    popups: [],
    events: ctx.events,
    downloads: ctx.downloads,
    remediation: unique(remediation),
    warnings: unique(warnings),
    transitions,
    cycles: ctx.cycles,
    memory: ctx.memory,
    ...(verification ? { verification } : {}),
    ...(decision === 'blocked' ? installerInvalidOf(decisive) : {}),
    ...(ctx.events.length ? examplePathOf(path, input) : {}),
  };
}

/** Checks the caller's input: the profiles parsed (ProfileError names a bad field), the readiness assessed when not given. */
function resolveInput(input: SimulateInput): ResolvedSimulateInput {
  if (typeof input !== 'object' || input === null) throw new Error('simulate: the input is an object { machine, artifact, at, ... }');
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw new Error('simulate: input.at (the simulation clock) must be a valid Date');
  const machine = parseProfile(input.machine);
  const readiness = input.readiness ?? assessReadiness(machine, { lang: textLangOf(input.lang) });
  const changes = input.changes?.map((c) => ({ ...c, ...(c.machine !== undefined ? { machine: parseProfile(c.machine) } : {}) }));
  return { ...input, machine, readiness, ...(changes ? { changes } : {}) } as ResolvedSimulateInput;
}

/**
 * Runs one install path to completion on one machine: the ACS check, the popups (each answered with [OK]),
 * the events, the downloads of update cycles.
 * @param path the install path, one of INSTALL_PATH_IDS
 * @param input the machine (a profile; its readiness is assessed when not given), the program, the clock,
 *   the path's settings, cycles and the event-log memory of an earlier run
 * @param options the verifier seam (default: the real verifier)
 * @returns the PathRun: decision, popups and events in order, downloads, reasons, remediation, memory to persist
 * @throws ProfileError naming the field when `input.machine` is not a machine profile; Error for an unknown
 *   path, a missing clock or a bad cycle count
 */
export async function simulate(path: InstallPath, input: SimulateInput, options: SimulateOptions = {}): Promise<PathRun> {
  if (!options.verifier && input.artifact.kind === 'file') await readableFile('simulate', 'input.artifact.path', input.artifact.path);
  const verifier = options.verifier ?? defaultVerifier;
  if (!isInstallPath(path)) throw new Error(`unknown install path: ${String(path)}`);
  const resolved = resolveInput(input);
  const computed = Object.prototype.hasOwnProperty.call(INSTALLER_MACHINES, path)
    ? await runInstaller(path as InstallerPath, resolved, verifier)
    : await runAgentUpdate(path as UpdatePath, resolved, verifier);
  return withUnknownDecision(computed, resolved.memory ?? emptyMemory());
}
