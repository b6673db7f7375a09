/**
 * The PE version resource (VS_VERSIONINFO) found by the bounded resource-directory walk: the real ACS-signed sample, images built
 * by the PE writer with a version resource, and hostile ones (truncated, lying lengths, huge sections,
 * random bytes). A bad or missing resource is a note, never a throw, and never changes the verdict.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeVersionInfo, MAX_RESOURCE_SECTION, readPeVersionInfo } from '../../../src/authenticode/formats/pe-version';
import { verifyFile } from '../../../src/authenticode/verify-file';
import { buildPe, peOffsets, setChecksum, versionInfoBlob, type VersionResourceSpec } from '../../helpers/pe-writer';
import { writeFixture } from './temp-files';

const ROOT = path.join(__dirname, '..', '..', '..');
const REAL_DLL = path.join(ROOT, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll');
const REAL_DLL_NETSTANDARD = path.join(ROOT, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-netstandard2.0.dll');
const SAMPLE_MSI = path.join(ROOT, 'samples', 'installers', 'ApexOneAgent.msi');

const AGENT: VersionResourceSpec = {
  fileVersion: [14, 0, 0, 12011],
  productVersion: [14, 0, 0, 12011],
  strings: [
    ['CompanyName', 'Example Vendor Co., Ltd.'],
    ['FileDescription', 'Security Agent setup'],
    ['FileVersion', '14.0.0.12011'],
    ['InternalName', 'AutoPcc'],
    ['LegalCopyright', '© 2023 Example Vendor'],
    ['OriginalFilename', 'AutoPcc.exe'],
    ['ProductName', 'エージェント'],
    ['ProductVersion', '14.0.0.12011'],
    ['Build Label', 'r12011 <b>&'],
  ],
};

describe('PE version resource', () => {
  it('reads the real ACS-signed DLL as sigcheck shows it (ProductName Knapcode.MiniZip, CompanyName Joel Verhagen)', async () => {
    for (const file of [REAL_DLL, REAL_DLL_NETSTANDARD]) {
      const { versionInfo, note } = await readPeVersionInfo(file);
      expect(note).toBeNull();
      expect(versionInfo).toMatchObject({
        CompanyName: 'Joel Verhagen',
        ProductName: 'Knapcode.MiniZip',
        FileDescription: 'Knapcode.MiniZip',
        FileVersion: '0.21.1.0',
        ProductVersion: '0.21.1+607c10d76e5d00196bc91adfd2e5b56cb43c1bb4',
        OriginalFilename: 'Knapcode.MiniZip.dll',
        InternalName: 'Knapcode.MiniZip.dll',
        fixedFileVersion: '0.21.1.0',
        fixedProductVersion: '0.21.1.0',
        stringTable: '000004b0',
        otherStrings: [{ name: 'Assembly Version', value: '0.21.1.0' }],
      });
    }
  });

  it('is part of verifyFile: the real DLL stays valid and ACS and carries its versionInfo; an MSI has none and no note', async () => {
    const r = await verifyFile(REAL_DLL, { at: new Date('2024-04-11T00:00:00Z') });
    expect(r).toMatchObject({ verdict: 'valid', acs: true, versionInfo: { ProductName: 'Knapcode.MiniZip', CompanyName: 'Joel Verhagen' } });
    expect(r.versionInfoNote).toBeUndefined();
    const msi = await verifyFile(SAMPLE_MSI);
    expect(msi.versionInfo).toBeNull();
    expect(msi.versionInfoNote).toBeUndefined();
  });

  it('reads a version resource written by the PE writer (PE32 and PE32+), other strings kept in order, never as keys', async () => {
    for (const machine of ['x86', 'x64'] as const) {
      const file = writeFixture(buildPe({ machine, versionInfo: AGENT }), `agent-${machine}.exe`);
      const { versionInfo, note } = await readPeVersionInfo(file);
      expect(note).toBeNull();
      expect(versionInfo).toEqual({
        CompanyName: 'Example Vendor Co., Ltd.',
        FileDescription: 'Security Agent setup',
        FileVersion: '14.0.0.12011',
        InternalName: 'AutoPcc',
        LegalCopyright: '© 2023 Example Vendor',
        OriginalFilename: 'AutoPcc.exe',
        ProductName: 'エージェント',
        ProductVersion: '14.0.0.12011',
        otherStrings: [{ name: 'Build Label', value: 'r12011 <b>&' }],
        fixedFileVersion: '14.0.0.12011',
        fixedProductVersion: '14.0.0.12011',
        stringTable: '040904b0',
      });
    }
  });

  it('keeps a string named like an object property ("__proto__", "constructor") as data', () => {
    const info = decodeVersionInfo(versionInfoBlob({ strings: [['__proto__', 'x'], ['constructor', 'y'], ['CompanyName', 'z']] }));
    expect(info.otherStrings).toEqual([
      { name: '__proto__', value: 'x' },
      { name: 'constructor', value: 'y' },
    ]);
    expect(info.CompanyName).toBe('z');
    expect(Object.getPrototypeOf(info)).toBe(Object.prototype);
    expect(info.fixedFileVersion).toBeNull();
  });

  it('notes, never throws, for a PE without resources, a file that is not a PE, and a missing file', async () => {
    const plain = writeFixture(buildPe(), 'plain.exe');
    expect(await readPeVersionInfo(plain)).toEqual({ versionInfo: null, note: 'no version resource (the file has no resources)' });
    expect(await readPeVersionInfo(SAMPLE_MSI)).toEqual({ versionInfo: null, note: 'not a PE file' });
    const missing = await readPeVersionInfo(path.join(ROOT, 'no-such-file.exe'));
    expect(missing.versionInfo).toBeNull();
    expect(missing.note).toMatch(/^version resource not readable: ENOENT/);
    const r = await verifyFile(plain);
    expect(r).toMatchObject({ verdict: 'unsigned', versionInfo: null, versionInfoNote: 'no version resource (the file has no resources)' });
  });

  it('does not read a resource section larger than the cap', async () => {
    const pe = buildPe({ versionInfo: AGENT });
    const off = peOffsets(pe);
    const rsrc = off.sectionTable + 40 * (off.numberOfSections - 1);
    pe.writeUInt32LE(MAX_RESOURCE_SECTION + 0x200, rsrc + 16); // SizeOfRawData lies
    const { versionInfo, note } = await readPeVersionInfo(writeFixture(setChecksum(pe), 'huge-rsrc.exe'));
    expect(versionInfo).toBeNull();
    expect(note).toMatch(/larger than the 16777216 bytes read/);
  });

  it('survives lying lengths, truncation and random bytes in the resource: a note or a result, never a throw', async () => {
    const pe = buildPe({ versionInfo: AGENT });
    const off = peOffsets(pe);
    const rsrcHeader = off.sectionTable + 40 * (off.numberOfSections - 1);
    const rsrcStart = pe.readUInt32LE(rsrcHeader + 20);
    const rsrcEnd = rsrcStart + pe.readUInt32LE(rsrcHeader + 16);
    const variants: Array<[string, Buffer]> = [
      ['truncated inside the resource section', pe.subarray(0, rsrcStart + 40)],
      ['truncated inside the headers', pe.subarray(0, 0x100)],
    ];
    let seed = 12011;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    for (let i = 0; i < 300; i++) {
      const m = Buffer.from(pe);
      const flips = 1 + rand(8);
      for (let k = 0; k < flips; k++) m[rsrcStart + rand(rsrcEnd - rsrcStart)] = rand(256);
      variants.push([`mutation ${i}`, m]);
    }
    const huge = Buffer.from(pe);
    huge.writeUInt16LE(0xffff, rsrcStart + 88); // VS_VERSIONINFO wLength past the resource
    variants.push(['wLength past the resource', huge]);
    let read = 0;
    for (const [label, bytes] of variants) {
      const result = await readPeVersionInfo(writeFixture(bytes, 'mutated.exe'));
      if (result.versionInfo) read++;
      else expect(typeof result.note).toBe('string');
      expect({ label, ok: result.versionInfo !== null || result.note !== null }).toEqual({ label, ok: true });
    }
    expect(read).toBeGreaterThan(0);
    expect((await readPeVersionInfo(writeFixture(huge, 'huge.exe'))).note).toMatch(/wLength 65535/);
  });
});

describe('VS_VERSIONINFO decoding', () => {
  it('refuses a blob whose key is not VS_VERSION_INFO', () => {
    const blob = versionInfoBlob(AGENT);
    blob.write('X', 6, 'utf16le');
    expect(() => decodeVersionInfo(blob)).toThrow(/not "VS_VERSION_INFO"/);
  });

  it('reads the real DLL blob the same through the file reader and the decoder (no drift)', async () => {
    const bytes = readFileSync(REAL_DLL);
    expect(bytes.length).toBeGreaterThan(0);
    const { versionInfo } = await readPeVersionInfo(REAL_DLL);
    expect(versionInfo?.fixedFileVersion).toBe('0.21.1.0');
  });
});
