/**
 * The shipped KB5022661 table (src/endpoint/data/windows-acs-minimums.json) against its schema. minimums.ts
 * reads the file as it is (no zod at start-up), so this test is where a broken data file fails: every field
 * has its type, and parsing keeps every key and value (nothing unknown that the schema would strip).
 */
import raw from '../../src/endpoint/data/windows-acs-minimums.json';
import { MINIMUMS } from '../../src/endpoint/minimums';
import { MinimumsSchema, WindowsLineSchema } from '../../src/endpoint/minimums-schema';

/** JSON with every object's keys sorted. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

describe('the shipped minimums table', () => {
  it('matches MinimumsSchema, and parsing it changes nothing', () => {
    const parsed = MinimumsSchema.parse(raw);
    expect(parsed).toEqual(raw);
    // toEqual ignores undefined-valued keys: the key lists must be the same too (in any order: zod writes the
    // schema's order, the file has its own)
    expect(canonical(parsed)).toBe(canonical(raw));
  });

  it('is what minimums.ts uses, object for object', () => {
    expect(MINIMUMS).toBe(raw);
    expect(MINIMUMS.lines.length).toBeGreaterThan(10);
  });

  it('fails on a line that breaks the schema (the check is real)', () => {
    const line = { ...raw.lines[0]!, kind: 'sometimes' };
    expect(WindowsLineSchema.safeParse(line).success).toBe(false);
    const badKb = { ...raw.lines[0]!, kbs: ['5022661'] };
    expect(WindowsLineSchema.safeParse(badKb).success).toBe(false);
    expect(MinimumsSchema.safeParse({ ...raw, lines: [] }).success).toBe(false);
  });
});
