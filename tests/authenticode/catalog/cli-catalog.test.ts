/** `acs-gate verify FILE --catalog CAT` through the CLI (in-process main, and the installed command once). */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { run, ROOT } from '../../cli/helpers';
import { AT, HAS_OSSLSIGNCODE, pki, signedCatalog, writeTemp } from './formats-kit';

const INF = Buffer.from('[Version]\r\nSignature="$WINDOWS NT$"\r\n');

(HAS_OSSLSIGNCODE ? describe : describe.skip)('verify --catalog (catalog signed by osslsigncode)', () => {
  const inf = writeTemp('driver.inf', INF);
  const root = writeTemp('root.pem', pki.root.pem);
  const cat = !HAS_OSSLSIGNCODE ? '' : signedCatalog([{ name: 'driver\u001b[31m.inf', algorithm: 'sha256', digest: createHash('sha256').update(INF).digest(), kind: 'flat' }]);
  const base = ['verify', inf, '--trust', root, '--acs-root', root, '--at', AT.toISOString()];

  it('names the catalog in the JSON result, exit 0; without --catalog the .inf is unsigned, exit 1', async () => {
    const r = await run([...base, '--catalog', cat, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ format: 'flat', verdict: 'valid', catalog: { file: cat, hashKind: 'flat', valid: true } });
    const alone = await run([...base, '--json']);
    expect(alone.code).toBe(1);
    expect(JSON.parse(alone.out)).toMatchObject({ verdict: 'unsigned', failures: [{ code: 'NOT_SIGNED' }] });
  });

  it('human output says which catalog, with the member name escaped for the terminal', async () => {
    // a missing catalog beside a good one is an input error (exit 2, issue 19), whatever the good one says
    const missing = await run([...base, '--catalog', path.join(path.dirname(cat), 'missing.cat'), '--catalog', cat]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing.cat: cannot open (no such file)');
    const r = await run([...base, '--catalog', cat]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`File is signed in catalog: ${cat} as "driver\\x1b[31m.inf"`);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain(`Successfully verified: ${inf}`);
  });

  it('the installed command takes --catalog (child process)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'acs-gate.js'), ...base, '--catalog', cat, '--json'], { encoding: 'utf8', cwd: ROOT, timeout: 120000 });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).catalog.file).toBe(cat);
  }, 120000);
});
