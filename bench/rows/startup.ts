/**
 * Bench rows: start-up and end to end, measured against their references in the same run.
 *  - one small signed file verified by the CLI vs bare `node -e 0` (target: within 2.5x), median of 15 runs;
 *  - a signed 1 GiB PE verified by the CLI vs `openssl dgst -sha256` over the same file (target: within
 *    1.15x), best of 3 each, page cache warm. Without openssl on PATH that row gives our figure alone.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../src/cli/commands/demo';
import { buildAuthenticodeSignature } from '../../tests/helpers/authenticode-builder';
import { appendSignatureToFile, writeLargePe } from '../../tests/helpers/pe-writer';
import { createTestPki, TIMES } from '../../tests/helpers/pki';
import type { BenchRow } from '../run';

function timeOf(cmd: string, args: string[]): { seconds: number; status: number | null } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, status: r.status };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchRow[]> {
  const root = packageRoot(__dirname);
  const cli = path.join(root, 'bin', 'acs-gate.js');
  const small = path.join(root, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll');
  const rows: BenchRow[] = [];

  timeOf(process.execPath, [cli, 'verify', small]); // warm
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 15; i++) {
    const r = timeOf(process.execPath, [cli, 'verify', small]);
    if (r.status !== 0) throw new Error(`bench startup: verify exited ${r.status}`);
    ours.push(r.seconds);
    bare.push(timeOf(process.execPath, ['-e', '0']).seconds);
  }
  const startRatio = median(ours) / median(bare);
  rows.push({
    name: 'cold start: verify one small DLL (CLI)',
    result: `${(median(ours) * 1000).toFixed(0)} ms`,
    reference: `bare node -e 0 ${(median(bare) * 1000).toFixed(0)} ms (${startRatio.toFixed(2)}x); medians of 15`,
    target: '<= 2.5x bare node',
    met: startRatio <= 2.5,
  });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-bench-openssl-'));
  try {
    const pki = createTestPki();
    const file = path.join(tmp, 'large-signed.exe');
    const large = await writeLargePe(file, 1024 * 1024 * 1024, ['sha256']);
    await appendSignatureToFile(
      file,
      buildAuthenticodeSignature({
        kind: 'pe',
        digestAlgorithm: 'sha256',
        fileDigest: large.digests.get('sha256')!,
        signer: pki.leaf,
        timestamp: { kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing },
      }),
    );
    const trust = path.join(tmp, 'trust.pem');
    fs.writeFileSync(trust, pki.root.pem + '\n' + pki.tsaRoot.pem + '\n');
    const args = [cli, 'verify', file, '--trust', trust, '--acs-root', trust, '--at', TIMES.later.toISOString()];
    const haveOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
    timeOf('cat', [file]); // page cache
    const oursBig: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = timeOf(process.execPath, args);
      if (r.status !== 0) throw new Error(`bench startup: 1 GiB verify exited ${r.status}`);
      oursBig.push(r.seconds);
      if (haveOpenssl) theirs.push(timeOf('openssl', ['dgst', '-sha256', file]).seconds);
    }
    const best = Math.min(...oursBig);
    const ref = theirs.length ? Math.min(...theirs) : undefined;
    rows.push({
      name: 'verify a signed 1 GiB PE end to end (CLI)',
      result: `${best.toFixed(2)} s`,
      reference: ref !== undefined ? `openssl dgst -sha256 ${ref.toFixed(2)} s (${(best / ref).toFixed(2)}x)` : 'openssl not on PATH',
      target: '<= 1.15x openssl',
      met: ref !== undefined && best / ref <= 1.15,
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}
