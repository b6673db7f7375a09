import { buildPe } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { codes, verifyBytes } from './fixtures';

describe('data after the certificate table is rejected (TRAILING_DATA)', () => {
  it('appended bytes make a well-signed file invalid, the signature still reported', async () => {
    const signed = await signPe(buildPe(), {}, { trailing: Buffer.from('appended payload') });
    const r = await verifyBytes(signed);
    expect(r.verdict).toBe('invalid');
    expect(r.acs).toBe(false);
    expect(codes(r)[0]).toBe('TRAILING_DATA');
    expect(r.signatures[0]).toMatchObject({ digestMatches: true, valid: true });
  });

  it('even appended zero bytes are rejected', async () => {
    const r = await verifyBytes(await signPe(buildPe(), {}, { trailing: Buffer.alloc(8) }));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toEqual(['TRAILING_DATA']);
  });

  it('trailing data is rejected in non-strict mode too', async () => {
    const r = await verifyBytes(await signPe(buildPe(), {}, { trailing: Buffer.from('x') }), { strict: false });
    expect(r.verdict).toBe('invalid');
    expect(codes(r)[0]).toBe('TRAILING_DATA');
  });
});
