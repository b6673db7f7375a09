/**
 * Bench row: a packaging pipeline verifying its build output. 300 signed DLLs of 100 KB each (distinct
 * images, signed and timestamped by the test PKI) in ONE `acs-gate verify` call, against osslsigncode started
 * once per file over the same files, in the same run. Target (issue 14): at least 3x faster than the
 * osslsigncode loop. Without osslsigncode on PATH the row gives our figure alone.
 */
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../src/cli/commands/demo';
import { buildPe } from '../../tests/helpers/pe-writer';
import { createTestPki, TIMES } from '../../tests/helpers/pki';
import { signPe } from '../../tests/helpers/sign-pe';
import type { BenchRow } from '../run';

const FILES = 300;
const SIZE = 100 * 1024;
const TARGET = 3;

function hasOsslsigncode(): boolean {
  return spawnSync('osslsigncode', ['--version'], { stdio: 'ignore' }).status !== null;
}

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function run(): Promise<BenchRow> {
  const root = packageRoot(__dirname);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-bench-many-'));
  try {
    const pki = createTestPki();
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const text = randomFillSync(Buffer.alloc(SIZE - 4096));
      const pe = buildPe({ machine: 'x64', sections: [{ name: '.text', data: text }] });
      const file = path.join(tmp, `lib${String(i).padStart(3, '0')}.dll`);
      fs.writeFileSync(file, await signPe(pe));
      files.push(file);
    }
    const trustPem = path.join(tmp, 'trust.pem');
    fs.writeFileSync(trustPem, pki.root.pem + '\n' + pki.tsaRoot.pem + '\n');
    const at = TIMES.later.toISOString();
    const cli = path.join(root, 'bin', 'acs-gate.js');
    const args = [cli, 'verify', '--trust', trustPem, '--acs-root', trustPem, '--at', at, '--json', ...files];

    // warm the page cache and the CLI's compiled code once
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    const ours: number[] = [];
    const theirs: number[] = [];
    const ossl = hasOsslsigncode();
    for (let round = 0; round < 2; round++) {
      let t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      ours.push(seconds(t0));
      const valid = r.stdout.trim().split('\n').filter((l) => (JSON.parse(l) as { verdict: string }).verdict === 'valid').length;
      if (r.status !== 0 || valid !== FILES) throw new Error(`bench verify-many: exit ${r.status}, ${valid}/${FILES} valid\n${r.stderr}`);
      if (!ossl) continue;
      t0 = process.hrtime.bigint();
      let ok = 0;
      for (const f of files) {
        const o = spawnSync('osslsigncode', ['verify', '-CAfile', trustPem, '-TSA-CAfile', trustPem, '-time', String(Math.floor(TIMES.later.getTime() / 1000)), '-in', f], { stdio: 'ignore' });
        if (o.status === 0) ok++;
      }
      theirs.push(seconds(t0));
      if (ok !== FILES) throw new Error(`bench verify-many: osslsigncode accepted ${ok}/${FILES}`);
    }
    const best = Math.min(...ours);
    const ref = theirs.length ? Math.min(...theirs) : undefined;
    const ratio = ref !== undefined ? ref / best : undefined;
    return {
      name: `verify: ${FILES} signed 100 KB DLLs, one call`,
      result: `${best.toFixed(2)} s`,
      reference:
        ref !== undefined
          ? `osslsigncode once per file ${ref.toFixed(2)} s (${ratio!.toFixed(1)}x faster); ${os.availableParallelism()} cores`
          : 'osslsigncode not on PATH',
      target: `>= ${TARGET}x faster than osslsigncode per file`,
      met: ratio !== undefined && ratio >= TARGET,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
