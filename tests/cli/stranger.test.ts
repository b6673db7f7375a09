/**
 * The command line as a new user meets it (issue 19): a missing --catalog is an input error whatever the file's
 * own signature says, `help CMD`, --debug before the command, usage lines that list every flag, --events-xml on a
 * directory refused up front, collect's --out and tempDir refused fast, the timestamp line agreeing with the failure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allCommands, mainHelp } from '../../src/cli/main';
import { formatSignature } from '../../src/cli/format/verify';
import { collect, CollectError } from '../../src/collect/collect';
import { replayRunner } from '../../src/collect/replay';
import { verifyFile, isVerifyError } from '../../src/index';
import type { SignatureReport } from '../../src/authenticode/types';
import { REAL_DLL, ROOT, run, tmpDir } from './helpers';

const dirs: string[] = [];
const tmp = (): string => {
  const d = tmpDir('acs-stranger-');
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('verify --catalog', () => {
  it('a missing catalog, or a directory, is exit 2 though the file itself is validly signed', async () => {
    const ok = await run(['verify', REAL_DLL, '--at', '2024-04-11T00:00:00Z']);
    expect(ok.code).toBe(0);
    const missing = await run(['verify', REAL_DLL, '--at', '2024-04-11T00:00:00Z', '--catalog', path.join(tmp(), 'missing.cat')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing\.cat: cannot open \(no such file\)/);
    expect(missing.out).toBe('');
    const dir = await run(['verify', REAL_DLL, '--catalog', tmp()]);
    expect(dir.code).toBe(2);
    expect(dir.err).toMatch(/a directory, not a regular file \(--catalog needs a catalog file/);
  });

  it('the library: VerifyError IO_ERROR naming the catalog', async () => {
    const cat = path.join(tmp(), 'missing.cat');
    const e = await verifyFile(REAL_DLL, { catalogs: [cat] }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(isVerifyError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'IO_ERROR' });
    expect((e as Error).message).toContain(cat);
  });
});

describe('help and flags', () => {
  it('`acs-gate help CMD` prints the command help; an unknown one is exit 2', async () => {
    for (const c of allCommands()) {
      const r = await run(['help', c.name]);
      expect([c.name, r.code, r.out]).toEqual([c.name, 0, c.help]);
    }
    const bad = await run(['help', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/no help for "nope"/);
    expect((await run(['help'])).out).toBe(mainHelp());
  });

  it('--debug before the command works as after it', async () => {
    const before = await run(['--debug', 'verify', path.join(tmp(), 'nope.exe')]);
    const after = await run(['verify', path.join(tmp(), 'nope.exe'), '--debug']);
    expect(before.err).not.toMatch(/unknown command/);
    expect(before.code).toBe(2);
    expect(after.code).toBe(2);
  });

  it('every usage line lists every flag of its command', () => {
    const missing = allCommands().flatMap((c) => Object.keys(c.flags).filter((f) => !c.usage.includes(`--${f}`)).map((f) => `${c.name} --${f}`));
    expect(missing).toEqual([]);
  });

  it('simulate --events-xml DIR is an input error before anything runs, without a stray "error:"', async () => {
    const machine = path.join(ROOT, 'samples', 'fleet', 'machines', 'pc-w10-21h2-kaikei');
    const r = await run(['simulate', 'msi', '--machine', machine, '--build', '12011', '--events-xml', tmp()]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/error:/);
    expect(r.err).toMatch(/a directory \(--events-xml/);
    expect(r.out).toBe('');
  });
});

describe('collect', () => {
  it('--out under /proc is exit 2 at once (no endless recursive mkdir)', async () => {
    if (!fs.existsSync('/proc/self')) return; // not Linux
    const t0 = Date.now();
    const r = await run(['collect', '--replay', path.join(ROOT, 'samples', 'collect', 'PC-OSAKA-03'), '--out', '/proc/nope/inventory']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\/proc\/nope/);
    // an endless recursive mkdir never ends: any finish well within the test's time proves it (generous under load)
    expect(Date.now() - t0).toBeLessThan(90_000);
  });

  it('collect() with a tempDir that does not exist is a CollectError naming it, before anything runs', async () => {
    const out = tmp();
    const e = await collect({
      outDir: out,
      computerName: 'PC-OSAKA-03',
      runner: replayRunner(path.join(ROOT, 'samples', 'collect', 'PC-OSAKA-03')),
      tempDir: path.join(os.tmpdir(), 'acs-no-such-dir-19'),
      now: () => new Date('2026-01-15T00:00:00Z'),
      collector: 'test',
    }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(CollectError);
    expect((e as Error).message).toMatch(/tempDir .*acs-no-such-dir-19: no such directory/);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

describe('the timestamp line agrees with the failures', () => {
  const sig = (over: Partial<SignatureReport>): SignatureReport => ({
    index: 0,
    nested: false,
    digestAlgorithm: 'sha256',
    digestMatches: true,
    signer: 'CN=x',
    chain: [],
    timestamp: null,
    timestampKind: null,
    valid: false,
    acs: false,
    failures: [],
    revocation: { checked: false, status: 'not-checked', summary: 'not checked', details: [] } as unknown as SignatureReport['revocation'],
    ...over,
  });
  const line = (s: SignatureReport): string => formatSignature(s, () => undefined).find((l) => /timestamp/i.test(l))!;

  it('none, valid, invalid, not used', () => {
    expect(line(sig({}))).toBe('File is not timestamped.');
    expect(line(sig({ timestampKind: 'rfc3161', timestamp: '2024-04-10T00:00:00.000Z' }))).toMatch(/^The signature is timestamped \(RFC 3161\): Wed, 10 Apr 2024/);
    const invalid = line(sig({ timestampKind: 'rfc3161', failures: [{ code: 'TIMESTAMP_INVALID', message: 'imprint' }] }));
    expect(invalid).toMatch(/RFC 3161 timestamp that does not verify \(TIMESTAMP_INVALID/);
    expect(invalid).not.toMatch(/not timestamped/);
    expect(line(sig({ timestampKind: 'pkcs9' }))).toMatch(/PKCS #9 timestamp; not used/);
  });
});
