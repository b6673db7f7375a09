/**
 * Human summary of a fleet run: first what stops everything (an installer whose own signature fails), then
 * where the report is, the totals, the top reasons, each path's outcomes and the machines to fix first.
 * Japanese reads as Japanese: counts in its word order ("19 台中 11 台が対応済み"), decisions and verdicts in
 * words (report/i18n.ts), no English left; codes, path ids and file names stay as they are (identifiers).
 */
import { escapeText as esc } from '../../text/escape';
import type { FleetResult } from '../../report/fleet';
import type { Lang } from '../lang';
import { ASSUMPTION_LABELS, type AssumableFact } from '../../report/assumptions';
import { DECISION_LABELS, LABELS, REASON_LABELS, VERDICT_LABELS } from '../../report/i18n';
import { group, inLang, text } from '../../messages/texts';

/** The summary's words in one language (text home: `terminal.fleet.*`). */
const T = { en: inLang(group('terminal.fleet.'), 'en'), ja: inLang(group('terminal.fleet.'), 'ja') } as const;

/** One line of a terminal: the step without its links (the report has the full text). */
function short(step: string, max = 110): string {
  const s = step
    .replace(/\s*\(KB5022661: https?:[^)]*\)/g, '')
    .replace(/\s*\(https?:[^)]*\)/g, '')
    .replace(/:?\s*https?:\/\/\S+( ,)?/g, '')
    .trim();
  // cut between words: never half a file name or command
  return s.length > max ? s.slice(0, max - 1).replace(/[\x21-\x7e]+$/, '').trimEnd() + '…' : s;
}

/** "5 machines" / "1 machine" / "5 台". */
function machines(n: number, lang: Lang): string {
  return text(n === 1 ? 'terminal.fleet.machineOne' : 'terminal.fleet.machineMany', lang, { n });
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** The installer problems, said once and first: the file, its verdict and codes, and the fix. */
export function formatInstallerProblems(r: Pick<FleetResult, 'summary'>, lang: Lang): string[] {
  const out: string[] = [];
  for (const p of r.summary.installerProblems ?? []) {
    const verdict = VERDICT_LABELS[p.verdict]?.[lang] ?? p.verdict;
    const codes = p.failures.join(', ') || '-';
    const said = p.verdict === 'unsigned' ? 'terminal.fleet.installerUnsigned' : 'terminal.fleet.installerProblem';
    out.push(text(said, lang, { file: esc(baseName(p.file)), verdict, codes, machines: machines(p.machines, lang) }));
    out.push(text('terminal.fleet.installerNotInFaq', lang));
    out.push(text('terminal.fleet.installerFix', lang, { fix: esc(p.fix) }));
    out.push(`   (${esc(p.file)})`);
  }
  for (const p of r.summary.rootProblems ?? []) {
    out.push(text('terminal.fleet.rootProblem', lang, { file: esc(baseName(p.file)), root: esc(p.root) }));
    out.push(text('terminal.fleet.rootCounted', lang, { machines: machines(p.machines, lang) }));
    out.push(text('terminal.fleet.rootNotInFaq', lang));
    out.push(text('terminal.fleet.installerFix', lang, { fix: esc(p.fix) }));
    out.push(`   (${esc(p.file)})`);
  }
  if (out.length) out.push('');
  return out;
}

/** "19 台中 11 台が対応済み、5 台が未対応、3 台が不明" / "19 machines: 11 ready, 5 not ready, 3 unknown". */
function totalsLine(r: FleetResult, lang: Lang): string {
  const t = r.summary.totals;
  const e = t.importErrors;
  const words = { ja: 'machines', en: t.machines === 1 ? 'machine' : 'machines' } as const;
  return (
    text('terminal.fleet.totals', lang, { total: t.machines, machines: words[lang], ready: t.ready, notReady: t.notReady, unknown: t.unknown }) +
    (e ? text('terminal.fleet.totalsErrors', lang, { n: e, errors: e === 1 ? T[lang].error : T[lang].errors }) : '')
  );
}

function decisionCount(k: keyof typeof DECISION_LABELS, n: number, lang: Lang): string {
  return text('terminal.fleet.decisionCount', lang, { decision: DECISION_LABELS[k][lang], n });
}

export function formatFleet(r: FleetResult, lang: Lang): string {
  const t = T[lang];
  const s = r.summary;
  const sep = lang === 'ja' ? '、' : ', ';
  const out = [
    ...formatInstallerProblems(r, lang),
    `${t.written}: ${esc(r.outputs.html)}`,
    `  (${esc(r.outputs.json)}${sep}${esc(r.outputs.csv)})`,
    `${t.open}: file://${esc(r.outputs.html)}`,
  ];
  if (s.generatedAtLocal) out.push(`${t.generated}: ${s.generatedAtLocal}`);
  if (s.assumptions?.length) out.push(`${t.assumed}: ${s.assumptions.map((a) => ASSUMPTION_LABELS[a as AssumableFact]?.[lang] ?? a).join('; ')}`);
  out.push('', totalsLine(r, lang));
  if (s.byReason.length) {
    out.push(`${t.reasons}:`);
    for (const x of s.byReason.slice(0, 5)) {
      const label = REASON_LABELS[x.code]?.[lang];
      out.push(`  ${x.code.padEnd(18)} ${machines(x.notReady + x.unknown, lang)}${label ? ` (${label})` : ''}`);
    }
  }
  if (s.perPath.length) {
    out.push(`${t.paths}:`);
    for (const p of s.perPath) {
      const worst = [
        p.unknownWorstCase.blocked ? decisionCount('blocked', p.unknownWorstCase.blocked, lang) : '',
        p.unknownWorstCase.unguarded ? decisionCount('unguarded', p.unknownWorstCase.unguarded, lang) : '',
      ]
        .filter(Boolean)
        .join(sep);
      const byInstaller = p.blockedByInstaller ? text('terminal.fleet.byInstaller', lang, { n: p.blockedByInstaller }) : '';
      const byRoot = p.blockedByRoot ? text('terminal.fleet.byRoot', lang, { n: p.blockedByRoot }) : '';
      out.push(
        `  ${(p.path + (p.file ? ` (${esc(baseName(p.file))})` : '')).padEnd(48)} ` +
          [decisionCount('allowed', p.allowed, lang), decisionCount('blocked', p.blocked, lang) + byInstaller + byRoot, decisionCount('unguarded', p.unguarded, lang)].join(sep) +
          (p.unknown ? `${sep}${decisionCount('unknown', p.unknown, lang)} (${t.worst}: ${worst})` : ''),
      );
    }
    if (s.perPath.some((p) => p.unguarded || p.unknownWorstCase.unguarded)) out.push(`  (${LABELS.unguardedNote[lang]})`);
  }
  if (s.fixFirst.length) {
    out.push(`${t.fix}:`);
    for (const f of s.fixFirst.slice(0, 5)) out.push(`  ${esc(f.name)}: ${esc(short(f.remediation[0] ?? f.reasons[0] ?? ''))}`);
    const rest = s.totals.notReady + s.totals.unknown - Math.min(5, s.fixFirst.length);
    if (rest > 0) out.push(text('terminal.fleet.fixMore', lang, { n: rest, more: t.more, where: esc(r.outputs.html) }));
  }
  const rootFile = r.outputs.rootCertificate;
  if (rootFile) out.push(`${t.rootFile}: ${esc(rootFile)}`);
  return out.join('\n') + '\n';
}
