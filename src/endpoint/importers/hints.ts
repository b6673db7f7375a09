/**
 * What to tell the administrator about an export the importers do not read, when its shape says what it is:
 * an Excel workbook (save it as CSV), or systeminfo output in a display language other than English or
 * Japanese (its labels are translated; the collector's `reg query` outputs are not). The hint names what was
 * recognised and what to give instead. Only English and Japanese systeminfo labels are read: other languages'
 * labels would need real, cited samples (none are in this repository), so they are named, not guessed.
 */

/** The instead-part for machine facts: exports whose text does not depend on the display language. */
const GIVE_INSTEAD =
  'give instead the outputs of collect\\acs-collect.cmd (its reg query and certutil outputs read the same in every display language) ' +
  "or of acs-gate collect, or Get-ComputerInfo | ConvertTo-Json, or systeminfo run with an English or Japanese display language";

/** "PK\x03\x04" with an xl/ part: an .xlsx; "\xD0\xCF\x11\xE0": an OLE compound file such as an .xls. */
function workbookKind(bytes: Uint8Array | undefined, text: string): 'xlsx' | 'xls' | undefined {
  // without the bytes, the decoded text's first characters stand for them (a ZIP or OLE header survives decoding as Latin-1 / UTF-8)
  const b = bytes ?? Buffer.from(text.slice(0, 1 << 16), 'latin1');
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const head = Buffer.from(b.subarray(0, Math.min(b.length, 1 << 16))).toString('latin1');
    return /xl\/|\[Content_Types\]\.xml/.test(head) ? 'xlsx' : undefined;
  }
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'xls';
  return undefined;
}

/**
 * A one-sentence hint for an unrecognised export, or undefined when its shape says nothing. `bytes`: the raw
 * file when known (a workbook is recognised by its bytes), `text`: its decoded text.
 */
export function unrecognisedExportHint(text: string, bytes?: Uint8Array): string | undefined {
  const wb = workbookKind(bytes, text);
  if (wb === 'xlsx') return 'recognised an Excel workbook (.xlsx), which is not read: open it in Excel and save it as CSV (CSV UTF-8), then give the .csv';
  if (wb === 'xls') return 'recognised an Excel 97-2003 workbook (.xls) or another OLE compound file, which is not read: save it as CSV (CSV UTF-8), then give the .csv';
  const head = text.slice(0, 16384);
  const lines = head.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  // systeminfo list in another language: unindented "label:   value" lines, a major.minor.build version and hotfix entries
  const labelled = lines.filter((l) => /^[^\s:][^:]{0,60}:\s{2,}\S/.test(l)).length;
  const version = /\b(?:5|6|10)\.\d+\.\d{4,5}\b/.exec(head)?.[0];
  const hotfixes = (head.match(/^\s+\[\d+\]:\s*KB\d+/gim) ?? []).length;
  if (labelled >= 8 && version) {
    return (
      `recognised systeminfo output in a display language whose labels are not read (${labelled} "label: value" lines, ` +
      `OS version ${version}${hotfixes ? `, ${hotfixes} hotfix entries` : ''}; only English and Japanese labels are read): ${GIVE_INSTEAD}`
    );
  }
  // systeminfo /fo csv in another language: a quoted header of many columns and a row holding a version
  const first = lines[0] ?? '';
  const columns = (first.match(/"[^"]*"/g) ?? []).length;
  if (columns >= 10 && /^"[^"]*"(,"[^"]*")+\s*$/.test(first) && lines.length >= 2 && version) {
    return (
      `recognised a CSV with ${columns} columns that looks like systeminfo /fo csv in a display language whose column names ` +
      `are not read (OS version ${version}; only English and Japanese column names are read): ${GIVE_INSTEAD}`
    );
  }
  return undefined;
}

/**
 * The reason a share or a machine folder lists a file it skipped, from the importer's error detail: the hint
 * (what the file looked like, what to give instead) when there is one. For src/endpoint/share.ts.
 */
export function skippedExportReason(detail: string): string {
  if (detail.startsWith('empty')) return 'empty file';
  const hint = /^not a recognised export: (.*)$/s.exec(detail)?.[1];
  return hint ? `not a Windows export this tool reads: ${hint}` : 'not a Windows export this tool reads';
}
