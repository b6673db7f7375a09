/**
 * What the report keeps of a path run and of a machine: a PathRun becomes a PathOutcome (popups and events as
 * views, verification codes), a machine's readiness and outcomes become its MachineRow.
 */
import type { InstallPath, PathRun } from '../installers/types';
import type { Readiness } from '../endpoint/types';
import { remediationSources } from '../endpoint/remediation';
import type { EventView, MachineRow, PathOutcome, PopupView } from './types';

/** One path × installer run of a fleet report (the file null: the path's declared artifact). */
export interface Run {
  path: InstallPath;
  file: string | null;
  displayPath?: string;
}

export function popupView(p: PathRun['popups'][number]): PopupView {
  return {
    id: p.id,
    window: p.window,
    title: p.title,
    text: p.text,
    buttons: [...p.buttons],
    ...(p.provenance ? { provenance: p.provenance } : {}),
    ...(p.titleProvenance ? { titleProvenance: p.titleProvenance } : {}),
    ...(p.source ? { source: p.source } : {}),
    ...(p.titleSource ? { titleSource: p.titleSource } : {}),
  };
}

function eventView(e: PathRun['events'][number]): EventView {
  return {
    id: e.id,
    source: e.source,
    channel: e.channel,
    level: e.level,
    text: e.text,
    ...(e.textSource ? { textSource: e.textSource } : {}),
    ...(e.providerSource ? { providerSource: e.providerSource } : {}),
    ...(e.levelSource ? { levelSource: e.levelSource } : {}),
  };
}

export function toOutcome(run: Pick<Run, 'path' | 'file'>, r: PathRun): PathOutcome {
  const w = r.decision === 'unknown' ? r.worstCase : undefined;
  return {
    path: run.path,
    file: run.file,
    decision: r.decision,
    ...(w ? { worstCase: { decision: w.decision, popups: w.popups.map(popupView), events: w.events.map(eventView), downloads: w.downloads } } : {}),
    popups: r.popups.map(popupView),
    events: r.events.map(eventView),
    downloads: r.downloads,
    ...(r.verification
      ? { verdict: r.verification.verdict, acs: r.verification.acs, verificationFailures: r.verification.failures.map((f) => f.code) }
      : {}),
    reasons: r.reasons.map((x) => x.code),
    ...(r.examplePath ? { examplePath: r.examplePath } : {}),
    ...(r.installerInvalid ? { installerInvalid: { verdict: r.installerInvalid.verdict, failures: [...r.installerInvalid.failures] } } : {}),
    ...(r.rootNotCovered ? { rootNotCovered: { root: r.rootNotCovered.root, acs: r.rootNotCovered.acs, source: 'inferred' as const } } : {}),
  };
}

export function toRow(source: string, readiness: Readiness, outcomes: PathOutcome[], assumed: string[] = []): MachineRow {
  // one per machine: built key by key in the row's key order (name … assumed, outcomes), without the object
  // spreads of optional keys (a temporary object each, and the slow path of object spread)
  const os = readiness.os;
  const row = { name: readiness.name, source, ready: readiness.ready, windows: os.line ?? null } as MachineRow;
  if (os.version !== undefined) row.version = os.version;
  if (os.ubr !== undefined) row.ubr = os.ubr;
  const reasons: MachineRow['reasons'] = [];
  for (const r of readiness.reasons) {
    const reason: MachineRow['reasons'][number] = { code: r.code, message: r.message };
    if (r.fact) reason.fact = r.fact;
    reasons.push(reason);
  }
  row.reasons = reasons;
  row.remediation = [...readiness.remediation];
  row.remediationSource = remediationSources(readiness.remediation);
  if (assumed.length) row.assumed = [...assumed];
  row.outcomes = outcomes;
  return row;
}
