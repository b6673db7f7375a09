/**
 * The collector: runs the Windows commands whose outputs the importers read, writes them to
 * OUT/<COMPUTERNAME>/ (files in COLLECT_FILES), and probes whether this machine can download Windows' root
 * certificate list (the `online` fact, recorded in acs-collect.txt). A failed command is recorded (what, exit
 * code) and the collection goes on; every command has a time limit; an output the importers could not read is
 * not written (it would fail the whole machine) but recorded. The folder appears whole or not at all: the
 * files are written into a hidden staging folder next to it (the fleet reader skips names starting with ".")
 * which is then renamed into place, replacing an earlier collection.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../endpoint/decode';
import { importBytes } from '../endpoint/importers';
import { COLLECT_LOG_FIRST_LINE, onlineFromProbe, type OnlineVerdict, type ProbeEvidence } from '../endpoint/importers/collect-log';
import type { ExportKind } from '../endpoint/importers/types';
import { COLLECT_LOG_FILE } from './files';
import type { CommandRunner, RunResult } from './runner';

export type StepId = 'systeminfo' | 'hotfixes-powershell' | 'hotfixes-wmic' | 'certutil-root' | 'reg-ubr' | 'reg-authroot' | 'reg-rootdirurl' | 'online-probe';

interface ExportStep {
  id: StepId;
  file: string;
  kind: ExportKind;
  cmd: string;
  args: string[];
  timeoutMs: number;
}

const PS_HOTFIX =
  '$ErrorActionPreference = "Stop"; [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false; Get-HotFix | ConvertTo-Csv -NoTypeInformation';

export const EXPORT_STEPS: readonly ExportStep[] = [
  { id: 'systeminfo', file: 'systeminfo.csv', kind: 'systeminfo-csv', cmd: 'systeminfo', args: ['/fo', 'csv'], timeoutMs: 180_000 },
  {
    id: 'hotfixes-powershell',
    file: 'hotfixes.csv',
    kind: 'get-hotfix-csv',
    cmd: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-Command', PS_HOTFIX],
    timeoutMs: 120_000,
  },
  { id: 'hotfixes-wmic', file: 'wmic-qfe.csv', kind: 'wmic-qfe-csv', cmd: 'wmic', args: ['qfe', 'list', 'full', '/format:csv'], timeoutMs: 120_000 },
  { id: 'certutil-root', file: 'certutil-root.txt', kind: 'certutil-root', cmd: 'certutil', args: ['-store', 'Root'], timeoutMs: 60_000 },
  { id: 'reg-ubr', file: 'reg-ubr.txt', kind: 'reg-query-currentversion', cmd: 'reg', args: ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'UBR'], timeoutMs: 15_000 },
  {
    id: 'reg-authroot',
    file: 'reg-authroot.txt',
    kind: 'reg-query-authroot',
    cmd: 'reg',
    args: ['query', 'HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot', '/v', 'DisableRootAutoUpdate'],
    timeoutMs: 15_000,
  },
];

const ROOTDIRURL_ARGS = ['query', 'HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\AutoUpdate', '/v', 'RootDirURL'];
/** certutil -f -syncWithWU DIR: downloads authrootstl.cab (first), disallowedcertstl.cab and the roots. */
export const PROBE_COMMAND = 'certutil -f -syncWithWU';
export const PROBE_TIMEOUT_MS = 60_000;

/** reg.exe's answer when the value does not exist (English, Japanese): the policy is not set. */
const REG_NOT_FOUND_RE = /unable to find the specified registry key or value|指定されたレジストリ キーまたは値が見つかりませんでした/;

export type StepResult = 'written' | 'failed' | 'timeout' | 'missing' | 'not-set' | 'empty' | 'unreadable' | 'skipped';

export interface StepRecord {
  file: string;
  step: StepId;
  result: StepResult;
  exit?: number | null;
  detail?: string;
}

/** What collect() needs: where to write, the computer's name, how to run commands, a clock. */
export interface CollectOptions {
  /** OUT: the machine folder is OUT/<computerName> */
  outDir: string;
  computerName: string;
  runner: CommandRunner;
  /** a directory for the probe's downloads (deleted afterwards) */
  tempDir: string;
  now: () => Date;
  /** e.g. "acs-gate 0.1.0" */
  collector: string;
  /** scale every time limit (tests) */
  timeoutScale?: number;
}

/** What collect() did: the machine folder, each file's result, the probe's evidence and the online verdict. */
export interface CollectSummary {
  machineDir: string;
  computerName: string;
  steps: StepRecord[];
  probe: ProbeEvidence;
  online: OnlineVerdict;
  rootDirUrl?: string;
}

/** The collection could not be written at all (bad computer name, output folder not writable). */
export class CollectError extends Error {
  override readonly name = 'CollectError';
}

/** A Windows computer name usable as a folder name: no path characters, no control characters, no dot first. */
export function checkComputerName(name: string): string {
  const n = name.trim();
  if (!/^[^\\/:*?"<>|\x00-\x20.][^\\/:*?"<>|\x00-\x1f]{0,62}$/u.test(n) || /[. ]$/.test(n)) {
    throw new CollectError(`the computer name ${JSON.stringify(name.slice(0, 80))} cannot be a folder name`);
  }
  return n;
}

/** One line of log text: no line breaks or control characters, bounded. */
function clean(s: string, max = 160): string {
  return s.replace(/[\x00-\x1f\x7f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

function firstLine(b: Buffer): string {
  return clean(decodeText(b).text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '');
}

function failure(r: RunResult): { result: StepResult; detail?: string } | undefined {
  if (r.notFound) return { result: 'missing', detail: clean(r.error ?? 'not found') };
  if (r.timedOut) return { result: 'timeout' };
  if (r.code === null) return { result: 'failed', detail: clean(r.error ?? 'stopped') };
  return undefined;
}

/** Check that the importers read `bytes` as `kind` (an unreadable file would fail the whole machine). */
function readable(bytes: Buffer, file: string, kind: ExportKind): string | undefined {
  try {
    const r = importBytes(bytes, file);
    return r.kind === kind ? undefined : `read as ${r.kind}, expected ${kind}`;
  } catch (e) {
    return clean((e as Error).message.replace(`${file}`, '').replace(/^:\d*:?\s*/, ''));
  }
}

async function runExport(step: ExportStep, o: CollectOptions, staging: string): Promise<StepRecord> {
  const r = await o.runner(step.cmd, step.args, { timeoutMs: Math.round(step.timeoutMs * (o.timeoutScale ?? 1)), step: step.id });
  const base = { file: step.file, step: step.id, exit: r.code };
  const f = failure(r);
  if (f) return { ...base, ...f };
  let bytes = r.stdout;
  if (r.code !== 0) {
    const err = decodeText(r.stderr).text + decodeText(r.stdout).text;
    if (step.id === 'reg-authroot' && r.code === 1 && REG_NOT_FOUND_RE.test(err)) {
      // "value not found" is the fact "policy not set": the importer reads it from a file named *authroot*
      bytes = r.stderr.length ? r.stderr : r.stdout;
    } else if (step.id === 'reg-ubr' && r.code === 1 && REG_NOT_FOUND_RE.test(err)) {
      return { ...base, result: 'not-set', detail: 'UBR not in the registry (Windows 8.1 / Server 2012 R2 and older)' };
    } else {
      return { ...base, result: 'failed', detail: firstLine(r.stderr.length ? r.stderr : r.stdout) };
    }
  }
  if (decodeText(bytes).text.trim() === '') return { ...base, result: 'empty' };
  const bad = readable(bytes, step.file, step.kind);
  if (bad) return { ...base, result: 'unreadable', detail: bad };
  await fsp.writeFile(path.join(staging, step.file), bytes, { flag: 'wx' });
  return { ...base, result: 'written' };
}

async function probeOnline(o: CollectOptions): Promise<ProbeEvidence> {
  let dir: string;
  try {
    dir = await fsp.mkdtemp(path.join(o.tempDir, 'acs-probe-'));
  } catch {
    return { timedOut: false, cab: false }; // no place to download to: online stays unknown
  }
  try {
    const r = await o.runner('certutil', ['-f', '-syncWithWU', dir], { timeoutMs: Math.round(PROBE_TIMEOUT_MS * (o.timeoutScale ?? 1)), step: 'online-probe' });
    let cab = false;
    try {
      cab = (await fsp.stat(path.join(dir, 'authrootstl.cab'))).size > 0;
    } catch {
      cab = false;
    }
    return { exit: r.code ?? undefined, timedOut: Boolean(r.timedOut), cab, missing: Boolean(r.notFound) };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function rootDirUrl(o: CollectOptions): Promise<string | undefined> {
  const r = await o.runner('reg', ROOTDIRURL_ARGS, { timeoutMs: Math.round(15_000 * (o.timeoutScale ?? 1)), step: 'reg-rootdirurl' });
  if (r.code !== 0) return undefined;
  const m = /^\s+RootDirURL\s+REG_\w+\s+(.+)$/im.exec(decodeText(r.stdout).text);
  return m ? clean(m[1]!, 300) : undefined;
}

function renderLog(o: CollectOptions, s: Omit<CollectSummary, 'machineDir' | 'online'>): string {
  const lines = [
    COLLECT_LOG_FIRST_LINE,
    `computer=${s.computerName}`,
    `collector=${clean(o.collector)}`,
    `started=${o.now().toISOString()}`,
    ...s.steps.map((r) => `file=${r.file} result=${r.result}${r.exit !== undefined && r.exit !== null ? ` exit=${r.exit}` : ''}${r.detail ? ` detail=${r.detail}` : ''}`),
    `rootdirurl=${s.rootDirUrl ?? ''}`,
    `probe.command=${PROBE_COMMAND}`,
    `probe.exit=${s.probe.exit ?? ''}`,
    `probe.timeout=${s.probe.timedOut ? 'yes' : 'no'}`,
    `probe.authrootstl=${s.probe.cab ? 'yes' : 'no'}`,
    ...(s.probe.missing ? ['probe.missing=yes'] : []),
  ];
  return lines.join('\r\n') + '\r\n';
}

/** Replace OUT/<name> with the staging folder (rename: the old folder is kept until the new one is in place). */
async function swapInto(staging: string, target: string): Promise<void> {
  const old = path.join(path.dirname(target), `.${path.basename(target)}.old-${randomBytes(4).toString('hex')}`);
  let hadOld = false;
  try {
    await fsp.rename(target, old);
    hadOld = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CollectError(`cannot replace ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    await fsp.rename(staging, target);
  } catch (e) {
    if (hadOld) await fsp.rename(old, target).catch(() => undefined);
    throw new CollectError(`cannot move the collection into ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (hadOld) await fsp.rm(old, { recursive: true, force: true }).catch(() => undefined);
}

/** `tempDir` must exist: the online probe downloads there (a missing one would silently leave `online` unknown). */
async function existingDirectory(dir: string, name: string): Promise<void> {
  let st: Awaited<ReturnType<typeof fsp.stat>>;
  try {
    st = await fsp.stat(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CollectError(`${name} ${dir}: ${code === 'ENOENT' ? 'no such directory' : `cannot be read (${code ?? (e as Error).message})`}`);
  }
  if (!st.isDirectory()) throw new CollectError(`${name} ${dir}: not a directory`);
}

/**
 * mkdir -p, one level at a time from the nearest existing folder: Node's recursive mkdir loops forever where a
 * parent exists but refuses a child with ENOENT (/proc/nope); here every refusal is an error at once.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      const st = await fsp.stat(d);
      if (!st.isDirectory()) throw Object.assign(new Error(`${d} is not a directory`), { code: 'ENOTDIR' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(d) === d) throw e;
      missing.unshift(d);
    }
  }
  for (const d of missing) {
    try {
      await fsp.mkdir(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/**
 * Runs the collector's commands through `o.runner`, writes OUT/<computerName>/ (COLLECT_FILES) whole or not at
 * all, and returns what was written and what failed. A failing command never aborts the collection; only an
 * unusable computer name, a `tempDir` that is not a directory or an output folder that cannot be written throws
 * CollectError (at once: the folder is made one level at a time, never by a recursive mkdir that can spin).
 */
export async function collect(o: CollectOptions): Promise<CollectSummary> {
  await existingDirectory(o.tempDir, 'tempDir');
  const computerName = checkComputerName(o.computerName);
  try {
    await makeDirectory(o.outDir);
  } catch (e) {
    throw new CollectError(`cannot create ${o.outDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const staging = path.join(o.outDir, `.${computerName}.partial-${randomBytes(4).toString('hex')}`);
  try {
    await fsp.mkdir(staging);
  } catch (e) {
    throw new CollectError(`cannot write into ${o.outDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const steps: StepRecord[] = [];
    for (const step of EXPORT_STEPS) {
      if (step.id === 'hotfixes-wmic' && steps.some((s) => s.step === 'hotfixes-powershell' && s.result === 'written')) {
        steps.push({ file: step.file, step: step.id, result: 'skipped' });
        continue;
      }
      steps.push(await runExport(step, o, staging));
    }
    const dirUrl = await rootDirUrl(o);
    const probe = await probeOnline(o);
    const partial = { computerName, steps, probe, ...(dirUrl ? { rootDirUrl: dirUrl } : {}) };
    await fsp.writeFile(path.join(staging, COLLECT_LOG_FILE), renderLog(o, partial), { flag: 'wx' });
    const machineDir = path.join(o.outDir, computerName);
    await swapInto(staging, machineDir);
    return { ...partial, machineDir, online: onlineFromProbe(probe) };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
