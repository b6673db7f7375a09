/**
 * readiness-json.ts writes a verdict's JSON line by hand (issue 18.8): it must be the very text of
 * JSON.stringify({ ...verdict, remediationSource, source, assumed? }) — for generated verdicts of every shape
 * (optional keys present or not, odd numbers, strings that need escaping, lone surrogates) and for real
 * verdicts of judgeReadiness. The caches of the judging (readiness.ts, readiness-os.ts) must give the same
 * verdicts as fresh modules, whatever was judged before (another language, other accepted KBs).
 */
import fc from 'fast-check';
import { ACS_ROOT_2020_SHA1 } from '../../src/authenticode/trust/bundled-roots';
import { MINIMUMS } from '../../src/endpoint/minimums';
import type { MachineProfile } from '../../src/endpoint/profile';
import { judgeReadiness } from '../../src/endpoint/readiness';
import { readinessJsonLine, readinessJsonPieces } from '../../src/endpoint/readiness-json';
import { remediationSources } from '../../src/endpoint/remediation';
import { READINESS_CODES, type Readiness, type ReadinessOptions, type ReadinessReason } from '../../src/endpoint/types';

function expected(r: Readiness, source: string, assumed: string[]): string {
  return JSON.stringify({ ...r, remediationSource: remediationSources(r.remediation), source, ...(assumed.length ? { assumed } : {}) }) + '\n';
}

// strings of every kind: plain, with quotes / backslashes / control characters, Japanese, lone surrogates
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', 'Windows 10 22H2', '端末はオフライン環境です'),
);
const tri = fc.constantFrom<Readiness['ready']>(true, false, 'unknown');
const num = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, NaN, Infinity, -Infinity, 1e21, 5e-7, 2 ** 53));
const reason: fc.Arbitrary<ReadinessReason> = fc
  .record(
    {
      code: fc.constantFrom(...READINESS_CODES),
      message: text,
      fact: text,
      evidence: fc.dictionary(text, fc.oneof(text, num, fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(text, { maxLength: 3 }))),
    },
    { requiredKeys: ['code', 'message'] },
  )
  .map((r) => r as ReadinessReason);

const verdict: fc.Arbitrary<Readiness> = fc
  .record({
    name: text,
    role: fc.constantFrom<Readiness['role']>('endpoint', 'server'),
    ready: tri,
    os: fc.record(
      { supported: tri, line: text, version: text, ubr: num, requiredKbs: fc.array(text, { maxLength: 4 }) },
      { requiredKeys: ['supported'] },
    ),
    root: fc.record({ trusted: tri, via: fc.constantFrom<Readiness['root']['via']>('store', 'auto-update', null) }),
    reasons: fc.array(reason, { maxLength: 4 }),
    remediation: fc.array(text, { maxLength: 4 }),
  })
  // the keys in judgeReadiness's order (fc.record keeps the order it was given)
  .map((r) => r);

describe('readinessJsonLine', () => {
  it('in pieces (texts and the steps as UTF-8 bytes), written in order: the bytes of the same text', () => {
    const bytesOf = (p: string | (string | Buffer)[]): Buffer =>
      typeof p === 'string' ? Buffer.from(p) : Buffer.concat(p.map((x) => (typeof x === 'string' ? Buffer.from(x) : x)));
    fc.assert(
      fc.property(verdict, text, fc.array(text, { maxLength: 2 }), (r, source, assumed) => {
        const want = Buffer.from(expected(r, source, assumed));
        expect(bytesOf(readinessJsonPieces(r, source, assumed)).equals(want)).toBe(true);
        // twice: the second from the cache of step bytes
        expect(bytesOf(readinessJsonPieces(r, source, assumed)).equals(want)).toBe(true);
      }),
      { numRuns: 3_000, seed: 20261208 },
    );
  });

  it('is JSON.stringify of the verdict with its sources, source and assumptions, over generated verdicts', () => {
    fc.assert(
      fc.property(verdict, text, fc.array(text, { maxLength: 3 }), (r, source, assumed) => {
        expect(readinessJsonLine(r, source, assumed)).toBe(expected(r, source, assumed));
      }),
      { numRuns: 3000 },
    );
  });

  it('is JSON.stringify over verdicts that share their texts (the cache of JSON texts hit again and again)', () => {
    const pool = ['Windows 10 22H2', '10.0.19045', 'KB5005625', '手順 "1"\\', '\ud83d', 'x'];
    const shared = fc.constantFrom(...pool);
    fc.assert(
      fc.property(
        fc.record({
          name: shared,
          role: fc.constantFrom<Readiness['role']>('endpoint', 'server'),
          ready: tri,
          os: fc.record({ supported: tri, line: shared, version: shared, ubr: num, requiredKbs: fc.array(shared, { maxLength: 3 }) }, { requiredKeys: ['supported'] }),
          root: fc.record({ trusted: tri, via: fc.constantFrom<Readiness['root']['via']>('store', 'auto-update', null) }),
          reasons: fc.constant<ReadinessReason[]>([]),
          remediation: fc.array(shared, { maxLength: 4 }),
        }),
        shared,
        (r, source) => {
          expect(readinessJsonLine(r, source)).toBe(expected(r, source, []));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** Profiles over the table's lines and the facts that change a verdict (and its numbers: UBR, store size). */
function profiles(): MachineProfile[] {
  const versions: (string | undefined)[] = [undefined, '10.0.99999', '5.1.2600', 'abc'];
  for (const l of MINIMUMS.lines) for (const b of l.builds ?? (l.buildFrom !== undefined ? [l.buildFrom] : [])) versions.push(`${l.major}.${l.minor ?? 0}.${b}`);
  const out: MachineProfile[] = [];
  let n = 0;
  for (const version of versions)
    for (const ubr of [undefined, 1, 30000])
      for (const hotfixes of [undefined, [], ['KB5006714'], ['KB5006739', 'KB4000001'], ['KB9999999']])
        for (const caption of [undefined, 'Microsoft Windows 10 Enterprise', 'Microsoft Windows Server 2019 Standard'])
          for (const root of [{}, { rootStore: ['AB'], rootAutoUpdate: false }, { rootStore: [], rootAutoUpdate: true, online: false }, { rootStore: [ACS_ROOT_2020_SHA1] }, { rootAutoUpdate: true }])
            out.push({
              name: `PC-${n++} "quoted"`,
              role: n % 2 ? 'endpoint' : 'server',
              os: { ...(version ? { version } : {}), ...(ubr !== undefined ? { ubr } : {}), ...(caption ? { caption } : {}) },
              ...(hotfixes ? { hotfixes } : {}),
              ...root,
            } as MachineProfile);
  return out;
}

const OPTIONS: ReadinessOptions[] = [{ lang: 'ja' }, { lang: 'en' }, { lang: 'ja', acceptKbs: ['kb4000001 ', 'KB9999999'] }, { lang: 'en', acceptKbs: ['KB4000001'] }, {}];

describe('judgeReadiness verdicts in JSON', () => {
  const all = profiles();

  it('are JSON.stringify of real verdicts, in both languages and with accepted KBs', () => {
    for (const o of OPTIONS)
      for (const p of all) {
        const r = judgeReadiness(p, o);
        expect(readinessJsonLine(r, 'fleet.jsonl:1', ['online'])).toBe(expected(r, 'fleet.jsonl:1', ['online']));
      }
  });

  it('are the same verdicts as fresh modules give, whatever was judged before (caches keyed on all they depend on)', () => {
    // judged interleaved in this module: every language and accepted KBs in turn, profile by profile
    const mixed = OPTIONS.map(() => [] as string[]);
    for (const p of all) OPTIONS.forEach((o, i) => mixed[i]!.push(JSON.stringify(judgeReadiness(p, o))));
    // each option alone in a module of its own (empty caches)
    OPTIONS.forEach((o, i) => {
      jest.isolateModules(() => {
        const fresh = require('../../src/endpoint/readiness') as typeof import('../../src/endpoint/readiness');
        all.forEach((p, j) => expect(JSON.stringify(fresh.judgeReadiness(p, o))).toBe(mixed[i]![j]));
      });
    });
  });

  it('gives each call its own arrays: changing one verdict changes no other', () => {
    const p = all.find((x) => judgeReadiness(x, { lang: 'ja' }).remediation.length > 0)!;
    const a = judgeReadiness(p, { lang: 'ja' });
    const before = JSON.stringify(judgeReadiness(p, { lang: 'ja' }));
    a.remediation.push('changed');
    a.reasons.pop();
    expect(JSON.stringify(judgeReadiness(p, { lang: 'ja' }))).toBe(before);
  });
});
