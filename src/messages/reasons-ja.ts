/**
 * Why an input was skipped or could not be read, in Japanese (issue 18.5). Input discovery and the importers
 * (src/endpoint/discover.ts, share.ts, inventory.ts, limits.ts, line-reader.ts, csv.ts, importers/*) write
 * their reasons in English: that text is data (report.json keeps it as written). The terminal (through
 * src/cli/stderr-ja.ts and src/cli/format/inputs.ts) and the Japanese view of report.html show it through this
 * table. Each rule matches one phrase as written in src/, wherever it stands: alone, after `FILE: ` or
 * `FILE:LINE: `, or inside another reason (an incomplete set's reason, a file in a machine's sub-folder).
 * Names, paths, codes, numbers and commands are kept as they are. A reason no rule knows stays as written.
 *
 * Neutral module: the CLI and the report both use it; it imports only the text home.
 */
import { EN, fillText, JA, text, type TextKey, type TextParam } from './texts';

export type Rule = readonly [RegExp, string | ((...m: string[]) => string)];

/**
 * A rule's replacement from the text home: the Japanese text of `key`, its `{1}`, `{2}`, … standing for the
 * pattern's groups (`$1`, `$2`, …).
 */
export function jaReplacement(key: TextKey): string {
  return fillText(JA[key], 'ja', GROUPS);
}
const GROUPS: Record<string, TextParam> = { 1: '$1', 2: '$2', 3: '$3', 4: '$4', 5: '$5' };

/** The list of exports the importers read (importers/index.ts EXPECTED_EXPORTS), its words in Japanese. */
export function expectedExportsJa(list: string): string {
  return list
    .replace(EN['reasonJa.list.systeminfo'], JA['reasonJa.list.systeminfo'])
    .replace(EN['reasonJa.list.hotfix'], JA['reasonJa.list.hotfix'])
    .replace(EN['reasonJa.list.profile'], JA['reasonJa.list.profile'])
    .split(EN['reasonJa.list.comma'])
    .join(JA['reasonJa.list.comma']);
}

/** What a machine's export without a name lies beside (share.ts), in Japanese. */
function besideJa(list: string): string {
  return list
    .split(' and ')
    .map((p) =>
      p
        .replace(/^exports of (.*)$/, jaReplacement('reasonJa.beside.exportsOf'))
        .replace(/^fleet files$/, jaReplacement('reasonJa.beside.fleetFiles'))
        .replace(/^machine folders$/, jaReplacement('reasonJa.beside.machineFolders'))
        .replace(/^other inputs$/, jaReplacement('reasonJa.beside.otherInputs')),
    )
    .join(JA['reasonJa.list.comma']);
}

/** V8's JSON.parse messages, said in Japanese with the position kept. */
function badJsonJa(msg: string): string {
  const pos = /at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(msg);
  const at = pos ? text('reasonJa.json.position', 'ja', { pos: pos[1]! }) : '';
  if (/Unexpected end of JSON input/.test(msg)) return JA['reasonJa.json.end'];
  if (/Unterminated string/.test(msg)) return text('reasonJa.json.unterminated', 'ja', { at });
  if (/Bad control character/.test(msg)) return text('reasonJa.json.control', 'ja', { at });
  if (/after JSON/.test(msg)) return text('reasonJa.json.after', 'ja', { at });
  return text('reasonJa.json.syntax', 'ja', { at });
}

/** Words of the admin's OS for fs error codes (src/text/fs-errors.ts), in Japanese. */
const FS_WORDS: Rule[] = [
  [/\bno such file or directory \((ENOENT)\)/g, jaReplacement('reasonJa.noSuchFileOrDirectory')],
  [/\ba loop of symbolic links \((ELOOP)\)/g, jaReplacement('reasonJa.aLoopOfSymbolicLinks')],
  [/\bread-only file system \((EROFS)\)/g, jaReplacement('reasonJa.readOnlyFileSystem1')],
  [/\bpermission denied \((EACCES)\)/g, jaReplacement('reasonJa.permissionDenied1')],
  [/\boperation not permitted \((EPERM)\)/g, jaReplacement('reasonJa.operationNotPermitted1')],
  [/\ba part of the path is a file, not a folder \((ENOTDIR)\)/g, jaReplacement('reasonJa.aPartOfThePath')],
  [/\ba folder, not a file \((EISDIR)\)/g, jaReplacement('reasonJa.aFolderNotAFile')],
  [/\bname too long \((ENAMETOOLONG)\)/g, jaReplacement('reasonJa.nameTooLong1')],
  [/\btoo many open files \((EMFILE)\)/g, jaReplacement('reasonJa.tooManyOpenFiles1')],
  [/\bbusy \(in use or a mount point\) \((EBUSY)\)/g, jaReplacement('reasonJa.busyInUseOrA')],
  [/\binput\/output error \((EIO)\)/g, jaReplacement('reasonJa.inputOutputError1')],
];

/** What an unrecognised export looked like (importers/hints.ts), in Japanese. */
const HINT_RULES: Rule[] = [
  [
    /recognised an Excel workbook \(\.xlsx\), which is not read: open it in Excel and save it as CSV \(CSV UTF-8\), then give the \.csv/g,
    jaReplacement('reasonJa.recognisedAnExcelWorkbookXlsx'),
  ],
  [
    /recognised an Excel 97-2003 workbook \(\.xls\) or another OLE compound file, which is not read: save it as CSV \(CSV UTF-8\), then give the \.csv/g,
    jaReplacement('reasonJa.recognisedAnExcel972003'),
  ],
  [
    /recognised systeminfo output in a display language whose labels are not read \((\d+) "label: value" lines, OS version ([\d.]+)(?:, (\d+) hotfix entries)?; only English and Japanese labels are read\)/g,
    (_m, n, v, h) =>
      text('reasonJa.hint.systeminfoLanguage', 'ja', { n: n!, version: v!, hotfixes: h ? text('reasonJa.hint.hotfixEntries', 'ja', { n: h }) : '' }),
  ],
  [
    /recognised a CSV with (\d+) columns that looks like systeminfo \/fo csv in a display language whose column names are not read \(OS version ([\d.]+); only English and Japanese column names are read\)/g,
    (_m, n, v) => text('reasonJa.hint.systeminfoCsv', 'ja', { n: n!, version: v! }),
  ],
  [
    /: give instead the outputs of collect\\acs-collect\.cmd \(its reg query and certutil outputs read the same in every display language\) or of acs-gate collect, or Get-ComputerInfo \| ConvertTo-Json, or systeminfo run with an English or Japanese display language/g,
    jaReplacement('reasonJa.giveInsteadTheOutputsOf'),
  ],
];

/** `(?<=^|: |\()`: where a reason starts (alone, after "FILE: ", inside another reason's parentheses). */
const AT = String.raw`(?<=^|: |; |\()`;
const r = (src: string, flags = 'g'): RegExp => new RegExp(src, flags);

/** Reasons for skipped inputs and import errors, phrase by phrase (longest and most specific first). */
export const REASON_RULES: Rule[] = [
  // --- share.ts: folders and files a walk of the input does not read
  [r(String.raw`(?<=^|: )skipped: `), jaReplacement('reasonJa.skipped')],
  [r(`${AT}neither a file nor a (?:folder|directory)`), jaReplacement('reasonJa.neitherAFileNorA')],
  [r(`${AT}a link whose target does not exist`), jaReplacement('reasonJa.aLinkWhoseTargetDoes')],
  [r(`${AT}a link that cannot be followed: `), jaReplacement('reasonJa.aLinkThatCannotBe')],
  [r(String.raw`${AT}the same folder as (.+?) \(a link\), already read`), jaReplacement('reasonJa.theSameFolderAs1')],
  [r(String.raw`${AT}the output folder of this report \(--out\): never read as input`), jaReplacement('reasonJa.theOutputFolderOfThis')],
  [
    r(String.raw`${AT}a folder holding a report written by acs-gate fleet \(report\.json\): a report is never read as input`),
    jaReplacement('reasonJa.aFolderHoldingAReport'),
  ],
  [r(`${AT}a report written by acs-gate fleet: a report is never read as input`), jaReplacement('reasonJa.aReportWrittenByAcs')],
  [r(String.raw`${AT}deeper than (\d+) folders below the input: not read`), jaReplacement('reasonJa.deeperThan1FoldersBelow')],
  [r(String.raw`${AT}not read \(in a sub-folder of the machine folder ([^)]+)\)$`, 'gm'), jaReplacement('reasonJa.notReadInASub')],
  [r(String.raw` \(in a sub-folder of the machine folder ([^)]+)\)$`, 'gm'), jaReplacement('reasonJa.inASubFolderOf')],
  [r(String.raw`${AT}an older collection \((.+?) is used\)`), jaReplacement('reasonJa.anOlderCollection1Is')],
  [r(String.raw`${AT}the dated folder (.+?) beside it is used \(a newer complete set\)`), jaReplacement('reasonJa.theDatedFolder1Beside')],
  [r(String.raw`${AT}an incomplete set \(`), jaReplacement('reasonJa.anIncompleteSet')],
  [r(`${AT}no export in it gives the OS version`), jaReplacement('reasonJa.noExportInItGives')],
  [
    r(String.raw`${AT}a machine's export that names no machine, beside (.+?): it belongs to none of them \(put it in its machine's folder\)`),
    (_m, b) => text('reasonJa.exportNamesNoMachine', 'ja', { beside: besideJa(b!) }),
  ],
  [r(String.raw`${AT}none of its (\d+) dated folders holds a complete set: every fact is unknown`), jaReplacement('reasonJa.noneOfIts1Dated')],
  [r(`${AT}no Windows export in it: every fact is unknown`), jaReplacement('reasonJa.noWindowsExportInIt')],
  [r(`${AT}an empty folder: every fact is unknown`), jaReplacement('reasonJa.anEmptyFolderEveryFact')],
  [
    r(String.raw`${AT}no recognised export in the directory \((\d+) files; expected the exports of one machine, (?:a fleet file, )?or one folder per machine\)`),
    jaReplacement('reasonJa.noRecognisedExportInThe'),
  ],
  [r(String.raw`${AT}no recognised export in the directory \((\d+) files\)`), jaReplacement('reasonJa.noRecognisedExportInThe2')],
  // --- discover.ts: stray files
  [r(`${AT}not a Windows export this tool reads`), jaReplacement('reasonJa.notAWindowsExportThis')],
  [
    r(String.raw`${AT}an Excel workbook: not read \(this tool reads CSV\); open it in Excel and save the sheet as "CSV UTF-8", then give the \.csv`),
    jaReplacement('reasonJa.anExcelWorkbookNotRead'),
  ],
  [r(String.raw`${AT}a PDF document: not read \(give the exports or a CSV\)`), jaReplacement('reasonJa.aPDFDocumentNotRead')],
  [r(String.raw`${AT}a (\w+) file: not read \(give the exports or a CSV\)`), jaReplacement('reasonJa.a1FileNotRead')],
  [r(`${AT}a JSON file that is neither a machine profile nor a recognised export`), jaReplacement('reasonJa.aJSONFileThatIs')],
  [
    r(String.raw`${AT}(\d+) bytes is too large for a raw Windows export \(max (\d+)\); not read`),
    jaReplacement('reasonJa.1BytesIsTooLarge'),
  ],
  [
    r(String.raw`${AT}(\d+) bytes: not a JSON/JSON Lines/CSV fleet file, and too large for a raw Windows export \(max (\d+)\); not read`),
    jaReplacement('reasonJa.1BytesNotAJSON'),
  ],
  [r(`${AT}empty file`), jaReplacement('reasonJa.emptyFile')],
  // --- inventory.ts, line-reader.ts, csv.ts: files and lines that cannot be read
  [r(`${AT}no such file or directory$`, 'gm'), jaReplacement('reasonJa.noSuchFileOrDirectory2')],
  [r(`${AT}cannot read directory: `), jaReplacement('reasonJa.cannotReadDirectory')],
  [r(String.raw`${AT}cannot read directory \(([^)]+)\)`), jaReplacement('reasonJa.cannotReadDirectory1')],
  [r(`${AT}cannot read: `), jaReplacement('reasonJa.cannotRead')],
  [r(String.raw`${AT}cannot read \(([^)]+)\)`), jaReplacement('reasonJa.cannotRead1')],
  [r(String.raw`${AT}read error \(([^)]+)\)`), jaReplacement('reasonJa.readError1')],
  [r(`${AT}not a regular file`), jaReplacement('reasonJa.notARegularFile')],
  [
    r(String.raw`${AT}line of (\d+) bytes is longer than the limit of (\d+) bytes \(1 MiB\): skipped`),
    jaReplacement('reasonJa.lineOf1BytesIs'),
  ],
  [r(String.raw`${AT}nested deeper than (\d+) levels \(arrays and objects inside each other\): not read`), jaReplacement('reasonJa.nestedDeeperThan1Levels')],
  [
    r(String.raw`${AT}(?:name: )?machine name longer than (\d+) characters \(a Windows computer name is at most 15 \(NetBIOS\) or 63 \(DNS label\); a full DNS name at most 255\)`),
    jaReplacement('reasonJa.nameMachineNameLongerThan'),
  ],
  [r(String.raw`${AT}duplicate machine name "(.*)": also in (.+)$`, 'gm'), jaReplacement('reasonJa.duplicateMachineName1Also')],
  [r(`${AT}a machine profile must be a JSON object`), jaReplacement('reasonJa.aMachineProfileMustBe')],
  [
    r(String.raw`${AT}not a machine profile \(no "name" or "os"\) and not a recognised export \(expected (.*)\)$`, 'gm'),
    (_m, list) => text('reasonJa.notProfileNorExport', 'ja', { list: expectedExportsJa(list!) }),
  ],
  [r(String.raw`${AT}not a recognised export \(expected (.*)\)$`, 'gm'), (_m, list) => text('reasonJa.notRecognisedExpected', 'ja', { list: expectedExportsJa(list!) })],
  [r(`${AT}not a recognised export: `), jaReplacement('reasonJa.notARecognisedExport')],
  [r(String.raw`${AT}(\d+) bytes is too large for a whole JSON file \(max (\d+)\); use JSON Lines`), jaReplacement('reasonJa.1BytesIsTooLarge2')],
  [
    r(String.raw`${AT}invalid UTF-8 byte\(s\) in a UTF-8 file \(read as U\+FFFD; the rest of the file is read as UTF-8\)`),
    jaReplacement('reasonJa.invalidUTF8ByteS'),
  ],
  [r(`${AT}bad JSON: (.*)$`, 'gm'), (_m, msg) => badJsonJa(msg)],
  [r(String.raw`${AT}not valid JSON \((.*)\)$`, 'gm'), (_m, msg) => badJsonJa(msg)],
  [r(String.raw`${AT}more than (\d+) bad lines: the rest of the file is not read`), jaReplacement('reasonJa.moreThan1BadLines')],
  [r(String.raw`${AT}(\d+) fields where the header has (\d+)`), jaReplacement('reasonJa.1FieldsWhereTheHeader')],
  [r(`${AT}CSV fleet: no header row`), jaReplacement('reasonJa.csvFleetNoHeaderRow')],
  [r(`${AT}no header row`), jaReplacement('reasonJa.noHeaderRow')],
  [r(String.raw`${AT}record longer than (\d+) characters \(unterminated quote\?\)`), jaReplacement('reasonJa.recordLongerThan1Characters')],
  [r(`${AT}unterminated quoted field at end of file`), jaReplacement('reasonJa.unterminatedQuotedFieldAtEnd')],
  [r(String.raw`${AT}no device name and OS version columns \(use --columns name=COLUMN,version=COLUMN\)`), jaReplacement('reasonJa.noDeviceNameAndOS')],
  [r(String.raw`${AT}(\S+) "(.*)" is not Windows$`, 'gm'), jaReplacement('reasonJa.12IsNotWindows')],
  [r(String.raw`${AT}ubr "(.*)" is not a number`), jaReplacement('reasonJa.ubr1IsNotA')],
  [r(String.raw`${AT}ubr (\S+) contradicts os_version (\S+)`), jaReplacement('reasonJa.ubr1ContradictsOsVersion')],
  [r(String.raw`${AT}(\S+) "(.*)" is not true/false`), jaReplacement('reasonJa.12IsNotTrue')],
  // --- profile.ts (the schema's own messages) and the importers' prefixes
  [r(String.raw`(?<=^|: |; )(\w[\w. ]*) is longer than (\d+) characters`), jaReplacement('reasonJa.1IsLongerThan2')],
  [r(String.raw`${AT}more than (\d+) (hotfixes|root store entries|sources)`), (_m, n, w) => text('reasonJa.moreThan', 'ja', { n: n!, what: JA[`reasonJa.what.${w as 'hotfixes' | 'root store entries' | 'sources'}`] })],
  [r(`${AT}a SHA-1 thumbprint is 40 hex digits`), jaReplacement('reasonJa.aSHA1ThumbprintIs')],
  [r(String.raw`${AT}version is major\.minor\.build, e\.g\. 10\.0\.19044`), jaReplacement('reasonJa.versionIsMajorMinorBuild')],
  [r(`${AT}hotfix ids look like KB5011487`), jaReplacement('reasonJa.hotfixIdsLookLikeKB5011487')],
  [r(String.raw`${AT}Invalid input: expected (\w+), received (\w+)`), jaReplacement('reasonJa.invalidInputExpected1Received')],
  [r(`${AT}profile JSON: `), jaReplacement('reasonJa.profileJSON')],
  [r(`${AT}certificate JSON: `), jaReplacement('reasonJa.certificateJSON')],
  [r(`${AT}merged profile: `), jaReplacement('reasonJa.mergedProfile')],
  [r(`${AT}Get-HotFix table: no header line with HotFixID followed by a dashed line`), jaReplacement('reasonJa.getHotFixTableNoHeader')],
  [r(`${AT}no HotFixID column in the header`), jaReplacement('reasonJa.noHotFixIDColumnInThe')],
  [r(`${AT}certutil -store: no certificate blocks found`), jaReplacement('reasonJa.certutilStoreNoCertificateBlocks')],
  [r(`${AT}reg query: no key found`), jaReplacement('reasonJa.regQueryNoKeyFound')],
  [r(`${AT}expected one JSON object`), jaReplacement('reasonJa.expectedOneJSONObject')],
  [r(String.raw`${AT}OS version (\S+) contradicts (\S+) from (.+)$`, 'gm'), jaReplacement('reasonJa.osVersion1Contradicts2')],
  [r(String.raw`${AT}item \[(\d+)\] is not an object`), jaReplacement('reasonJa.item1IsNotAn')],
  [r(String.raw`${AT}item \[(\d+)\]\.Thumbprint is not 40 hex digits`), jaReplacement('reasonJa.item1ThumbprintIsNot')],
  [r(String.raw`${AT}certificate block without a "Cert Hash\(sha1\)" line`), jaReplacement('reasonJa.certificateBlockWithoutACert')],
  [r(String.raw`${AT}SHA-1 hash "(.*)" is not 40 hex digits`), jaReplacement('reasonJa.sha1Hash1Is')],
  [r(String.raw`${AT}unexpected line "(.*)"$`, 'gm'), jaReplacement('reasonJa.unexpectedLine1')],
  [r(String.raw`${AT}(\S+) is not a REG_DWORD 0x… value \("(.*)"\)`), jaReplacement('reasonJa.1IsNotAREG')],
  [r(String.raw`${AT}(\S+) "(.*)" is not a number`), jaReplacement('reasonJa.12IsNotA')],
  [r(String.raw`${AT}(\S+) (.+?) is not a whole number`), jaReplacement('reasonJa.12IsNotA2')],
  [r(String.raw`${AT}(OsVersion|OS Version) "(.*)" is not major\.minor\.build`), jaReplacement('reasonJa.12IsNotMajor')],
  [r(String.raw`${AT}a header row and one data row are expected; found no data row`), jaReplacement('reasonJa.aHeaderRowAndOne')],
  [r(String.raw`${AT}more than one data row \(one machine per file\)`), jaReplacement('reasonJa.moreThanOneDataRow')],
  [r(String.raw`${AT}the data row has (\d+) fields, the header (\d+)`), jaReplacement('reasonJa.theDataRowHas1')],
  [r(String.raw`${AT}no "OS Version" line \(expected e\.g\. "(.*)"\)`), jaReplacement('reasonJa.noOSVersionLineExpected')],
  ...FS_WORDS,
  ...HINT_RULES,
];

/** Applies `rules` to each line of `text`, in order. */
export function applyRules(text: string, rules: readonly Rule[]): string {
  return text
    .split('\n')
    .map((line) => {
      let out = line;
      for (const [re, to] of rules) out = out.replace(re, to as string);
      return out;
    })
    .join('\n');
}

/** A skip reason or an import error (as report.json holds it) in Japanese; unknown text stays as written. */
export function reasonJa(text: string): string {
  return applyRules(text, REASON_RULES);
}
