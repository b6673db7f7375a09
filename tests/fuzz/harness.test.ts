/**
 * The fuzz harness catches what it claims to catch: an untyped exception, a false "valid", a slow case, an
 * allocation sized by an unchecked length. (A harness that can never fail proves nothing.)
 */
import fc from 'fast-check';
import { runTarget, type Target } from '../../scripts/fuzz/runner';
import { applyMutations, changedPositions, firstSignedChange } from '../../scripts/fuzz/mutate';

function target(run: Target<number>['run']): Target<number> {
  return { name: 'probe', api: 'probe', arbitrary: fc.nat(1000), ext: 'bin', bytes: (n) => Buffer.from([n & 0xff]), run };
}

describe('fuzz harness invariants', () => {
  it('counts an untyped exception as an escape and shrinks it to the smallest failing case', async () => {
    const r = await runTarget(
      target(async (n) => {
        if (n >= 10) throw new TypeError(`boom ${n}`);
        return { outcome: 'ok' };
      }),
      { cases: 200, seed: 1, timeLimitMs: 1000 },
    );
    expect(r.escapes).toBeGreaterThan(0);
    expect(r.found[0]!.kind).toBe('escape');
    expect(r.found[0]!.minimisedDetail).toBe('TypeError: boom 10');
  });

  it('counts a false valid reported by the oracle', async () => {
    const r = await runTarget(target(async (n) => (n % 2 ? { outcome: 'valid', falseValid: 'signed byte changed' } : { outcome: 'invalid' })), { cases: 50, seed: 2, timeLimitMs: 1000, minimise: false });
    expect(r.falseValids).toBeGreaterThan(0);
    expect(r.outcomes['valid']).toBe(r.falseValids);
  });

  it('counts a case over the time limit as a hang', async () => {
    const r = await runTarget(
      target(async (n) => {
        if (n === 0 || n % 97 === 0) await new Promise((res) => setTimeout(res, 60));
        return { outcome: 'ok' };
      }),
      { cases: 30, seed: 3, timeLimitMs: 40, minimise: false },
    );
    expect(r.hangs).toBeGreaterThan(0);
    expect(r.slowestMs).toBeGreaterThanOrEqual(40);
  });

  it('counts an allocation sized beyond the input as an allocation violation', async () => {
    const r = await runTarget(
      target(async (n) => {
        const b = Buffer.alloc(n > 500 ? 8 * 1024 * 1024 : 16);
        return { outcome: String(b.length) };
      }),
      { cases: 50, seed: 4, timeLimitMs: 1000, minimise: false },
    );
    expect(r.allocViolations).toBeGreaterThan(0);
    expect(r.largestAllocBytes).toBe(8 * 1024 * 1024);
  });

  it('mutations: positions of same-length changes, and signed-byte detection', () => {
    const base = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const shape = { length: 8, boundaries: [0, 4, 8], fields: [{ offset: 4, size: 4 as const, name: 'u32' }] };
    const m = applyMutations(base, shape, [{ k: 'flip', at: 1, bit: 0 }, { k: 'field', f: 0, v: 0xffffffff }]);
    expect(changedPositions(base, m)).toEqual([1, 4, 5, 6, 7]);
    expect(firstSignedChange(base, m, Uint8Array.from([0, 0, 0, 0, 0, 1, 0, 0]))).toBe(5);
    expect(firstSignedChange(base, m, new Uint8Array(8))).toBe(-1);
    expect(changedPositions(base, applyMutations(base, shape, [{ k: 'truncate', at: 3 }]))).toBeNull();
  });
});

describe('fuzz oracles on the real fixtures', () => {
  it('the base fixtures verify valid, and the independent PE / MSI oracles accept them', async () => {
    const { loadFixtures } = await import('../../scripts/fuzz/fixtures');
    const { peValidOracle } = await import('../../scripts/fuzz/targets/pe');
    const { msiValidOracle } = await import('../../scripts/fuzz/targets/msi');
    const { verifyFileWithContext } = await import('../../src/authenticode/verify-file');
    const { scratchFile, removeScratch } = await import('../../scripts/fuzz/tempdir');
    const f = await loadFixtures();
    for (const fx of f.pe) {
      const r = await verifyFileWithContext(scratchFile('base.exe', fx.bytes), f.ctx);
      expect(r.verdict).toBe('valid');
      expect(peValidOracle(fx.bytes, fx, String(r.signatures[0]!.digestAlgorithm))).toBeUndefined();
      // a covered byte changed (inside the first section), trailing data, hidden padding: each is refused
      const flipped = Buffer.from(fx.bytes);
      flipped[fx.sectionTable + fx.numberOfSections * 40 + 600] ^= 1;
      expect(peValidOracle(flipped, fx, 'sha256')).toMatch(/covers differ/);
      expect(peValidOracle(Buffer.concat([fx.bytes, Buffer.alloc(8)]), fx, 'sha256')).toMatch(/does not end the file/);
      expect(fx.signed[fx.checksumOffset]).toBe(0);
      expect(fx.signed[0]).toBe(1);
    }
    for (const fx of f.msi) {
      const r = await verifyFileWithContext(scratchFile('base.msi', fx.bytes), f.ctx);
      expect(r.verdict).toBe('valid');
      expect(msiValidOracle(fx, fx.bytes)).toBeUndefined();
      expect(msiValidOracle(fx, Buffer.concat([fx.bytes, Buffer.alloc(512)]))).toMatch(/bytes where the signed one/);
    }
    removeScratch();
  });
});
