/**
 * Many files in one call (issue 14): a pool of worker threads gives the same results as verifying in this
 * thread, one per file, in the order the files were given, whatever order they finish in.
 */
import * as path from 'node:path';
import { verifyInOrder, POOL_MIN_FILES } from '../../../src/authenticode/pool/verify-pool';
import { verifyFiles } from '../../../src/authenticode/verify-file';
import { buildPe } from '../../helpers/pe-writer';
import { signPe } from '../../helpers/sign-pe';
import { testOptions, writeFixture } from './fixtures';
import { tempDir } from './temp-files';

/** two worker threads, running the TypeScript worker through ts-node (the compiled one needs a build) */
const POOLED = { workers: 2, workerEntry: path.join(__dirname, '..', '..', 'helpers', 'ts-pool-worker.js') };

async function mixedFiles(): Promise<{ files: string[]; expected: string[] }> {
  const signed = await signPe(buildPe());
  const tampered = Buffer.from(signed);
  tampered[0x200] ^= 0xff;
  const big = await signPe(buildPe({ sections: [{ name: '.text', data: Buffer.alloc(3 * 1024 * 1024, 7) }] }));
  const files: string[] = [];
  const expected: string[] = [];
  for (let i = 0; i < POOL_MIN_FILES + 8; i++) {
    // a large file early, so later small ones finish first
    const kind = i === 1 ? 'big' : (['valid', 'unsigned', 'invalid', 'missing', 'text'] as const)[i % 5]!;
    if (kind === 'missing') {
      files.push(path.join(tempDir(), `missing-${i}.exe`));
      expected.push('malformed');
      continue;
    }
    const bytes = kind === 'big' ? big : kind === 'valid' ? signed : kind === 'unsigned' ? buildPe() : kind === 'invalid' ? tampered : Buffer.from(`not a PE ${i}`);
    files.push(writeFixture(bytes, `${i}-${kind}.exe`));
    expected.push(kind === 'big' ? 'valid' : kind === 'text' ? 'malformed' : kind);
  }
  return { files, expected };
}

describe('verifying many files with a worker pool', () => {
  it('gives every file its own result, in input order, the same as in this thread', async () => {
    const { files, expected } = await mixedFiles();
    const inThread = await verifyFiles(files, testOptions(), { workers: 0 });
    const pooled = await verifyFiles(files, testOptions(), POOLED);
    expect(pooled.map((r) => r.file)).toEqual(files);
    expect(pooled.map((r) => r.verdict)).toEqual(expected);
    expect(pooled).toEqual(inThread);
    expect(pooled.find((r) => r.file.includes('missing'))!.failures[0]!.code).toBe('IO_ERROR');
  });

  it('yields each result as soon as it and every earlier one are done', async () => {
    const { files } = await mixedFiles();
    const seen: string[] = [];
    for await (const r of verifyInOrder(files, testOptions(), POOLED)) seen.push(r.file);
    expect(seen).toEqual(files);
  });

  it('runs in this thread when there is no compiled worker and no entry is given (TypeScript sources)', async () => {
    const { files, expected } = await mixedFiles();
    const rs = await verifyFiles(files, testOptions(), { workers: 2 });
    expect(rs.map((r) => r.verdict)).toEqual(expected);
  });

  it('uses the worker entry it is given (a missing one is an error, not a silent fallback)', async () => {
    const { files } = await mixedFiles();
    await expect(verifyFiles(files, testOptions(), { workers: 2, workerEntry: path.join(tempDir(), 'no-such-worker.js') })).rejects.toThrow();
  });

  it('bad trust input throws in the caller, before any thread starts', async () => {
    const { files } = await mixedFiles();
    await expect(verifyFiles(files, { trust: ['not a certificate'] }, POOLED)).rejects.toThrow(/certificate/);
  });
});
