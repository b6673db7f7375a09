/** acs-gate collect --out DIR: on a Windows machine, write the exports the importers read (docs/collect.md). */
import { statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collect, CollectError, type CollectSummary } from '../../collect/collect';
import { replayComputerName, replayRunner } from '../../collect/replay';
import { systemToolRunner, type CommandRunner } from '../../collect/runner';
import { EXIT, exitCodesHelp, type Command } from '../command';
import { CliInputError, UsageError } from '../errors';

const USAGE = 'acs-gate collect --out DIR [--replay RECORDING_DIR] [--json]';
export const REPLAY_ENV = 'ACS_GATE_COLLECT_REPLAY';

function summaryText(s: CollectSummary): string {
  const lines = [`collected ${s.computerName} into ${s.machineDir}`];
  for (const r of s.steps) {
    if (r.result === 'skipped') continue;
    const exit = r.exit !== undefined && r.exit !== null && r.result !== 'written' ? ` (exit ${r.exit})` : '';
    lines.push(`  ${r.file.padEnd(18)} ${r.result}${exit}${r.detail ? `: ${r.detail}` : ''}`);
  }
  lines.push(`  online             ${s.online.online === undefined ? 'unknown' : String(s.online.online)}: ${s.online.why}`);
  return lines.join('\n') + '\n';
}

export const collectCommand: Command = {
  name: 'collect',
  summary: "write this Windows machine's exports (and whether it can fetch the root list) for readiness / fleet",
  usage: USAGE,
  flags: { out: { kind: 'value' }, replay: { kind: 'value' }, json: { kind: 'switch' } },
  help: `Usage: ${USAGE}

Run on a Windows machine (as SYSTEM or an administrator), it writes DIR\\<COMPUTERNAME>\\ with:
  systeminfo.csv      systeminfo /fo csv
  hotfixes.csv        Get-HotFix | ConvertTo-Csv (PowerShell), or wmic-qfe.csv (wmic qfe) without PowerShell
  certutil-root.txt   certutil -store Root
  reg-ubr.txt         reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v UBR
  reg-authroot.txt    reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot /v DisableRootAutoUpdate
  acs-collect.txt     what ran and failed (exit codes), and the online probe: can this machine download
                      Windows' root certificate list (certutil -f -syncWithWU into a temporary folder, 60 s)
then \`acs-gate readiness DIR\` or \`acs-gate fleet DIR --out report\` reads the folder. A command that fails
is recorded and the others still run; the folder is written in a hidden staging folder and renamed into
place. Where Node is not installed, collect\\acs-collect.cmd does the same (docs/collect.md).

On Windows:  acs-gate collect --out \\\\fileserver\\acs$\\inventory

Options:
  --out DIR              where the machine folder goes (a local folder or a share)
  --replay DIR           replay outputs recorded on a Windows machine instead of running the commands
                         (any system; also ${REPLAY_ENV}=DIR). DIR holds <step>.stdout / .stderr / .exit
                         per step and COMPUTERNAME (see docs/collect.md)
  --json                 print the summary as JSON

${exitCodesHelp({
  0: 'the folder was written (even when some commands failed: see acs-collect.txt)',
  1: 'not used by this command',
  2: 'usage error, not Windows without --replay, or the folder could not be written',
})}
Examples:
  acs-gate collect --replay samples/collect/PC-OSAKA-03 --out acs-inventory
  acs-gate readiness acs-inventory/PC-OSAKA-03
`,
  async run(args, { io }) {
    const out = args.values.get('out');
    if (!out) throw new UsageError('--out DIR is required');
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const replay = args.values.get('replay') ?? (io.env[REPLAY_ENV] || undefined);
    let runner: CommandRunner;
    let computerName: string | undefined;
    if (replay) {
      const dir = path.resolve(io.cwd, replay);
      let isDir = false;
      try {
        isDir = statSync(dir).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) throw new CliInputError(`${replay}: not a directory of recorded outputs`);
      runner = replayRunner(dir);
      try {
        computerName = await replayComputerName(dir);
      } catch (e) {
        throw new CliInputError(`${replay}: cannot read COMPUTERNAME (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
    } else {
      if (process.platform !== 'win32') {
        throw new CliInputError(
          `collect runs on Windows (it runs systeminfo, certutil and reg); this is ${process.platform}. Use --replay DIR (or ${REPLAY_ENV}=DIR) to replay recorded outputs`,
        );
      }
      runner = systemToolRunner(io.env);
    }
    computerName ??= io.env.COMPUTERNAME || os.hostname();
    let summary: CollectSummary;
    try {
      summary = await collect({
        outDir: path.resolve(io.cwd, out),
        computerName,
        runner,
        tempDir: os.tmpdir(),
        now: io.now,
        collector: replay ? 'acs-gate 0.1.0 (replay)' : 'acs-gate 0.1.0',
      });
    } catch (e) {
      if (e instanceof CollectError) throw new CliInputError(e.message);
      throw e;
    }
    if (args.switches.has('json')) io.stdout(JSON.stringify(summary, null, 2) + '\n');
    else io.stdout(summaryText(summary));
    return EXIT.OK;
  },
};
