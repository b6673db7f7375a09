/** The installed command itself: bin/acs-gate.js in a child process (exit codes, stdout/stderr, no stack traces). */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REAL_DLL, ROOT } from './helpers';

const BIN = path.join(ROOT, 'bin', 'acs-gate.js');

function acsGate(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, LANG: 'C', LC_ALL: '' }, timeout: 60000 });
}

describe('bin/acs-gate.js', () => {
  it('verifies the real ACS sample with --json on stdout, exit 0', () => {
    const r = acsGate(['verify', REAL_DLL, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'valid', acs: true, format: 'pe' });
    expect(r.stderr).toBe('');
  }, 60000);

  it('reports an unknown path in one line on stderr without a stack trace, exit 2', () => {
    const r = acsGate(['simulate', 'teleport', '--machine', 'x.json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^acs-gate simulate: unknown install path "teleport"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60000);
});
