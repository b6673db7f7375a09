import { detectFormatOf } from '../../../src/authenticode/formats/detect';
import { verifyFiles } from '../../../src/authenticode/verify-file';
import * as api from '../../../src/authenticode';
import { buildPe } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { testOptions, verifyBytes, writeFixture } from './fixtures';

describe('the format is detected by content, never by file name', () => {
  it('"MZ" is PE, the compound-file signature is MSI, anything else unknown', () => {
    expect(detectFormatOf(Buffer.from('MZ\x90\0', 'latin1'))).toBe('pe');
    expect(detectFormatOf(Buffer.from('d0cf11e0a1b11ae1', 'hex'))).toBe('msi');
    expect(detectFormatOf(Buffer.from('d0cf11e0', 'hex'))).toBe('unknown');
    expect(detectFormatOf(Buffer.from('PK\x03\x04', 'latin1'))).toBe('appx'); // the APPX reader refuses a ZIP that is no package
    expect(detectFormatOf(Buffer.alloc(0))).toBe('unknown');
  });

  it('a PE named .msi is verified as a PE', async () => {
    const r = await verifyBytes(await signPe(buildPe()), {}, 'installer.msi');
    expect(r.format).toBe('pe');
    expect(r.verdict).toBe('valid');
  });

  it('a compound-file header is handed to the MSI reader (format "msi"; junk after it is malformed)', async () => {
    const r = await verifyBytes(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100)]), {}, 'setup.exe');
    expect(r.format).toBe('msi');
    expect(r.verdict).toBe('malformed');
  });
});

describe('the public API', () => {
  it('verifyFiles verifies each file in order with one context', async () => {
    const good = writeFixture(await signPe(buildPe()));
    const unsigned = writeFixture(buildPe());
    const rs = await verifyFiles([good, unsigned], testOptions());
    expect(rs.map((r) => [r.file, r.verdict])).toEqual([
      [good, 'valid'],
      [unsigned, 'unsigned'],
    ]);
  });

  it('index re-exports verifyFile, resolveVerifyContext, VerifyError and the failure codes', () => {
    expect(typeof api.verifyFile).toBe('function');
    expect(typeof api.resolveVerifyContext).toBe('function');
    expect(new api.VerifyError('BAD_CERT_TABLE', 'x').code).toBe('BAD_CERT_TABLE');
    expect(api.FAILURE_CODES).toContain('PADDING_AFTER_SIGNATURE');
    expect(api.bundledAcsRoot().subject).toMatch(/Microsoft Identity Verification Root Certificate Authority 2020/);
  });
});
