/** acs-gate readiness INPUT...: does each machine meet ACS (Windows patch, root certificate), and how to fix it. */
import { escapeText as esc } from '../../text/escape';
import { assessReadiness } from '../../endpoint/readiness';
import { loadInventory } from '../../endpoint/inventory';
import { EXIT, type Command } from '../command';
import { UsageError } from '../errors';
import { formatReadiness, formatReadinessTotals } from '../format/readiness';
import { resolveLang } from '../lang';

const USAGE = 'acs-gate readiness INPUT... [--json] [--lang ja|en]';

export const readinessCommand: Command = {
  name: 'readiness',
  summary: "judge machines' ACS readiness from Windows exports or a fleet file",
  usage: USAGE,
  flags: { json: { kind: 'switch' }, lang: { kind: 'value' } },
  help: `Usage: ${USAGE}

Each INPUT is a machine profile (.json), a fleet file (JSON Lines or CSV, one machine per line), or a
directory of one machine's raw Windows exports (systeminfo /fo csv, Get-HotFix | ConvertTo-Csv,
wmic qfe, certutil -store Root, reg query ... UBR / DisableRootAutoUpdate), in English or Japanese,
UTF-16LE, UTF-8 or Shift_JIS.

Per machine: ready (true / false / "unknown"), the reasons, and the remediation (the KB for that Windows
version, certutil -addstore Root with the bundled root, or what to collect next). Unknown facts stay unknown.

Options:
  --json         one JSON document per machine (JSON Lines): name, ready, reasons, remediation, os, root, source
  --lang ja|en   language of the output: labels, reasons and remediation (also in --json; codes, facts and
                 evidence do not change); default from LC_ALL / LC_MESSAGES / LANG

Exit codes: 0 every machine ready, 1 any not ready, unknown or unreadable line, 2 usage or an input that cannot be read

Examples:
  acs-gate readiness samples/fleet/machines/pc-w10-21h2
  acs-gate readiness samples/fleet/fleet.jsonl --json
`,
  async run(args, { io }) {
    if (!args.positionals.length) throw new UsageError('no INPUT given');
    const lang = resolveLang(args.values.get('lang'), io.env);
    const json = args.switches.has('json');
    const c = { ready: 0, notReady: 0, unknown: 0, errors: 0 };
    for await (const item of loadInventory(args.positionals)) {
      if (!item.ok) {
        c.errors++;
        const where = `${item.source}${item.line !== undefined ? `:${item.line}` : ''}`;
        io.stderr(`acs-gate readiness: ${esc(where)}: ${esc(item.error)}\n`);
        if (json) io.stdout(JSON.stringify({ source: item.source, line: item.line ?? null, error: item.error }) + '\n');
        continue;
      }
      const r = assessReadiness(item.profile, { lang });
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
