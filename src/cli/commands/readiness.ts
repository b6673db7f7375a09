/** acs-gate readiness INPUT...: does each machine meet ACS (Windows patch, root certificate), and how to fix it. */
import { assessReadiness } from '../../endpoint/readiness';
import { loadInventory } from '../../endpoint/inventory';
import { EXIT, type Command } from '../command';
import { UsageError } from '../errors';
import { formatReadiness, formatReadinessTotals } from '../format/readiness';
import { ENDPOINT_FLAGS, endpointOptions } from '../endpoint-options';
import { resolveLang } from '../lang';

const USAGE = 'acs-gate readiness INPUT... [--json] [--lang ja|en] [--columns name=COL,version=COL,...] [--accept-kb KB]... [--policy FILE]';

export const readinessCommand: Command = {
  name: 'readiness',
  summary: "judge machines' ACS readiness from Windows exports or a fleet file",
  usage: USAGE,
  flags: { json: { kind: 'switch' }, lang: { kind: 'value' }, ...ENDPOINT_FLAGS },
  help: `Usage: ${USAGE}

Each INPUT is a machine profile (.json), a fleet file (JSON Lines or CSV, one machine per line), an
inventory CSV of Intune / Configuration Manager / Defender (or any CSV with --columns), one raw Windows export,
a directory of one machine's raw exports (systeminfo > info.txt or /fo csv, Get-HotFix > hotfix.txt or
| ConvertTo-Csv, wmic qfe, Get-ItemProperty ...CurrentVersion | ConvertTo-Json, Get-ComputerInfo |
ConvertTo-Json, certutil -store Root, reg query ... UBR / DisableRootAutoUpdate), or a share of machine
folders (stray files and older dated folders are skipped and listed on stderr). English or Japanese Windows;
UTF-16LE, UTF-8, Shift_JIS or cp437.

Per machine: ready (true / false / "unknown"), the reasons, and the remediation (the KB for that Windows
version, certutil -addstore Root with the bundled root, or what to collect next). Unknown facts stay unknown.

Options:
  --json         one JSON document per machine (JSON Lines): name, ready, reasons, remediation, os, root, source
  --lang ja|en   language of the output: labels, reasons and remediation (also in --json; codes, facts and
                 evidence do not change); default from LC_ALL / LC_MESSAGES / LANG
  --columns name=COL,version=COL,...
                 which columns of an inventory CSV hold the device name, the OS version (10.0.19045 or
                 10.0.19045.3803) and, optionally, build, ubr, caption, hotfixes, platform; Intune, Configuration
                 Manager and Defender exports are recognised without it
  --accept-kb KB  a KB accepted as containing the ACS fix (e.g. a monthly rollup newer than the table);
                 repeatable
  --policy FILE  JSON { "acceptKbs": ["KB..."] }: the same as --accept-kb, kept in a file

Exit codes: 0 every machine ready, 1 any not ready, unknown or unreadable line, 2 usage or an input that cannot be read

Examples:
  acs-gate readiness samples/fleet/machines/pc-w10-21h2
  acs-gate readiness samples/fleet/fleet.jsonl --json
`,
  async run(args, { io }) {
    if (!args.positionals.length) throw new UsageError('no INPUT given');
    const lang = resolveLang(args.values.get('lang'), io.env);
    const json = args.switches.has('json');
    const eo = endpointOptions(args, io.cwd);
    const c = { ready: 0, notReady: 0, unknown: 0, errors: 0, skipped: 0 };
    for await (const item of loadInventory(args.positionals, eo.load)) {
      if (!item.ok && item.skipped) {
        // left out on purpose (a stray file in a share, a non-Windows row): said, not counted as an error
        c.skipped++;
        const where = `${item.source}${item.line !== undefined ? `:${item.line}` : ''}`;
        io.stderr(`acs-gate readiness: ${where}: ${item.error}\n`);
        if (json) io.stdout(JSON.stringify({ source: item.source, line: item.line ?? null, skipped: item.error }) + '\n');
        continue;
      }
      if (!item.ok) {
        c.errors++;
        const where = `${item.source}${item.line !== undefined ? `:${item.line}` : ''}`;
        io.stderr(`acs-gate readiness: ${where}: ${item.error}\n`);
        if (json) io.stdout(JSON.stringify({ source: item.source, line: item.line ?? null, error: item.error }) + '\n');
        continue;
      }
      const r = assessReadiness(item.profile, { lang, acceptKbs: eo.acceptKbs });
      if (r.ready === true) c.ready++;
      else if (r.ready === false) c.notReady++;
      else c.unknown++;
      if (json) io.stdout(JSON.stringify({ ...r, source: item.source }) + '\n');
      else io.stdout(formatReadiness(r, item.source, lang));
    }
    if (!json) io.stdout(formatReadinessTotals(c, lang));
    return c.notReady + c.unknown + c.errors === 0 && c.ready > 0 ? EXIT.OK : EXIT.NEGATIVE;
  },
};
