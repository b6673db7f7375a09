/**
 * Issue 18.6: fix steps that work offline. The root certificate is written next to the report and ships in the
 * package; the root step names the file, its thumbprints and where Microsoft publishes it; machines with missing
 * facts are pointed to collect\acs-collect.cmd; exports the tool cannot read say what they looked like and what
 * to give instead. Inputs are built here, written as Windows writes them (UTF-16LE with BOM, CRLF).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACS_ROOT_2020_SHA1, ACS_ROOT_2020_SHA256 } from '../../src/authenticode/trust/bundled-roots';
import { ROOT_DOWNLOAD_URL } from '../../src/endpoint/remediation';
import { importMachineDirectoryDetailed } from '../../src/endpoint/importers';
import { skippedExportReason } from '../../src/endpoint/importers/hints';
import { AT, run, tmpDir } from '../cli/helpers';

const ROOT = path.join(__dirname, '..', '..');
const dirs: string[] = [];
function dir(): string {
  const d = tmpDir('acs-offline-');
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Text as PowerShell 5.1 `>` writes it: UTF-16LE with a BOM, CRLF. */
function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le')]);
}

function fleetFile(): string {
  const d = dir();
  const f = path.join(d, 'fleet.jsonl');
  fs.writeFileSync(
    f,
    [
      { name: 'PC-OFFLINE', os: { version: '10.0.19045', ubr: 3000 }, rootStore: [], rootAutoUpdate: false, online: false },
      { name: 'PC-NOFACTS', os: { version: '10.0.19045', ubr: 3000 } },
    ]
      .map((p) => JSON.stringify(p))
      .join('\n') + '\n',
  );
  return f;
}

describe('offline fix steps (issue 18.6)', () => {
  it('writes the root certificate next to the report; the root step names it, its thumbprints and Microsoft\'s download location', async () => {
    const out = dir();
    const r = await run(['fleet', fleetFile(), '--out', out, '--at', AT, '--lang', 'en']);
    expect(r.code).toBe(0);
    const cer = path.join(out, 'microsoft-identity-verification-root-ca-2020.cer');
    const der = fs.readFileSync(cer);
    expect(createHash('sha1').update(der).digest('hex').toUpperCase()).toBe(ACS_ROOT_2020_SHA1);
    // the same bytes as the file the package ships
    expect(der.equals(fs.readFileSync(path.join(ROOT, 'certs', 'microsoft-identity-verification-root-ca-2020.cer')))).toBe(true);
    expect(r.out).toContain(`Root certificate file for offline machines: ${cer}`);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { machines: { name: string; remediation: string[] }[] };
    const offline = json.machines.find((m) => m.name === 'PC-OFFLINE')!;
    const step = offline.remediation.find((s) => s.includes('Trusted Root store'))!;
    for (const part of ['microsoft-identity-verification-root-ca-2020.cer', 'next to the fleet report', ACS_ROOT_2020_SHA1, ACS_ROOT_2020_SHA256, ROOT_DOWNLOAD_URL]) expect(step).toContain(part);
    expect(ROOT_DOWNLOAD_URL).toBe('https://www.microsoft.com/pkiops/docs/repository.htm');
    // a machine with missing facts is pointed to the collector that needs no Node
    const nofacts = json.machines.find((m) => m.name === 'PC-NOFACTS')!;
    expect(nofacts.remediation.join('\n')).toMatch(/collect\\acs-collect\.cmd on the machine \(no Node needed/);
  });

  it('ships the root certificate and the collector in the package ("files")', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toEqual(expect.arrayContaining(['certs/microsoft-identity-verification-root-ca-2020.cer', 'collect/acs-collect.cmd']));
    for (const f of ['certs/microsoft-identity-verification-root-ca-2020.cer', 'collect/acs-collect.cmd']) expect(fs.existsSync(path.join(ROOT, f))).toBe(true);
  });

  it('an export it cannot read says what it looked like and what to give instead (an .xlsx; systeminfo with labels in another language)', async () => {
    const m = dir();
    // an .xlsx: a ZIP whose parts are [Content_Types].xml and xl/workbook.xml (the bytes that matter for the hint)
    const zipHead = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml'), Buffer.from('xl/workbook.xml')]);
    fs.writeFileSync(path.join(m, 'inventory.xlsx'), zipHead);
    // systeminfo list output whose labels are not English or Japanese (made-up labels: only the shape matters)
    const labels = ['Etikett-A', 'Etikett-B', 'Etikett-C', 'Etikett-D', 'Etikett-E', 'Etikett-F', 'Etikett-G', 'Etikett-H', 'Etikett-I'];
    const text = ['', ...labels.map((l, i) => `${l}:${' '.repeat(20)}${i === 2 ? '10.0.19045 Nicht zutreffend Build 19045' : `Wert ${i}`}`), 'Etikett-J:                    2 Hotfix(es) installiert.', '                              [01]: KB5031356', ''].join('\n');
    fs.writeFileSync(path.join(m, 'systeminfo.txt'), utf16(text));
    // each file given alone, as a user runs it
    const x = await run(['readiness', path.join(m, 'inventory.xlsx'), '--lang', 'en']);
    expect(x.code).toBe(2);
    expect(x.err).toContain('recognised an Excel workbook (.xlsx), which is not read: open it in Excel and save it as CSV (CSV UTF-8), then give the .csv');
    const s = await run(['readiness', path.join(m, 'systeminfo.txt'), '--lang', 'en']);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/recognised systeminfo output in a display language whose labels are not read \(\d+ "label: value" lines, OS version 10\.0\.19045, 1 hotfix entries; only English and Japanese labels are read\)/);
    expect(s.err).toContain('collect\\acs-collect.cmd (its reg query and certutil outputs read the same in every display language)');
    // the folder as one machine (library): the error names each file's hint
    await expect(importMachineDirectoryDetailed(m)).rejects.toThrow(/no recognised export in the directory \(2 files\): inventory\.xlsx: skipped \(not a recognised export: recognised an Excel workbook.*systeminfo\.txt: skipped \(not a recognised export: recognised systeminfo output/);
    expect(skippedExportReason('not a recognised export: recognised an Excel workbook (.xlsx), which is not read: save it')).toBe(
      'not a Windows export this tool reads: recognised an Excel workbook (.xlsx), which is not read: save it',
    );
  });
});
