/**
 * Legacy PKCS #9 counter-signatures whose RSA block holds the bare hash (no DigestInfo), as VeriSign-era TSAs
 * signed them: accepted for timestamps, as Windows accepts them; never for the code signer itself.
 */
import { constants, createHash, privateEncrypt } from 'node:crypto';
import { parseSignedDataContentInfo, parseSignerInfo } from '../../../src/authenticode/pkcs7/signed-data';
import { OID } from '../../../src/authenticode/der/oids';
import { TIMES } from '../../helpers/pki';
import { codes, signFixture, standardPki, testContext, verifyOne } from '../core/support';

const pki = standardPki();

/** Replace `oldSig` (unique in `blob`) by an equally long value. */
function swap(blob: Buffer, oldSig: Uint8Array, newSig: Buffer): Buffer {
  expect(newSig.length).toBe(oldSig.length);
  const at = blob.indexOf(Buffer.from(oldSig));
  expect(at).toBeGreaterThan(0);
  expect(blob.indexOf(Buffer.from(oldSig), at + 1)).toBe(-1);
  const out = Buffer.from(blob);
  newSig.copy(out, at);
  return out;
}

/** RSA block = PKCS#1 type 1 padding + `payload` (no DigestInfo), made with the key's private operation. */
const bareBlock = (key: typeof pki.tsa.privateKey, payload: Buffer): Buffer => privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, payload);

/** A PE signature with a PKCS#9 counter-signature re-signed as a bare-hash block (of `tamper` applied to the hash). */
function legacyStamped(alg: 'sha1' | 'sha256', tamper = false): Buffer {
  const blob = signFixture(pki, { digestAlgorithm: alg, timestamp: { kind: 'pkcs9', tsa: pki.tsa, time: TIMES.signing } });
  const si = parseSignedDataContentInfo(blob).signerInfos[0]!;
  const cs = parseSignerInfo(si.unsignedAttrs.find((a) => a.type === OID.counterSignature)!.values[0]!);
  const signed = Buffer.from(cs.signedAttrsBytes!);
  signed[0] = 0x31;
  const h = createHash(alg).update(signed).digest();
  if (tamper) h[0] ^= 1;
  return swap(blob, cs.signature, bareBlock(pki.tsa.privateKey, h));
}

describe('legacy bare-hash timestamps', () => {
  const later = testContext(pki, { at: TIMES.later });

  it.each(['sha1', 'sha256'] as const)('a %s counter-signature whose RSA block is the bare hash is accepted and moves the time', async (alg) => {
    const r = await verifyOne(legacyStamped(alg), later);
    expect(r.failures).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.timestampKind).toBe('pkcs9');
    expect(r.timestamp).toBe(TIMES.signing.toISOString());
  });

  it('a bare-hash block over other bytes is refused: TIMESTAMP_INVALID', async () => {
    const r = await verifyOne(legacyStamped('sha1', true), later);
    expect(codes(r)).toEqual(['TIMESTAMP_INVALID', 'CERT_EXPIRED']);
    expect(r.failures[0]!.message).toMatch(/timestamp signature does not verify/);
  });

  it('the code signer itself may not use a bare-hash block: BAD_SIGNATURE', async () => {
    const blob = signFixture(pki, { digestAlgorithm: 'sha256' });
    const si = parseSignedDataContentInfo(blob).signerInfos[0]!;
    const signed = Buffer.from(si.signedAttrsBytes!);
    signed[0] = 0x31;
    const forged = swap(blob, si.signature, bareBlock(pki.leaf.privateKey, createHash('sha256').update(signed).digest()));
    const r = await verifyOne(forged, testContext(pki));
    expect(codes(r)).toEqual(['BAD_SIGNATURE']);
  });
});
