/**
 * ASN.1 / PKCS#7 targets.
 *   asn1         parseDer + every typed accessor on every node, parseSignedDataContentInfo, certFacts on bag
 *                certificates: mutated valid blobs, deeply nested elements, huge and long-form lengths, high
 *                tag numbers, random bytes. Only VerifyError and the DER layer's DerError may leave.
 *   signed-data  verifyPkcs7Signature on mutated Authenticode blobs (digest source = the signed image's
 *                digests). Never throws; never "valid" when a signed byte changed.
 *   timestamp    the same, with mutations confined to the unsigned attributes (the RFC 3161 token or PKCS#9
 *                counter-signature). Verification time is after the 72-hour leaf expired, so the timestamp
 *                is relied on: a change to its signed parts must not leave the signature valid.
 */
import { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import {
  type Asn1Node,
  parseDer,
  readBitString,
  readBoolean,
  readInteger,
  readOctetString,
  readOid,
  readSmallInt,
  readString,
  readTime,
} from '../../../src/authenticode/der/asn1';
import { buildChain } from '../../../src/authenticode/trust/chain';
import { certFacts, toX509 } from '../../../src/authenticode/trust/certificates';
import { verifyErrorOf, type VerifyError } from '../../../src/authenticode/errors';

/** The typed errors that may leave: the verifier's VerifyError, and the DER layer's own DerError (der/errors.ts), read as the verifier reads it (verifyErrorOf). */
const isTypedError = (e: unknown): e is VerifyError => verifyErrorOf(e) !== undefined;
import { parseSignedDataContentInfo, parseSpcIndirectData } from '../../../src/authenticode/pkcs7/signed-data';
import { verifyPkcs7Signature } from '../../../src/authenticode/signature';
import type { DigestAlgorithm, DigestSource } from '../../../src/authenticode/types';
import { nth, signedRegions, tlvAt } from '../der-walk';
import type { BlobFixture, Fixtures } from '../fixtures';
import { applyMutations, changedPositions, firstSignedChange, type Mutation, mutationsArb, type Shape } from '../mutate';
import type { CaseResult, Target } from '../runner';

// ------------------------------------------------------------------ generated DER

/** Definite-length TLV. */
function tlv(tag: number, content: Uint8Array): Buffer {
  const n = content.length;
  let len: number[];
  if (n < 0x80) len = [n];
  else if (n < 0x100) len = [0x81, n];
  else if (n < 0x10000) len = [0x82, n >> 8, n & 0xff];
  else len = [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), content]);
}

export type DerGen =
  | { k: 'nested'; depth: number; tag: number; leaf: Uint8Array }
  | { k: 'hugeLength'; tag: number; lenBytes: number[]; body: Uint8Array }
  | { k: 'highTag'; tagBytes: number[]; body: Uint8Array }
  | { k: 'wide'; count: number; item: Uint8Array }
  | { k: 'random'; bytes: Uint8Array }
  | { k: 'prims'; items: { tag: number; body: Uint8Array }[] };

const PRIM_TAGS = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x12, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1a, 0x1c, 0x1e, 0x80, 0x81];

export const derGenArb: fc.Arbitrary<DerGen> = fc.oneof(
  fc.record({
    k: fc.constant('nested' as const),
    depth: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constantFrom(47, 48, 49, 50, 1000, 5000)),
    tag: fc.constantFrom(0x30, 0x31, 0xa0, 0xa1, 0x24),
    leaf: fc.uint8Array({ maxLength: 8 }),
  }),
  fc.record({
    k: fc.constant('hugeLength' as const),
    tag: fc.constantFrom(0x30, 0x04, 0x02, 0xa0),
    lenBytes: fc.oneof(
      fc.constantFrom<number[][]>([0x84, 0xff, 0xff, 0xff, 0xff], [0x84, 0x7f, 0xff, 0xff, 0xff], [0x85, 1, 0, 0, 0, 0], [0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x80], [0xff], [0x82, 0, 1], [0x81, 0x05]),
      fc.array(fc.nat(255), { minLength: 1, maxLength: 9 }),
    ),
    body: fc.uint8Array({ maxLength: 32 }),
  }),
  fc.record({
    k: fc.constant('highTag' as const),
    tagBytes: fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 6 }).map((a) => [0x1f | 0xa0, ...a, 0x01]),
    body: fc.uint8Array({ maxLength: 16 }),
  }),
  fc.record({ k: fc.constant('wide' as const), count: fc.constantFrom(1, 100, 10_000, 70_000), item: fc.constantFrom(Buffer.from([0x05, 0x00]), Buffer.from([0x30, 0x00]), Buffer.from([0x02, 0x01, 0x00])) }),
  fc.record({ k: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 256 }) }),
  fc.record({
    k: fc.constant('prims' as const),
    items: fc.array(fc.record({ tag: fc.constantFrom(...PRIM_TAGS), body: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(Buffer.from('991231235959Z'), Buffer.from('20240230120000Z'), Buffer.from('20241231235960.5Z'), Buffer.from([0x2a, 0x86, 0x48]), Buffer.from([0x80, 0x01]), Buffer.alloc(600, 0xff))) }), { minLength: 1, maxLength: 8 }),
  }),
);

export function derGenBytes(g: DerGen): Buffer {
  switch (g.k) {
    case 'nested': {
      let inner: Buffer = tlv(0x04, g.leaf);
      for (let i = 0; i < g.depth; i++) inner = tlv(g.tag, inner);
      return inner;
    }
    case 'hugeLength':
      return Buffer.concat([Buffer.from([g.tag, ...g.lenBytes]), g.body]);
    case 'highTag':
      return Buffer.concat([Buffer.from([...g.tagBytes, g.body.length & 0x7f]), g.body]);
    case 'wide':
      return tlv(0x30, Buffer.concat(Array.from({ length: g.count }, () => g.item)));
    case 'random':
      return Buffer.from(g.bytes);
    case 'prims':
      return tlv(0x30, Buffer.concat(g.items.map((x) => tlv(x.tag, x.body))));
  }
}

/** Exercise every typed accessor on every node (each may only throw a typed error: DerError or VerifyError). */
function touchAll(root: Asn1Node, limit = 500): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0 && n < limit) {
    const node = stack.pop()!;
    n++;
    for (const f of [readOid, readInteger, readOctetString, readBitString, readBoolean, readTime, readString, (x: Asn1Node) => readSmallInt(x, 'v', 1000)] as ((x: Asn1Node) => unknown)[]) {
      try {
        f(node);
      } catch (e) {
        if (!isTypedError(e)) throw e;
      }
    }
    stack.push(...node.children);
  }
  return n;
}

// ------------------------------------------------------------------ asn1 target

export type Asn1Case = { k: 'gen'; g: DerGen } | { k: 'mut'; blob: number; muts: Mutation[] } | { k: 'cert'; blob: number; cert: number; muts: Mutation[] };

function blobShape(b: BlobFixture): Shape {
  return { length: b.blob.length, boundaries: b.boundaries, fields: [] };
}

/** DER of the certificates in a blob's bag (by a light walk of the known-good base). */
function bagCertificates(blob: Buffer): Buffer[] {
  const sd = parseSignedDataContentInfo(blob);
  return sd.certificates.map((c) => Buffer.from(c.raw));
}

export function asn1Target(fixtures: Fixtures): Target<Asn1Case> {
  const blobs = fixtures.blobs;
  const certs = blobs.map((b) => bagCertificates(b.blob));
  const certShapes = certs.map((list) => list.map((c) => ({ length: c.length, boundaries: [0, 4, 8, c.length >> 1, c.length - 260, c.length], fields: [] }) as Shape));
  const arb: fc.Arbitrary<Asn1Case> = fc.oneof(
    { weight: 3, arbitrary: derGenArb.map((g) => ({ k: 'gen' as const, g })) },
    {
      weight: 4,
      arbitrary: fc.nat({ max: blobs.length - 1 }).chain((blob) => mutationsArb(blobShape(blobs[blob]!)).map((muts) => ({ k: 'mut' as const, blob, muts }))),
    },
    {
      weight: 2,
      arbitrary: fc
        .nat({ max: blobs.length - 1 })
        .chain((blob) => fc.nat({ max: certs[blob]!.length - 1 }).chain((cert) => mutationsArb(certShapes[blob]![cert]!, 3).map((muts) => ({ k: 'cert' as const, blob, cert, muts })))),
    },
  );
  const bytes = (c: Asn1Case): Buffer => {
    if (c.k === 'gen') return derGenBytes(c.g);
    if (c.k === 'mut') return applyMutations(blobs[c.blob]!.blob, blobShape(blobs[c.blob]!), c.muts);
    return applyMutations(certs[c.blob]![c.cert]!, certShapes[c.blob]![c.cert]!, c.muts);
  };
  return {
    name: 'asn1',
    api: 'parseDer + typed readers, parseSignedDataContentInfo, certFacts, toX509, buildChain',
    arbitrary: arb,
    ext: 'der',
    bytes,
    async run(c, input): Promise<CaseResult> {
      const parts: string[] = [];
      try {
        const root = parseDer(input, { allowTrailing: true });
        touchAll(root);
        parts.push('der');
      } catch (e) {
        if (!isTypedError(e)) throw e;
        parts.push(`der!${verifyErrorOf(e)!.code}`);
      }
      if (c.k !== 'cert') {
        try {
          const sd = parseSignedDataContentInfo(input);
          try {
            parseSpcIndirectData(sd);
          } catch (e) {
            if (!isTypedError(e)) throw e;
          }
          for (const cert of sd.certificates) {
            try {
              certFacts(cert);
            } catch (e) {
              if (!isTypedError(e)) throw e;
            }
          }
          parts.push('sd');
        } catch (e) {
          if (!isTypedError(e)) throw e;
          parts.push('sd!');
        }
      } else {
        // a mutated certificate: node may accept it; certFacts and chain building must cope
        let x: X509Certificate | undefined;
        try {
          x = toX509(input);
        } catch (e) {
          if (!isTypedError(e)) throw e;
          parts.push(`x509!${verifyErrorOf(e)!.code}`);
        }
        if (x) {
          try {
            certFacts(x);
            parts.push('facts');
          } catch (e) {
            if (!isTypedError(e)) throw e;
            parts.push('facts!');
          }
          const r = buildChain({ leaf: x, pool: [x, ...fixtures.ctx.trust], anchors: fixtures.ctx.trust, at: fixtures.ctx.at, purpose: 'codeSigning' });
          if (r.ok && r.path.length > 1 && c.k === 'cert') {
            // a certificate whose signed part (TBSCertificate) changed cannot chain to an anchor without its key
            const base = certs[c.blob]![c.cert]!;
            const tbs = nth(base, tlvAt(base, 0), 0);
            const changed = changedPositions(base, input);
            if (changed === null || changed.some((i) => i >= tbs.start && i < tbs.end)) {
              return { outcome: 'chain-ok', falseValid: 'a certificate with a changed TBSCertificate built a valid chain to a trust anchor' };
            }
          }
          parts.push(r.ok ? 'chain-ok' : `chain!${r.failures[0]?.code}`);
        }
      }
      return { outcome: parts.join(',') };
    },
  };
}

// ------------------------------------------------------------------ signed-data / timestamp targets

export interface SigCase {
  blob: number;
  muts: Mutation[];
}

function source(digests: Record<DigestAlgorithm, Buffer>): DigestSource {
  return { digest: async (alg) => digests[alg] };
}

function sigTarget(fixtures: Fixtures, name: 'signed-data' | 'timestamp'): Target<SigCase> {
  const blobs = fixtures.blobs;
  const shapes: Shape[] = blobs.map((b) => {
    if (name === 'signed-data') return blobShape(b);
    const r = signedRegions(b.blob).unsignedAttrs!;
    const inside = b.boundaries.filter((x) => x >= r[0] && x <= r[1]);
    // positions confined to the unsigned attributes: a shape over that window, shifted when applied
    return { length: b.blob.length, boundaries: inside, fields: [] };
  });
  const confine = (b: BlobFixture, muts: Mutation[]): Mutation[] => {
    if (name === 'signed-data') return muts;
    const [a, z] = signedRegions(b.blob).unsignedAttrs!;
    const span = z - a;
    const at = (x: number): number => a + (x % span);
    return muts.map((m) => {
      switch (m.k) {
        case 'flip':
        case 'set':
        case 'insert':
        case 'delete':
          return { ...m, at: at(m.at) };
        case 'copy':
          return { ...m, from: at(m.from), to: at(m.to) };
        case 'truncate':
          return { ...m, at: at(m.at) };
        default:
          return m;
      }
    });
  };
  const arb = fc
    .nat({ max: blobs.length - 1 })
    .chain((blob) => mutationsArb(shapes[blob]!, 3).map((muts) => ({ blob, muts: confine(blobs[blob]!, muts) })));
  return {
    name,
    api: name === 'signed-data' ? 'verifyPkcs7Signature (SignedData, SignerInfo, chain)' : 'verifyPkcs7Signature (RFC 3161 / PKCS#9 timestamps)',
    arbitrary: arb,
    ext: 'p7b',
    bytes: (c) => applyMutations(blobs[c.blob]!.blob, shapes[c.blob]!, c.muts),
    async run(c, m): Promise<CaseResult> {
      const b = blobs[c.blob]!;
      const reports = await verifyPkcs7Signature(m, source(b.digests), fixtures.ctx, b.kind, 0);
      const primary = reports[0];
      if (!primary) return { outcome: 'no-report', escape: 'verifyPkcs7Signature returned no report' };
      const outcome = primary.valid ? `valid${primary.timestamp ? '+ts' : ''}` : `invalid:${primary.failures[0]?.code ?? '?'}`;
      if (!primary.valid) return { outcome };
      const changed = firstSignedChange(b.blob, m, b.signed);
      if (changed >= 0) return { outcome, falseValid: `signed byte ${changed} of the PKCS#7 blob changed and the signature is still valid` };
      if (!primary.digestMatches) return { outcome, falseValid: 'valid without digestMatches' };
      if (!primary.timestamp) return { outcome, falseValid: 'valid after the leaf expired without a timestamp' };
      // every signed region of the base must still be present, byte for byte
      const regions = signedRegions(b.blob);
      for (const [x, y] of [...regions.signer, ...regions.timestamp]) {
        if (m.indexOf(b.blob.subarray(x, y)) < 0) return { outcome, falseValid: `valid, but the signed region ${x}..${y} of the base is gone` };
      }
      return { outcome };
    },
  };
}

export const signedDataTarget = (f: Fixtures): Target<SigCase> => sigTarget(f, 'signed-data');
export const timestampTarget = (f: Fixtures): Target<SigCase> => sigTarget(f, 'timestamp');
