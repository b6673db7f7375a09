/**
 * cli: the command line end to end, in process (main() with a captured io): random commands, flags and
 * values (impossible dates, huge numbers, flags that do not apply, devices, a FIFO, missing files) over
 * generated input files (fleet files whose machine names carry escape sequences, bidi overrides, JSON-special
 * and Object.prototype names, mutated bytes, mixed encodings), a report folder holding a previous complete
 * report, and a state file holding earlier memory. Invariants, per case:
 *   - main() returns an exit code of the closed set (0, 1, 2, 3, 4); nothing is thrown, no stack trace is printed;
 *   - stderr and human stdout carry no raw control or bidi character (other than the newlines, tabs and
 *     carriage returns the CLI writes itself);
 *   - no report lost: report.json is complete JSON, report.csv and report.html complete (old or new), no
 *     temporary file left behind;
 *   - no state lost: the state file parses and keeps every machine it had; no lock file left behind;
 *   - no hang (the runner's time limit) and bounded memory (the runner's allocation and heap watch).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { captureIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { parseMemory, serializeMemory, takeRecordId, emptyMemory } from '../../../src/eventlog/memory';
import { applyMutations, mutationsArb, type Mutation } from '../mutate';
import type { CaseResult, Target } from '../runner';
import { scratchDir } from '../tempdir';

const NASTY_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'PC\u001b[2J\u001b[32mSuccessfully verified\u001b[0m',
  'PC\u001b]52;c;ZXZpbA==\u0007',
  'PC\u202eexe.txt',
  'PC\nACS: yes',
  'PC\r\u0000',
  '=HYPERLINK("http://x")',
  '＝1+1',
  '  @SUM(A1)',
  '<script>alert(1)</script>',
  '経理-PC01',
  'a'.repeat(300),
];
const VERSIONS = ['10.0.19044', '10.0.22631', '6.1.7601', '6.3.9600', 'x'];

interface MachineGen {
  name: string;
  version: string;
  ubr: number;
  online: boolean | undefined;
}
interface CliCase {
  command: 'verify' | 'readiness' | 'simulate' | 'fleet';
  machines: MachineGen[];
  format: 'jsonl' | 'csv' | 'json' | 'jsonl-long-first';
  encoding: 'utf8' | 'utf8-bom' | 'utf16le';
  mutations: Mutation[];
  flags: [string, string | null][];
  positional: string[];
  stateKind: 'valid' | 'garbage' | 'absent';
  /** 0: flags not meant for the command are kept (usage errors); otherwise dropped */
  offPath: number;
  simulatePath: string;
}

const machineArb: fc.Arbitrary<MachineGen> = fc.record({
  name: fc.oneof(fc.constantFrom(...NASTY_NAMES), fc.string({ minLength: 1, maxLength: 20 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 })),
  version: fc.constantFrom(...VERSIONS),
  ubr: fc.oneof(fc.constantFrom(1000, 2846, 0), fc.nat()),
  online: fc.option(fc.boolean(), { nil: undefined }),
});

/** Path-like values: files of the case, devices, a FIFO, missing ones (resolved per case). */
const PATHS = ['@inventory', '@inventory', '@state', '@out', '@pe', '@fifo', '/dev/zero', '/dev/null', '@missing', '@out/report.csv', '@dir'];
/** Per flag: values a caller would give (good) and values the CLI must refuse (bad); null: a switch. */
const FLAGS: Record<string, { good: (string | null)[]; bad: (string | null)[]; on: string[] }> = {
  '--at': { good: ['2024-04-11', '2026-01-15T00:00:00Z', '2024-02-29T09:00:00+09:00'], bad: ['2024-02-30', '2023-02-29', '2024-04-11T24:00:00Z', '0000-01-01', '15/01/2026', '2024-13-01', ''], on: ['verify', 'simulate', 'fleet'] },
  '--cycles': { good: ['1', '3', '1000'], bad: ['0', '1001', '100000000', '-1', '99999999999999999999', '1e3'], on: ['simulate'] },
  '--build': { good: ['12011', '12500', '11092'], bad: ['0', 'abc', '99999999999999999999'], on: ['simulate', 'fleet'] },
  '--agent-build': { good: ['12011', '11092'], bad: ['0', '1000000'], on: ['simulate', 'fleet'] },
  '--maintenance': { good: ['2023-03'], bad: ['2022-13', 'March'], on: ['simulate', 'fleet'] },
  '--scope': { good: ['all', 'patterns'], bad: ['everything'], on: ['simulate', 'fleet'] },
  '--lang': { good: ['ja', 'en'], bad: ['fr'], on: ['readiness', 'simulate', 'fleet'] },
  '--trust': { good: ['@pem'], bad: ['/dev/zero', '@fifo', '@missing', '@inventory'], on: ['verify', 'simulate', 'fleet'] },
  '--acs-root': { good: ['@pem'], bad: ['@fifo', '/dev/zero'], on: ['verify', 'simulate', 'fleet'] },
  '--state': { good: ['@state'], bad: ['/dev/zero', '@fifo', '@inventory', '@dir'], on: ['simulate'] },
  '--file': { good: ['@pe'], bad: ['@fifo', '/dev/zero', '@missing', '@inventory'], on: ['simulate', 'fleet'] },
  '--events-xml': { good: ['@xml'], bad: ['@out', '/dev/full'], on: ['simulate'] },
  '--path': { good: ['msi', 'autopcc', 'agent-update'], bad: ['floppy'], on: ['fleet'] },
  '--silent': { good: [null], bad: [], on: ['simulate'] },
  '--json': { good: [null], bad: [], on: ['verify', 'readiness', 'simulate', 'fleet'] },
  '--trace': { good: [null], bad: [], on: ['simulate'] },
  '--no-strict': { good: [null], bad: [], on: ['verify'] },
  '--bogus': { good: [], bad: [null], on: [] },
};

const flagArb: fc.Arbitrary<[string, string | null]> = fc.constantFrom(...Object.keys(FLAGS)).chain((f) => {
  const { good, bad } = FLAGS[f]!;
  const arbs: { weight: number; arbitrary: fc.Arbitrary<string | null> }[] = [];
  if (good.length) arbs.push({ weight: 6, arbitrary: fc.constantFrom(...good) });
  if (bad.length) arbs.push({ weight: 1, arbitrary: fc.constantFrom(...bad) });
  return fc.oneof(...arbs).map((v) => [f, v] as [string, string | null]);
});

const caseArb: fc.Arbitrary<CliCase> = fc.record({
  command: fc.constantFrom('verify' as const, 'readiness' as const, 'simulate' as const, 'fleet' as const, 'fleet' as const),
  machines: fc.array(machineArb, { minLength: 0, maxLength: 6 }),
  format: fc.constantFrom('jsonl' as const, 'csv' as const, 'json' as const, 'jsonl-long-first' as const),
  encoding: fc.constantFrom('utf8' as const, 'utf8-bom' as const, 'utf16le' as const),
  mutations: fc.oneof({ weight: 3, arbitrary: fc.constant([] as Mutation[]) }, { weight: 1, arbitrary: mutationsArb({ length: 2048, boundaries: [0, 1, 2, 3], fields: [] }, 2) }),
  flags: fc.uniqueArray(flagArb, { maxLength: 4, selector: ([f]) => f }),
  offPath: fc.nat(9),
  positional: fc.oneof({ weight: 3, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...PATHS, 'msi', 'packager-exe', 'agent-update'), { maxLength: 3 }) }),
  simulatePath: fc.constantFrom('msi', 'packager-exe', 'agent-update', 'autopcc', 'saas-agent-update'),
  stateKind: fc.constantFrom('valid' as const, 'garbage' as const, 'absent' as const),
});

function inventoryText(c: CliCase): string {
  const objs = c.machines.map((m) => ({ name: m.name, os: { version: m.version, ubr: m.ubr }, hotfixes: [], rootStore: [], ...(m.online !== undefined ? { online: m.online } : {}) }));
  switch (c.format) {
    case 'json':
      return JSON.stringify(objs, null, 2);
    case 'csv':
      return (
        'name,os_version,ubr,online\r\n' +
        objs.map((o) => [o.name, o.os.version, String(o.os.ubr), String(o.online ?? '')].map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\r\n') +
        '\r\n'
      );
    case 'jsonl-long-first':
      return [JSON.stringify({ ...(objs[0] ?? { name: 'LONG', os: { version: '10.0.19044' } }), hotfixes: Array.from({ length: 9000 }, (_, i) => `KB${5000000 + i}`) }), ...objs.slice(1).map((o) => JSON.stringify(o))].join('\n') + '\n';
    default:
      return objs.map((o) => JSON.stringify(o)).join('\n') + '\n';
  }
}

function encodeText(s: string, enc: CliCase['encoding']): Buffer {
  if (enc === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  if (enc === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]);
  return Buffer.from(s, 'utf8');
}

const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const EXIT_CODES = new Set([0, 1, 2, 3, 4]);

let base: string;
let template: string;
let pe: string;
let pem: string;
let caseNo = 0;

export function cliTarget(): Target<CliCase> {
  return {
    name: 'cli',
    api: 'main(argv): verify, readiness, simulate, fleet with generated files, flags and a previous report and state',
    arbitrary: caseArb,
    ext: 'json',
    bytes: (c) => Buffer.from(JSON.stringify(c)),
    allocBound: () => 96 * 1024 * 1024,
    async setup() {
      base = path.join(scratchDir(), 'cli');
      mkdirSync(base, { recursive: true });
      const root = path.join(__dirname, '..', '..', '..');
      pe = path.join(root, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll');
      pem = path.join(root, 'samples', 'installers', 'test-acs-root.pem');
      const fifo = path.join(base, 'fifo');
      if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
      // a previous, complete report every case starts from
      template = path.join(base, 'template');
      const inv = path.join(base, 'template.jsonl');
      writeFileSync(inv, JSON.stringify({ name: 'PC-OLD', os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [] }) + '\n');
      const io = captureIo();
      const code = await main(['fleet', inv, '--out', template, '--path', 'msi'], io);
      if (code !== 0) throw new Error(`cli target: template report failed (${code}): ${io.err}`);
    },
    async teardown() {
      rmSync(base, { recursive: true, force: true });
    },
    async run(c, _bytes): Promise<CaseResult> {
      const dir = path.join(base, `case-${caseNo++ % 4}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const out = path.join(dir, 'out');
      mkdirSync(out);
      for (const f of ['report.json', 'report.csv', 'report.html']) copyFileSync(path.join(template, f), path.join(out, f));
      const before = Object.fromEntries(['report.json', 'report.csv', 'report.html'].map((f) => [f, readFileSync(path.join(out, f))]));
      const inventory = path.join(dir, c.format === 'csv' ? 'fleet.csv' : c.format === 'json' ? 'fleet.json' : 'fleet.jsonl');
      const text = encodeText(inventoryText(c), c.encoding);
      writeFileSync(inventory, c.mutations.length ? applyMutations(text, { length: text.length, boundaries: [0, 1, 2, 3, text.length], fields: [] }, c.mutations) : text);
      const one = path.join(dir, 'one.json');
      writeFileSync(one, JSON.stringify({ name: c.machines[0]?.name ?? 'PC-ONE', os: { version: '10.0.19044', ubr: 1000 }, hotfixes: [], rootStore: [] }));
      const state = path.join(dir, 'state.json');
      let stateBefore: string[] = [];
      if (c.stateKind === 'valid') {
        let mem = emptyMemory();
        for (const n of ['__proto__', 'PC-KEEP', 'constructor']) mem = takeRecordId(mem, n)[1];
        writeFileSync(state, serializeMemory(mem));
        stateBefore = Object.keys(mem.machines);
      } else if (c.stateKind === 'garbage') writeFileSync(state, '{"version":1,"machines":');
      const sub = path.join(dir, 'sub');
      mkdirSync(sub);
      const resolve = (v: string): string =>
        v
          .replace(/^@inventory$/, inventory)
          .replace(/^@state$/, state)
          .replace(/^@out/, out)
          .replace(/^@pe$/, pe)
          .replace(/^@pem$/, pem)
          .replace(/^@fifo$/, path.join(base, 'fifo'))
          .replace(/^@missing$/, path.join(dir, 'missing.jsonl'))
          .replace(/^@one$/, one)
          .replace(/^@xml$/, path.join(dir, 'events.xml'))
          .replace(/^@dir$/, sub);
      const argv: string[] = [c.command];
      if (c.command === 'simulate') argv.push(resolve(c.positional[0] ?? c.simulatePath), '--machine', one);
      else argv.push(...(c.positional.length ? c.positional : [c.command === 'verify' ? '@pe' : '@inventory']).map(resolve));
      if (c.command === 'fleet') argv.push('--out', out);
      for (const [f, v] of c.flags) {
        if (c.offPath !== 0 && !FLAGS[f]!.on.includes(c.command)) continue;
        argv.push(f);
        if (v !== null) argv.push(resolve(v));
      }
      if (c.command === 'verify' && !c.flags.some(([f]) => f === '--at')) argv.push('--at', '2024-04-11');
      const io = captureIo();
      let code: number;
      try {
        code = await main(argv, io);
      } catch (e) {
        return { outcome: 'threw', escape: `main() threw: ${e instanceof Error ? e.message : String(e)}` };
      }
      const problems: string[] = [];
      if (!EXIT_CODES.has(code)) problems.push(`exit code ${code}`);
      if (/\n\s+at [^\n]+:\d+:\d+/.test(io.err) && !argv.includes('--debug')) problems.push(`stack trace on stderr: ${io.err.slice(0, 200)}`);
      if (RAW_CONTROL.test(io.err)) problems.push(`raw control character on stderr: ${JSON.stringify(io.err.slice(0, 200))}`);
      if (!argv.includes('--json') && RAW_CONTROL.test(io.out)) problems.push(`raw control character on stdout: ${JSON.stringify(io.out.match(RAW_CONTROL)![0])}`);
      // no report lost
      for (const f of ['report.json', 'report.csv', 'report.html']) {
        const p = path.join(out, f);
        if (!existsSync(p)) {
          problems.push(`${f} disappeared`);
          continue;
        }
        const now = readFileSync(p);
        if (now.equals(before[f]!)) continue;
        const text = now.toString('utf8');
        if (f === 'report.json') {
          try {
            JSON.parse(text);
          } catch {
            problems.push('report.json is not complete JSON');
          }
        } else if (f === 'report.csv' && !text.endsWith('\r\n')) problems.push('report.csv is cut');
        else if (f === 'report.html' && !text.trimEnd().endsWith('</html>')) problems.push('report.html is cut');
      }
      // temporary files, kept previous files, commit manifests, the folder's lock
      const leftovers = readdirSync(out).filter((n) => /\.(tmp|old|manifest)$/.test(n) || n === '.report.lock');
      if (leftovers.length) problems.push(`temporary files left: ${leftovers.join(', ')}`);
      // no state lost
      if (existsSync(`${state}.lock`)) problems.push('state lock left behind');
      if (c.stateKind === 'valid') {
        try {
          const mem = parseMemory(readFileSync(state, 'utf8'));
          for (const n of stateBefore) if (!Object.prototype.hasOwnProperty.call(mem.machines, n)) problems.push(`state lost machine ${n}`);
        } catch (e) {
          problems.push(`state no longer parses: ${(e as Error).message}`);
        }
      }
      if (problems.length) return { outcome: `exit:${code}`, escape: problems.join('; ') };
      return { outcome: `${c.command}:exit:${code}` };
    },
  };
}
