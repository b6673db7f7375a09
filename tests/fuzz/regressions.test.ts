/**
 * Regressions found by the fuzz harness (scripts/fuzz), one named test each, asserting the fixed behaviour.
 *
 * The inputs of the "adversarial" findings are megabytes of certificates; they are rebuilt here from their
 * recipe (scripts/fuzz/targets/adversarial.ts, same builder the fuzzer used) instead of being stored as
 * binaries. Inputs found by random mutation are stored under tests/fuzz/regressions/ (see its README); the
 * random-mutation targets found none in the runs reported in docs/security.md.
 */
import { buildChain, MAX_SIGNATURE_CHECKS } from '../../src/authenticode/trust/chain';
import { verifyPkcs7Signature } from '../../src/authenticode/signature';
import { MAX_SIGNATURE_ENTRIES, verifyFileWithContext } from '../../src/authenticode/verify-file';
import { loadFixtures, type Fixtures } from '../../scripts/fuzz/fixtures';
import { type AdversarialCase, adversarialTarget } from '../../scripts/fuzz/targets/adversarial';
import { removeScratch, scratchFile } from '../../scripts/fuzz/tempdir';
import { bestOfThree } from '../helpers/timing';

/** Far below the minutes these inputs took before the fixes, far above what they take now. */
const BOUND_MS = 2000;

let fixtures: Fixtures;
let adversarial: ReturnType<typeof adversarialTarget>;
beforeAll(async () => {
  fixtures = await loadFixtures();
  adversarial = adversarialTarget(fixtures);
});
afterAll(() => removeScratch());

const build = (c: AdversarialCase): Buffer => adversarial.bytes(c);

/** f's value and its best time of up to three runs (tests/helpers/timing.ts), against this file's bound. */
const timed = <T>(f: () => Promise<T> | T, bound = BOUND_MS): Promise<{ value: T; ms: number }> => bestOfThree(f, bound);

describe('fuzz regressions: verification time of hostile certificate bags and tables (DoS)', () => {
  it('chain bomb: 63 CA certificates sharing one name and one key, nested 16 times, is judged within the bound', async () => {
    // before: every certificate verified every other (a complete graph, ~4000 signature checks per chain,
    // two chains per signature, 17 signatures): 1.2 s for a 1.7 MB blob, 15 s for a 16 MB PE of them
    const blob = build({ k: 'chain-bomb', certs: 63, nested: 16, timestamped: true });
    const { value: reports, ms } = await timed(() => verifyPkcs7Signature(blob, { digest: async (a) => fixtures.pe[0]!.digests[a] }, fixtures.ctx, 'pe', 0));
    expect(reports).toHaveLength(17);
    expect(reports.some((r) => r.valid)).toBe(false);
    expect(reports[0]!.failures.map((f) => f.code)).toContain('CHAIN_INCOMPLETE');
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it(`buildChain gives up after ${MAX_SIGNATURE_CHECKS} signature checks instead of exploring every path`, async () => {
    const blob = build({ k: 'chain-bomb', certs: 63, nested: 0, timestamped: false });
    const { parseSignedDataContentInfo } = await import('../../src/authenticode/pkcs7/signed-data');
    const bag = parseSignedDataContentInfo(blob).certificates;
    const leaf = bag.find((c) => c.subject.includes('Bomb Leaf'))!;
    const budget = { checks: 1000 };
    const r = buildChain({ leaf, pool: bag, anchors: fixtures.ctx.trust, at: fixtures.ctx.at, purpose: 'codeSigning', budget });
    expect(r.ok).toBe(false);
    expect(r.failures[0]!.code).toBe('CHAIN_INCOMPLETE');
    expect(1000 - budget.checks).toBeLessThanOrEqual(MAX_SIGNATURE_CHECKS);
  });

  it(`a PE whose table holds 16 chain-bomb entries: only the first ${MAX_SIGNATURE_ENTRIES} are verified, within the bound`, async () => {
    const pe = build({ k: 'many-entries', entries: 16, bomb: true });
    const { value: r, ms } = await timed(() => verifyFileWithContext(scratchFile('regression-bomb.exe', pe), fixtures.ctx), BOUND_MS * 2);
    expect(r.verdict).toBe('invalid');
    const notVerified = r.signatures[r.signatures.length - 1]!;
    expect(notVerified.failures[0]!.message).toMatch(/only the first \d+ were verified/);
    expect(r.signatures.filter((s) => !s.nested).length).toBe(MAX_SIGNATURE_ENTRIES + 1);
    expect(ms).toBeLessThan(BOUND_MS * 2);
  });

  it('a 32 MB PE whose table holds 80 entries of 199 999 empty SEQUENCEs is judged within the bound', async () => {
    // before: each entry parsed twice (digest-algorithm hints, then verification), 112 parses: 12 s
    const pe = build({ k: 'node-bomb', entries: 80, nodes: 199_999 });
    const { value: r, ms } = await timed(() => verifyFileWithContext(scratchFile('regression-nodes.exe', pe), fixtures.ctx));
    expect(r.verdict).toBe('invalid');
    expect(r.failures[0]!.code).toBe('MALFORMED_SIGNATURE');
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('a valid primary signature is unaffected: still valid with 256 WIN_CERTIFICATE entries after it', async () => {
    const pe = build({ k: 'many-entries', entries: 256, bomb: false });
    const r = await verifyFileWithContext(scratchFile('regression-many.exe', pe), fixtures.ctx);
    expect(r.verdict).toBe('valid');
    expect(r.signatures[0]!.valid).toBe(true);
  });
});
