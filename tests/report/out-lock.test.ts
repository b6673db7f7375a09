/**
 * The report folder's lock (src/report/out-lock.ts) and OutputSet's use of it, in process: one holder at a time
 * (also when many waiters find one stale lock together), a lock lost to another run stops the commit. (Signals
 * are tested in child processes: tests/hostile/commit-whole.test.ts.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReportLock, LOCK_NAME } from '../../src/report/out-lock';
import { OutputSet } from '../../src/report/sink';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sub = (name: string) => {
  const d = path.join(dir, name);
  fs.mkdirSync(d);
  return d;
};

describe('ReportLock', () => {
  it('one holder; the next waits, then gives up naming the owner; free again after release', async () => {
    const d = sub('basic');
    const a = await ReportLock.acquire(d);
    expect(JSON.parse(fs.readFileSync(path.join(d, LOCK_NAME), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname(), token: a.token });
    expect(a.stillHeld()).toBe(true);
    // our own live pid in our own namespace: never stale, whatever the stale bound
    await expect(ReportLock.acquire(d, { waitMs: 300, staleMs: 50 })).rejects.toThrow(`${d}: another run is writing its report here (process ${process.pid} on ${os.hostname()}`);
    a.release();
    expect(fs.existsSync(path.join(d, LOCK_NAME))).toBe(false);
    const b = await ReportLock.acquire(d, { waitMs: 300 });
    b.release();
  });

  it('many waiters on one stale foreign lock: it is taken over once, and they hold it one at a time', async () => {
    const d = sub('herd');
    fs.writeFileSync(path.join(d, LOCK_NAME), JSON.stringify({ host: 'elsewhere', pid: 1, start: null, pidns: null, boot: null, token: 'x', since: 'then' }));
    let holders = 0;
    let most = 0;
    const order: string[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        // each waits its turn behind the others: generous, so a loaded machine never makes one give up
        const l = await ReportLock.acquire(d, { waitMs: 60_000, staleMs: 300 });
        holders++;
        most = Math.max(most, holders);
        order.push(l.token);
        await new Promise((r) => setTimeout(r, 30));
        expect(l.stillHeld()).toBe(true);
        holders--;
        l.release();
      }),
    );
    expect(most).toBe(1);
    expect(new Set(order).size).toBe(6);
    expect(fs.readdirSync(d)).toEqual([]);
  }, 90_000);

  it('a foreign lock that keeps changing (a heartbeat) is never stale', async () => {
    const d = sub('beating');
    const lockPath = path.join(d, LOCK_NAME);
    fs.writeFileSync(lockPath, JSON.stringify({ host: 'elsewhere', pid: 1, start: null, pidns: null, boot: null, token: 'x', since: 'then' }));
    // a new mtime every 50 ms (each beat a distinct second: no two beats can look alike); the stale bound is 40
    // beats long, so a process that waits for the CPU a while still sees the lock change well within it
    let n = 0;
    const beat = setInterval(() => {
      const t = new Date(Date.UTC(2026, 0, 1) + ++n * 1000);
      fs.utimesSync(lockPath, t, t);
    }, 50);
    try {
      await expect(ReportLock.acquire(d, { waitMs: 6000, staleMs: 2000 })).rejects.toThrow('process 1 on elsewhere, since then');
    } finally {
      clearInterval(beat);
    }
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8')).token).toBe('x');
  });
});

describe('OutputSet under the lock', () => {
  it('a lock taken over by another run while this one was stopped: commit replaces nothing', async () => {
    const d = sub('lost');
    fs.writeFileSync(path.join(d, 'report.json'), 'old');
    const set = await OutputSet.acquire(d);
    set.writeFile(path.join(d, 'report.json'), 'new');
    // another run judged us stale and took the folder
    fs.unlinkSync(path.join(d, LOCK_NAME));
    fs.writeFileSync(path.join(d, LOCK_NAME), JSON.stringify({ host: 'elsewhere', pid: 1, token: 'other' }));
    expect(() => set.commit()).toThrow(/cannot commit the report \(its lock .* was taken over by another run while this one was stopped; no report file was replaced\)/);
    expect(fs.readFileSync(path.join(d, 'report.json'), 'utf8')).toBe('old');
    // its own temporary files are gone, the other run's lock is left alone
    expect(fs.readdirSync(d).sort()).toEqual([LOCK_NAME, 'report.json']);
  });
});
