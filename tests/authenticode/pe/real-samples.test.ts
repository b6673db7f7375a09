import * as path from 'node:path';
import { verifyFile } from '../../../src/authenticode/verify-file';

const SAMPLES = path.join(__dirname, '../../../samples/real');
const FILES = ['Knapcode.MiniZip-0.21.1-net451.dll', 'Knapcode.MiniZip-0.21.1-netstandard2.0.dll'];

describe('real Trusted Signing (ACS) samples verify valid and ACS with only the bundled root', () => {
  const times = [
    { label: 'today (2026-11-26), long after the 72-hour leaf expired: through the timestamp', at: new Date('2026-11-26T00:00:00Z') },
    { label: 'at 2024-04-11, inside the leaf\'s validity', at: new Date('2024-04-11T00:00:00Z') },
  ];
  describe.each(times)('$label', ({ at }) => {
    it.each(FILES)('%s', async (name) => {
      const r = await verifyFile(path.join(SAMPLES, name), { at });
      expect(r.failures).toEqual([]);
      expect(r).toMatchObject({ format: 'pe', verdict: 'valid', acs: true });
      expect(r.signatures).toHaveLength(1);
      const s = r.signatures[0];
      expect(s).toMatchObject({ index: 0, nested: false, digestAlgorithm: 'sha256', digestMatches: true, valid: true, acs: true });
      expect(s.signer).toMatch(/CN=/);
      expect(s.chain[0]).toBe(s.signer);
      expect(s.chain[s.chain.length - 1]).toMatch(/CN=Microsoft Identity Verification Root Certificate Authority 2020/);
      expect(s.chain.some((c) => /Microsoft ID Verified CS [AE]OC CA 0\d/.test(c))).toBe(true);
      expect(s.timestamp).toMatch(/^2024-04-10T/);
      expect(s.timestampKind).toBe('rfc3161');
    });
  });

  it('a real sample is not trusted when the bundled root is replaced by another anchor (UNTRUSTED_ROOT)', async () => {
    const { createTestPki } = await import('../../helpers/pki');
    const r = await verifyFile(path.join(SAMPLES, FILES[0]), { trust: [createTestPki().root.pem], at: new Date('2024-04-11T00:00:00Z') });
    expect(r.verdict).toBe('invalid');
    expect(r.acs).toBe(false);
    expect(r.failures.map((f) => f.code)).toContain('UNTRUSTED_ROOT');
  });
});
