/** Shared setup for the signature-layer tests (not a test file itself). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyPkcs7Signature } from '../../../src/authenticode/signature';
import type { DigestAlgorithm, DigestSource, SignatureReport } from '../../../src/authenticode/types';
import type { VerifyContext } from '../../../src/authenticode/context';
import { type AuthenticodeBuildOptions, buildAuthenticodeSignature } from '../../helpers/authenticode-builder';
import { createTestPki, TIMES, type TestPki } from '../../helpers/pki';

export const FILE_CONTENT = 'the bytes of a signed test file';

/** A DigestSource over a fixed byte string (what a container reader would give for a file). */
export function contentSource(content: string = FILE_CONTENT): DigestSource & { calls: DigestAlgorithm[] } {
  const calls: DigestAlgorithm[] = [];
  return {
    calls,
    digest: async (alg) => {
      calls.push(alg);
      return createHash(alg).update(content).digest();
    },
  };
}

export function digestOf(alg: DigestAlgorithm | 'md5', content: string = FILE_CONTENT): Buffer {
  return createHash(alg).update(content).digest();
}

/** Trust the test root and the test TSA root; ACS root = the test root; judged while the leaf is valid. */
export function testContext(pki: TestPki, over: Partial<VerifyContext> = {}): VerifyContext {
  return { trust: [pki.root.x509, pki.tsaRoot.x509], acsRoots: [pki.root.x509], at: TIMES.signing, strict: true, ...over };
}

/** A PE signature by the standard leaf over FILE_CONTENT with SHA-256, with overrides. */
export function signFixture(pki: TestPki, over: Partial<AuthenticodeBuildOptions> = {}): Buffer {
  const digestAlgorithm = over.digestAlgorithm ?? 'sha256';
  return buildAuthenticodeSignature({
    kind: 'pe',
    digestAlgorithm,
    fileDigest: digestOf(digestAlgorithm),
    signer: pki.leaf,
    signingTime: TIMES.signing,
    ...over,
  });
}

export async function verifyOne(der: Uint8Array, ctx: VerifyContext, source: DigestSource = contentSource(), kind: 'pe' | 'msi' = 'pe'): Promise<SignatureReport> {
  const reports = await verifyPkcs7Signature(der, source, ctx, kind);
  return reports[0]!;
}

export const codes = (r: SignatureReport): string[] => r.failures.map((f) => f.code);

export function standardPki(): TestPki {
  return createTestPki();
}

// ---------------------------------------------------------------- the real Trusted Signing samples

export const REAL_SAMPLES = ['Knapcode.MiniZip-0.21.1-net451.dll', 'Knapcode.MiniZip-0.21.1-netstandard2.0.dll'];

/** The PKCS#7 blob of a real sample: e_lfanew at 0x3C, data directory 4 (security), WIN_CERTIFICATE header 8 bytes. */
export function extractPkcs7(name: string): Buffer {
  const file = readFileSync(join(__dirname, '../../../samples/real', name));
  const peOffset = file.readUInt32LE(0x3c);
  const magic = file.readUInt16LE(peOffset + 24);
  const dataDirectories = peOffset + 24 + (magic === 0x20b ? 112 : 96);
  const certTable = file.readUInt32LE(dataDirectories + 4 * 8);
  const length = file.readUInt32LE(certTable);
  return file.subarray(certTable + 8, certTable + length);
}
