/**
 * Byte-level mutations of a valid base file, as fast-check arbitraries (so failing cases shrink to the fewest,
 * smallest mutations). Each case is a short list of mutations applied in order to a copy of the base.
 *
 *   flip      one bit                         set      one byte to a value
 *   field     a header field (u16/u32) rewritten to an extreme: 0, 1, 7, 8, 2^31-1, 2^31, 2^32-1, the special
 *             CFB sector numbers, the file size ± 1 / ± 8, another structure's offset (overlaps), random
 *   truncate  at a structural boundary ± 4 bytes, or anywhere
 *   append    random or zero bytes after the end
 *   insert    bytes inserted at a boundary (shifts everything after it)
 *   delete    a run of bytes removed
 *   copy      a range copied over another (duplicated structures)
 * Target-specific operations (WIN_CERTIFICATE entries duplicated / reordered, FAT loops …) live in the
 * targets and are mixed in through `extra`.
 */
import fc from 'fast-check';

export interface Shape {
  length: number;
  boundaries: number[];
  fields: { offset: number; size: 2 | 4; name: string }[];
  /** values worth writing into fields, besides the generic extremes (other structures' offsets …) */
  values?: number[];
}

export type Mutation =
  | { k: 'flip'; at: number; bit: number }
  | { k: 'set'; at: number; v: number }
  | { k: 'field'; f: number; v: number }
  | { k: 'truncate'; at: number }
  | { k: 'append'; data: Uint8Array }
  | { k: 'insert'; at: number; data: Uint8Array }
  | { k: 'delete'; at: number; len: number }
  | { k: 'copy'; from: number; to: number; len: number };

export const EXTREMES = [0, 1, 2, 7, 8, 0x10, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffa, 0xfffffffc, 0xfffffffd, 0xfffffffe, 0xffffffff];

/** A position: anywhere, or near a structural boundary. */
export function position(shape: Shape): fc.Arbitrary<number> {
  const max = Math.max(0, shape.length - 1);
  return fc.oneof(
    { weight: 3, arbitrary: fc.nat({ max }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...shape.boundaries), fc.integer({ min: -4, max: 4 }))
        .map(([b, d]) => Math.min(max, Math.max(0, b + d))),
    },
  );
}

function fieldValue(shape: Shape): fc.Arbitrary<number> {
  const len = shape.length;
  const specials = [...EXTREMES, len, len - 1, len + 1, len - 8, len + 8, ...(shape.values ?? []), ...shape.boundaries].filter(
    (v) => v >= 0 && v <= 0xffffffff,
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...specials) },
    { weight: 1, arbitrary: fc.nat({ max: 0xffffffff }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.max(16, len * 2) }) },
  );
}

export function mutationArb(shape: Shape): fc.Arbitrary<Mutation> {
  const pos = position(shape);
  const bytes = (max: number): fc.Arbitrary<Uint8Array> =>
    fc.oneof(fc.uint8Array({ minLength: 1, maxLength: max }), fc.integer({ min: 1, max }).map((n) => new Uint8Array(n)));
  const arbs: { weight: number; arbitrary: fc.Arbitrary<Mutation> }[] = [
    { weight: 6, arbitrary: fc.record({ k: fc.constant('flip' as const), at: pos, bit: fc.integer({ min: 0, max: 7 }) }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('set' as const), at: pos, v: fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff, 0x30, 0xa0) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: pos }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('append' as const), data: bytes(600) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('insert' as const), at: pos, data: bytes(64) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), at: pos, len: fc.integer({ min: 1, max: 64 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('copy' as const), from: pos, to: pos, len: fc.integer({ min: 1, max: 512 }) }) },
  ];
  if (shape.fields.length > 0) {
    arbs.push({
      weight: 5,
      arbitrary: fc.record({ k: fc.constant('field' as const), f: fc.nat({ max: shape.fields.length - 1 }), v: fieldValue(shape) }),
    });
  }
  return fc.oneof(...arbs);
}

export function mutationsArb(shape: Shape, maxMutations = 4): fc.Arbitrary<Mutation[]> {
  return fc.array(mutationArb(shape), { minLength: 1, maxLength: maxMutations });
}

/** Apply mutations to a copy of `base`. Out-of-range operations are clamped or skipped. */
export function applyMutations(base: Uint8Array, shape: Shape, muts: readonly Mutation[]): Buffer {
  let b = Buffer.from(base);
  for (const m of muts) {
    switch (m.k) {
      case 'flip':
        if (m.at < b.length) b[m.at] ^= 1 << m.bit;
        break;
      case 'set':
        if (m.at < b.length) b[m.at] = m.v;
        break;
      case 'field': {
        const f = shape.fields[m.f];
        if (!f || f.offset + f.size > b.length) break;
        if (f.size === 2) b.writeUInt16LE(m.v & 0xffff, f.offset);
        else b.writeUInt32LE(m.v >>> 0, f.offset);
        break;
      }
      case 'truncate':
        b = b.subarray(0, Math.min(m.at, b.length));
        break;
      case 'append':
        b = Buffer.concat([b, m.data]);
        break;
      case 'insert': {
        const at = Math.min(m.at, b.length);
        b = Buffer.concat([b.subarray(0, at), m.data, b.subarray(at)]);
        break;
      }
      case 'delete': {
        const at = Math.min(m.at, b.length);
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + m.len))]);
        break;
      }
      case 'copy': {
        const from = Math.min(m.from, b.length);
        const len = Math.min(m.len, b.length - from, Math.max(0, b.length - m.to));
        if (len > 0 && m.to < b.length) { b = Buffer.from(b); b.copy(b, m.to, from, from + len); }
        break;
      }
    }
  }
  return Buffer.from(b);
}

/** Positions whose byte differs, when the length is unchanged; null when the length changed. */
export function changedPositions(base: Uint8Array, mutated: Uint8Array): number[] | null {
  if (base.length !== mutated.length) return null;
  const out: number[] = [];
  for (let i = 0; i < base.length; i++) if (base[i] !== mutated[i]) out.push(i);
  return out;
}

/** The first changed signed position (same-length mutations only), or -1. */
export function firstSignedChange(base: Uint8Array, mutated: Uint8Array, signed: Uint8Array): number {
  const changed = changedPositions(base, mutated);
  if (!changed) return -1;
  for (const i of changed) if (signed[i]) return i;
  return -1;
}
