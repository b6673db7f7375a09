/** What the CLI touches of the outside world, injectable so tests run main() in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** stderr is a terminal: progress bars only then */
  stderrIsTty: boolean;
  cwd: string;
  now(): Date;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    stderrIsTty: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/** An io that records what was printed (tests). */
export interface CapturedIo extends CliIo {
  out: string;
  err: string;
}

export function captureIo(overrides: Partial<CliIo> = {}): CapturedIo {
  const io: CapturedIo = {
    out: '',
    err: '',
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
    env: { LANG: 'C', TZ: 'UTC' },
    stderrIsTty: false,
    cwd: process.cwd(),
    now: () => new Date('2026-01-15T00:00:00Z'),
    ...overrides,
  };
  return io;
}
