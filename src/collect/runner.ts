/**
 * How the collector runs a Windows command: an injectable CommandRunner, so tests replay recorded outputs
 * (replay.ts) and the CLI runs the real commands (nodeRunner). Every run has a time limit; output is bounded.
 */
import { spawn } from 'node:child_process';

/** Per command: its time limit and the collector's step name. */
export interface RunOptions {
  timeoutMs: number;
  /** the collector's name for this step (the replay runner finds the recording by it) */
  step: string;
}

/** What a command did: its output bytes (as the program wrote them), exit code, and whether it timed out or was missing. */
export interface RunResult {
  stdout: Buffer;
  stderr: Buffer;
  /** exit code; null when the process did not exit by itself (timeout, overflow) or could not start */
  code: number | null;
  timedOut?: boolean;
  /** the program could not be started (not installed, not on PATH) */
  notFound?: boolean;
  /** why it could not be started, or why it was stopped */
  error?: string;
}

/** Runs one command; never throws for a failing or missing program (that is in the RunResult). */
export type CommandRunner = (cmd: string, args: readonly string[], opts: RunOptions) => Promise<RunResult>;

/** Raw exports are small; a command printing more than this is stopped (and recorded as failed). */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Runs the real program (no shell: arguments are passed as they are), stops it after opts.timeoutMs. */
export const nodeRunner: CommandRunner = (cmd, args, opts) => {
  const { timeoutMs } = opts;
  return new Promise<RunResult>((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    let overflow = false;
    let settled = false;
    const finish = (r: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    let child;
    try {
      child = spawn(cmd, [...args], { windowsHide: true, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), code: null, notFound: true, error: (e as Error).message });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    const take = (into: Buffer[]) => (b: Buffer) => {
      size += b.length;
      if (size > MAX_OUTPUT_BYTES) {
        if (!overflow) {
          overflow = true;
          child.kill();
        }
        return;
      }
      into.push(b);
    };
    child.stdout.on('data', take(out));
    child.stderr.on('data', take(err));
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        code: null,
        notFound: e.code === 'ENOENT',
        error: e.code ?? e.message,
      });
    });
    child.on('close', (code) => {
      finish({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        code: timedOut || overflow ? null : code,
        timedOut,
        ...(overflow ? { error: `more than ${MAX_OUTPUT_BYTES} bytes of output` } : {}),
      });
    });
  });
};

const SYSTEM_TOOLS: Record<string, string> = {
  systeminfo: 'systeminfo.exe',
  certutil: 'certutil.exe',
  reg: 'reg.exe',
  wmic: 'wbem\\WMIC.exe',
  'powershell.exe': 'WindowsPowerShell\\v1.0\\powershell.exe',
};

/**
 * On Windows: run the collector's tools from %SystemRoot%\System32 by full path (never a same-named program
 * from the current folder or PATH), through Sysnative when a 32-bit Node runs on 64-bit Windows (else the
 * registry and System32 would be the 32-bit views).
 */
export function systemToolRunner(env: Record<string, string | undefined>, arch: string = process.arch, base: CommandRunner = nodeRunner): CommandRunner {
  const root = env.SystemRoot || env.SYSTEMROOT || env.windir || 'C:\\Windows';
  const sys = `${root}\\${arch === 'ia32' && env.PROCESSOR_ARCHITEW6432 ? 'Sysnative' : 'System32'}`;
  return (cmd, args, opts) => {
    const tool = SYSTEM_TOOLS[cmd];
    return base(tool ? `${sys}\\${tool}` : cmd, args, opts);
  };
}
