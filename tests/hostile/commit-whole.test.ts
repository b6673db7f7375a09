/**
 * Reports committed whole (issue 22, item 7): the three report files are all replaced or none; concurrent runs
 * into one --out are serialised by the folder's lock and never mix; SIGINT / SIGTERM / SIGHUP leave no
 * temporary file and the previous report; what a dead run left is removed only when provably stale (never by
 * pid alone across PID namespaces), a live run's temporary files never. The CLI runs as users run it: a spawned
 * `node acs-gate.js fleet …` (sources transpiled once), inputs built here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, tmpDir } from '../cli/helpers';
import { transpileSources } from '../helpers/transpiled';
import { OutputSet, removeLeftovers } from '../../src/report/sink';

const machine = (name: string, ubr = 1000) => ({ name, os: { version: '10.0.19044', ubr }, hotfixes: [], rootStore: [], rootAutoUpdate: true, online: true });
const REPORT = ['report.csv', 'report.html', 'report.json'];

let JS: string;
let dir: string;
beforeAll(() => {
  JS = transpileSources();
  dir = tmpDir('acs-whole-');
});
afterAll(() => {
  fs.rmSync(JS, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An inventory of `n` machines named PREFIX-i. */
function inventory(prefix: string, n: number): string {
  const f = path.join(dir, `${prefix}-${n}.jsonl`);
  if (!fs.existsSync(f)) fs.writeFileSync(f, Array.from({ length: n }, (_, i) => JSON.stringify(machine(`${prefix}-${i}`, 1000 + (i % 5)))).join('\n') + '\n');
  return f;
}

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** `acs-gate ARGS` as a child process (optionally under `unshare …` in other namespaces). */
function start(args: string[], opts: { env?: Record<string, string>; wrap?: string[]; raw?: true } = {}): { child: ChildProcess; done: Promise<Done> } {
  const cmd = [...(opts.wrap ?? []), ...(opts.raw ? [] : [process.execPath, path.join(JS, 'acs-gate.js')]), ...args];
  const child = spawn(cmd[0]!, cmd.slice(1), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'C', TZ: 'UTC', ...opts.env },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Done>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
}

const fleet = (inv: string, out: string, at: string, ...more: string[]) => ['fleet', inv, '--out', out, '--path', 'msi', '--at', at, ...more];

const read = (out: string) => REPORT.map((f) => fs.readFileSync(path.join(out, f)));
const hidden = (out: string) => (fs.existsSync(out) ? fs.readdirSync(out).filter((n) => n.startsWith('.')) : []);

/** Polls until `pred` holds (or fails the test after `ms`). */
async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The report in `out` is one run's: json, csv and html all carry that run's machine names and time. */
function reportOf(out: string): { prefix: string; at: string } {
  const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { machines: { name: string }[]; summary: { generatedAt: string } };
  const prefixes = new Set(json.machines.map((m) => m.name.replace(/-\d+$/, '')));
  expect(prefixes.size).toBe(1);
  const prefix = [...prefixes][0]!;
  const at = json.summary.generatedAt;
  const csv = fs.readFileSync(path.join(out, 'report.csv'), 'utf8');
  const csvNames = csv.split('\r\n').slice(1, -1).map((l) => l.split(',')[0]!.replace(/-\d+$/, ''));
  expect(new Set(csvNames)).toEqual(new Set([prefix]));
  expect(csvNames).toHaveLength(json.machines.length);
  const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
  expect(html.trimEnd().endsWith('</html>')).toBe(true);
  expect(html).toContain(at);
  expect(html).toContain(`${prefix}-0`);
  return { prefix, at };
}

describe('all files replaced or none', () => {
  it('report.html a directory: exit 2 naming it, report.json and report.csv byte-identical, nothing left behind', async () => {
    const out = path.join(dir, 'eisdir');
    expect((await start(fleet(inventory('OLD', 20), out, '2026-01-15T00:00:00Z')).done).code).toBe(0);
    fs.rmSync(path.join(out, 'report.html'));
    fs.mkdirSync(path.join(out, 'report.html'));
    const before = [fs.readFileSync(path.join(out, 'report.csv')), fs.readFileSync(path.join(out, 'report.json'))];
    const r = await start(fleet(inventory('NEW', 30), out, '2026-01-16T00:00:00Z')).done;
    expect([fs.readFileSync(path.join(out, 'report.csv')), fs.readFileSync(path.join(out, 'report.json'))]).toEqual(before);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`acs-gate fleet: error: ${path.join(out, 'report.html')}: cannot replace (EISDIR: is a directory; no report file was replaced)\n`);
    expect(fs.readdirSync(out).sort()).toEqual(REPORT);
  }, 120_000);

  const canMount = spawnSync('unshare', ['-m', 'true']).status === 0;
  (canMount ? it : it.skip)('report.html a mount point (EBUSY): exit 2, the previous report byte-identical', async () => {
    const out = path.join(dir, 'ebusy');
    expect((await start(fleet(inventory('OLD', 20), out, '2026-01-15T00:00:00Z')).done).code).toBe(0);
    const before = read(out);
    const other = path.join(dir, 'mounted.html');
    fs.writeFileSync(other, '<html>mounted</html>');
    // in a private mount namespace, so nothing stays mounted whatever happens
    const r = await start(['-c', `mount --bind "$0" "$1" && shift && exec "$@"`, other, path.join(out, 'report.html'), process.execPath, path.join(JS, 'acs-gate.js'), ...fleet(inventory('NEW', 30), out, '2026-01-16T00:00:00Z')], {
      wrap: ['unshare', '-m', 'sh'],
      raw: true,
    }).done;
    expect(read(out)).toEqual(before);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`acs-gate fleet: error: ${path.join(out, 'report.html')}: cannot replace (EBUSY: a mount point; no report file was replaced)\n`);
    expect(fs.readdirSync(out).sort()).toEqual(REPORT);
  }, 120_000);

  it('a rename that fails after the first (EBUSY on the last file) puts the previous files back', async () => {
    const out = path.join(dir, 'late');
    fs.mkdirSync(out);
    for (const f of REPORT) fs.writeFileSync(path.join(out, f), `old ${f}`);
    const set = await OutputSet.acquire(out);
    for (const f of ['report.json', 'report.csv']) set.writeFile(path.join(out, f), `new ${f}`);
    set.writeFile(path.join(out, 'report.html'), 'new html');
    fs.writeFileSync(path.join(out, 'extra.txt'), 'x');
    // the module object the sources see (this file's `fs` is a copy of its bindings)
    const nodeFs = require('node:fs') as typeof fs;
    const real = nodeFs.renameSync;
    const spy = jest.spyOn(nodeFs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).endsWith('report.html') && String(from).endsWith('.tmp')) throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY' });
      return real(from, to);
    });
    try {
      expect(() => set.commit()).toThrow(`${path.join(out, 'report.html')}: cannot replace (rename) (EBUSY: resource busy or locked; the previous report is kept whole)`);
    } finally {
      spy.mockRestore();
    }
    for (const f of REPORT) expect(fs.readFileSync(path.join(out, f), 'utf8')).toBe(`old ${f}`);
    expect(fs.readdirSync(out).sort()).toEqual(['extra.txt', ...REPORT]);
  });

  it('a commit killed half-way (its manifest left) is rolled back by the next run, under the lock', () => {
    const out = path.join(dir, 'half');
    fs.mkdirSync(out);
    for (const f of ['report.json', 'report.csv']) fs.writeFileSync(path.join(out, f), `old ${f}`);
    const T = 'abcdef0123456789';
    const pid = 4_000_000;
    const name = (f: string, kind: string) => path.join(out, `.${f}.${pid}.${T}.${kind}`);
    // the dead run kept both previous files, replaced report.json and report.html (new), not yet report.csv
    fs.writeFileSync(
      path.join(out, `.report-commit.${pid}.${T}.manifest`),
      JSON.stringify({
        version: 1,
        token: T,
        entries: [
          { target: 'report.json', temp: `.report.json.${pid}.${T}.tmp`, backup: `.report.json.${pid}.${T}.old` },
          { target: 'report.html', temp: `.report.html.${pid}.${T}.tmp`, backup: null },
          { target: 'report.csv', temp: `.report.csv.${pid}.${T}.tmp`, backup: `.report.csv.${pid}.${T}.old` },
        ],
      }),
    );
    for (const f of ['report.json', 'report.csv']) fs.linkSync(path.join(out, f), name(f, 'old'));
    fs.writeFileSync(name('report.json', 'tmp'), 'new json');
    fs.renameSync(name('report.json', 'tmp'), path.join(out, 'report.json'));
    fs.writeFileSync(path.join(out, 'report.html'), 'new html');
    fs.writeFileSync(name('report.csv', 'tmp'), 'new csv');
    // and a manifest naming a file outside the folder is not followed
    fs.writeFileSync(path.join(out, `.report-commit.${pid}.${'1'.repeat(16)}.manifest`), JSON.stringify({ entries: [{ target: '../x', temp: 'a', backup: null }] }));
    removeLeftovers(out, '0'.repeat(16));
    expect(fs.readdirSync(out).sort()).toEqual(['report.csv', 'report.json']);
    for (const f of ['report.json', 'report.csv']) expect(fs.readFileSync(path.join(out, f), 'utf8')).toBe(`old ${f}`);
  });
});

describe('concurrent runs into one --out', () => {
  // 20 under load by default; ACS_TEST_PAIRS=100 for the count
  const PAIRS = Number(process.env.ACS_TEST_PAIRS ?? 20);
  it(`${PAIRS} concurrent pairs never mix files from different runs; both exit 0; nothing left behind`, async () => {
    const out = path.join(dir, 'pairs');
    const last = { A: 0, B: 0 };
    for (let k = 0; k < PAIRS; k++) {
      // the same size, so that the two runs reach their commits at about the same moment
      const n = 150 + 40 * (k % 4);
      const at = { A: new Date(Date.UTC(2026, 0, 15, 0, k)).toISOString(), B: new Date(Date.UTC(2026, 0, 16, 0, k)).toISOString() };
      const a = start(fleet(inventory(`A${k}`, n), out, at.A));
      const b = start(fleet(inventory(`B${k}`, n), out, at.B));
      const [ra, rb] = await Promise.all([a.done, b.done]);
      expect([ra.code, rb.code]).toEqual([0, 0]);
      // the one that waited may say so (after a second of waiting), nothing else
      for (const e of [ra.err, rb.err]) expect(e).toMatch(/^(acs-gate fleet: \S+: waiting for another run writing its report here \(process \d+ on [^)]*\)\n)?$/);
      const report = reportOf(out);
      expect([`A${k}`, `B${k}`]).toContain(report.prefix);
      expect(report.at).toBe(at[report.prefix[0] as 'A' | 'B']);
      const prefix = report.prefix;
      last[prefix[0] as 'A' | 'B']++;
      expect(fs.readdirSync(out).sort()).toEqual(REPORT);
    }
    expect(last.A + last.B).toBe(PAIRS);
  }, 60_000 * Math.max(10, PAIRS / 2));
});

describe('signals', () => {
  for (const [sig, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${sig} mid-run: the run's temporary files and lock removed, the previous report byte-identical, killed by ${sig} (status ${status})`, async () => {
      const out = path.join(dir, `sig-${sig}`);
      expect((await start(fleet(inventory('OLD', 20), out, '2026-01-15T00:00:00Z')).done).code).toBe(0);
      const before = read(out);
      const run = start(fleet(inventory('BIG', 60_000), out, '2026-01-16T00:00:00Z'));
      await until(() => hidden(out).some((n) => n.endsWith('.tmp')), 60_000, 'the run to write its temporary files');
      run.child.kill(sig);
      const r = await run.done;
      // the signal's own death (a shell shows 128 + its number)
      expect(r.signal).toBe(sig);
      expect(128 + os.constants.signals[sig]).toBe(status);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(fs.readdirSync(out).sort()).toEqual(REPORT);
      expect(read(out)).toEqual(before);
    }, 120_000);
  }

  it('SIGINT in a program (the library) with its own listener: the run removes its files and lock, refuses to commit, the program goes on', async () => {
    const out = path.join(dir, 'sig-library');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'report.csv'), 'old');
    const script = `
      const fs = require('fs');
      const { OutputSet } = require(process.env.JS_ROOT + '/src/report/sink.js');
      (async () => {
        const out = process.argv[1];
        const set = await OutputSet.acquire(out);
        set.open(out + '/report.csv').write('new rows');
        let heard = false;
        process.on('SIGINT', () => (heard = true));
        process.kill(process.pid, 'SIGINT');
        while (!heard) await new Promise((r) => setTimeout(r, 10));
        const left = fs.readdirSync(out);
        let error;
        try { set.commit(); } catch (e) { error = e.message; }
        console.log(JSON.stringify({ left, error, listeners: process.listenerCount('SIGTERM') }));
      })();`;
    const r = await start(['-e', script, out], { wrap: [process.execPath], raw: true, env: { JS_ROOT: JS } }).done;
    expect([r.code, r.signal, r.err]).toEqual([0, null, '']);
    expect(JSON.parse(r.out)).toEqual({ left: ['report.csv'], error: `${out}: cannot commit the report (interrupted by SIGINT; no report file was replaced)`, listeners: 0 });
    expect(fs.readFileSync(path.join(out, 'report.csv'), 'utf8')).toBe('old');
  }, 60_000);
});

describe('leftovers of other runs: removed only when provably stale', () => {
  /** A lock as a run in another PID namespace (a container on this host) writes it, with temporary files. */
  function foreignLock(out: string, pid: number): { token: string; temps: string[] } {
    fs.mkdirSync(out, { recursive: true });
    const token = 'f00dfeedf00dfeed';
    fs.writeFileSync(
      path.join(out, '.report.lock'),
      JSON.stringify({ host: os.hostname(), pid, start: '1', pidns: 'pid:[1]', boot: 'another-boot', token, since: '2026-01-15T00:00:00.000Z' }) + '\n',
    );
    const temps = ['report.json', 'report.csv'].map((f) => path.join(out, `.${f}.${pid}.${token}.tmp`));
    for (const t of temps) fs.writeFileSync(t, 'in progress');
    return { token, temps };
  }

  it('a live run in another PID namespace (its pid means nothing here): its lock is not taken over, its files not touched', async () => {
    const out = path.join(dir, 'foreign-live');
    // the pid does not exist here: by pid alone it would look dead
    const { temps } = foreignLock(out, 4_100_000);
    // its owner refreshes it every 300 ms; the stale bound (10 s) is 30 beats long, so a test process that waits for
    // the CPU a while still refreshes it well within the bound (each beat a distinct time: no two look alike)
    let n = 0;
    const beat = setInterval(() => {
      const t = new Date(Date.UTC(2026, 0, 15) + ++n * 1000);
      fs.utimesSync(path.join(out, '.report.lock'), t, t);
    }, 300);
    try {
      const r = await start(fleet(inventory('NEW', 10), out, '2026-01-16T00:00:00Z', '--lock-wait', '15'), { env: { ACS_GATE_LOCK_STALE_SECONDS: '10' } }).done;
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${out}: waiting for another run writing its report here (process 4100000 on ${os.hostname()}, since 2026-01-15T00:00:00.000Z)`);
      expect(r.err).toContain(`${out}: another run is writing its report here (process 4100000 on ${os.hostname()}, since 2026-01-15T00:00:00.000Z; lock file ${path.join(out, '.report.lock')}); gave up after 15 s.`);
      for (const t of temps) expect(fs.readFileSync(t, 'utf8')).toBe('in progress');
      expect(fs.existsSync(path.join(out, 'report.json'))).toBe(false);
    } finally {
      clearInterval(beat);
    }
  }, 60_000);

  it('a dead run in another PID namespace (its pid alive here, its lock unchanged for the stale bound): taken over, its files removed', async () => {
    const out = path.join(dir, 'foreign-dead');
    // the pid is alive here (this test's own process): by pid alone it would look alive forever
    foreignLock(out, process.pid);
    const t0 = Date.now();
    const r = await start(fleet(inventory('NEW', 10), out, '2026-01-16T00:00:00Z', '--lock-wait', '30'), { env: { ACS_GATE_LOCK_STALE_SECONDS: '2' } }).done;
    expect([r.code, r.err.split('\n').filter((l) => !l.includes('waiting for another run'))]).toEqual([0, ['']]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(fs.readdirSync(out).sort()).toEqual(REPORT);
    expect(reportOf(out).prefix).toBe('NEW');
  }, 60_000);

  it('a dead run in this PID namespace: taken over at once, its files removed', async () => {
    const out = path.join(dir, 'local-dead');
    fs.mkdirSync(out);
    const own = spawnSync(process.execPath, ['-e', 'console.log(JSON.stringify({ pidns: require("fs").readlinkSync("/proc/self/ns/pid"), boot: require("fs").readFileSync("/proc/sys/kernel/random/boot_id","utf8").trim() }))']);
    const { pidns, boot } = JSON.parse(own.stdout.toString()) as { pidns: string; boot: string };
    const token = '0123456789abcdef';
    fs.writeFileSync(path.join(out, '.report.lock'), JSON.stringify({ host: os.hostname(), pid: own.pid, start: '1', pidns, boot, token, since: 'x' }));
    fs.writeFileSync(path.join(out, `.report.json.${own.pid}.${token}.tmp`), 'dead');
    const t0 = Date.now();
    // not taken over at once, the run would wait out --lock-wait (120 s) and fail, or the stale bound (600 s):
    // finishing well under both proves "at once", however loaded the machine is
    const r = await start(fleet(inventory('NEW', 10), out, '2026-01-16T00:00:00Z', '--lock-wait', '120'), { env: { ACS_GATE_LOCK_STALE_SECONDS: '600' } }).done;
    expect([r.code, r.err]).toEqual([0, '']);
    expect(Date.now() - t0).toBeLessThan(100_000);
    expect(fs.readdirSync(out).sort()).toEqual(REPORT);
  }, 180_000);

  const canUnshare = spawnSync('unshare', ['-pf', '--mount-proc', 'true']).status === 0;
  (canUnshare ? it : it.skip)(
    'a run in another PID namespace (unshare -p) never deletes a live run’s temporary files: it waits, then writes its own report',
    async () => {
      const out = path.join(dir, 'namespaces');
      const a = start(fleet(inventory('HOST', 30_000), out, '2026-01-15T00:00:00Z'));
      await until(() => hidden(out).some((n) => n.endsWith('.tmp')), 60_000, 'the host run to write its temporary files');
      const tempsOfA = hidden(out).filter((n) => n.endsWith('.tmp'));
      // A is held still while B1 runs (its lock stays fresh: well within the stale bound), so A cannot finish
      // before B1 asks, however loaded the machine; in a new PID namespace A's pid does not exist: a pid check
      // would call A dead
      process.kill(a.child.pid!, 'SIGSTOP');
      let b1: Done;
      try {
        b1 = await start(fleet(inventory('NS', 10), out, '2026-01-16T00:00:00Z', '--lock-wait', '1'), { wrap: ['unshare', '-pf', '--mount-proc'] }).done;
      } finally {
        process.kill(a.child.pid!, 'SIGCONT');
      }
      expect(b1.code).toBe(2);
      expect(b1.err).toContain('another run is writing its report here');
      const now = hidden(out);
      for (const t of tempsOfA) expect(now).toContain(t);
      const b2 = start(fleet(inventory('NS', 10), out, '2026-01-16T00:00:00Z', '--lock-wait', '120'), { wrap: ['unshare', '-pf', '--mount-proc'] });
      const ra = await a.done;
      expect([ra.code, ra.err]).toEqual([0, '']);
      const rb = await b2.done;
      expect(rb.code).toBe(0);
      expect(reportOf(out).prefix).toBe('NS');
      expect(fs.readdirSync(out).sort()).toEqual(REPORT);
    },
    240_000,
  );
});
