/**
 * The zod-free profile check (src/endpoint/profile-fast.ts) must give zod's answer or none: on generated
 * profiles, near-profiles and junk, whenever fastProfile returns a profile it is MachineProfileSchema's
 * output (same values, same keys in the same order, nested too), and it never accepts what zod rejects.
 */
import fc from 'fast-check';
import { MachineProfileSchema, ProfileError } from '../../src/endpoint/profile';
import { parseProfile } from '../../src/endpoint/parse-profile';
import { fastProfile } from '../../src/endpoint/profile-fast';

/** Key order matters to the report (JSON of the profile): compare the keys at every level, then the values. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (typeof v === 'object' && v !== null) return Object.entries(v).map(([k, x]) => [k, shape(x)]);
  return v;
}

const sometimes = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 });
/** mostly the good form, sometimes something else: most generated profiles are valid, every field is sometimes not */
const mostly = <T, U>(good: fc.Arbitrary<T>, other: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: other, weight: 1 });
const junk = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 6 }), fc.constant([]), fc.constant({}));
const hex40 = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 40, maxLength: 40 });
const thumb = mostly(hex40, fc.oneof(hex40.map((s) => s.slice(1)), hex40.map((s) => `${s}\n`), junk));
const rootEntry = mostly(
  fc.oneof(thumb, fc.record({ thumbprint: thumb, subject: mostly(fc.string(), junk), pem: fc.string(), other: junk }, { requiredKeys: [] })),
  junk,
);
const kb = mostly(
  fc.oneof(fc.nat(9_999_999).map((n) => `KB${n}`), fc.nat(9_999_999).map((n) => `kb${n}`)),
  fc.oneof(fc.constantFrom('KB', 'KB1\n', ' KB1', 'Q123'), junk),
);
const version = mostly(fc.constantFrom('10.0.19045', '6.3.9600'), fc.oneof(fc.constantFrom('10.0', '10.0.19045.1', '10.0.1\n', ''), junk));
const ubr = mostly(fc.nat(100_000), fc.oneof(fc.constantFrom(-1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, NaN, Infinity, -0), junk));
const os = mostly(
  fc.record(
    {
      caption: mostly(fc.string(), junk),
      version,
      ubr,
      architecture: mostly(fc.constantFrom('x64', 'ARM64'), junk),
      productType: mostly(fc.constantFrom('workstation', 'server', 'domain-controller'), fc.oneof(fc.constant('client'), junk)),
      extra: junk,
    },
    { requiredKeys: [] },
  ),
  fc.oneof(junk, fc.constant(undefined)),
);
// keys left out (requiredKeys: []) or, sometimes, present with the value undefined
const profile = fc.record(
  {
    name: mostly(fc.string({ minLength: 1, maxLength: 12 }), fc.oneof(fc.constant(''), junk)),
    role: sometimes(mostly(fc.constantFrom('endpoint', 'server'), fc.oneof(fc.constant('client'), junk))),
    os,
    hotfixes: sometimes(mostly(fc.array(kb, { maxLength: 5 }), junk)),
    rootStore: sometimes(mostly(fc.array(rootEntry, { maxLength: 4 }), junk)),
    rootAutoUpdate: sometimes(mostly(fc.boolean(), junk)),
    online: sometimes(mostly(fc.boolean(), junk)),
    sources: sometimes(mostly(fc.array(mostly(fc.string(), junk), { maxLength: 3 }), junk)),
    unrelated: junk,
  },
  { requiredKeys: [] },
);

describe('fastProfile agrees with MachineProfileSchema', () => {
  it('on generated profiles: the same output when it answers, never an answer where zod rejects', () => {
    let answered = 0;
    let rejected = 0;
    let leftToZod = 0;
    fc.assert(
      fc.property(fc.oneof(profile, profile.map((p) => JSON.parse(JSON.stringify(p)) as unknown), junk), (input) => {
        const z = MachineProfileSchema.safeParse(input);
        const f = fastProfile(input);
        if (!z.success) {
          rejected++;
          expect(f).toBeUndefined();
          return;
        }
        if (f === undefined) {
          leftToZod++;
          return;
        }
        answered++;
        expect(shape(f)).toEqual(shape(z.data));
        expect(f).toStrictEqual(z.data);
      }),
      { numRuns: 20_000, seed: 20261130 },
    );
    // the generator reaches both sides, and the fast path answers for a real share of the valid ones
    expect(answered).toBeGreaterThan(2_000);
    expect(rejected).toBeGreaterThan(4_000);
    expect(leftToZod).toBeGreaterThan(100);
  });

  it('owned (a value fresh from JSON.parse): the same profile as a copying call, lists kept only when already canonical', () => {
    let kept = 0;
    fc.assert(
      fc.property(profile, (p) => {
        const text = JSON.stringify(p);
        const copied = fastProfile(JSON.parse(text));
        const input = JSON.parse(text) as Record<string, unknown>;
        const owned = fastProfile(input, true);
        expect(owned).toStrictEqual(copied);
        if (!owned) return;
        // a kept list is the input's, and only when the copy would have had the same entries
        for (const key of ['hotfixes', 'rootStore'] as const) {
          const list = owned[key];
          if (list === input[key]) {
            kept++;
            expect(list).toStrictEqual(copied![key]);
          }
        }
        // the input itself is never changed (a bail to zod after it would see other data)
        expect(input).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 5_000, seed: 20261208 },
    );
    expect(kept).toBeGreaterThan(500);
    const lower = JSON.parse('{"name":"a","hotfixes":["KB1","kb2"],"rootStore":["F40042E2E5F7E8EF8189FED15519AECE42C3BFA2","f40042e2e5f7e8ef8189fed15519aece42c3bfa2"]}') as Record<string, unknown>;
    const f = fastProfile(lower, true)!;
    expect(f.hotfixes).toEqual(['KB1', 'KB2']);
    expect(f.hotfixes).not.toBe(lower['hotfixes']);
    expect(f.rootStore).toEqual(['F40042E2E5F7E8EF8189FED15519AECE42C3BFA2', 'F40042E2E5F7E8EF8189FED15519AECE42C3BFA2']);
    expect(f.rootStore).not.toBe(lower['rootStore']);
    expect(lower['hotfixes']).toEqual(['KB1', 'kb2']);
  });

  it('answers for the plain JSON Lines profile the fleet reads, and copies (never aliases) the input', () => {
    const input = JSON.parse(
      '{"name":"PC-1","os":{"caption":"Microsoft Windows 10 Pro","version":"10.0.19044","ubr":2364},"hotfixes":["kb5022282"],"rootStore":["f40042e2e5f7e8ef8189fed15519aece42c3bfa2",{"subject":"CN=x"}],"rootAutoUpdate":true,"online":false,"ip":"10.0.0.1"}',
    ) as Record<string, unknown>;
    const f = fastProfile(input);
    expect(f).toStrictEqual(MachineProfileSchema.parse(input));
    expect(f).toEqual({
      name: 'PC-1',
      role: 'endpoint',
      os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19044', ubr: 2364 },
      hotfixes: ['KB5022282'],
      rootStore: ['F40042E2E5F7E8EF8189FED15519AECE42C3BFA2', { subject: 'CN=x' }],
      rootAutoUpdate: true,
      online: false,
    });
    expect(f!.os).not.toBe(input['os']);
    expect(f!.hotfixes).not.toBe(input['hotfixes']);
  });

  it('leaves the unusual to zod: a key present as undefined, a class instance, an inherited name', () => {
    expect(fastProfile({ name: 'a', hotfixes: undefined })).toBeUndefined();
    expect(Object.keys(parseProfile({ name: 'a', hotfixes: undefined }))).toEqual(['name', 'role', 'os', 'hotfixes']);
    class P {
      name = 'a';
    }
    expect(fastProfile(new P())).toBeUndefined();
    expect(parseProfile(new P()).name).toBe('a');
    expect(fastProfile(Object.create({ name: 'inherited' }))).toBeUndefined();
  });

  it('parseProfile still names the bad field through zod', () => {
    expect(() => parseProfile({ name: 'a', os: { ubr: -1 } })).toThrow(ProfileError);
    try {
      parseProfile({ name: 'a', os: { ubr: -1 } });
    } catch (e) {
      expect((e as ProfileError).field).toBe('os.ubr');
    }
  });
});
