/**
 * Shared by the PE tests: fixtures written to a per-process temp dir, verified with the test PKI as the only
 * trust (root for code signing, its own root for the TSA) at a fixed time.
 */
import { verifyFile } from '../../../src/authenticode/verify-file';
import type { VerificationResult, VerifyOptions } from '../../../src/authenticode/types';
import { createTestPki, TIMES } from '../../helpers/pki';
import { tempDir, writeFixture } from './temp-files';

export { tempDir, writeFixture };

/** Trust = the test PKI root and TSA root; ACS root = the test root; at = long after the 72 h leaf expired. */
export function testOptions(extra: VerifyOptions = {}): VerifyOptions {
  const pki = createTestPki();
  return { trust: [pki.root.pem, pki.tsaRoot.pem], acsRoots: [pki.root.pem], at: TIMES.later, ...extra };
}

export async function verifyBytes(bytes: Uint8Array, extra: VerifyOptions = {}, name?: string): Promise<VerificationResult> {
  return verifyFile(writeFixture(bytes, name), testOptions(extra));
}

export const codes = (r: { failures: { code: string }[] }): string[] => r.failures.map((f) => f.code);
