import { buildPe } from '../../helpers/pe-writer';
import { TIMES } from '../../helpers/pki';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

describe('data hidden inside WIN_CERTIFICATE after the PKCS#7 blob (CVE-2013-3900)', () => {
  const hidden = Buffer.from('MALWARE-CONFIG:http://evil.example/payload');

  it('is PADDING_AFTER_SIGNATURE in strict mode (the default)', async () => {
    const r = await verifyBytes(await signPe(buildPe(), {}, { padding: hidden }));
    expect(r.verdict).toBe('invalid');
    expect(r.acs).toBe(false);
    expect(codes(r)).toEqual(['PADDING_AFTER_SIGNATURE']);
    expect(r.signatures[0].valid).toBe(true);
  });

  it('is allowed with strict: false', async () => {
    const r = await verifyBytes(await signPe(buildPe(), {}, { padding: hidden }), { strict: false });
    expect(codes(r)).toEqual([]);
    expect(r.verdict).toBe('valid');
    expect(r.acs).toBe(true);
  });

  it('eight or more zero bytes past the alignment still count as hidden data', async () => {
    const r = await verifyBytes(await signPe(buildPe(), {}, { padding: Buffer.alloc(16) }));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['PADDING_AFTER_SIGNATURE']);
  });

  it('zero alignment bytes up to the 8-byte boundary are always allowed, dwLength exact or rounded', async () => {
    for (const roundLengths of [false, true]) {
      const r = await verifyBytes(await signPe(buildPe(), {}, { roundLengths }));
      expect(codes(r)).toEqual([]);
      expect(r.verdict).toBe('valid');
    }
  });

  it('non-zero alignment bytes count as hidden data in strict mode', async () => {
    // a signature whose blob length is not a multiple of 8 leaves alignment bytes to fill
    const pe = buildPe();
    let signed: Buffer | null = null;
    for (const signingTime of [undefined, TIMES.signing]) {
      for (const digestAlgorithm of ['sha256', 'sha1', 'sha384'] as const) {
        if (signed) break;
        const candidate = await signPe(pe, { signingTime, digestAlgorithm }, { alignmentFill: 0xcc });
        const table = tableOffset(candidate);
        if (candidate.readUInt32LE(table) % 8 !== 0) signed = candidate;
      }
    }
    expect(signed).not.toBeNull();
    expect(codes(await verifyBytes(signed!))).toEqual(['PADDING_AFTER_SIGNATURE']);
    expect((await verifyBytes(signed!, { strict: false })).verdict).toBe('valid');
  });
});

function tableOffset(pe: Buffer): number {
  const lfanew = pe.readUInt32LE(0x3c);
  const pe32plus = pe.readUInt16LE(lfanew + 24) === 0x20b;
  return pe.readUInt32LE(lfanew + 24 + (pe32plus ? 112 : 96) + 32);
}
