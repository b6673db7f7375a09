/**
 * acs-gate demo (what `npm start` runs): the fleet report on the bundled sample data: a small mixed fleet
 * written as Windows exports (samples/fleet/), the project's own test-signed installers and the real
 * ACS-signed sample DLL; writes ./report/ and prints where it is with a short summary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledAcsRoot } from '../../authenticode/trust/certificates';
import type { FleetOptions } from '../../report/fleet';
import { timeValue, timeZoneValue } from '../args';
import { knownCertificates, loadCertificates } from '../certs';
import { EXIT, commandHelp, commandSummary, type Command } from '../command';
import { CliInputError } from '../errors';
import { resolveLang } from '../lang';
import { runFleet } from './fleet';

const USAGE = 'acs-gate demo [--out DIR] [--lang ja|en] [--at ISO] [--tz ZONE] [--json]';

/** The package's root directory (holds package.json), from src/cli/commands or dist/src/cli/commands. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'samples'))) return dir;
    if (path.dirname(dir) === dir) throw new CliInputError(`${from}: cannot find the acs-gatekeeper package (samples/) above this directory`);
  }
}

/** The demo's inputs, all inside the package. */
export function demoInputs(root: string, cwd: string = process.cwd()): Pick<FleetOptions, 'inventory' | 'runs'> & { trustFiles: string[] } {
  const fleet = path.join(root, 'samples', 'fleet');
  const machinesDir = path.join(fleet, 'machines');
  const machineDirs = fs.existsSync(machinesDir)
    ? fs.readdirSync(machinesDir).sort().map((d) => path.join(machinesDir, d)).filter((d) => fs.statSync(d).isDirectory())
    : [];
  const fleetFiles = fs.existsSync(fleet) ? fs.readdirSync(fleet).filter((f) => /\.(jsonl|csv|json)$/i.test(f)).sort().map((f) => path.join(fleet, f)) : [];
  const installers = path.join(root, 'samples', 'installers');
  return {
    inventory: [...machineDirs, ...fleetFiles].map((p) => path.relative(cwd, p) || p),
    runs: [
      { path: 'autopcc', file: path.join(installers, 'AutoPcc.exe'), displayPath: '\\\\apexone-server\\ofcscan\\AutoPcc.exe' },
      { path: 'msi', file: path.join(installers, 'ApexOneAgent.msi'), displayPath: 'C:\\Temp\\ApexOneAgent.msi' },
      { path: 'agent-update', file: path.join(root, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll') },
    ],
    trustFiles: [path.join(installers, 'test-acs-root.pem')],
  };
}

export const demoCommand: Command = {
  name: 'demo',
  summary: commandSummary('demo', 'en'),
  usage: USAGE,
  flags: { out: { kind: 'value' }, lang: { kind: 'value' }, at: { kind: 'value' }, tz: { kind: 'value' }, json: { kind: 'switch' } },
  help: commandHelp('demo', 'en', { usage: USAGE }),
  helpJa: commandHelp('demo', 'ja', { usage: USAGE }),
  async run(args, ctx) {
    const root = packageRoot();
    const inputs = demoInputs(root);
    const known = loadCertificates(inputs.trustFiles);
    const options: FleetOptions = {
      inventory: inputs.inventory,
      runs: inputs.runs,
      outDir: path.resolve(ctx.io.cwd, args.values.get('out') ?? 'report'),
      lang: resolveLang(args.values.get('lang'), ctx.io.env, ctx.io),
      at: timeValue(args, 'at', ctx.io.now),
      timeZone: timeZoneValue(args, ctx.io.env),
      known: knownCertificates(known, bundledAcsRoot()),
      acsRoots: knownCertificates(known, bundledAcsRoot()),
    };
    await runFleet(options, args, ctx);
    return EXIT.OK;
  },
};
