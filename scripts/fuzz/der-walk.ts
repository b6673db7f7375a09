/**
 * A tiny DER walker for the fuzz harness, independent of src/authenticode/asn1.ts: it locates the signed
 * regions of the BASE fixtures (known-good DER) so the oracle does not trust the parser under test.
 */
export interface Tlv {
  tag: number;
  /** offset of the identifier octet */
  start: number;
  /** offset of the first content octet */
  contentStart: number;
  /** offset just past the content */
  end: number;
}

/** The TLV at `pos` (single-byte tags, definite lengths: what the fixtures use). Throws on anything else. */
export function tlvAt(buf: Uint8Array, pos: number): Tlv {
  const tag = buf[pos]!;
  let p = pos + 1;
  const first = buf[p++]!;
  let len = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw new Error(`der-walk: unsupported length form at ${pos}`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  const end = p + len;
  if (end > buf.length) throw new Error(`der-walk: element at ${pos} runs past the end`);
  return { tag, start: pos, contentStart: p, end };
}

export function children(buf: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = t.contentStart; p < t.end; ) {
    const c = tlvAt(buf, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function nth(buf: Uint8Array, t: Tlv, i: number): Tlv {
  const c = children(buf, t)[i];
  if (!c) throw new Error(`der-walk: no child ${i} at ${t.start}`);
  return c;
}

/** Dotted OID of an OBJECT IDENTIFIER TLV. */
export function oidOf(buf: Uint8Array, t: Tlv): string {
  const arcs: number[] = [];
  let v = 0;
  for (let i = t.contentStart; i < t.end; i++) {
    v = v * 128 + (buf[i]! & 0x7f);
    if (!(buf[i]! & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  const first = arcs.shift()!;
  return [first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80, ...arcs].join('.');
}

export type Region = readonly [number, number];

export interface SignedRegions {
  /** SpcIndirectDataContent TLV (what messageDigest covers), the signed attributes TLV, the signature OCTET STRING */
  signer: Region[];
  /** the timestamp's signed parts (TSTInfo and its token's signed attributes + signature, or the PKCS#9 counter-signature's) */
  timestamp: Region[];
  /** the SignerInfo's signature value (what the timestamp stamps) */
  signatureValue: Region;
  /** the SignerInfo's unsigned attributes TLV (timestamp, nested signatures), when present */
  unsignedAttrs?: Region;
}

const RFC3161 = '1.3.6.1.4.1.311.3.3.1';
const PKCS9_COUNTER = '1.2.840.113549.1.9.6';

/** SignerInfo → [signedAttrs TLV, signature TLV] regions and the unsigned attributes TLV (if any). */
function signerInfoParts(buf: Uint8Array, si: Tlv): { signedAttrs: Tlv; signature: Tlv; unsigned?: Tlv } {
  const kids = children(buf, si);
  const sa = kids.findIndex((k) => k.tag === 0xa0);
  if (sa < 0) throw new Error('der-walk: SignerInfo without signed attributes');
  return { signedAttrs: kids[sa]!, signature: kids[sa + 2]!, unsigned: kids.find((k) => k.tag === 0xa1) };
}

/** Signed regions of an Authenticode ContentInfo(SignedData) blob (offsets inside `blob`). */
export function signedRegions(blob: Uint8Array): SignedRegions {
  const ci = tlvAt(blob, 0);
  const sd = nth(blob, nth(blob, ci, 1), 0);
  const sdKids = children(blob, sd);
  const encap = sdKids[2]!;
  const spc = nth(blob, nth(blob, encap, 1), 0);
  const signerInfos = sdKids[sdKids.length - 1]!;
  const si = nth(blob, signerInfos, 0);
  const parts = signerInfoParts(blob, si);
  const timestamp: Region[] = [];
  if (parts.unsigned) {
    for (const attr of children(blob, parts.unsigned)) {
      const type = oidOf(blob, nth(blob, attr, 0));
      const value = nth(blob, nth(blob, attr, 1), 0);
      if (type === RFC3161) {
        const tsd = nth(blob, nth(blob, value, 1), 0);
        const tk = children(blob, tsd);
        const tst = nth(blob, nth(blob, tk[2]!, 1), 0);
        const tsi = signerInfoParts(blob, nth(blob, tk[tk.length - 1]!, 0));
        timestamp.push([tst.start, tst.end], [tsi.signedAttrs.start, tsi.signedAttrs.end], [tsi.signature.start, tsi.signature.end]);
      } else if (type === PKCS9_COUNTER) {
        const csi = signerInfoParts(blob, value);
        timestamp.push([csi.signedAttrs.start, csi.signedAttrs.end], [csi.signature.start, csi.signature.end]);
      }
    }
  }
  return {
    signer: [
      [spc.start, spc.end],
      [parts.signedAttrs.start, parts.signedAttrs.end],
      [parts.signature.start, parts.signature.end],
    ],
    timestamp,
    signatureValue: [parts.signature.contentStart, parts.signature.end],
    ...(parts.unsigned ? { unsignedAttrs: [parts.unsigned.start, parts.unsigned.end] as Region } : {}),
  };
}

