import { importBytes } from '../../../src/endpoint/importers';
import { crlf, encode, regQueryAuthRootText, regQueryCurrentVersionText } from '../../helpers/windows-exports';

describe('reg query importer', () => {
  it('CurrentVersion of Windows 10 21H2: version from major/minor/build, UBR from the hex REG_DWORD, client', () => {
    const text = crlf(regQueryCurrentVersionText({ build: 19044, ubr: 0x62a, productName: 'Windows 10 Pro', displayVersion: '21H2', installationType: 'Client', major: 10 }));
    const r = importBytes(encode(text, 'utf16le-bom'), 'currentversion.txt');
    expect(r.kind).toBe('reg-query-currentversion');
    expect(r.facts.os).toEqual({ ubr: 1578, version: '10.0.19044', caption: 'Windows 10 Pro', productType: 'workstation' });
  });
  it('CurrentVersion of Server 2012 R2 (no CurrentMajorVersionNumber): version from CurrentVersion 6.3', () => {
    const text = crlf(regQueryCurrentVersionText({ build: 9600, productName: 'Windows Server 2012 R2 Standard', installationType: 'Server' }));
    expect(importBytes(encode(text, 'shift_jis'), 'cv.txt').facts.os).toMatchObject({ version: '6.3.9600', productType: 'server' });
  });
  it('DisableRootAutoUpdate 0x1: automatic root update is off', () => {
    const r = importBytes(encode(crlf(regQueryAuthRootText(1)), 'utf8'), 'x.txt');
    expect(r.kind).toBe('reg-query-authroot');
    expect(r.facts.rootAutoUpdate).toBe(false);
  });
  it('DisableRootAutoUpdate 0x0: on', () => {
    expect(importBytes(encode(regQueryAuthRootText(0), 'utf8'), 'x.txt').facts.rootAutoUpdate).toBe(true);
  });
  it.each([
    ['English', 'en', 'utf8'],
    ['Japanese, Shift_JIS', 'ja', 'shift_jis'],
  ] as const)('value not found (%s) in a file named authroot*.txt: not set = on', (_l, locale, enc) => {
    const r = importBytes(encode(crlf(regQueryAuthRootText('missing', locale)), enc), 'dir/authroot.txt');
    expect(r.facts.rootAutoUpdate).toBe(true);
  });
  it('the same error in a file whose name says nothing is ignored (the error names no key): fact stays unknown', () => {
    const r = importBytes(encode(regQueryAuthRootText('missing'), 'utf8'), 'dir/out3.txt');
    expect(r.facts.rootAutoUpdate).toBeUndefined();
    expect(r.notes.join(' ')).toMatch(/names no key/);
  });
  it('a non-hex REG_DWORD is an error naming the line', () => {
    const text = regQueryCurrentVersionText({ build: 19044, ubr: 1, productName: 'x', installationType: 'Client', major: 10 }).replace('UBR    REG_DWORD    0x1', 'UBR    REG_DWORD    12');
    expect(() => importBytes(encode(text, 'utf8'), 'u.txt')).toThrow(/^u\.txt:\d+: reg query: UBR is not a REG_DWORD/);
  });
});
