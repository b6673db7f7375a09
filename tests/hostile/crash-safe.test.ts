/**
 * Writes never destroy before they can replace. The CLI runs in child processes that are killed with
 * SIGKILL at random moments while they write reports and the --state file; every file left must be the old
 * or the new one, complete. Concurrent runs on one report folder / one state file each leave complete files
 * and lose no machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseMemory } from '../../src/eventlog/memory';
import { lockState } from '../../src/cli/state-file';
import { currentOwner } from '../../src/report/out-lock';
import { ROOT, run, tmpDir } from '../cli/helpers';
import { transpileSources } from '../helpers/transpiled';

const machine = (name: string, ubr = 1000) => ({ name, os: { version: '10.0.19044', ubr }, hotfixes: [], rootStore: [], rootAutoUpdate: true, online: true });

/** A child that runs the CLI's main() over and over, printing one line after each completed run. */
let JS: string;
beforeAll(() => {
  JS = transpileSources();
});
afterAll(() => fs.rmSync(JS, { recursive: true, force: true }));

function loopChild(runs: string[][], quiet = true): ChildProcess {
  const script = `
    const { main } = require(${JSON.stringify(path.join('JS_ROOT', 'src', 'cli', 'main.js'))}.replace('JS_ROOT', process.env.JS_ROOT));
    const io = { stdout() {}, stderr(t) { ${quiet ? '' : 'process.stderr.write(t);'} }, env: { LANG: 'C' }, stderrIsTty: false, cwd: process.cwd(), now: () => new Date('2026-01-15T00:00:00Z') };
    const runs = ${JSON.stringify(runs)};
    (async () => {
      for (let i = 0; ; i++) {
        const argv = runs[i % runs.length];
        const code = await main(argv, io);
        process.stdout.write(JSON.stringify({ i, code, argv }) + '\\n');
        if (process.env.ONCE && i + 1 >= runs.length) break;
      }
    })();`;
  return spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JS_ROOT: JS } });
}

/** Resolves with the completed-run lines once `n` runs completed (or the child exits). */
function completed(child: ChildProcess, n: number): Promise<{ i: number; code: number; argv: string[] }[]> {
  const done: { i: number; code: number; argv: string[] }[] = [];
  let buf = '';
  return new Promise((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        done.push(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
        if (done.length === n) resolve(done.slice());
      }
    });
    child.on('exit', () => resolve(done.slice()));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.on('exit', () => r())));

/** A deterministic pseudo-random sequence (the kill times) */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

function checkReport(out: string, sizes: number[]): void {
  const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { machines: unknown[]; summary: unknown };
  expect(sizes).toContain(json.machines.length);
  expect(json.summary).toBeDefined();
  const csv = fs.readFileSync(path.join(out, 'report.csv'), 'utf8');
  expect(csv.endsWith('\r\n')).toBe(true);
  expect(sizes).toContain(csv.split('\r\n').length - 2);
  expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8').trimEnd().endsWith('</html>')).toBe(true);
}

describe('kill -9 while writing', () => {
  const KILLS = 8;
  let dir: string;
  beforeAll(() => {
    dir = tmpDir('acs-crash-');
  });

  it(`fleet reports: old or new, complete, after ${KILLS} kills at random moments`, async () => {
    const inv = path.join(dir, 'fleet.jsonl');
    const N = 800;
    fs.writeFileSync(inv, Array.from({ length: N }, (_, i) => JSON.stringify(machine(`PC-${i}`, 1000 + (i % 7)))).join('\n') + '\n');
    const next = rng(12);
    const children = Array.from({ length: KILLS }, (_, k) => {
      const out = path.join(dir, `out-${k}`);
      const child = loopChild([['fleet', inv, '--out', out, '--path', 'msi']]);
      return { child, out, first: completed(child, 1) };
    });
    await Promise.all(
      children.map(async ({ child, first }) => {
        const d = await first;
        expect(d[0]?.code).toBe(0);
        await new Promise((r) => setTimeout(r, Math.floor(next() * 800)));
        child.kill('SIGKILL');
        await exited(child);
      }),
    );
    for (const { out } of children) {
      checkReport(out, [N]);
      // temporary files of the killed run are removed by the next run in that folder
      const r = await run(['fleet', inv, '--out', out, '--path', 'msi']);
      expect(r.code).toBe(0);
      expect(fs.readdirSync(out).sort()).toEqual(['report.csv', 'report.html', 'report.json']);
    }
  }, 180_000);

  it(`--state: old or new state, no completed run lost, after ${KILLS} kills; the stale lock is taken over`, async () => {
    const machines = Array.from({ length: 6 }, (_, i) => {
      const f = path.join(dir, `m${i}.json`);
      fs.writeFileSync(f, JSON.stringify(machine(`PC-S${i}`)));
      return f;
    });
    const next = rng(34);
    const children = Array.from({ length: KILLS }, (_, k) => {
      const state = path.join(dir, `state-${k}.json`);
      const child = loopChild(machines.map((m) => ['simulate', 'agent-update', '--machine', m, '--agent-build', '12011', '--build', '12500', '--state', state]));
      const lines: { argv: string[] }[] = [];
      child.stdout!.on('data', (d: Buffer) => lines.push(...d.toString().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))));
      return { child, state, lines, first: completed(child, 1) };
    });
    await Promise.all(
      children.map(async ({ child, first }) => {
        await first;
        await new Promise((r) => setTimeout(r, Math.floor(next() * 1500)));
        child.kill('SIGKILL');
        await exited(child);
      }),
    );
    for (const { state, lines } of children) {
      const mem = parseMemory(fs.readFileSync(state, 'utf8'));
      // every run that completed before the kill is in the state
      const names = new Set(lines.map((l) => path.basename(l.argv[3]!, '.json').replace(/^m/, 'PC-S')));
      for (const n of names) expect(Object.keys(mem.machines)).toContain(n);
      // a lock left by the killed process does not block the next run
      const t0 = Date.now();
      const r = await run(['simulate', 'agent-update', '--machine', machines[0]!, '--agent-build', '12011', '--build', '12500', '--state', state]);
      expect(r.err).toBe('');
      // a lock not taken over would be waited for 30 s (lockState's waitMs) and then refused: well under that is "at once"
      expect(Date.now() - t0).toBeLessThan(25_000);
      expect(fs.existsSync(`${state}.lock`)).toBe(false);
    }
  }, 180_000);
});

describe('concurrent runs', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir('acs-concurrent-');
  });

  it('three fleet runs on one --out each leave complete files', async () => {
    const out = path.join(dir, 'report');
    const sizes = [300, 500, 700];
    const invs = sizes.map((n, k) => {
      const f = path.join(dir, `fleet-${k}.jsonl`);
      fs.writeFileSync(f, Array.from({ length: n }, (_, i) => JSON.stringify(machine(`PC-${k}-${i}`))).join('\n') + '\n');
      return f;
    });
    const children = invs.map((f) => loopChild([['fleet', f, '--out', out, '--path', 'msi'], ['fleet', f, '--out', out, '--path', 'msi']]));
    const results = await Promise.all(children.map((c) => completed(c, 2)));
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    for (const r of results) expect(r.map((x) => x.code)).toEqual([0, 0]);
    checkReport(out, sizes);
  }, 180_000);

  it('three simulate runs on one --state lose no machine', async () => {
    const state = path.join(dir, 'state.json');
    const per = 4;
    const runs = [0, 1, 2].map((k) =>
      Array.from({ length: per }, (_, i) => {
        const f = path.join(dir, `c${k}-${i}.json`);
        fs.writeFileSync(f, JSON.stringify(machine(`PC-C${k}-${i}`)));
        return ['simulate', 'agent-update', '--machine', f, '--agent-build', '12011', '--build', '12500', '--state', state];
      }),
    );
    const children = runs.map((r) => loopChild(r));
    const results = await Promise.all(children.map((c) => completed(c, per)));
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    for (const r of results) expect(r).toHaveLength(per);
    const mem = parseMemory(fs.readFileSync(state, 'utf8'));
    const expected = [0, 1, 2].flatMap((k) => Array.from({ length: per }, (_, i) => `PC-C${k}-${i}`));
    for (const n of expected) expect(mem.machines[n]?.loggedOnce['E-900']).toBeDefined();
  }, 180_000);

  it('a live lock makes the next run wait, then time out with the owner named', async () => {
    const state = path.join(dir, 'held.json');
    const lock = await lockState(state);
    try {
      await expect(lockState(state, 300)).rejects.toThrow(`${state}: locked by process ${process.pid}`);
    } finally {
      lock.release();
    }
    const again = await lockState(state, 300);
    again.release();
  });

  it('a lock whose process is gone is taken over', async () => {
    const state = path.join(dir, 'stale.json');
    // as this version writes a lock (report/out-lock.ts's owner: host, pid, start, PID namespace, boot id, token), its pid gone
    fs.writeFileSync(`${state}.lock`, JSON.stringify({ ...currentOwner(), pid: 2 ** 22 + 12345, start: '1' }));
    const lock = await lockState(state, 2000);
    expect(JSON.parse(fs.readFileSync(`${state}.lock`, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(`${state}.lock`)).toBe(false);
  });

  it('a lock from another PID namespace is judged by the report lock\'s rule: taken over only once unchanged for staleMs', async () => {
    const state = path.join(dir, 'other-ns.json');
    // pid 1 lives here, but in another PID namespace it is another process: the pid alone is never trusted
    fs.writeFileSync(`${state}.lock`, JSON.stringify({ ...currentOwner(), pid: 1, pidns: 'pid:[4026531999]' }));
    await expect(lockState(state, 300, 60_000)).rejects.toThrow(`${state}: locked by process 1 on `);
    const t0 = Date.now();
    const lock = await lockState(state, 10_000, 400);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    expect(JSON.parse(fs.readFileSync(`${state}.lock`, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('other-ns.json'))).toEqual([]);
  });
});

describe('reports never destroy what they cannot replace', () => {
  it('an input that fails leaves the previous report untouched; an input the report would overwrite is refused', async () => {
    const dir = tmpDir('acs-keep-');
    const inv = path.join(dir, 'fleet.jsonl');
    fs.writeFileSync(inv, JSON.stringify(machine('PC-1')) + '\n');
    const out = path.join(dir, 'report');
    expect((await run(['fleet', inv, '--out', out])).code).toBe(0);
    const before = ['report.json', 'report.csv', 'report.html'].map((f) => fs.readFileSync(path.join(out, f), 'utf8'));
    const typo = await run(['fleet', path.join(dir, 'flet.jsonl'), '--out', out]);
    expect(typo.code).toBe(2);
    const own = await run(['fleet', path.join(out, 'report.csv'), '--out', out]);
    expect(own.code).toBe(2);
    expect(own.err).toBe(`acs-gate fleet: ${path.join(out, 'report.csv')}: is an input of the report and would be overwritten by it; choose another --out\n`);
    const after = ['report.json', 'report.csv', 'report.html'].map((f) => fs.readFileSync(path.join(out, f), 'utf8'));
    expect(after).toEqual(before);
    expect(fs.readdirSync(out).sort()).toEqual(['report.csv', 'report.html', 'report.json']);
  });
});
