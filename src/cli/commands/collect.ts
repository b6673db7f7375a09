/** acs-gate collect --out DIR: on a Windows machine, write the exports the importers read (docs/collect.md). */
import { statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collect, CollectError, type CollectSummary } from '../../collect/collect';
import { replayComputerName, replayRunner } from '../../collect/replay';
import { systemToolRunner, type CommandRunner } from '../../collect/runner';
import { EXIT, commandHelp, commandSummary, type Command } from '../command';
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
  summary: commandSummary('collect', 'en'),
  usage: USAGE,
  flags: { out: { kind: 'value' }, replay: { kind: 'value' }, json: { kind: 'switch' } },
  help: commandHelp('collect', 'en', { usage: USAGE, replayEnv: REPLAY_ENV }),
  helpJa: commandHelp('collect', 'ja', { usage: USAGE, replayEnv: REPLAY_ENV }),
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
