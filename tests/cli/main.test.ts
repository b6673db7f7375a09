import * as fs from 'node:fs';
import * as path from 'node:path';
import { allCommands } from '../../src/cli/main';
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
    expect(r.err).toBe('acs-gate: unknown command "sign" (commands: verify, readiness, simulate, fleet, demo, collect)\n');
  });
});

describe.each(allCommands().map((c) => [c.name]))('acs-gate %s', (name) => {
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
  it('name the input in one line without a stack trace', async () => {
    const dir = tmpDir();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'not a directory');
    const out = path.join(blocker, 'report');
    const r = await run(['fleet', FLEET_JSONL, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`acs-gate fleet: ${out}: cannot create the report folder: a part of the path is a file, not a folder (ENOTDIR)\n`);
  });
  it('show the stack of an unexpected error only with --debug', async () => {
    const bad = path.join(tmpDir(), 'state.json');
    fs.writeFileSync(bad, '{');
    const withoutDebug = await run(['simulate', 'msi', '--machine', FLEET_JSONL, '--state', bad]);
    expect(withoutDebug.code).toBe(2);
    expect(withoutDebug.err.trimEnd().split('\n')).toHaveLength(1);
    expect(withoutDebug.err).toContain(bad);
    const unexpected = await run(['fleet', FLEET_JSONL, '--out', path.join(tmpDir(), 'r'), '--path', 'msi', '--debug'], {
      now: () => {
        throw new Error('clock exploded');
      },
    });
    expect(unexpected.code).toBe(2);
    expect(unexpected.err).toMatch(/^acs-gate fleet: error: clock exploded\n/);
    expect(unexpected.err).toMatch(/\n\s+at /);
  });
});
