/**
 * The doors of the library: every public function (src/index.ts, src/testing/index.ts) checks its arguments
 * here, on its first line, before doing anything (the checked functions are in src/api/<layer>.ts; the layers
 * below call each other's inner functions without checking again), and a wrong one is one typed error, an `InputError` naming the
 * argument as the caller wrote it ("options.files[0]") and what it must be, never a bare TypeError from deep
 * inside. One zod schema per options type, exported beside the type (VerifyOptionsSchema, SimulateInputSchema…).
 *
 * Where a list of file paths is expected, a single string is refused (not taken as one path, not walked
 * letter by letter): wrap it in [ ]. Unknown install path ids, languages and message ids are refused here.
 *
 * The doors check the form of what is passed (types, ids, required fields); the content of a machine profile
 * is checked by parseProfile (ProfileError naming the field), that of a file by the verifier (a verdict).
 * This module sits at the top of the library (docs/architecture.md): it reads the types and id lists of every
 * layer, and no layer below imports it.
 */
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../endpoint/errors';
import { ProfileError } from '../endpoint/profile';
import { INSTALL_PATH_IDS } from '../installers/types';
import { LANGS, MESSAGE_IDS } from '../messages/catalog';
import type { VerifyOptions, CertificateInput, CrlInput } from '../authenticode/types';
import type { PoolOptions } from '../authenticode/pool/verify-pool';
import type { ReadinessOptions } from '../endpoint/types';
import type { TrustAnchorOptions } from '../endpoint/trust';
import type { LoadOptions } from '../endpoint/inventory';
import type { Artifact, InstallPath, Lang, SimulateInput, SimulateSettings, SimulateTrust } from '../installers/types';
import type { SimulateOptions } from '../installers/simulate';
import type { FleetDeps, FleetOptions } from '../report/fleet';
import type { CollectOptions } from '../collect/collect';
import type { EventRecordInput } from '../eventlog/records';
import type { MessageId, MessageParams } from '../messages/catalog';

// ---------------------------------------------------------------- building blocks

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A plain object whose content another check judges (a machine profile: parseProfile). */
const object = <T>(what: string) => z.custom<T>(isObject, { error: what });
/** What a machine profile argument must be; a wrong one is a ProfileError (an InputError) as parseProfile's are. */
const PROFILE = 'a machine profile (an object; see MachineProfileInput)';
const fn = <T>(what = 'a function') => z.custom<T>((v) => typeof v === 'function', { error: what });

const filePath = z.string({ error: 'a file path (a string)' }).min(1, { error: 'a file path (a non-empty string)' });
/** Paths: an array; a single string is refused (everywhere the library takes paths). */
const filePaths = z.array(filePath, { error: 'an array of file paths (for one path: [path])' });
const date = z.date({ error: 'a valid Date' });
// membership in the id lists, read at call time;
// a custom check costs a fraction of z.lazy(z.enum) on paths a fleet report calls per machine
const oneOf = <T extends string>(list: () => readonly string[], what: () => string) =>
  z.custom<T>((v) => typeof v === 'string' && list().includes(v), { error: () => what() });
const lang = oneOf<Lang>(() => LANGS, () => `one of ${LANGS.map((l) => `'${l}'`).join(', ')}`);
const installPath = oneOf<InstallPath>(() => INSTALL_PATH_IDS, () => `an install path id, one of ${INSTALL_PATH_IDS.join(', ')}`);
const messageId = oneOf<MessageId>(() => MESSAGE_IDS, () => `a message id, one of ${MESSAGE_IDS.join(', ')}`);
const x509 = z.instanceof(X509Certificate, { error: 'an X509Certificate (node:crypto)' });
const x509s = z.array(x509, { error: 'an array of X509Certificate' });
const certificateInput = z.custom<CertificateInput>((v) => typeof v === 'string' || v instanceof Uint8Array || v instanceof X509Certificate, {
  error: 'a certificate: PEM text, DER bytes (Uint8Array/Buffer) or an X509Certificate',
});
const crlInput = z.custom<CrlInput>((v) => typeof v === 'string' || v instanceof Uint8Array, { error: 'a CRL: PEM text or DER bytes (Uint8Array/Buffer)' });
const int = (what: string) => z.number({ error: what }).int({ error: what });
const count = (what: string) => int(what).nonnegative({ error: what });
const program = z.object({ build: int('an Apex One build number (integer)').optional(), maintenance: z.string({ error: "a maintenance month ('2023-03')" }).optional() }, { error: 'an object { build?, maintenance? }' });
const kbs = z.array(z.string({ error: 'a KB id (string)' }), { error: 'an array of KB ids' });

// ---------------------------------------------------------------- the options types' schemas

/** verifyFile / verifyFiles options (VerifyOptions). */
export const VerifyOptionsSchema: z.ZodType<VerifyOptions> = z.object(
  {
    trust: z.array(certificateInput, { error: 'an array of certificates (for one: [certificate])' }).optional(),
    acsRoots: z.array(certificateInput, { error: 'an array of certificates (for one: [certificate])' }).optional(),
    at: date.optional(),
    strict: z.boolean({ error: 'a boolean' }).optional(),
    crls: z.array(crlInput, { error: 'an array of CRLs (for one: [crl])' }).optional(),
    catalogs: filePaths.optional(),
  },
  { error: 'an options object (VerifyOptions)' },
);

/** verifyFiles' third argument (the worker pool). */
export const PoolOptionsSchema: z.ZodType<PoolOptions> = z.object(
  { workers: count('a number of worker threads (integer ≥ 0)').optional(), inFlight: int('a number of files per thread (integer ≥ 1)').positive({ error: 'a number of files per thread (integer ≥ 1)' }).optional(), workerEntry: filePath.optional() },
  { error: 'an options object (PoolOptions)' },
);

/** assessReadiness options (ReadinessOptions). */
export const ReadinessOptionsSchema: z.ZodType<ReadinessOptions> = z.object({ lang: lang.optional(), acceptKbs: kbs.optional() }, { error: 'an options object (ReadinessOptions)' });

/** machineTrustAnchors options (TrustAnchorOptions). */
export const TrustAnchorOptionsSchema: z.ZodType<TrustAnchorOptions> = z.object({ autoUpdateRoots: x509s.optional() }, { error: 'an options object (TrustAnchorOptions)' });

/** loadInventory options (LoadOptions). */
export const LoadOptionsSchema: z.ZodType<LoadOptions> = z.object(
  { columns: z.record(z.string(), z.string({ error: 'a column name (string)' }), { error: 'a map of field → column name' }).optional() },
  { error: 'an options object (LoadOptions)' },
) as z.ZodType<LoadOptions>;

/** SimulateInput['artifact']. */
export const ArtifactSchema: z.ZodType<Artifact> = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('file'), path: filePath, displayPath: z.string({ error: 'a string' }).optional(), build: int('an Apex One build number (integer)').optional(), maintenance: z.string({ error: 'a string' }).optional() }),
    z.object({ kind: z.literal('declared'), build: int('an Apex One build number (integer)').optional(), maintenance: z.string({ error: 'a string' }).optional(), acsSigned: z.boolean({ error: 'a boolean' }).optional(), path: z.string({ error: 'a string' }).optional() }),
  ],
  { error: "an artifact: { kind: 'file', path } or { kind: 'declared', build? | maintenance? }" },
) as z.ZodType<Artifact>;

/** SimulateInput['settings']. */
export const SimulateSettingsSchema: z.ZodType<SimulateSettings> = z.object(
  {
    silent: z.boolean({ error: 'a boolean' }).optional(),
    scope: z.enum(['all', 'patterns-engines-drivers', 'patterns'], { error: "one of 'all', 'patterns-engines-drivers', 'patterns'" }).optional(),
    patternUpdatesBlocked: z.boolean({ error: 'a boolean' }).optional(),
    engineSignedWithAcs: z.boolean({ error: 'a boolean' }).optional(),
  },
  { error: 'a settings object (SimulateSettings)' },
);

/** SimulateInput['trust']. */
export const SimulateTrustSchema: z.ZodType<SimulateTrust> = z.object({ known: x509s, acsRoots: x509s.optional(), crls: z.array(crlInput, { error: 'an array of CRLs' }).optional() }, { error: 'a trust object { known: X509Certificate[] }' });

const simulateInputShape = {
  machine: object<SimulateInput['machine']>(PROFILE),
  readiness: object<NonNullable<SimulateInput['readiness']>>('a Readiness (from assessReadiness)').optional(),
  artifact: ArtifactSchema,
  agent: program.optional(),
  settings: SimulateSettingsSchema.optional(),
  cycles: int('a number of cycles (integer ≥ 1)').positive({ error: 'a number of cycles (integer ≥ 1)' }).optional(),
  cycleIntervalMinutes: z.number({ error: 'a number of minutes' }).nonnegative({ error: 'a number of minutes ≥ 0' }).optional(),
  changes: z.array(z.object({ fromCycle: int('a cycle number (integer)'), readiness: object('a Readiness') }).loose(), { error: 'an array of machine changes' }).optional(),
  lang: lang.optional(),
  at: date,
  trust: SimulateTrustSchema.optional(),
  memory: object<NonNullable<SimulateInput['memory']>>('an EventLogMemory (emptyMemory(), parseMemory())').optional(),
};

/** simulate's input (SimulateInput). */
export const SimulateInputSchema: z.ZodType<SimulateInput> = z.object(simulateInputShape, { error: 'a simulation input object (SimulateInput)' }) as z.ZodType<SimulateInput>;

/** simulateOn's input (acs-gatekeeper/testing SimulateOnInput): SimulateInput without machine, every field optional. */
export const SimulateOnInputSchema = z.object(
  { ...simulateInputShape, machine: z.never({ error: 'not given here: the machine is the first argument' }).optional(), artifact: ArtifactSchema.optional(), at: date.optional() },
  { error: 'a simulation input object (SimulateOnInput)' },
);

/** simulate options (SimulateOptions). */
export const SimulateOptionsSchema: z.ZodType<SimulateOptions> = z.object(
  { verifier: z.object({ verifyFile: fn(), machineTrustAnchors: fn() }, { error: 'an AcsVerifier { verifyFile, machineTrustAnchors }' }).loose().optional() },
  { error: 'an options object (SimulateOptions)' },
) as z.ZodType<SimulateOptions>;

/** fleetReport / runFleetReport options (FleetOptions). */
export const FleetOptionsSchema: z.ZodType<FleetOptions> = z.object(
  {
    inventory: filePaths,
    files: filePaths.optional(),
    paths: z.array(installPath, { error: 'an array of install path ids' }).optional(),
    runs: z.array(z.object({ path: installPath, file: filePath.nullable(), displayPath: z.string({ error: 'a string' }).optional() }, { error: 'a run { path, file, displayPath? }' }), { error: 'an array of runs' }).optional(),
    outDir: z.string({ error: 'a directory path (a string)' }).min(1, { error: 'a directory path (a non-empty string)' }),
    inventoryOptions: LoadOptionsSchema.optional(),
    readinessOptions: z.object({ acceptKbs: kbs.optional() }, { error: 'an options object (ReadinessOptions without lang)' }).optional(),
    lang: lang.optional(),
    at: date,
    timeZone: z.string({ error: "an IANA time zone ('Asia/Tokyo')" }).optional(),
    assume: z.object({ online: z.boolean({ error: 'a boolean' }).optional(), rootAutoUpdate: z.boolean({ error: 'a boolean' }).optional() }, { error: 'an object { online?, rootAutoUpdate? }' }).optional(),
    declared: program.optional(),
    agent: program.optional(),
    settings: SimulateSettingsSchema.optional(),
    known: x509s.optional(),
    acsRoots: x509s.optional(),
    crls: z.array(crlInput, { error: 'an array of CRLs' }).optional(),
    onProgress: fn<(done: number) => void>().optional(),
    limits: z.record(z.string(), count('a limit (integer ≥ 0)'), { error: 'an object of limits' }).optional(),
    cacheSize: count('a number of cache entries (integer ≥ 0)').optional(),
  },
  { error: 'an options object (FleetOptions)' },
) as z.ZodType<FleetOptions>;

/** fleetReport's deps (FleetDeps). */
export const FleetDepsSchema: z.ZodType<FleetDeps> = z
  .object({ loadInventory: fn(), assessReadiness: fn(), simulate: fn(), verifier: z.object({ verifyFile: fn(), machineTrustAnchors: fn() }, { error: 'an AcsVerifier' }).loose() }, { error: 'a deps object (FleetDeps)' })
  .loose() as z.ZodType<FleetDeps>;

/** collect options (CollectOptions). */
export const CollectOptionsSchema: z.ZodType<CollectOptions> = z.object(
  {
    outDir: z.string({ error: 'a directory path (a string)' }).min(1, { error: 'a directory path (a non-empty string)' }),
    computerName: z.string({ error: 'a computer name (a string)' }),
    runner: fn<CollectOptions['runner']>('a CommandRunner (nodeRunner, systemToolRunner(), replayRunner())'),
    tempDir: z.string({ error: 'a directory path (a string)' }).min(1, { error: 'a directory path (a non-empty string)' }),
    now: fn<() => Date>('a clock: () => Date'),
    collector: z.string({ error: 'a string ("acs-gate 0.1.0")' }),
    timeoutScale: z.number({ error: 'a positive number' }).positive({ error: 'a positive number' }).optional(),
  },
  { error: 'an options object (CollectOptions)' },
);

/** createEventRecord's input (EventRecordInput). */
export const EventRecordInputSchema: z.ZodType<EventRecordInput> = z.object(
  {
    messageId: z.enum(['E-900', 'E-11708'], { error: "an event message id, 'E-900' or 'E-11708'" }),
    lang,
    path: z.string({ error: 'a string' }).optional(),
    time: date,
    computer: z.string({ error: "a computer name (a string)" }),
    recordId: count('a record id (integer ≥ 0)'),
  },
  { error: 'an input object (EventRecordInput)' },
).refine((i) => i.messageId !== 'E-900' || i.path !== undefined, { error: 'a file path (E-900 shows it)', path: ['path'] }) as z.ZodType<EventRecordInput>;

/** renderMessage's params (MessageParams). */
export const MessageParamsSchema: z.ZodType<MessageParams> = z.custom<MessageParams>(isObject, { error: 'a params object ({ path?, … })' }).superRefine((v, ctx) => {
  for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'string') ctx.addIssue({ code: 'custom', path: [k], message: 'a string' });
});

// ---------------------------------------------------------------- the doors

const string = (what = 'a string') => z.string({ error: what });
const memory = object('an EventLogMemory (emptyMemory(), parseMemory())');
const eventRecord = object('an EventRecord (createEventRecord())');
const profileInput = object(PROFILE);
const readiness = object('a Readiness (from assessReadiness)');
const builderOrProfile = object('a ProfileBuilder or a machine profile object');
const summary = object('a FleetSummary (fleetReport().summary)');

type Door = ReadonlyArray<readonly [name: string, schema: z.ZodType]>;

let table: Record<string, Door> | undefined;

/** Built on first use (a program that calls no public function never builds the schemas' table). */
function doors(): Record<string, Door> {
  if (table) return table;
  table = {
    verifyFile: [['path', filePath], ['options', VerifyOptionsSchema.optional()]],
    verifyFiles: [['paths', filePaths], ['options', VerifyOptionsSchema.optional()], ['pool', PoolOptionsSchema.optional()]],
    isIoError: [['result', object('a VerificationResult (verifyFile())')]],
    pemCertificates: [['text', string('PEM text (a string)')]],
    toX509: [['input', certificateInput]],
    parseProfile: [],
    assessReadiness: [['input', profileInput], ['options', ReadinessOptionsSchema.optional()]],
    machineTrustAnchors: [['profile', profileInput], ['readiness', readiness], ['known', x509s], ['options', TrustAnchorOptionsSchema.optional()]],
    loadInventory: [['inputs', filePaths], ['options', LoadOptionsSchema.optional()]],
    simulate: [['path', installPath], ['input', SimulateInputSchema], ['options', SimulateOptionsSchema.optional()]],
    acsCheckActor: [['fn', fn('a function (request) => Promise<{ holds: boolean }>')]],
    renderMessage: [['id', messageId], ['lang', lang], ['params', MessageParamsSchema.optional()]],
    fleetReport: [['options', FleetOptionsSchema], ['deps', FleetDepsSchema.optional()]],
    runFleetReport: [['opts', FleetOptionsSchema], ['deps', FleetDepsSchema]],
    chooseRuns: [['files', filePaths], ['paths', z.array(installPath, { error: 'an array of install path ids' })]],
    FleetAggregator: [
      ['meta', z.object({ generatedAt: string('an ISO time (a string)'), lang, inputs: z.array(string(), { error: 'an array of strings' }), files: z.array(string(), { error: 'an array of strings' }), paths: z.array(string(), { error: 'an array of install path ids' }) }, { error: 'a SummaryMetaInput object' })],
      ['limits', z.record(z.string(), count('a limit (integer ≥ 0)'), { error: 'an object of limits' }).optional()],
    ],
    renderHtml: [['s', summary]],
    collect: [['o', CollectOptionsSchema]],
    nodeRunner: [['cmd', string('a command (a string)')], ['args', z.array(string(), { error: 'an array of strings' })], ['opts', z.object({ timeoutMs: z.number({ error: 'a number of milliseconds' }), step: string() }, { error: 'a RunOptions object { timeoutMs, step }' })]],
    systemToolRunner: [['env', z.record(z.string(), z.string().optional(), { error: 'an environment object (process.env)' })], ['arch', string("an architecture ('x64')").optional()], ['base', fn('a CommandRunner').optional()]],
    replayRunner: [['dir', filePath]],
    changedMachines: [['before', memory], ['after', memory]],
    createEventRecord: [['input', EventRecordInputSchema]],
    emptyMemory: [],
    escapeXml: [['s', string()]],
    forgetLoggedOnce: [['mem', memory], ['computer', string('a computer name (a string)')], ['key', string()]],
    mergeMemory: [['base', memory], ['run', memory], ['machines', z.array(string(), { error: 'an array of computer names' })]],
    parseMemory: [['json', z.custom((v) => v !== undefined && v !== null, { error: 'JSON text or parsed data' })]],
    rememberLoggedOnce: [['mem', memory], ['computer', string('a computer name (a string)')], ['key', string()], ['entry', z.object({ time: string(), recordId: count('a record id (integer ≥ 0)'), text: string() }, { error: 'a LoggedOnce { time, recordId, text }' })]],
    serializeMemory: [['mem', memory]],
    systemTime: [['iso', string('an ISO time (a string)')]],
    takeRecordId: [['mem', memory], ['computer', string('a computer name (a string)')]],
    toEventJson: [['r', eventRecord]],
    toEventsXml: [['records', z.array(eventRecord, { error: 'an array of EventRecord' })]],
    toEventViewerText: [['r', eventRecord]],
    toEventXml: [['r', eventRecord]],
    wasLoggedOnce: [['mem', memory], ['computer', string('a computer name (a string)')], ['key', string()]],
    // acs-gatekeeper/testing
    ProfileBuilder: [['facts', profileInput]],
    'ProfileBuilder.named': [['name', string('a machine name (a string)')]],
    'ProfileBuilder.ubr': [['ubr', count('an update build revision (integer ≥ 0)')]],
    'ProfileBuilder.withUpdates': [['kbs', z.array(string('a KB id (a string)'))]],
    'ProfileBuilder.withRollup': [['kb', string('a KB id (a string)')]],
    'ProfileBuilder.rootAutoUpdate': [['enabled', z.boolean({ error: 'a boolean' })]],
    'ProfileBuilder.online': [['reachable', z.boolean({ error: 'a boolean' })]],
    'ProfileBuilder.readiness': [['options', ReadinessOptionsSchema.optional()]],
    profileOf: [['machine', builderOrProfile]],
    machine: [['facts', profileInput]],
    windows10: [['release', string('a Windows 10 release (a string, e.g. "21H2")')]],
    windows11: [['release', string('a Windows 11 release (a string, e.g. "23H2")').optional()]],
    simulateOn: [['machine', builderOrProfile], ['path', installPath], ['input', SimulateOnInputSchema.optional()], ['options', SimulateOptionsSchema.optional()]],
    installAcsMatchers: [['expect', z.custom((v) => (typeof v === 'function' || isObject(v)) && typeof (v as { extend?: unknown }).extend === 'function', { error: "jest's expect (with an extend() method)" })]],
    runScenario: [['scenario', z.object({ id: string(), path: installPath, machine: profileInput, input: object('a SimulateOnInput') }, { error: 'a SeedScenario (SEED_SCENARIOS[i])' }).loose()], ['options', SimulateOptionsSchema.optional()]],
  };
  return table;
}

 /**
 * Exact shortcuts for the doors a caller may pass per machine or per event (assessReadiness, renderMessage, the
 * event log's functions in a loop): they accept only what the schemas
 * accept (anything else goes to zod, which names what is wrong), at a fraction of zod's cost.
 */
const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isLang = (v: unknown): boolean => isStr(v) && LANGS.includes(v as Lang);
const isDate = (v: unknown): boolean => v instanceof Date && !Number.isNaN(v.getTime());
const FAST: Record<string, (a: unknown[]) => boolean> = {
  assessReadiness: ([input, o]) =>
    isObject(input) && (o === undefined || (isObject(o) && (o.lang === undefined || isLang(o.lang)) && (o.acceptKbs === undefined || (Array.isArray(o.acceptKbs) && o.acceptKbs.every(isStr))))),
  renderMessage: ([id, l, p]) => isStr(id) && MESSAGE_IDS.includes(id as MessageId) && isLang(l) && (p === undefined || (isObject(p) && Object.values(p).every(optStr))),
  createEventRecord: ([i]) =>
    isObject(i) && (i.messageId === 'E-11708' || (i.messageId === 'E-900' && isStr(i.path))) && isLang(i.lang) && optStr(i.path) && isDate(i.time) && isStr(i.computer) && isCount(i.recordId),
  wasLoggedOnce: ([m, c, k]) => isObject(m) && isStr(c) && isStr(k),
  forgetLoggedOnce: ([m, c, k]) => isObject(m) && isStr(c) && isStr(k),
  takeRecordId: ([m, c]) => isObject(m) && isStr(c),
  rememberLoggedOnce: ([m, c, k, e]) => isObject(m) && isStr(c) && isStr(k) && isObject(e) && isStr(e.time) && isCount(e.recordId) && isStr(e.text),
  escapeXml: ([x]) => isStr(x),
  systemTime: ([x]) => isStr(x),
  toEventXml: ([r]) => isObject(r),
  toEventJson: ([r]) => isObject(r),
  toEventViewerText: ([r]) => isObject(r),
};

/** How a value looks, for "got …" (short; text is quoted and cut). */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing (undefined)';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : 'a Date';
  if (typeof v === 'function') return 'a function';
  return `an object${(v as object).constructor?.name && (v as object).constructor.name !== 'Object' ? ` (${(v as object).constructor.name})` : ''}`;
}

function pathText(name: string, path: readonly PropertyKey[]): string {
  let out = name;
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(String(k)) ? `.${String(k)}` : `[${JSON.stringify(String(k))}]`;
  return out;
}

function valueAt(v: unknown, path: readonly PropertyKey[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || (typeof cur !== 'object' && typeof cur !== 'function')) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** zod's words for what was expected, when a schema does not give its own. */
function expectedOf(issue: z.core.$ZodIssue): string {
  if (!/^Invalid (input|option|discriminator)|^Too (small|big)|^Unrecognized/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type') return `a ${issue.expected}`;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((x) => JSON.stringify(x)).join(', ')}`;
  return issue.message;
}

/**
 * Checks a public function's arguments against its door; throws InputError naming the first bad one.
 * @param name the function ("simulate", "ProfileBuilder.ubr")
 * @param args the arguments as received, in the parameters' order
 */
export function door(name: string, ...args: unknown[]): void {
  const fast = FAST[name];
  if (fast && fast(args)) return;
  const spec = doors()[name];
  if (!spec) throw new Error(`doors: no door for ${name}`);
  for (let i = 0; i < spec.length; i++) {
    const [param, schema] = spec[i]!;
    const r = schema.safeParse(args[i]);
    if (r.success) continue;
    // the deepest issue of a union that picked its branch says most; zod lists issues in order
    let issue = r.error.issues[0]!;
    while (issue.code === 'invalid_union' && issue.errors.length === 1 && issue.errors[0]!.length) issue = { ...issue.errors[0]![0]!, path: [...issue.path, ...issue.errors[0]![0]!.path] } as z.core.$ZodIssue;
    const argument = pathText(param, issue.path as PropertyKey[]);
    const expected = expectedOf(issue);
    const got = describe(valueAt(args[i], issue.path as PropertyKey[]));
    if (expected === PROFILE) throw new ProfileError('(profile)', [{ field: '(profile)', message: `expected ${PROFILE}, got ${got}` }], undefined, { function: name, argument });
    throw new InputError('', undefined, `expected ${expected}, got ${describe(valueAt(args[i], issue.path as PropertyKey[]))}`, { function: name, argument, expected });
  }
}
