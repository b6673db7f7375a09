/** acs-gate readiness INPUT...: does each machine meet ACS (Windows patch, root certificate), and how to fix it. */
import { escapeText as esc } from '../../text/escape';
import { judgeReadiness } from '../../endpoint/readiness';
import { readinessJsonLine, readinessJsonPieces } from '../../endpoint/readiness-json';
import { loadInventoryBatches } from '../../endpoint/inventory';
import { applyAssumptions, ASSUMPTION_LABELS } from '../../report/assumptions';
import { assumeFlags, assumptionsFrom } from '../assume';
import { EXIT, commandHelp, commandSummary, type Command } from '../command';
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
  summary: commandSummary('readiness', 'en'),
  usage: USAGE,
  flags: { json: { kind: 'switch' }, lang: { kind: 'value' }, 'fail-on': { kind: 'list' }, ...assumeFlags, ...ENDPOINT_FLAGS },
  help: commandHelp('readiness', 'en', { usage: USAGE }),
  helpJa: commandHelp('readiness', 'ja', { usage: USAGE }),
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
        // the verdict's JSON with its steps' sources (issue 18.3), source (and assumed) appended, written by hand
        // with the repeating texts' JSON kept once (readiness-json.ts): the same bytes as JSON.stringify
        // the steps' JSON as UTF-8 bytes made once (readinessJsonPieces), when the io takes bytes
        const pieces = io.stdoutBytes ? readinessJsonPieces(r, item.source, assumed) : readinessJsonLine(r, item.source, assumed);
        if (typeof pieces === 'string') await print(pieces);
        else {
          // the writer's answer to the last piece says whether to wait (the stream's one promise of room)
          let w: ReturnType<typeof io.stdout> = undefined;
          for (const p of pieces) w = typeof p === 'string' ? io.stdout(p) : io.stdoutBytes!(p);
          if (w) await w;
        }
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
