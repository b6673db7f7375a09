/**
 * Every export of `acs-gatekeeper` and `acs-gatekeeper/testing` called the wrong way, as plain JavaScript would:
 * options missing, a string where an array of paths goes, numbers, null, unknown ids. Each call is one typed
 * InputError naming the argument (as the caller wrote it) and what it must be, before anything is done; never a
 * bare TypeError, never a decision. A new exported function must be added to the table below (the last test fails
 * until it is).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lib from '../../src/index';
import * as testing from '../../src/testing/index';
import { InputError, isInputError } from '../../src/index';

const ROOT = path.join(__dirname, '..', '..');
const EXE = path.join(ROOT, 'samples', 'installers', 'AutoPcc.exe');
const AT = new Date('2026-01-15T00:00:00Z');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test calls every export with wrong argument types on purpose
type Any = any;
const L = lib as Any;
const T = testing as Any;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-gate-doors-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The error a call throws or rejects with (a generator is started: its door is at its first step). */
async function failure(call: () => unknown): Promise<unknown> {
  try {
    const r = call();
    if (r && typeof (r as AsyncGenerator).next === 'function' && typeof (r as AsyncGenerator)[Symbol.asyncIterator] === 'function') await (r as AsyncGenerator).next();
    else await r;
  } catch (e) {
    return e;
  }
  return undefined;
}

const pc = { name: 'PC01', os: { version: '10.0.19044', ubr: 1288 } };
const good = {
  simulateInput: { machine: pc, artifact: { kind: 'declared', build: 12011 }, at: AT },
  fleet: () => ({ inventory: [path.join(ROOT, 'samples', 'fleet', 'fleet.jsonl')], outDir: path.join(tmp, 'fleet'), at: AT }),
  memory: () => lib.emptyMemory(),
  record: () => lib.createEventRecord({ messageId: 'E-900', lang: 'en', path: 'C:\\AutoPcc.exe', time: AT, computer: 'PC01', recordId: 1 }),
};

/** [export, call, the argument named, (optional) a word of what was expected] */
type Case = [name: string, call: () => unknown, argument: string | RegExp, expected?: RegExp];

const LIB_CASES: Case[] = [
  ['verifyFile', () => L.verifyFile(), 'path'],
  ['verifyFile', () => L.verifyFile(42), 'path', /file path/],
  ['verifyFile', () => L.verifyFile(EXE, null), 'options'],
  ['verifyFile', () => L.verifyFile(EXE, { trust: '-----BEGIN CERTIFICATE-----' }), 'options.trust', /array of certificates/],
  ['verifyFile', () => L.verifyFile(EXE, { at: 'yesterday' }), 'options.at', /Date/],
  ['verifyFile', () => L.verifyFile(EXE, { catalogs: 'x.cat' }), 'options.catalogs', /array of file paths/],
  ['verifyFiles', () => L.verifyFiles(EXE), 'paths', /array of file paths/],
  ['verifyFiles', () => L.verifyFiles([EXE, 7]), 'paths[1]'],
  ['verifyFiles', () => L.verifyFiles([EXE], {}, { workers: -1 }), 'pool.workers'],
  ['isIoError', () => L.isIoError(null), 'result'],
  ['pemCertificates', () => L.pemCertificates(3), 'text'],
  ['toX509', () => L.toX509(null), 'input', /certificate/],
  ['toX509', () => L.toX509(12), 'input'],
  ['assessReadiness', () => L.assessReadiness(), 'input', /machine profile/],
  ['assessReadiness', () => L.assessReadiness('PC01'), 'input'],
  ['assessReadiness', () => L.assessReadiness(pc, { lang: 'fr' }), 'options.lang', /'ja', 'en'/],
  ['assessReadiness', () => L.assessReadiness(pc, { acceptKbs: 'KB1' }), 'options.acceptKbs'],
  ['machineTrustAnchors', () => L.machineTrustAnchors(pc, null, []), 'readiness'],
  ['machineTrustAnchors', () => L.machineTrustAnchors(pc, lib.assessReadiness(pc), 'x'), 'known'],
  ['loadInventory', () => L.loadInventory('x.jsonl'), 'inputs', /array of file paths/],
  ['loadInventory', () => L.loadInventory(), 'inputs'],
  ['loadInventory', () => L.loadInventory(['x.jsonl'], { columns: 5 }), 'options.columns'],
  ['simulate', () => L.simulate('bogus', good.simulateInput), 'path', /install path id/],
  ['simulate', () => L.simulate('msi'), 'input'],
  ['simulate', () => L.simulate('msi', { ...good.simulateInput, artifact: undefined }), 'input.artifact'],
  ['simulate', () => L.simulate('msi', { ...good.simulateInput, artifact: { kind: 'bogus' } }), 'input.artifact.kind'],
  ['simulate', () => L.simulate('msi', { ...good.simulateInput, artifact: { kind: 'file' } }), 'input.artifact.path'],
  ['simulate', () => L.simulate('msi', { ...good.simulateInput, lang: 'fr' }), 'input.lang', /'ja', 'en'/],
  ['simulate', () => L.simulate('msi', { ...good.simulateInput, at: undefined }), 'input.at', /Date/],
  ['simulate', () => L.simulate('msi', { ...good.simulateInput, at: new Date('nope') }), 'input.at', /valid Date/],
  ['simulate', () => L.simulate('msi', { ...good.simulateInput, machine: null }), 'input.machine'],
  ['simulate', () => L.simulate('msi', good.simulateInput, { verifier: 1 }), 'options.verifier'],
  ['simulate', () => L.simulate('msi', { ...good.simulateInput, artifact: { kind: 'file', path: path.join(ROOT, 'missing.msi') } }), 'input.artifact.path', /readable file/],
  ['acsCheckActor', () => L.acsCheckActor(), 'fn', /function/],
  ['renderMessage', () => L.renderMessage('M-NOACS', 'fr'), 'lang', /'ja', 'en'/],
  ['renderMessage', () => L.renderMessage('X', 'en'), 'id', /message id/],
  ['renderMessage', () => L.renderMessage('E-900', 'en', { path: 3 }), 'params.path'],
  ['fleetReport', () => L.fleetReport(), 'options'],
  ['fleetReport', () => L.fleetReport({}), 'options.inventory', /array of file paths/],
  ['fleetReport', () => L.fleetReport({ ...good.fleet(), inventory: 'fleet.jsonl' }), 'options.inventory', /array of file paths/],
  ['fleetReport', () => L.fleetReport({ ...good.fleet(), at: undefined }), 'options.at', /Date/],
  ['fleetReport', () => L.fleetReport({ ...good.fleet(), paths: ['bogus'] }), 'options.paths[0]', /install path id/],
  ['fleetReport', () => L.fleetReport({ ...good.fleet(), files: [path.join(tmp, 'missing.exe')] }), 'options.files[0]', /readable file/],
  ['fleetReport', () => L.fleetReport({ ...good.fleet(), lang: 'fr' }), 'options.lang'],
  ['fleetReport', () => L.fleetReport(good.fleet(), { verifier: {} }), /^deps\./],
  ['runFleetReport', () => L.runFleetReport(good.fleet()), 'deps'],
  ['runFleetReport', () => L.runFleetReport({ ...good.fleet(), files: EXE }, lib.defaultFleetDeps), 'opts.files'],
  ['chooseRuns', () => L.chooseRuns('a', 'b'), 'files', /array of file paths/],
  ['chooseRuns', () => L.chooseRuns([], ['bogus']), 'paths[0]'],
  ['FleetAggregator', () => new L.FleetAggregator(), 'meta'],
  ['FleetAggregator', () => new L.FleetAggregator({ generatedAt: AT.toISOString(), lang: 'fr', inputs: [], files: [], paths: [] }), 'meta.lang'],
  ['renderHtml', () => L.renderHtml(null), 's'],
  ['collect', () => L.collect(), 'o'],
  ['collect', () => L.collect({ outDir: tmp, computerName: 'PC01', runner: lib.nodeRunner, tempDir: tmp, now: AT, collector: 'x' }), 'o.now', /clock/],
  ['nodeRunner', () => L.nodeRunner('cmd.exe', '/c dir'), 'args'],
  ['nodeRunner', () => L.nodeRunner('cmd.exe', [], null), 'opts'],
  ['systemToolRunner', () => L.systemToolRunner(), 'env'],
  ['systemToolRunner', () => L.systemToolRunner({}, 64), 'arch'],
  ['replayRunner', () => L.replayRunner(), 'dir'],
  ['replayRunner', () => L.replayRunner(['dir']), 'dir'],
  ['changedMachines', () => L.changedMachines(null, good.memory()), 'before'],
  ['createEventRecord', () => L.createEventRecord({}), 'input.messageId'],
  ['createEventRecord', () => L.createEventRecord({ messageId: 'E-900', lang: 'en', time: AT, computer: 'PC01', recordId: '1' }), 'input.recordId'],
  ['createEventRecord', () => L.createEventRecord({ messageId: 'E-900', lang: 'en', time: AT, computer: 'PC01', recordId: 1 }), 'input.path'],
  ['renderMessage', () => L.renderMessage('E-900', 'en'), 'params.path'],
  ['escapeXml', () => L.escapeXml(5), 's'],
  ['forgetLoggedOnce', () => L.forgetLoggedOnce(good.memory(), 5, 'k'), 'computer'],
  ['mergeMemory', () => L.mergeMemory(good.memory(), good.memory(), 'PC01'), 'machines'],
  ['parseMemory', () => L.parseMemory(null), 'json'],
  ['rememberLoggedOnce', () => L.rememberLoggedOnce(good.memory(), 'PC01', 'k', {}), 'entry.time'],
  ['serializeMemory', () => L.serializeMemory(), 'mem'],
  ['systemTime', () => L.systemTime(AT), 'iso'],
  ['takeRecordId', () => L.takeRecordId(good.memory()), 'computer'],
  ['toEventJson', () => L.toEventJson('x'), 'r'],
  ['toEventsXml', () => L.toEventsXml(good.record()), 'records'],
  ['toEventViewerText', () => L.toEventViewerText(undefined), 'r'],
  ['toEventXml', () => L.toEventXml(null), 'r'],
  ['wasLoggedOnce', () => L.wasLoggedOnce(good.memory(), 'PC01'), 'key'],
];

const TESTING_CASES: Case[] = [
  ['ProfileBuilder', () => new T.ProfileBuilder(null), 'facts'],
  ['ProfileBuilder', () => T.windows10('21H2').ubr('1288'), 'ubr'],
  ['ProfileBuilder', () => T.windows10('21H2').withUpdates(['KB5011487']), 'kbs[0]'],
  ['ProfileBuilder', () => T.windows10('21H2').named(null), 'name'],
  ['ProfileBuilder', () => T.windows10('21H2').online('yes'), 'reachable'],
  ['ProfileBuilder', () => T.windows10('21H2').readiness({ lang: 'fr' }), 'options.lang'],
  ['profileOf', () => T.profileOf('PC01'), 'machine'],
  ['machine', () => T.machine(), 'facts'],
  ['windows10', () => T.windows10(21), 'release'],
  ['windows11', () => T.windows11(null), 'release'],
  ['simulateOn', () => T.simulateOn(null, 'msi'), 'machine'],
  ['simulateOn', () => T.simulateOn(T.windows10('21H2'), 'bogus'), 'path', /install path id/],
  ['simulateOn', () => T.simulateOn(T.windows10('21H2'), 'msi', { lang: 'fr' }), 'input.lang'],
  ['simulateOn', () => T.simulateOn(T.windows10('21H2'), 'msi', {}, null), 'options'],
  ['installAcsMatchers', () => T.installAcsMatchers(), 'expect'],
  ['runScenario', () => T.runScenario('A1'), 'scenario'],
  ['runScenario', () => T.runScenario({ ...T.SEED_SCENARIOS[0], path: 'bogus' }), 'scenario.path'],
];

/** Exports that take no argument, accept anything (type guards), or are not functions one calls (classes of errors, xstate machines). */
const NOT_CHECKED = new Set([
  // no arguments
  'bundledAcsRoot',
  'bundledMicrosoftCertificates',
  'emptyMemory',
  'windows7',
  'windows81',
  'windowsXP',
  'server2008R2',
  'server2012',
  'server2012R2',
  'server2016',
  'server2019',
  'server2022',
  // type guards: any value is a fine question
  'isVerifyError',
  'isProfileError',
  'isInputError',
  // parseProfile's whole job is judging its argument: ProfileError naming the field (below)
  'parseProfile',
  // error classes
  'VerifyError',
  'NoMachineError',
  'ProfileError',
  'InputError',
  'ExportFormatError',
  'CollectError',
]);

function check(entry: string, cases: Case[]): void {
  describe(entry, () => {
    it.each(cases.map((c, i) => [`${c[0]} #${i}: ${typeof c[2] === 'string' ? c[2] : String(c[2])}`, c] as const))('%s', async (_title, [name, call, argument, expected]) => {
      const e = await failure(call);
      expect(e).toBeInstanceOf(InputError);
      expect(isInputError(e)).toBe(true);
      expect(e).not.toBeInstanceOf(TypeError);
      const err = e as InputError;
      expect(err.argument).toEqual(typeof argument === 'string' ? argument : expect.stringMatching(argument));
      expect(err.expected).toEqual(expect.any(String));
      if (expected) expect(err.expected).toMatch(expected);
      expect(err.message).toContain(err.argument!);
      expect(err.functionName).toEqual(expect.stringContaining(name === 'ProfileBuilder' ? 'ProfileBuilder' : name));
    });
  });
}

check('acs-gatekeeper', LIB_CASES);
check('acs-gatekeeper/testing', TESTING_CASES);

describe('the table covers every exported function', () => {
  it.each([
    ['acs-gatekeeper', lib as Record<string, unknown>, LIB_CASES],
    ['acs-gatekeeper/testing', testing as Record<string, unknown>, TESTING_CASES],
  ] as const)('%s', (_entry, ns, cases) => {
    const functions = Object.keys(ns).filter((k) => typeof ns[k] === 'function' && !/Schema$/.test(k));
    const covered = new Set(cases.map((c) => c[0]));
    expect(functions.filter((f) => !covered.has(f) && !NOT_CHECKED.has(f))).toEqual([]);
  });
});

describe('what the doors let through still works', () => {
  it('a missing installer file is an error naming it, never a decision (simulate, fleetReport)', async () => {
    const missing = path.join(tmp, 'missing.msi');
    const e = (await failure(() => lib.simulate('msi', { ...(good.simulateInput as lib.SimulateInput), artifact: { kind: 'file', path: missing } }))) as InputError;
    expect(e.file).toBe(missing);
    expect(e.message).toContain(missing);
    const f = (await failure(() => lib.fleetReport({ ...good.fleet(), files: [missing] }))) as InputError;
    expect(f.file).toBe(missing);
    expect(fs.existsSync(path.join(tmp, 'fleet', 'report.json'))).toBe(false);
    // a directory is not an installer either
    const d = (await failure(() => lib.simulate('msi', { ...(good.simulateInput as lib.SimulateInput), artifact: { kind: 'file', path: tmp } }))) as InputError;
    expect(d.detail).toMatch(/directory/);
  });

  it('a custom verifier gets the artifact path as given (it decides what reading means)', async () => {
    const verifier = {
      verifyFile: async (file: string) => ({ ...(await lib.verifyFile(EXE, { at: AT })), file }),
      machineTrustAnchors: lib.machineTrustAnchors,
    };
    const run = await lib.simulate('autopcc', { ...(good.simulateInput as lib.SimulateInput), artifact: { kind: 'file', path: 'C:\\share\\AutoPcc.exe' } }, { verifier });
    expect(['allowed', 'blocked', 'unknown', 'unguarded']).toContain(run.decision);
  });

  it('profile content is still judged by parseProfile: ProfileError naming the field', async () => {
    const e = await failure(() => lib.assessReadiness({ name: 'x', os: { ubr: '1' } } as Any));
    expect(lib.isProfileError(e)).toBe(true);
    expect((e as lib.ProfileError).field).toBe('os.ubr');
  });

  it('good calls pass the doors', async () => {
    expect(lib.renderMessage('M-NOACS', 'en').id).toBe('M-NOACS');
    const run = await testing.simulateOn(testing.windows10('21H2').ubr(1288).withoutAcsRoot(), 'packager-exe');
    expect(run.popups.map((p) => p.id)).toEqual(['M-BADIMAGE', 'M-NOACS']);
    const r = await lib.verifyFile(EXE, { at: AT, trust: [], catalogs: [] });
    expect(r.file).toBe(EXE);
  });
});
