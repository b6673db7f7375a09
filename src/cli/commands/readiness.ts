/** acs-gate readiness INPUT...: does each machine meet ACS (Windows patch, root certificate), and how to fix it. */
import { escapeText as esc } from '../../text/escape';
import { judgeReadiness } from '../../endpoint/readiness';
import { loadInventoryBatches } from '../../endpoint/inventory';
import { applyAssumptions, ASSUMPTION_LABELS } from '../../report/assumptions';
import { assumeFlags, assumptionsFrom } from '../assume';
import { EXIT, exitCodesHelp, type Command } from '../command';
import { UsageError } from '../errors';
import { failedOn, parseFailOn } from '../fail-on';
import { formatReadiness, formatReadinessTotals } from '../format/readiness';
import { ENDPOINT_FLAGS, endpointOptions } from '../endpoint-options';
import { resolveLang } from '../lang';
import { formatInputs } from '../format/inputs';
import { newInputFileStats } from '../../endpoint/discover';

const USAGE =
  'acs-gate readiness INPUT... [--json] [--lang ja|en] [--fail-on not-ready|unknown|unreadable]... ' +
  '[--assume-online] [--assume-root-auto-update] [--columns name=COL,version=COL,...] [--accept-kb KB]... [--policy FILE]';

const READINESS_FAIL_ON = ['not-ready', 'unknown', 'unreadable'] as const;

export const readinessCommand: Command = {
  name: 'readiness',
  summary: "judge machines' ACS readiness from Windows exports or a fleet file",
  usage: USAGE,
  flags: { json: { kind: 'switch' }, lang: { kind: 'value' }, 'fail-on': { kind: 'list' }, ...assumeFlags, ...ENDPOINT_FLAGS },
  help: `Usage: ${USAGE}

Each INPUT is a machine profile (.json), a fleet file (JSON Lines or CSV, one machine per line), an
inventory CSV of Intune / Configuration Manager / Defender (or any CSV with --columns), one raw Windows export,
a directory of one machine's raw exports (systeminfo > info.txt or /fo csv, Get-HotFix > hotfix.txt or
| ConvertTo-Csv, wmic qfe, Get-ItemProperty ...CurrentVersion | ConvertTo-Json, Get-ComputerInfo |
ConvertTo-Json, certutil -store Root, reg query ... UBR / DisableRootAutoUpdate), or a share of machine
folders, fleet files and profile files at any depth (a folder is one machine only when it holds one machine's
exports; stray files and older dated folders are skipped and listed on stderr, with the count of files read
and skipped). English or Japanese Windows; UTF-16LE, UTF-8, Shift_JIS or cp437.

Per machine: ready (true / false / "unknown"), the reasons, and the remediation (the KB for that Windows
version, certutil -addstore Root with the bundled root, or what to collect next). Unknown facts stay unknown.
An input or line that cannot be read is named on stderr; the others are still judged.

Options:
  --json         one JSON document per machine (JSON Lines): name, ready, reasons, remediation, os, root, source
                 (and "assumed": the facts assumed for it, when any)
  --lang ja|en   language of the output: labels, reasons and remediation (also in --json; codes, facts and
                 evidence do not change); default from LC_ALL / LC_MESSAGES / LANG (on Windows: the OS locale)
  --fail-on WHAT exit 1 when a machine is WHAT: not-ready, unknown, or unreadable (an input or line that
                 cannot be read, or a file this tool does not read and which may hold machines, e.g. an
                 .xlsx; not Thumbs.db, desktop.ini, READMEs, scripts or older dated folders); repeatable or a
                 comma list. Without it the exit code is 0 once printed.
  --assume-online
                 where a machine's exports do not say, assume it can fetch Windows Update's root certificate
                 list (no export records this; acs-gate collect probes it). Named in the output per machine.
  --assume-root-auto-update
                 where a machine's exports do not say, assume automatic root certificate update is on (the
                 Windows default). Named in the output per machine.
  --columns name=COL,version=COL,...
                 which columns of an inventory CSV hold the device name, the OS version (10.0.19045 or
                 10.0.19045.3803) and, optionally, build, ubr, caption, hotfixes, platform; Intune, Configuration
                 Manager and Defender exports are recognised without it
  --accept-kb KB a KB accepted as containing the ACS fix (e.g. a monthly rollup newer than the table);
                 repeatable
  --policy FILE  JSON { "acceptKbs": ["KB..."] }: the same as --accept-kb, kept in a file

${exitCodesHelp({ 0: 'the verdicts are printed, whatever they are', 1: 'with --fail-on: a machine was not ready / unknown / unreadable' })}
Examples:
  acs-gate readiness samples/fleet/machines/pc-w10-21h2-kaikei
  acs-gate readiness samples/fleet/fleet.jsonl --json
  acs-gate readiness samples/fleet/machines --fail-on not-ready,unknown
  acs-gate readiness samples/fleet/fleet.jsonl --assume-online --assume-root-auto-update
`,
  async run(args, { io }) {
    if (!args.positionals.length) throw new UsageError('no INPUT given');
    const lang = resolveLang(args.values.get('lang'), io.env, io);
    const json = args.switches.has('json');
    const failOn = parseFailOn(args, READINESS_FAIL_ON);
    const assume = assumptionsFrom(args);
    const eo = endpointOptions(args, io.cwd);
    const c = { ready: 0, notReady: 0, unknown: 0, errors: 0, unread: 0 };
    const stats = newInputFileStats();
    // one line per machine: wait when the reader is slower than we are (memory flat; stdout-writer.ts)
    const print = async (text: string): Promise<void> => {
      const w = io.stdout(text);
      if (w) await w;
    };
    // in batches (one asynchronous step per chunk of a fleet file, not several per machine): the same items
    for await (const batch of loadInventoryBatches(args.positionals, { ...eo.load, stats })) for (const item of batch) {
      if (!item.ok && item.skipped) {
        if (item.unread) c.unread++;
        // left out on purpose (a stray file in a share, a non-Windows row): said, not counted as unreadable
        const where = `${item.source}${item.line !== undefined ? `:${item.line}` : ''}`;
        io.stderr(`acs-gate readiness: ${esc(where)}: ${esc(item.error)}\n`);
        if (json) await print(JSON.stringify({ source: item.source, line: item.line ?? null, skipped: item.error, ...(item.unread ? { unread: true } : {}) }) + '\n');
        continue;
      }
      if (!item.ok) {
        c.errors++;
        const where = `${item.source}${item.line !== undefined ? `:${item.line}` : ''}`;
        io.stderr(`acs-gate readiness: ${esc(where)}: ${esc(item.error)}\n`);
        if (json) await print(JSON.stringify({ source: item.source, line: item.line ?? null, error: item.error }) + '\n');
        continue;
      }
      const { profile, assumed } = applyAssumptions(item.profile, assume);
      // the profile is loadInventory's (checked and copied there), the options ours: judged without a second parse
      const r = judgeReadiness(profile, { lang, acceptKbs: eo.acceptKbs });
      if (r.ready === true) c.ready++;
      else if (r.ready === false) c.notReady++;
      else c.unknown++;
      if (json) {
        // the verdict's own JSON with source (and assumed) appended: the same text as stringifying a copy with
        // them, without the copy (a fifth of readiness's time went to copies and their garbage)
        const body = JSON.stringify(r);
        const tail = `,"source":${JSON.stringify(item.source)}${assumed.length ? `,"assumed":${JSON.stringify(assumed)}` : ''}}\n`;
        const w = io.stdout(body.length > 2 ? body.slice(0, -1) + tail : `{${tail.slice(1)}`);
        if (w) await w;
      } else await print(formatReadiness(r, item.source, lang, assumed.map((f) => ASSUMPTION_LABELS[f][lang])));
    }
    if (!json) io.stdout(formatReadinessTotals(c, lang));
    const none = c.ready + c.notReady + c.unknown === 0;
    // the count of files, once anything was left out (each one was named above as it came)
    if (none || stats.skipped + stats.unreadable + c.errors > 0)
      io.stderr(`acs-gate readiness: ${formatInputs({ files: stats, skipped: [], skippedCount: 0, importErrors: [], importErrorCount: 0 }, lang, '')}`);
    if (none) {
      io.stderr(`acs-gate readiness: no machine could be read from ${esc(args.positionals.join(', '))}\n`);
      return EXIT.USAGE_OR_IO;
    }
    const failed = failedOn(failOn, { notReady: c.notReady, unknown: c.unknown, unreadable: c.errors + c.unread });
    if (failed.length) {
      io.stderr(`acs-gate readiness: --fail-on ${failed.join(',')}: ${failed.map((f) => `${f === 'not-ready' ? c.notReady : f === 'unknown' ? c.unknown : c.errors + c.unread} ${f}`).join(', ')}\n`);
      return EXIT.NEGATIVE;
    }
    return EXIT.OK;
  },
};
