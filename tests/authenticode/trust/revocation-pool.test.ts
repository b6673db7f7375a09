/** CRLs reach the worker threads when many files are verified in one call (they cross as DER bytes). */
import * as path from 'node:path';
import { POOL_MIN_FILES, verifyInOrder } from '../../../src/authenticode/pool/verify-pool';
import { buildPe } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { createTestPki } from '../../helpers/pki';
import { testOptions, writeFixture } from '../pe/fixtures';
import { buildCrl, crlPem } from './crl-builder';

const POOLED = { workers: 2, workerEntry: path.join(__dirname, '..', '..', 'helpers', 'ts-pool-worker.js') };

describe('revocation with a worker pool', () => {
  it('judges every file against the CRLs given, in the workers as in this thread', async () => {
    const pki = createTestPki();
    const signed = await signPe(buildPe());
    const files = Array.from({ length: POOL_MIN_FILES }, (_, i) => writeFixture(signed, `${i}.exe`));
    const revoking = buildCrl({
      issuer: pki.issuingCa,
      thisUpdate: new Date('2026-11-01T00:00:00Z'),
      nextUpdate: new Date('2026-12-31T00:00:00Z'),
      entries: [{ cert: pki.leaf, revokedAt: new Date('2024-04-10T06:00:00Z') }],
    });
    const results = [];
    for await (const r of verifyInOrder(files, testOptions({ crls: [revoking, crlPem(revoking)] }), POOLED)) results.push(r);
    expect(results).toHaveLength(POOL_MIN_FILES);
    for (const r of results) {
      expect(r.verdict).toBe('invalid');
      expect(r.failures.map((f) => f.code)).toEqual(['CERT_REVOKED']);
      expect(r.signatures[0]!.revocation.status).toBe('revoked');
    }
  }, 120000);
});
