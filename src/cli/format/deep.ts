/** Human output of `acs-gate verify --deep`: one line per file inside, indented per nesting level, then the summary. */
import { escapeText as esc } from '../../text/escape';
import type { DeepEntry, DeepSummary } from '../../authenticode/types';

function line(e: DeepEntry, depth: number): string[] {
  const traits = [
    e.verdict,
    e.acs ? 'ACS' : null,
    e.forceIntegrity ? 'FORCE_INTEGRITY' : null,
    e.machine,
    e.signedBy === 'catalog' ? `catalog-signed (${e.catalog ?? '?'})` : e.signedBy === 'embedded' ? 'signed' : 'not signed',
    (e.versionInfo?.FileVersion ?? e.versionInfo?.fixedFileVersion) ? `version ${e.versionInfo?.FileVersion ?? e.versionInfo?.fixedFileVersion}` : null,
  ].filter((x): x is string => typeof x === 'string');
  const pad = '  '.repeat(depth + 1);
  const out = [`${pad}${esc(e.path)}  [${traits.map(esc).join(', ')}]  ${e.size} bytes  sha256 ${e.sha256}`];
  if (e.verdict !== 'valid' && e.verdict !== 'unsigned' && e.failures[0]) out.push(`${pad}  ${esc(e.failures[0].code)}: ${esc(e.failures[0].message)}`);
  for (const n of e.notes ?? []) out.push(`${pad}  note: ${esc(n)}`);
  for (const c of e.contents ?? []) out.push(...line(c, depth + 1));
  return out;
}

export function formatDeep(contents: DeepEntry[], s: DeepSummary): string {
  const v = s.verdicts;
  const out = [
    `Contents (${s.files} file${s.files === 1 ? '' : 's'}):`,
    ...contents.flatMap((e) => line(e, 0)),
    `Summary: ${v.valid} valid, ${v.invalid} invalid, ${v.unsigned} unsigned, ${v.malformed} malformed`,
    `  ACS-signed modules: ${s.acsModules.length}${s.acsModules.length ? ` (${s.acsModules.map(esc).join(', ')})` : ''}`,
    `  FORCE_INTEGRITY modules: ${s.forceIntegrityModules.length}${s.forceIntegrityModules.length ? ` (${s.forceIntegrityModules.map(esc).join(', ')})` : ''}`,
    `  ${esc(s.conclusion)}`,
    ...s.notes.map((n) => `  note: ${esc(n)}`),
    ...(s.truncated ? ['  (a bound was reached: not every file was read)'] : []),
  ];
  return out.join('\n') + '\n';
}
