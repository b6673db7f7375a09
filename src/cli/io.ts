/** What the CLI touches of the outside world, injectable so tests run main() in-process. */
import * as fs from 'node:fs';
import { CliInputError } from './errors';
import { StreamWriter } from './stdout-writer';
import { fsErrorText } from '../text/fs-errors';

export interface CliIo {
  /**
   * Writes to standard output. May return a promise when the output is backed up (a slow pipe): a command
   * that prints one line per machine awaits it before going on (memory stays flat); see stdout-writer.ts.
   */
  stdout(text: string): void | Promise<void>;
  /**
   * Writes UTF-8 bytes to standard output, in order with stdout's texts (texts that repeat on many lines,
   * encoded once: readiness --json). Absent (tests' captured io): the caller writes the text instead.
   */
  stdoutBytes?(bytes: Uint8Array): void | Promise<void>;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** stderr is a terminal: progress bars only then */
  stderrIsTty: boolean;
  cwd: string;
  now(): Date;
  /** process.platform: on "win32" the default language comes from the OS locale when LANG is unset */
  platform?: string;
  /** the OS locale (Intl), e.g. "ja-JP" */
  locale?: string;
  /** waits until everything written to stdout is taken by the stream (main() calls it before it returns) */
  flush?(): Promise<void>;
}

let processStdout: StreamWriter | undefined;

export function processIo(): CliIo {
  const out = (processStdout ??= new StreamWriter(process.stdout));
  return {
    stdout: (t) => out.write(t),
    stdoutBytes: (b) => out.writeBytes(b),
    flush: () => out.flush(),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    stderrIsTty: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    now: () => new Date(),
    platform: process.platform,
    // only Windows reads the OS locale (lang.ts): elsewhere Intl's set-up, a tenth of a one-machine run, is not paid
    ...(process.platform === 'win32' ? { locale: Intl.DateTimeFormat().resolvedOptions().locale } : {}),
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

/**
 * Where the CLI expects a file, only a regular file is read, and no bigger than its kind allows: a FIFO, a
 * device (/dev/zero), a socket or an over-size file is a one-line input error (exit 2) at once. The file is
 * opened with O_NONBLOCK and checked with fstat before any read, so a FIFO never blocks and the file checked
 * is the file read.
 */
export const INPUT_SIZE_CAPS = {
  /** --trust / --acs-root: a PEM bundle of a whole root store is well under 1 MiB */
  certificate: 16 * 1024 * 1024,
  /** --crl: a large CA's CRL is a few MiB */
  crl: 64 * 1024 * 1024,
  /** --state: the event-log memory, a few hundred bytes per machine */
  state: 64 * 1024 * 1024,
  /** verify FILE, --file: a PE cannot exceed 4 GiB (32-bit offsets); an MSI's sectors are addressed the same way */
  installer: 4 * 1024 * 1024 * 1024,
  /** --catalog: a catalog (.cat) lists file hashes; the largest of Windows' are tens of MiB */
  catalog: 1024 * 1024 * 1024,
  /** --policy: a small JSON document */
  policy: 1024 * 1024,
  /** --machine, inventory files: whole-JSON files are capped lower by the reader; streamed fleets up to 16 GiB */
  inventory: 16 * 1024 * 1024 * 1024,
} as const;

export type InputKind = keyof typeof INPUT_SIZE_CAPS;

const KIND_LABEL: Record<InputKind, string> = {
  certificate: 'a certificate file',
  crl: 'a CRL file',
  state: 'a state file',
  installer: 'an installer file',
  inventory: 'an inventory file',
  policy: 'a policy file',
  catalog: 'a catalog file (.cat)',
};

function typeOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB` : `${n} bytes`;
}

/**
 * Opens `file` for reading if it is a regular file within the cap of `kind` (or a directory, when
 * `allowDirectory`); returns the open descriptor (undefined for a directory) and its stats. Throws
 * CliInputError naming the file otherwise. `flag` names the option in the message (e.g. "--state").
 */
export function openRegularFile(
  file: string,
  kind: InputKind,
  options: { flag?: string; allowDirectory?: boolean } = {},
): { fd: number | undefined; stat: fs.Stats } {
  const what = options.flag ? `${options.flag} needs ${KIND_LABEL[kind]}` : `expected ${KIND_LABEL[kind]}`;
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' && options.allowDirectory) return { fd: undefined, stat: fs.statSync(file) };
    throw new CliInputError(`${file}: cannot open (${code === 'ENOENT' ? 'no such file' : fsErrorText(e)})`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    throw new CliInputError(`${file}: cannot stat (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (stat.isDirectory() && options.allowDirectory) {
    fs.closeSync(fd);
    return { fd: undefined, stat };
  }
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new CliInputError(`${file}: ${typeOf(stat)}, not a regular file (${what})`);
  }
  if (stat.size > INPUT_SIZE_CAPS[kind]) {
    fs.closeSync(fd);
    throw new CliInputError(`${file}: ${sizeText(stat.size)} is over the ${sizeText(INPUT_SIZE_CAPS[kind])} limit for ${KIND_LABEL[kind]}`);
  }
  return { fd, stat };
}

/** Checks that `file` is a regular file within the cap of `kind` (see openRegularFile) without reading it. */
export function checkRegularFile(file: string, kind: InputKind, options: { flag?: string; allowDirectory?: boolean } = {}): void {
  const { fd } = openRegularFile(file, kind, options);
  if (fd !== undefined) fs.closeSync(fd);
}

/**
 * Reads a whole regular file within the cap of `kind`; never more than the cap even if the file grows
 * while it is read. Read errors name the file.
 */
export function readRegularFile(file: string, kind: InputKind, options: { flag?: string } = {}): Buffer {
  const { fd, stat } = openRegularFile(file, kind, options);
  const cap = INPUT_SIZE_CAPS[kind];
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(Math.min(Math.max(stat.size + 1, 4096), 1 << 20));
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd!, buf, 0, buf.length, null);
      } catch (e) {
        throw new CliInputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      if (n === 0) break;
      total += n;
      if (total > cap) throw new CliInputError(`${file}: grew over the ${sizeText(cap)} limit for ${KIND_LABEL[kind]} while read`);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd!);
  }
}
