/** Human output of `acs-gate readiness`: one block per machine, then the totals. */
import { escapeText as esc } from '../../text/escape';
import type { Readiness } from '../../endpoint/types';
import type { Lang } from '../lang';
import { remediationSource } from '../../endpoint/remediation';
import { LABELS } from '../../report/i18n';
import { windowsLine } from './windows-line';
import { group, inLang, text } from '../../messages/texts';

/** The output's words in one language (text home: `terminal.readiness.*`). */
const T = { en: inLang(group('terminal.readiness.'), 'en'), ja: inLang(group('terminal.readiness.'), 'ja') } as const;

function label(r: Readiness['ready'], lang: Lang): string {
  const t = T[lang];
  return r === true ? t.ready : r === false ? t.notReady : t.unknown;
}

/** `assumed`: the assumptions applied to this machine, in words (--assume-online, ...) */
export function formatReadiness(r: Readiness, source: string, lang: Lang, assumed: string[] = []): string {
  const out = [`${esc(r.name)}: ${label(r.ready, lang)}${r.os.line ? `  (${esc(windowsLine(r.os.line, lang))}${r.os.version ? ` ${esc(r.os.version)}${r.os.ubr !== undefined ? '.' + esc(r.os.ubr) : ''}` : ''})` : ''}  [${esc(source)}]`];
  for (const a of assumed) out.push(`  (${a})`);
  for (const x of r.reasons) out.push(`  - ${x.code}: ${esc(x.message)}`);
  if (r.remediation.length) {
    out.push(`  ${T[lang].remediation}:`);
    // each step marked as ours where it is (issue 18.3): the FAQ states no fix step in these words
    r.remediation.forEach((s, i) => out.push(`    ${i + 1}. ${esc(s)}${remediationSource(s) === 'inferred' ? ` ${LABELS.markInferred[lang]}` : ''}`));
  }
  return out.join('\n') + '\n';
}

export function formatReadinessTotals(c: { ready: number; notReady: number; unknown: number; errors: number }, lang: Lang): string {
  const n = c.ready + c.notReady + c.unknown;
  // the fleet summary's counts line (Japanese word order, issue 18.5: "19 台中 11 台が対応済み、…")
  const machines = text(n === 1 ? 'report.page.machineOne' : 'report.page.machineMany', lang);
  const bad = text(c.errors === 1 ? 'terminal.readiness.badOne' : 'terminal.readiness.badMany', lang);
  return (
    text('terminal.fleet.totals', lang, { total: n, machines, ready: c.ready, notReady: c.notReady, unknown: c.unknown }) +
    (c.errors ? text('terminal.fleet.totalsErrors', lang, { n: c.errors, errors: bad }) : '') +
    '\n'
  );
}
