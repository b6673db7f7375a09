/** `acs-gate collect` as users reach it (in-process and as a child process), the real runner, the online rule. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeRunner, systemToolRunner, type CommandRunner } from '../../src/collect';
import { onlineFromProbe, isNetworkFailure } from '../../src/endpoint/importers/collect-log';
import { run, ROOT } from '../cli/helpers';

const SAMPLE = path.join(ROOT, 'samples', 'collect', 'PC-OSAKA-03');
let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'acs-collect-cli-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('acs-gate collect', () => {
  it('on a system that is not Windows, without a recording: one line saying it runs on Windows, exit 2', async () => {
    if (process.platform === 'win32') return;
    const r = await run(['collect', '--out', path.join(tmp, 'inv')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^acs-gate collect: collect runs on Windows .*--replay DIR/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(tmp, 'inv'))).toBe(false);
  });

  it('--replay: writes the machine folder and prints what it wrote; readiness reads it (ready via auto-update)', async () => {
    const inv = path.join(tmp, 'inv');
    const r = await run(['collect', '--replay', SAMPLE, '--out', inv]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`collected PC-OSAKA-03 into ${path.join(inv, 'PC-OSAKA-03')}`);
    expect(r.out).toMatch(/systeminfo\.csv\s+written/);
    expect(r.out).toMatch(/online\s+true: authrootstl\.cab/);
    const rd = await run(['readiness', path.join(inv, 'PC-OSAKA-03'), '--json']);
    expect(rd.code).toBe(0);
    const doc = JSON.parse(rd.out);
    expect(doc).toMatchObject({ name: 'PC-OSAKA-03', ready: true, os: { version: '10.0.19045' } });
  });

  it('ACS_GATE_COLLECT_REPLAY=DIR does the same; --json prints the summary', async () => {
    const r = await run(['collect', '--out', tmp, '--json'], { env: { LANG: 'C', ACS_GATE_COLLECT_REPLAY: SAMPLE } });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ computerName: 'PC-OSAKA-03', online: { online: true }, probe: { cab: true, exit: 0 } });
    expect(readdirSync(tmp)).toEqual(['PC-OSAKA-03']);
  });

  it('usage errors: no --out, a recording that is not a folder', async () => {
    expect((await run(['collect'])).err).toMatch(/--out DIR is required\nusage: acs-gate collect/);
    const r = await run(['collect', '--replay', path.join(tmp, 'nope'), '--out', tmp]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a directory of recorded outputs/);
  });

  it('the --help examples run as printed, in order, from a folder holding the samples (child processes)', async () => {
    const help = (await run(['collect', '--help'])).out;
    const examples = help.slice(help.indexOf('Examples:')).split('\n').slice(1).map((l) => l.trim()).filter((l) => l.startsWith('acs-gate '));
    expect(examples).toHaveLength(2);
    symlinkSync(path.join(ROOT, 'samples'), path.join(tmp, 'samples'));
    for (const ex of examples) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'acs-gate.js'), ...ex.split(/\s+/).slice(1)], {
        encoding: 'utf8',
        cwd: tmp,
        env: { ...process.env, LANG: 'C', LC_ALL: '' },
        timeout: 60000,
      });
      expect({ ex, status: r.status, stderr: r.stderr }).toEqual({ ex, status: 0, stderr: '' });
    }
    expect(readdirSync(path.join(tmp, 'acs-inventory'))).toEqual(['PC-OSAKA-03']);
  }, 120000);

  it('as a child process: bin/acs-gate.js collect --replay, exit 0, no stderr', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'acs-gate.js'), 'collect', '--replay', 'samples/collect/PC-OSAKA-03', '--out', tmp], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, LANG: 'C', LC_ALL: '' },
      timeout: 60000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(path.join(tmp, 'PC-OSAKA-03')).sort()).toEqual(['acs-collect.txt', 'certutil-root.txt', 'hotfixes.csv', 'reg-authroot.txt', 'reg-ubr.txt', 'systeminfo.csv']);
  }, 60000);
});

describe('nodeRunner runs a real program with a time limit', () => {
  it('captures stdout, stderr and the exit code', async () => {
    const r = await nodeRunner(process.execPath, ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)'], { timeoutMs: 20000, step: 't' });
    expect(r.stdout.toString()).toBe('out');
    expect(r.stderr.toString()).toBe('err');
    expect(r.code).toBe(3);
    expect(r.timedOut).toBe(false);
  });
  it('stops a command that does not finish in time', async () => {
    const t0 = Date.now();
    // the command would run 10 minutes: back well before that proves it was stopped, whatever the machine's load
    const r = await nodeRunner(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { timeoutMs: 300, step: 't' });
    expect(r.timedOut).toBe(true);
    expect(r.code).toBeNull();
    expect(Date.now() - t0).toBeLessThan(120_000);
  }, 180_000);
  it('a program that does not exist is "not found", not an exception', async () => {
    const r = await nodeRunner('acs-no-such-program-xyz', [], { timeoutMs: 1000, step: 't' });
    expect(r).toMatchObject({ notFound: true, code: null });
  });
});

describe('systemToolRunner runs the tools from System32 by full path', () => {
  it('System32 for a 64-bit Node, Sysnative for a 32-bit Node on 64-bit Windows; other names unchanged', async () => {
    const seen: string[] = [];
    const base: CommandRunner = async (cmd) => {
      seen.push(cmd);
      return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), code: 0 };
    };
    const opts = { timeoutMs: 1, step: 't' };
    await systemToolRunner({ SystemRoot: 'C:\\Windows' }, 'x64', base)('systeminfo', [], opts);
    await systemToolRunner({ SystemRoot: 'C:\\Windows' }, 'x64', base)('wmic', [], opts);
    await systemToolRunner({ SystemRoot: 'D:\\WINNT', PROCESSOR_ARCHITEW6432: 'AMD64' }, 'ia32', base)('reg', [], opts);
    await systemToolRunner({ windir: 'C:\\Windows' }, 'ia32', base)('powershell.exe', [], opts);
    await systemToolRunner({}, 'x64', base)('other', [], opts);
    expect(seen).toEqual([
      'C:\\Windows\\System32\\systeminfo.exe',
      'C:\\Windows\\System32\\wbem\\WMIC.exe',
      'D:\\WINNT\\Sysnative\\reg.exe',
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      'other',
    ]);
  });
});

describe('the online rule (one for both collectors)', () => {
  it('downloaded: true; network failures and no answer in time: false; anything else: unknown', () => {
    expect(onlineFromProbe({ cab: true, timedOut: true }).online).toBe(true);
    expect(onlineFromProbe({ cab: false, timedOut: false, exit: -2147012867 }).online).toBe(false); // 0x80072efd cannot connect
    expect(onlineFromProbe({ cab: false, timedOut: false, exit: 0x80072ee7 }).online).toBe(false); // unsigned form
    expect(onlineFromProbe({ cab: false, timedOut: false, exit: 0x80190197 }).online).toBe(false); // HTTP 407 at the proxy
    expect(onlineFromProbe({ cab: false, timedOut: true }).online).toBe(false);
    expect(onlineFromProbe({ cab: false, timedOut: false, exit: -2147024891 }).online).toBeUndefined(); // access denied
    expect(onlineFromProbe({ cab: false, timedOut: false, exit: 0 }).online).toBeUndefined();
    expect(onlineFromProbe({ cab: false, timedOut: false, missing: true }).online).toBeUndefined();
    expect(onlineFromProbe({ cab: false, timedOut: false }).online).toBeUndefined();
    expect(isNetworkFailure(-2147012894)).toBe(true); // 0x80072ee2 timeout
  });
});
