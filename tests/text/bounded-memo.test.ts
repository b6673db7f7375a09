/**
 * The one bounded memo (src/text/bounded-memo.ts) and the JSON text of strings (src/text/json-string.ts) that
 * the readiness lines and report.json are written with.
 */
import fc from 'fast-check';
import { BoundedMemo } from '../../src/text/bounded-memo';
import { jsonString, repeatingJsonString } from '../../src/text/json-string';

describe('BoundedMemo', () => {
  it('makes a value once per key and gives the same value after', () => {
    let made = 0;
    const m = new BoundedMemo<{ key: string }>(10);
    const make = (key: string) => ({ key, n: made++ });
    const a = m.get('a', make);
    expect(m.get('a', make)).toBe(a);
    expect(made).toBe(1);
    expect(m.get('b', make).key).toBe('b');
    expect(made).toBe(2);
  });

  it('starts over past its limit instead of growing, and still answers every key', () => {
    let made = 0;
    const m = new BoundedMemo<number>(3);
    const make = (key: string) => (made++, key.length);
    for (const k of ['a', 'bb', 'ccc']) m.get(k, make);
    expect(made).toBe(3);
    expect(m.get('dddd', make)).toBe(4); // the fourth key: cleared, then kept
    expect(made).toBe(4);
    expect(m.get('a', make)).toBe(1); // forgotten, made again
    expect(made).toBe(5);
    expect(m.get('dddd', make)).toBe(4);
    expect(made).toBe(5);
  });

  it('keeps null values (a remembered "none"), not undefined ones', () => {
    let made = 0;
    const m = new BoundedMemo<null | undefined>(10);
    m.get('n', () => (made++, null));
    m.get('n', () => (made++, null));
    m.get('u', () => (made++, undefined));
    m.get('u', () => (made++, undefined));
    expect(made).toBe(3);
  });
});

describe('jsonString / repeatingJsonString', () => {
  it('equal JSON.stringify for any string (quotes, backslashes, controls, lone and paired surrogates)', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\ud800', '\udc00', '😀', '端末', '\u2028'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const s = parts.join('');
        expect(jsonString(s)).toBe(JSON.stringify(s));
        expect(repeatingJsonString(s)).toBe(JSON.stringify(s));
        expect(repeatingJsonString(s)).toBe(JSON.stringify(s));
      }),
      { numRuns: 2000 },
    );
  });
});
