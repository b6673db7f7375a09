import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/cli/main';
import { FLEET_JSONL, run, tmpDir } from './helpers';

describe('acs-gate (no subcommand)', () => {
  it('prints the usage on stderr and exits 2 without a command', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: acs-gate COMMAND');
  });
  it('lists every subcommand and the exit codes with --help, exit 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['verify', 'readiness', 'simulate', 'fleet', 'demo']) expect(r.out).toContain(`  ${c}`);
    expect(r.out).toContain('Exit codes');
  });
  it('rejects an unknown command in one line, exit 2', async () => {
    const r = await run(['sign', 'x.exe']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('acs-gate: unknown command "sign" (commands: verify, readiness, simulate, fleet, demo)\n');
  });
});

describe.each(COMMANDS.map((c) => [c.name]))('acs-gate %s', (name) => {
  it('prints its help with usage, exit codes and examples (--help and -h), exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run([name, flag]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: acs-gate ${name}`);
      expect(r.out).toMatch(/Exit codes/);
      expect(r.out).toMatch(/Examples?:/);
    }
  });
  it('rejects an unknown flag with one line naming it and the usage, exit 2', async () => {
    const r = await run([name, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`acs-gate ${name}: unknown option --frobnicate`);
    expect(r.err).toContain(`usage: acs-gate ${name}`);
  });
});

describe('errors', () => {
  it('show one line without a stack trace, and the stack only with --debug', async () => {
    const dir = tmpDir();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'not a directory');
    const out = path.join(blocker, 'report');
    const plain = await run(['fleet', FLEET_JSONL, '--out', out]);
    expect(plain.code).toBe(2);
    expect(plain.err.trimEnd().split('\n')).toHaveLength(1);
    expect(plain.err).not.toMatch(/\n\s+at /);
    const debug = await run(['fleet', FLEET_JSONL, '--out', out, '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.err).toMatch(/\n\s+at /);
  });
});
