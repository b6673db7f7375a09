/**
 * The package as a user installs it. Once, before the tests: a copy of the working tree (what a fresh clone
 * holds) is packed with `npm pack` (its prepack builds dist/), and the tarball is installed into an empty
 * project with `npm install --omit=dev --offline`, its runtime dependencies packed from this checkout's
 * node_modules (same versions as the lock file; no network). Then everything runs against the INSTALLED
 * package: the CLI, a CommonJS script, an ESM script, strict TypeScript compiles (module node16 and bundler,
 * skipLibCheck false) and the README's jest test using acs-gatekeeper/testing.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exampleLines, readmeCommandLines } from '../helpers/examples';

const ROOT = path.join(__dirname, '..', '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const REAL_DLL = path.join(ROOT, 'samples', 'real', 'Knapcode.MiniZip-0.21.1-net451.dll');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let work: string;
let project: string;
let tarball: string;
let tarFiles: string[];
let tarBytes: number;
const timings: Record<string, number> = {};

function timed<T>(label: string, f: () => T): T {
  const t0 = Date.now();
  try {
    return f();
  } finally {
    timings[label] = Date.now() - t0;
  }
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    timeout: 180_000,
  });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status ?? r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r.stdout;
}

/** The working tree as a fresh clone holds it: tracked files and new ones not ignored, read from disk. */
function copyWorkingTree(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && !f.startsWith('node_modules'));
  for (const f of files) {
    const from = path.join(ROOT, f);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    fs.copyFileSync(from, path.join(to, f));
  }
  // the devDependencies the build needs (typescript), as `npm ci` would have installed them
  fs.symlinkSync(NODE_MODULES, path.join(to, 'node_modules'), 'dir');
}

/** Runtime dependencies and theirs, from package.json files in node_modules. */
function runtimeClosure(): string[] {
  const seen = new Set<string>();
  const queue = Object.keys(rootPkg.dependencies);
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const pkg = JSON.parse(fs.readFileSync(path.join(NODE_MODULES, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    queue.push(...Object.keys(pkg.dependencies ?? {}));
  }
  return [...seen].sort();
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-gate-pack-'));
  const clone = path.join(work, 'clone');
  const tarballs = path.join(work, 'tarballs');
  project = path.join(work, 'consumer');
  fs.mkdirSync(tarballs);
  fs.mkdirSync(project);
  timed('copy', () => copyWorkingTree(clone));
  const packed = timed('npm pack', () =>
    JSON.parse(ok(sh(NPM, ['pack', '--json', '--pack-destination', tarballs], clone), 'npm pack')) as Array<{
      filename: string;
      size: number;
      files: Array<{ path: string }>;
    }>,
  );
  tarball = path.join(tarballs, packed[0]!.filename);
  tarFiles = packed[0]!.files.map((f) => f.path).sort();
  tarBytes = packed[0]!.size;
  const deps = timed('pack deps', () =>
    runtimeClosure().map((name) => {
      const out = ok(sh(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs, path.join(NODE_MODULES, name)], work), `npm pack ${name}`);
      return path.join(tarballs, (JSON.parse(out) as Array<{ filename: string }>)[0]!.filename);
    }),
  );
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  timed('npm install', () =>
    ok(sh(NPM, ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball, ...deps], project), 'npm install'),
  );
  process.stdout.write(
    `package: ${tarFiles.length} files, ${tarBytes} bytes packed; ms: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  );
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function installed(...p: string[]): string {
  return path.join(project, 'node_modules', ...p);
}

function run(file: string, args: string[] = []): SpawnSyncReturns<string> {
  return sh(process.execPath, [file, ...args], project, { NODE_PATH: '' });
}

describe('the tarball', () => {
  it('holds what a user runs and reads: compiled JS, declarations, the bin, docs, the demo samples; at most 300 files', () => {
    // over 300: look at what grew (npm pack --dry-run); the demo's samples are a subset on purpose (package.json "files").
    // 231 before issue 20, whose one-concern-per-file splits and checked api/ layer add a .js and a .d.ts per new module
    expect(tarFiles.length).toBeLessThanOrEqual(300);
    expect(tarFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'docs/collect.md', 'samples/fleet/machines/pc-w10-21h2-kaikei/systeminfo.csv', 'samples/collect/PC-OSAKA-03/COMPUTERNAME', 'bin/acs-gate.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/testing/index.js', 'dist/src/testing/index.d.ts', 'dist/src/cli/main.js', 'dist/src/endpoint/data/windows-acs-minimums.json', 'docs/api.md', 'samples/fleet/fleet.jsonl', 'samples/installers/AutoPcc.exe', 'samples/real/Knapcode.MiniZip-0.21.1-net451.dll', 'certs/microsoft-identity-verification-root-ca-2020.cer', 'collect/acs-collect.cmd']));
    const stray = tarFiles.filter(
      (f) => /\.map$|\.tsbuildinfo$/.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)) || /^(tests|bench|scripts|\.ci|seed|src|dist\/(tests|bench|scripts))\//.test(f) || /^tsconfig|^jest\.config/.test(f),
    );
    expect(stray).toEqual([]);
    // every compiled module of src/ is there (nothing a require() could miss)
    const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && fs.existsSync(path.join(ROOT, f)));
    const missing = sources.map((f) => `dist/${f.replace(/\.ts$/, '.js')}`).filter((f) => !tarFiles.includes(f));
    expect(missing).toEqual([]);
  });

  it('declarations compile under TypeScript 5.6 too: no Buffer / typed array generics (TypeScript 5.7+ only)', () => {
    const generic = /\b(Buffer|ArrayBufferView|DataView|(?:Ui|I)nt(?:8|16|32)Array|Uint8ClampedArray|Float(?:16|32|64)Array|Big(?:Ui|I)nt64Array)</;
    const offending = tarFiles
      .filter((f) => f.endsWith('.d.ts'))
      .filter((f) => generic.test(fs.readFileSync(installed('acs-gatekeeper', f), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('has a LICENSE naming the copyright holder, as package.json says (MIT)', () => {
    const license = fs.readFileSync(installed('acs-gatekeeper', 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License/);
    expect(license).toMatch(/Copyright \(c\) \d{4} acs-gatekeeper contributors/);
    expect((JSON.parse(fs.readFileSync(installed('acs-gatekeeper', 'package.json'), 'utf8')) as { license: string }).license).toBe('MIT');
  });

  it('links only to what it ships: every relative link of every shipped Markdown file resolves in the tarball', () => {
    const dangling: string[] = [];
    for (const f of tarFiles.filter((x) => x.endsWith('.md'))) {
      const text = fs.readFileSync(installed('acs-gatekeeper', f), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)|href="([^"]+)"/g)) {
        const target = (m[1] ?? m[2])!.split('#')[0]!;
        if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // an anchor in the same file, or https:, mailto:
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(f), decodeURI(target))).replace(/\/$/, '');
        const shipped = tarFiles.includes(resolved) || tarFiles.some((x) => x.startsWith(`${resolved}/`));
        if (!shipped) dangling.push(`${f}: ${m[0]}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('installs with runtime dependencies only: no devDependency is in the consumer', () => {
    const present = fs.readdirSync(installed()).filter((d) => !d.startsWith('.'));
    expect(present.sort()).toEqual([...new Set([rootPkg.name, ...runtimeClosure()])].sort());
    for (const dev of Object.keys(rootPkg.devDependencies)) expect(fs.existsSync(installed(dev))).toBe(false);
    expect(fs.existsSync(installed('acs-gatekeeper', 'src'))).toBe(false);
    expect(fs.existsSync(installed('acs-gatekeeper', 'tsconfig.json'))).toBe(false);
  });

  it('dependencies are what src/ imports at run time', () => {
    const imported = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) {
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s(?![^'"\n]*\btype\b\s*\{)[^'"]*?from\s+'([^'.][^']*)'|require\('([^'.][^']*)'\)/g)) {
            const spec = (m[1] ?? m[2])!;
            if (spec.startsWith('node:') || spec === 'acs-gatekeeper') continue;
            imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
          }
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    for (const name of imported) expect(Object.keys(rootPkg.dependencies)).toContain(name);
    for (const name of Object.keys(rootPkg.dependencies)) expect([...imported]).toContain(name);
    for (const testOnly of ['cfb', 'node-forge']) expect(Object.keys(rootPkg.devDependencies)).toContain(testOnly);
  });
});

describe('the installed CLI', () => {
  it('`npx acs-gate verify` verifies the real ACS-signed DLL as valid (exit 0), with the compiled CLI', () => {
    const r = sh(NPM, ['exec', '--no', '--', 'acs-gate', 'verify', REAL_DLL, '--at', '2024-04-11T00:00:00Z'], project);
    expect(r.stderr).not.toMatch(/ts-node|Cannot find module/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Successfully verified');
    expect(r.stdout).toContain('Azure Code Signing (ACS): yes');
    // the version resource, read by src/authenticode/formats/pe-version.ts from the compiled CommonJS build
    expect(r.stdout).toContain('Company:        Joel Verhagen');
    expect(r.stdout).toContain('Product:        Knapcode.MiniZip');
    const j = sh(NPM, ['exec', '--no', '--', 'acs-gate', 'verify', REAL_DLL, '--json'], project);
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({
      verdict: 'valid',
      acs: true,
      format: 'pe',
      versionInfo: { ProductName: 'Knapcode.MiniZip', CompanyName: 'Joel Verhagen' },
    });
  });

  it('verifies many files through the worker pool of the installed package (no ts-node)', () => {
    const dir = path.join(work, 'many');
    fs.mkdirSync(dir);
    const files = Array.from({ length: 20 }, (_, i) => path.join(dir, `copy-${i}.dll`));
    for (const f of files) fs.copyFileSync(REAL_DLL, f);
    const r = run(installed('.bin', 'acs-gate'), ['verify', ...files, '--json', '--at', '2024-04-11T00:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; acs: boolean });
    expect(results).toHaveLength(20);
    expect(results.every((x) => x.verdict === 'valid' && x.acs)).toBe(true);
  });

  it('runs the demo on the samples shipped in the package (the sample fleet as JSON Lines, the installers, the real DLL)', () => {
    const out = path.join(work, 'demo');
    const r = run(installed('.bin', 'acs-gate'), ['demo', '--out', out, '--lang', 'en', '--at', '2026-01-15T00:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(out, 'report.html'))).toBe(true);
  });
});

describe('every example runs from the installed package as printed', () => {
  /** The installed acs-gate on PATH, as `npm exec` or a global install would put it. */
  const env = (): NodeJS.ProcessEnv => ({ PATH: `${installed('.bin')}${path.delimiter}${process.env.PATH ?? ''}`, LANG: 'C', TZ: 'Asia/Tokyo', NODE_PATH: '' });
  const helpOf = (args: string[]): string => ok(sh(process.execPath, [installed('.bin', 'acs-gate'), ...args], project), `acs-gate ${args.join(' ')}`);

  it('every example of every --help of the installed CLI (in the package folder, where the samples are)', () => {
    const main = helpOf(['--help']);
    const commands = [...main.matchAll(/^  ([a-z]+) {2,}\S/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['verify', 'readiness', 'simulate', 'fleet', 'demo', 'collect']));
    const lines = [...exampleLines(main), ...commands.flatMap((c) => exampleLines(helpOf(['help', c])))];
    expect(lines.length).toBeGreaterThanOrEqual(15);
    const results = lines.map((line) => {
      const r = sh('sh', ['-c', line], installed('acs-gatekeeper'), env());
      return { line, code: r.status, trace: /\n\s+at \S+ \(/.test(r.stderr), output: r.stdout.length > 0, stderr: r.status === 2 ? r.stderr : '' };
    });
    // 2 is a usage or input error; 0, 1, 3, 4 are answers
    expect(results.filter((r) => r.code === null || r.code === 2 || r.trace || !r.output)).toEqual([]);
  }, 600_000);

  it('`demo --help` describes the installed demo: the sample machines it names ship', () => {
    const help = helpOf(['demo', '--help']);
    expect(help).toContain('samples/fleet/');
    expect(fs.readdirSync(installed('acs-gatekeeper', 'samples', 'fleet', 'machines')).length).toBeGreaterThanOrEqual(8);
    expect(helpOf(['help', 'demo'])).toBe(help);
  });

  it("every CLI line of the README's shell blocks (acs-gate in the package folder, npx acs-gate in the project)", () => {
    const readme = fs.readFileSync(installed('acs-gatekeeper', 'README.md'), 'utf8');
    const lines = readmeCommandLines(readme);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const results = lines.map((line) => {
      const r = line.startsWith('npx ') ? sh('sh', ['-c', line], project, { ...env(), npm_config_offline: 'true' }) : sh('sh', ['-c', line], installed('acs-gatekeeper'), env());
      return { line, code: r.status, trace: /\n\s+at \S+ \(/.test(r.stderr), stderr: r.status === 2 ? r.stderr : '' };
    });
    expect(results.filter((r) => r.code === null || r.code === 2 || r.trace)).toEqual([]);
  }, 600_000);

  it("the README's library example runs as an ES module in the package folder (exit 0)", () => {
    const readme = fs.readFileSync(installed('acs-gatekeeper', 'README.md'), 'utf8');
    const m = /<!-- library-example[^>]*-->\n```ts\n([\s\S]*?)\n```/.exec(readme);
    expect(m).not.toBeNull();
    const file = installed('acs-gatekeeper', 'readme-example.mjs');
    fs.writeFileSync(file, m![1]!);
    try {
      const r = sh(process.execPath, [file], installed('acs-gatekeeper'), { NODE_PATH: '' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^(valid|invalid|unsigned|malformed) (true|false)\n/);
      expect(fs.existsSync(installed('acs-gatekeeper', 'acs-report', 'report.html'))).toBe(true);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 180_000);
});

describe('consumers of the installed package', () => {
  it('CommonJS: require() the library and acs-gatekeeper/testing; a bad profile is a ProfileError naming the field', () => {
    const file = path.join(project, 'consumer.cjs');
    fs.writeFileSync(
      file,
      `const lib = require('acs-gatekeeper');
const testing = require('acs-gatekeeper/testing');
const { version } = require('acs-gatekeeper/package.json');
(async () => {
  const v = await lib.verifyFile(${JSON.stringify(REAL_DLL)}, { at: new Date('2024-04-11') });
  const r = lib.assessReadiness({ name: 'PC01', os: { version: '10.0.19044', ubr: 1288 }, rootStore: [], rootAutoUpdate: false });
  let bad;
  try { lib.assessReadiness({ name: 'PC02', os: { version: '10.0.19044', ubr: '1288' } }); } catch (e) { bad = e; }
  const run = await testing.simulateOn(testing.windows10('21H2').ubr(1288).withoutAcsRoot(), 'packager-exe');
  console.log(JSON.stringify({
    version, verdict: v.verdict, acs: v.acs, ready: r.ready,
    bad: { name: bad.name, field: bad.field, isProfileError: lib.isProfileError(bad), typeError: bad instanceof TypeError },
    popups: run.popups.map((p) => p.id), scenarios: testing.SEED_SCENARIOS.length,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    const r = run(file);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      version: rootPkg.version,
      verdict: 'valid',
      acs: true,
      ready: false,
      bad: { name: 'ProfileError', field: 'os.ubr', isProfileError: true, typeError: false },
      popups: ['M-BADIMAGE', 'M-NOACS'],
      scenarios: expect.any(Number),
    });
  });

  it('ESM: named imports of every export work (Node sees the CommonJS exports statically)', () => {
    const file = path.join(project, 'consumer.mjs');
    fs.writeFileSync(
      file,
      `import { createRequire } from 'node:module';
import * as lib from 'acs-gatekeeper';
import * as testing from 'acs-gatekeeper/testing';
import { verifyFile, simulate, assessReadiness, INSTALL_PATH_IDS } from 'acs-gatekeeper';
import { windows10, installAcsMatchers } from 'acs-gatekeeper/testing';
const require = createRequire(import.meta.url);
const missing = (ns, cjs) => Object.keys(cjs).filter((k) => k !== '__esModule' && !(k in ns));
const readiness = assessReadiness(windows10('21H2').ubr(1288).withoutAcsRoot().build());
const run = await simulate('msi', { machine: windows10('21H2').build(), readiness, artifact: { kind: 'declared', build: 12011 }, at: new Date('2026-01-15') });
const v = await verifyFile(${JSON.stringify(REAL_DLL)}, { at: new Date('2024-04-11') });
console.log(JSON.stringify({
  missingLib: missing(lib, require('acs-gatekeeper')),
  missingTesting: missing(testing, require('acs-gatekeeper/testing')),
  paths: INSTALL_PATH_IDS.length, decision: run.decision, verdict: v.verdict, matchers: typeof installAcsMatchers,
}));
`,
    );
    const r = run(file);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ missingLib: [], missingTesting: [], paths: expect.any(Number), decision: 'blocked', verdict: 'valid', matchers: 'function' });
  });

  describe('TypeScript (strict, skipLibCheck false)', () => {
    const TSC = path.join(NODE_MODULES, 'typescript', 'bin', 'tsc');
    const consumerTs = `import {
  assessReadiness, simulate, verifyFile, isProfileError, ProfileError,
  type MachineProfileInput, type VerifyOptions, type ReadinessOptions, type SimulateOptions, type FleetOptions,
  type PathRun, type Readiness, type VerificationResult,
} from 'acs-gatekeeper';
import { windows10, server2012R2, simulateOn, SEED_SCENARIOS, type SeedScenario } from 'acs-gatekeeper/testing';

// a hand-built profile: only the facts, no internal fields (role, os defaults)
const pc: MachineProfileInput = { name: 'PC01', os: { version: '10.0.19044', ubr: 1288 }, hotfixes: ['KB5011487'] };
const bare: MachineProfileInput = { name: 'PC02' };
const readinessOptions: ReadinessOptions = { lang: 'ja' };
const r: Readiness = assessReadiness(pc, readinessOptions);
const r2: Readiness = assessReadiness(bare);
// a wrong fact type is a compile error (tsc fails on an unused @ts-expect-error)
// @ts-expect-error ubr is a number
assessReadiness({ name: 'PC03', os: { ubr: '1288' } });
const verifyOptions: VerifyOptions = { at: new Date('2024-04-11') };
const simulateOptions: SimulateOptions = {};
const fleetOptions: FleetOptions = { inventory: ['fleet.jsonl'], outDir: 'out', at: new Date(), lang: 'en' };
export async function main(): Promise<[VerificationResult, PathRun, PathRun, string]> {
  const v = await verifyFile('AutoPcc.exe', verifyOptions);
  const run = await simulate('msi', { machine: server2012R2().build(), readiness: r, artifact: { kind: 'declared', build: 12011 }, at: new Date() }, simulateOptions);
  const run2 = await simulateOn(windows10('21H2').ubr(1288).withoutAcsRoot(), 'packager-exe');
  const first: SeedScenario | undefined = SEED_SCENARIOS[0];
  let field = '';
  try { assessReadiness({ name: 'x', os: { ubr: 1 } }); } catch (e) { if (isProfileError(e)) field = e.field; else if (e instanceof ProfileError) field = e.field; }
  return [v, run, run2, \`\${r2.ready} \${first?.id} \${field} \${fleetOptions.outDir}\`];
}
`;
    function compile(name: string, options: Record<string, unknown>, files: Record<string, string>): SpawnSyncReturns<string> {
      const dir = path.join(project, name);
      fs.mkdirSync(dir, { recursive: true });
      for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
      const tsconfig = {
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2022'],
          // @types/node from this checkout, as a consumer's devDependency would provide it
          typeRoots: [path.join(NODE_MODULES, '@types')],
          types: ['node'],
          ...options,
        },
        files: Object.keys(files),
      };
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
      return sh(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json')], dir);
    }

    it('module node16: a CommonJS .ts file and an ESM .mts file compile; a malformed hand-built profile does not', () => {
      const r = compile('ts-node16', { module: 'node16', moduleResolution: 'node16' }, { 'consumer.ts': consumerTs, 'consumer.mts': consumerTs });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    }, 180_000);

    /**
     * The README's library example compiled as a consumer compiles it: @types/node in the project's node_modules
     * (copied from this checkout, as a devDependency puts it there), NO "types" or "typeRoots" setting, with the
     * oldest TypeScript the README promises (5.6) and the newest published, each installed from the npm registry.
     */
    it.each([
      ['5.6', 'typescript@~5.6.0'],
      ['the newest', 'typescript@latest'],
    ])("TypeScript %s compiles the README's library example (nodenext, node16, bundler) without a types setting", (_label, spec) => {
      const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const example = /<!-- library-example[^>]*-->\n```ts\n([\s\S]*?)\n```/.exec(readme)![1]! + '\nexport {};\n';
      for (const dep of ['@types/node', 'undici-types']) {
        if (!fs.existsSync(installed(dep))) fs.cpSync(path.join(NODE_MODULES, dep), installed(dep), { recursive: true });
      }
      const tools = path.join(work, `ts-${spec.replace(/\W+/g, '-')}`);
      fs.mkdirSync(tools, { recursive: true });
      fs.writeFileSync(path.join(tools, 'package.json'), JSON.stringify({ name: 'ts-tools', version: '1.0.0', private: true }));
      ok(sh(NPM, ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', spec], tools), `npm install ${spec}`);
      const tsc = path.join(tools, 'node_modules', 'typescript', 'bin', 'tsc');
      const version = (JSON.parse(fs.readFileSync(path.join(tools, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string }).version;
      const failures: string[] = [];
      for (const [name, options, file] of [
        ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }, 'readme.mts'],
        ['node16', { module: 'node16', moduleResolution: 'node16' }, 'readme.mts'],
        ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, 'readme.ts'],
      ] as const) {
        const dir = path.join(project, `readme-ts-${version}-${name}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, file), example);
        fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', lib: ['ES2022'], ...options }, files: [file] }));
        const r = sh(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], dir);
        if (r.status !== 0 || r.stdout + r.stderr !== '') failures.push(`TypeScript ${version}, ${name}: exit ${r.status}\n${r.stdout}${r.stderr}`);
      }
      expect(failures).toEqual([]);
    }, 400_000);

    it('module esnext with moduleResolution bundler compiles', () => {
      const r = compile('ts-bundler', { module: 'esnext', moduleResolution: 'bundler' }, { 'consumer.ts': consumerTs });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    }, 180_000);
  });

  it('jest: the README testing example runs against the installed acs-gatekeeper/testing (with ts-jest, type-checked)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const m = /<!-- testing-example[^>]*-->\n```ts\n([\s\S]*?)\n```/.exec(readme);
    expect(m).not.toBeNull();
    const dir = path.join(project, 'jest-consumer');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'acs.test.ts'), m![1]!);
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, skipLibCheck: false, module: 'commonjs', moduleResolution: 'node10', target: 'ES2022', lib: ['ES2022'], typeRoots: [path.join(NODE_MODULES, '@types')], types: ['node', 'jest'], ignoreDeprecations: '6.0' },
      }),
    );
    const config = {
      rootDir: dir,
      testEnvironment: 'node',
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': [path.join(NODE_MODULES, 'ts-jest'), { tsconfig: path.join(dir, 'tsconfig.json'), diagnostics: { warnOnly: false } }] },
      cacheDirectory: path.join(work, 'jest-cache'),
    };
    const r = sh(process.execPath, [path.join(NODE_MODULES, 'jest', 'bin', 'jest.js'), '--config', JSON.stringify(config), '--ci', '--colors=false', '--json'], dir);
    const report = JSON.parse(r.stdout) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; testResults: Array<{ message: string }> };
    expect(report.testResults.map((t) => t.message).join('\n')).toBe('');
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBeGreaterThanOrEqual(3 + 9);
    expect(r.status).toBe(0);
  }, 180_000);
});
