/**
 * PE targets.
 *   pe          verifyFile() on mutated signed PE files (through the file system, as the CLI calls it)
 *   pe-layout   readPeLayout → locateCertificateTable → parseCertificateTable → peDigestPlan, in memory
 *   cert-table  parseCertificateTable() on generated WIN_CERTIFICATE tables
 */
import fc from 'fast-check';
import { parseCertificateTable } from '../../../src/authenticode/formats/pe-cert-table';
import { isVerifyError } from '../../../src/authenticode/errors';
import { peDigestPlan } from '../../../src/authenticode/formats/pe-digest';
import { bufferAccess, locateCertificateTable, readPeLayout } from '../../../src/authenticode/formats/pe-reader';
import type { DigestAlgorithm } from '../../../src/authenticode/types';
import { verifyFileWithContext } from '../../../src/authenticode/verify-file';
import { type Fixtures, type PeFixture, sha } from '../fixtures';
import { applyMutations, firstSignedChange, type Mutation, mutationsArb, type Shape } from '../mutate';
import type { CaseResult, Target } from '../runner';
import { scratchFile } from '../tempdir';

// ------------------------------------------------------------------ WIN_CERTIFICATE table operations

export type TableOp =
  | { k: 'dupEntry'; i: number }
  | { k: 'swapEntries' }
  | { k: 'dropEntry'; i: number }
  | { k: 'padEntry'; i: number; n: number; fill: number }
  | { k: 'overlapSections'; a: number; b: number }
  | { k: 'sectionOverTable'; s: number }
  | { k: 'tableIntoSection'; s: number };

const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;

function entryBytes(fx: PeFixture, i: number): Buffer {
  const e = fx.entries[i]!;
  return fx.bytes.subarray(e.offset, e.offset + roundUp8(e.dwLength));
}

/** Rebuild the table from entries (each already 8-aligned) and point the security directory at it. */
function withTable(fx: PeFixture, entries: Buffer[]): Buffer {
  const table = Buffer.concat(entries);
  const out = Buffer.concat([fx.bytes.subarray(0, fx.tableOffset), table]);
  out.writeUInt32LE(table.length, fx.securityEntryOffset + 4);
  return out;
}

export function applyTableOp(fx: PeFixture, op: TableOp): Buffer {
  const n = fx.entries.length;
  const all = fx.entries.map((_, i) => entryBytes(fx, i));
  switch (op.k) {
    case 'dupEntry':
      return withTable(fx, [...all, all[op.i % n]!]);
    case 'swapEntries':
      return withTable(fx, [...all].reverse());
    case 'dropEntry':
      return n > 1 ? withTable(fx, all.filter((_, i) => i !== op.i % n)) : withTable(fx, all);
    case 'padEntry': {
      // data hidden after the PKCS#7 blob, counted in dwLength (CVE-2013-3900)
      const i = op.i % n;
      const e = fx.entries[i]!;
      const content = Buffer.concat([fx.bytes.subarray(e.blob[0], e.blob[1]), Buffer.alloc(op.n, op.fill)]);
      const entry = Buffer.alloc(roundUp8(8 + content.length));
      entry.writeUInt32LE(8 + content.length, 0);
      fx.bytes.copy(entry, 4, e.offset + 4, e.offset + 8);
      content.copy(entry, 8);
      return withTable(fx, all.map((x, j) => (j === i ? entry : x)));
    }
    case 'overlapSections': {
      const out = Buffer.from(fx.bytes);
      const a = op.a % fx.numberOfSections;
      const b = op.b % fx.numberOfSections;
      out.writeUInt32LE(out.readUInt32LE(fx.sectionTable + b * 40 + 20), fx.sectionTable + a * 40 + 20);
      return out;
    }
    case 'sectionOverTable': {
      // a section whose raw data covers the certificate table
      const out = Buffer.from(fx.bytes);
      const s = op.s % fx.numberOfSections;
      out.writeUInt32LE(fx.tableOffset, fx.sectionTable + s * 40 + 20);
      out.writeUInt32LE(fx.tableSize, fx.sectionTable + s * 40 + 16);
      return out;
    }
    case 'tableIntoSection': {
      // the security directory pointing inside a section's raw data
      const out = Buffer.from(fx.bytes);
      const s = op.s % fx.numberOfSections;
      const ptr = out.readUInt32LE(fx.sectionTable + s * 40 + 20);
      out.writeUInt32LE(ptr, fx.securityEntryOffset);
      return out;
    }
  }
}

const tableOpArb: fc.Arbitrary<TableOp> = fc.oneof(
  fc.record({ k: fc.constant('dupEntry' as const), i: fc.nat(3) }),
  fc.record({ k: fc.constant('swapEntries' as const) }),
  fc.record({ k: fc.constant('dropEntry' as const), i: fc.nat(3) }),
  fc.record({ k: fc.constant('padEntry' as const), i: fc.nat(3), n: fc.integer({ min: 1, max: 40 }), fill: fc.constantFrom(0, 0x41, 0xff) }),
  fc.record({ k: fc.constant('overlapSections' as const), a: fc.nat(7), b: fc.nat(7) }),
  fc.record({ k: fc.constant('sectionOverTable' as const), s: fc.nat(7) }),
  fc.record({ k: fc.constant('tableIntoSection' as const), s: fc.nat(7) }),
);

export interface PeCase {
  base: number;
  op?: TableOp;
  muts: Mutation[];
}

export function peShape(fx: PeFixture): Shape {
  return {
    length: fx.bytes.length,
    boundaries: fx.boundaries,
    fields: fx.fields,
    values: [fx.tableOffset, fx.tableSize, fx.tableOffset + fx.tableSize, ...fx.entries.map((e) => e.offset), fx.sectionTable],
  };
}

function peCaseArb(fixtures: PeFixture[]): fc.Arbitrary<PeCase> {
  return fc.nat({ max: fixtures.length - 1 }).chain((base) =>
    fc.oneof(
      { weight: 5, arbitrary: mutationsArb(peShape(fixtures[base]!)).map((muts) => ({ base, muts })) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(tableOpArb, fc.array(fc.constant(null), { maxLength: 0 }))
          .map(([op]) => ({ base, op, muts: [] as Mutation[] })),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(tableOpArb, mutationsArb(peShape(fixtures[base]!), 2)).map(([op, muts]) => ({ base, op, muts })),
      },
    ),
  );
}

export function peCaseBytes(fixtures: PeFixture[], c: PeCase): Buffer {
  const fx = fixtures[c.base]!;
  const start = c.op ? applyTableOp(fx, c.op) : fx.bytes;
  return applyMutations(start, peShape(fx), c.muts);
}

// ------------------------------------------------------------------ the independent "valid" oracle

function derOuterLength(b: Buffer, pos: number): number | null {
  if (pos + 2 > b.length || b[pos] !== 0x30) return null;
  const first = b[pos + 1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || pos + 2 + n > b.length) return null;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[pos + 2 + i]!;
  return 2 + n + len;
}

/**
 * Reasons a "valid" verdict on `m` would be wrong, found without the verifier's code: bytes after the table,
 * covered bytes that differ from what was signed, data hidden after a PKCS#7 blob (strict mode).
 */
export function peValidOracle(m: Buffer, fx: PeFixture, alg: string): string | undefined {
  if (m.length < 0x40) return 'valid, but shorter than a DOS header';
  const lf = m.readUInt32LE(0x3c);
  if (lf + 26 > m.length) return 'valid, but e_lfanew points past the end';
  const opt = lf + 24;
  const magic = m.readUInt16LE(opt);
  if (magic !== 0x10b && magic !== 0x20b) return `valid, but optional header magic is 0x${magic.toString(16)}`;
  const cs = opt + 64;
  const sd = opt + (magic === 0x20b ? 112 : 96) + 32;
  if (sd + 8 > m.length) return 'valid, but the security directory entry is past the end';
  const t = m.readUInt32LE(sd);
  const size = m.readUInt32LE(sd + 4);
  if (t + size !== m.length) return `valid, but the certificate table (${t}+${size}) does not end the file (${m.length} bytes)`;
  if (t < sd + 8) return 'valid, but the certificate table starts inside the headers';
  const digest = fx.digests[alg as DigestAlgorithm];
  if (!digest) return `valid with digest algorithm ${alg}`;
  const ref = sha(alg as DigestAlgorithm, m.subarray(0, cs), m.subarray(cs + 4, sd), m.subarray(sd + 8, t));
  if (!ref.equals(digest)) return 'valid, but the bytes the Authenticode digest covers differ from the signed image';
  for (let p = 0; p < size; ) {
    const dw = m.readUInt32LE(t + p);
    const der = derOuterLength(m, t + p + 8);
    const entryEnd = p + roundUp8(dw);
    if (der !== null && dw >= 8) {
      const blobEnd = p + 8 + der;
      const alignedEnd = Math.min(roundUp8(blobEnd), entryEnd);
      if (entryEnd > alignedEnd || m.subarray(t + blobEnd, t + alignedEnd).some((x) => x !== 0)) {
        return `valid in strict mode, but WIN_CERTIFICATE at ${t + p} hides data after its PKCS#7 blob (CVE-2013-3900)`;
      }
    }
    if (dw < 8) break;
    p = entryEnd;
  }
  return undefined;
}

// ------------------------------------------------------------------ targets

export function peTarget(fixtures: Fixtures): Target<PeCase> {
  const pe = fixtures.pe;
  return {
    name: 'pe',
    api: 'verifyFile (PE)',
    arbitrary: peCaseArb(pe),
    ext: 'exe',
    bytes: (c) => peCaseBytes(pe, c),
    async run(c, bytes): Promise<CaseResult> {
      const fx = pe[c.base]!;
      const file = scratchFile('case.exe', bytes);
      const r = await verifyFileWithContext(file, fixtures.ctx);
      const outcome = r.verdict === 'valid' || r.verdict === 'unsigned' ? r.verdict : `${r.verdict}:${r.failures[0]?.code ?? '?'}`;
      if (r.verdict !== 'valid') return { outcome };
      const changed = firstSignedChange(fx.bytes, bytes, fx.signed);
      if (changed >= 0 && !c.op) return { outcome, falseValid: `signed byte at 0x${changed.toString(16)} changed and the file is still valid` };
      const why = peValidOracle(bytes, fx, String(r.signatures[0]?.digestAlgorithm));
      if (why) return { outcome, falseValid: why };
      return { outcome };
    },
  };
}

export function peLayoutTarget(fixtures: Fixtures): Target<PeCase> {
  const pe = fixtures.pe;
  return {
    name: 'pe-layout',
    api: 'readPeLayout / locateCertificateTable / parseCertificateTable / peDigestPlan',
    arbitrary: peCaseArb(pe),
    ext: 'exe',
    bytes: (c) => peCaseBytes(pe, c),
    async run(_c, m): Promise<CaseResult> {
      try {
        const layout = await readPeLayout(bufferAccess(m));
        const loc = locateCertificateTable(layout);
        let entries = 0;
        if (loc) {
          if (loc.offset + loc.size > m.length || loc.offset % 8 !== 0 || loc.offset < layout.sectionTableEnd) {
            return { outcome: 'located', falseValid: `certificate table located at ${loc.offset}+${loc.size} in a ${m.length}-byte file` };
          }
          for (const s of layout.sections) {
            if (s.sizeOfRawData > 0 && s.pointerToRawData < loc.offset + loc.size && s.pointerToRawData + s.sizeOfRawData > loc.offset) {
              return { outcome: 'located', falseValid: `certificate table overlaps section ${s.name} and was accepted` };
            }
          }
          const table = m.subarray(loc.offset, loc.offset + loc.size);
          entries = parseCertificateTable(table, loc.offset, { strict: true }).entries.length;
        }
        const plan = peDigestPlan(layout, loc?.offset ?? null);
        let prev = 0;
        for (const r of plan.ranges) {
          if (r.start < prev || r.end < r.start || r.end > m.length) return { outcome: 'plan', falseValid: `digest range ${r.start}..${r.end} out of order or past the end` };
          if (r.start < layout.checksumOffset + 4 && r.end > layout.checksumOffset) return { outcome: 'plan', falseValid: 'digest range covers the CheckSum field' };
          prev = r.end;
        }
        return { outcome: loc ? `signed:${Math.min(entries, 3)}` : 'unsigned' };
      } catch (e) {
        if (isVerifyError(e)) return { outcome: `VerifyError:${e.code}` };
        throw e;
      }
    },
  };
}

// ------------------------------------------------------------------ cert-table (generated tables)

export interface TableEntrySpec {
  body: number; // index into blobs, or -1 = random bytes
  random: Uint8Array;
  pad: number;
  padFill: number;
  lengthOverride: number | null;
  revision: number;
  type: number;
  alignFill: number;
}

export interface TableCase {
  entries: TableEntrySpec[];
  tail: Uint8Array;
  strict: boolean;
}

export function tableBytes(blobs: Buffer[], c: TableCase): Buffer {
  const parts: Buffer[] = [];
  for (const e of c.entries) {
    const body = e.body >= 0 ? blobs[e.body % blobs.length]! : Buffer.from(e.random);
    const content = Buffer.concat([body, Buffer.alloc(e.pad, e.padFill)]);
    const entry = Buffer.alloc(roundUp8(8 + content.length), e.alignFill);
    entry.writeUInt32LE((e.lengthOverride ?? 8 + content.length) >>> 0, 0);
    entry.writeUInt16LE(e.revision, 4);
    entry.writeUInt16LE(e.type, 6);
    content.copy(entry, 8);
    parts.push(entry);
  }
  parts.push(Buffer.from(c.tail));
  return Buffer.concat(parts);
}

export function certTableTarget(fixtures: Fixtures): Target<TableCase> {
  const blobs = fixtures.blobs.map((b) => b.blob);
  const sane: fc.Arbitrary<TableEntrySpec> = fc.record({
    body: fc.integer({ min: -1, max: blobs.length - 1 }),
    random: fc.uint8Array({ maxLength: 64 }),
    pad: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 24 })),
    padFill: fc.constantFrom(0, 0x41),
    lengthOverride: fc.constant(null),
    revision: fc.constantFrom(0x0200, 0x0100),
    type: fc.constant(2),
    alignFill: fc.constantFrom(0, 0, 0, 0x41),
  });
  const hostile: fc.Arbitrary<TableEntrySpec> = fc.record({
    body: fc.integer({ min: -1, max: blobs.length - 1 }),
    random: fc.uint8Array({ maxLength: 64 }),
    pad: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 })),
    padFill: fc.constantFrom(0, 0x41),
    lengthOverride: fc.option(fc.constantFrom(0, 1, 7, 8, 9, 16, 0x7fffffff, 0x80000000, 0xfffffff8, 0xffffffff), { freq: 2 }),
    revision: fc.constantFrom(0x0200, 0x0100, 0, 0x0201, 0xffff),
    type: fc.constantFrom(2, 1, 3, 0, 0xffff),
    alignFill: fc.constantFrom(0, 0x41),
  });
  const entry = fc.oneof({ weight: 4, arbitrary: sane }, { weight: 1, arbitrary: hostile });
  const arb: fc.Arbitrary<TableCase> = fc.record({
    entries: fc.array(entry, { minLength: 1, maxLength: 4 }),
    tail: fc.oneof({ weight: 4, arbitrary: fc.constant(new Uint8Array(0)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 16 }) }),
    strict: fc.boolean(),
  });
  return {
    name: 'cert-table',
    api: 'parseCertificateTable (WIN_CERTIFICATE)',
    arbitrary: arb,
    ext: 'bin',
    bytes: (c) => tableBytes(blobs, c),
    async run(c, table): Promise<CaseResult> {
      let parsed;
      try {
        parsed = parseCertificateTable(table, 0x1000, { strict: c.strict });
      } catch (e) {
        if (isVerifyError(e)) return { outcome: `VerifyError:${e.code}` };
        throw e;
      }
      // independent checks of an accepted table
      let p = 0;
      let hidden = false;
      for (const e of parsed.entries) {
        const dw = table.readUInt32LE(p);
        if (e.offset !== 0x1000 + p) return { outcome: 'accepted', falseValid: `entry offset ${e.offset} where the walk is at ${0x1000 + p}` };
        if (e.revision !== 0x200 && e.revision !== 0x100) return { outcome: 'accepted', falseValid: `revision 0x${e.revision.toString(16)} accepted` };
        if (e.type !== 2) return { outcome: 'accepted', falseValid: `type ${e.type} accepted` };
        const blobStart = e.blob.byteOffset - table.byteOffset;
        if (blobStart !== p + 8 || blobStart + e.blob.length > p + dw) return { outcome: 'accepted', falseValid: 'blob view outside its entry' };
        const der = derOuterLength(table, p + 8);
        if (der !== null && der <= dw - 8) {
          const blobEnd = p + 8 + der;
          const entryEnd = p + roundUp8(dw);
          const alignedEnd = Math.min(roundUp8(blobEnd), entryEnd);
          if (entryEnd > alignedEnd || table.subarray(blobEnd, alignedEnd).some((x) => x !== 0)) hidden = true;
        }
        p += roundUp8(dw);
      }
      if (p !== table.length) return { outcome: 'accepted', falseValid: `rounded lengths add up to ${p}, the table is ${table.length}` };
      const reported = parsed.failures.some((f) => f.code === 'PADDING_AFTER_SIGNATURE');
      if (c.strict && hidden && !reported) return { outcome: 'accepted', falseValid: 'data after a PKCS#7 blob not reported in strict mode (CVE-2013-3900)' };
      return { outcome: reported ? 'accepted:padding' : `accepted:${parsed.entries.length}` };
    },
  };
}
