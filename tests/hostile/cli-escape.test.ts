/**
 * Text from files never reaches a terminal raw: a signed file whose certificate names carry terminal escape
 * sequences (made by the test PKI: clipboard write, clear screen, a green fake "Successfully verified", a
 * right-to-left override), and machine names with the same, through verify, readiness, simulate, fleet.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPe } from '../helpers/pe-writer';
import { createTestPki, issueCertificate, LEAF_EKUS, TIMES } from '../helpers/pki';
import { signPe } from '../helpers/sign-pe';
import { ROOT, run, tmpDir } from '../cli/helpers';

const EVIL_CN = 'Evil\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[1;32mSuccessfully verified: C:\\Windows\\notepad.exe\x1b[0m\u202eexe.txt';
const EVIL_O = 'Evil\nSuccessfully verified: injected\rACS: yes';
/** anything a terminal acts on, or that reorders text */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
let signed: string;
let rootPem: string;
let tsaPem: string;

beforeAll(async () => {
  dir = tmpDir('acs-escape-');
  const pki = createTestPki();
  const evil = issueCertificate(pki.issuingCa, {
    subject: { CN: EVIL_CN, O: EVIL_O, C: 'US' },
    notBefore: TIMES.leafNotBefore,
    notAfter: TIMES.leafNotAfter,
    eku: LEAF_EKUS,
    keyLabel: 'evil-escapes',
  });
  signed = path.join(dir, 'evil\x1b[31m.exe');
  fs.writeFileSync(signed, await signPe(buildPe(), { signer: evil }));
  rootPem = path.join(dir, 'root.pem');
  fs.writeFileSync(rootPem, pki.root.pem);
  tsaPem = path.join(dir, 'tsa-root.pem');
  fs.writeFileSync(tsaPem, pki.tsaRoot.pem);
}, 60_000);

function expectNoRawControls(text: string): void {
  const lines = text.split('\n');
  for (const l of lines) expect(l).not.toMatch(RAW_CONTROL);
  // the injected texts never start a line of their own
  expect(lines.filter((l) => l.startsWith('Successfully verified: injected') || l.startsWith('ACS: yes') && l.includes('injected'))).toEqual([]);
}

describe('verify: certificate names with escape sequences', () => {
  it('prints them visibly escaped (in process), valid under the test root', async () => {
    const r = await run(['verify', signed, '--trust', rootPem, '--trust', tsaPem, '--acs-root', rootPem, '--at', '2024-04-11']);
    expect(r.code).toBe(0);
    expectNoRawControls(r.out);
    expect(r.out).toContain('\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J');
    expect(r.out).toContain('\\u202eexe.txt');
    // one "Successfully verified" line only: ours, naming the file (escaped)
    const ok = r.out.split('\n').filter((l) => l.startsWith('Successfully verified'));
    expect(ok).toEqual([`Successfully verified: ${signed.replace('\x1b', '\\x1b')}`]);
  });

  it('prints them escaped when not trusted, too (no trust is needed to reach the terminal), as a child process', () => {
    const p = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'acs-gate.js'), 'verify', signed, '--at', '2024-04-11'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(p.status).toBe(1);
    expectNoRawControls(p.stdout);
    expectNoRawControls(p.stderr);
    expect(p.stdout.split('\n').some((l) => l.startsWith('Successfully verified'))).toBe(false);
    expect(p.stdout).toContain('Evil\\x1b]52');
  }, 60_000);

  it('keeps --json as JSON: controls escaped by JSON itself, the value intact', async () => {
    const r = await run(['verify', signed, '--trust', rootPem, '--at', '2024-04-11', '--json']);
    expect(r.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const doc = JSON.parse(r.out) as { signatures: { signer?: string; chain: string[] }[] };
    expect(JSON.stringify(doc)).toContain('\\u001b]52;c;');
  });
});

describe('machine names with escape sequences', () => {
  const NAME = 'PC\x1b[2J\x1b[32m-READY\u202e\x07';
  let inv: string;
  beforeAll(() => {
    inv = path.join(dir, 'fleet.jsonl');
    const m = { name: NAME, os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [], rootAutoUpdate: true, online: true };
    fs.writeFileSync(inv, JSON.stringify(m) + '\n' + JSON.stringify({ ...m, name: 'PC\nACS: yes' }) + '\n');
  });

  it('readiness shows them escaped', async () => {
    const r = await run(['readiness', inv]);
    expectNoRawControls(r.out);
    expect(r.out).toContain('PC\\x1b[2J\\x1b[32m-READY\\u202e\\x07');
    expect(r.out).toContain('PC\\x0aACS: yes');
  });

  it('fleet shows them escaped in its summary, the CSV keeps them as data, the HTML shows them visibly', async () => {
    const out = path.join(dir, 'report');
    const r = await run(['fleet', inv, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    expectNoRawControls(r.out);
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e]/);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { machines: { name: string }[] };
    expect(json.machines.map((m) => m.name)).toContain(NAME);
  });

  it('simulate shows the machine name escaped, and --events-xml is well-formed XML 1.0', async () => {
    const one = path.join(dir, 'one.json');
    fs.writeFileSync(one, JSON.stringify({ name: 'PC\x01\x1b[31m<&>', os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [], rootAutoUpdate: true, online: true }));
    const xml = path.join(dir, 'events.xml');
    const r = await run(['simulate', 'agent-update', '--machine', one, '--agent-build', '12011', '--build', '12500', '--events-xml', xml]);
    expectNoRawControls(r.out);
    expect(r.out).toContain('PC\\x01\\x1b[31m<&>');
    const text = fs.readFileSync(xml, 'utf8');
    expect(text).toContain('<Computer>PC\\x01\\x1b[31m&lt;&amp;&gt;</Computer>');
    // only characters XML 1.0 allows
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  });
});
