/**
 * A bounds-checked DER reader. Each node keeps its tag, its header and content offsets and a view of the
 * ORIGINAL bytes, so whatever was signed is hashed as it was received, never re-encoded.
 *
 * Limits: nesting depth (MAX_DEPTH), node count (MAX_NODES), lengths checked against the enclosing
 * element before any view is taken, indefinite lengths rejected (Authenticode is DER; the real Trusted
 * Signing samples in samples/real are DER throughout). Every problem is a DerError (./errors.ts) carrying the
 * caller's failure code (ParseOptions.code), which the verifier maps to its own (../errors.ts).
 * A big SEQUENCE OF (a catalog's members) is not held as one tree: the parse can leave a node `opaque`
 * (ParseOptions.opaque), whose children are then read one at a time (derChildren, each under the element
 * bound of its own) or checked without building nodes (checkDerContent, linear time, memory in the depth).
 */
import { DerError } from './errors';

export type Asn1Class = 'universal' | 'application' | 'context' | 'private';

export interface Asn1Node {
  cls: Asn1Class;
  constructed: boolean;
  tagNumber: number;
  /** the first identifier octet (e.g. 0x30 SEQUENCE, 0xa0 [0] constructed); for high tag numbers, 0x1f-form */
  tag: number;
  /** offset of the identifier octet within the buffer given to parseDer */
  offset: number;
  headerLength: number;
  /** content length */
  length: number;
  /** the whole TLV: a view of the original bytes */
  bytes: Uint8Array;
  /** the content octets: a view of the original bytes */
  content: Uint8Array;
  /** parsed children of a constructed node (empty for primitives) */
  children: Asn1Node[];
  depth: number;
  /** set when the parse left this constructed node's children unread (ParseOptions.opaque); read them with derChildren */
  opaque?: true;
}

export const MAX_DEPTH = 48;
export const MAX_NODES = 200_000;

export interface ParseOptions {
  /** failure code the caller wants problems reported under (carried by DerError; none: the verifier's MALFORMED_SIGNATURE) */
  code?: string;
  /** what is being parsed, for messages */
  what?: string;
  /** allow bytes after the first element (default false) */
  allowTrailing?: boolean;
  maxDepth?: number;
  /**
   * Called for each constructed node before its children are read, with its parents (outermost first, each
   * holding the children read so far): true leaves the node's children unread (`opaque`, children []). Its
   * bytes are still checked to lie inside the parent; its content is read later with derChildren (one child
   * at a time), or checked with checkDerContent. This keeps big SEQUENCE OFs (a catalog's members) from being
   * held as one tree.
   */
  opaque?: (node: Asn1Node, parents: readonly Asn1Node[]) => boolean;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8String: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PrintableString: 0x13,
  T61String: 0x14,
  IA5String: 0x16,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
  UniversalString: 0x1c,
  BMPString: 0x1e,
} as const;

const CLASSES: Asn1Class[] = ['universal', 'application', 'context', 'private'];

/** One TLV's header as read in place: identifier octet, tag number, header length and content length. */
export interface TlvHeader {
  id: number;
  tagNumber: number;
  headerLength: number;
  length: number;
}

function tlvFail(code: string | undefined, what: string, msg: string, offset: number): never {
  throw new DerError(code, `${what}: ${msg} at offset ${offset}`);
}

/**
 * The one TLV header decoder: the identifier and length octets of the TLV at `pos` of `buf`, which must end at or
 * before `end`, written into `out` (reused by loops over many elements: no object per element; callers copy what
 * they need before reading another). DER only: definite lengths of at most 4 octets, tag numbers of at most 4
 * octets. Throws DerError(`code`, "`what`: … at offset N").
 */
export function readTlvHeader(buf: Uint8Array, pos: number, end: number, out: TlvHeader, code: string | undefined, what: string): TlvHeader {
  const start = pos;
  if (pos >= end) tlvFail(code, what, 'element expected but data ended', pos);
  const id = buf[pos++]!;
  let tagNumber = id & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (i >= 4) tlvFail(code, what, 'tag number too long', start);
      if (pos >= end) tlvFail(code, what, 'truncated tag', start);
      const b = buf[pos++]!;
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= end) tlvFail(code, what, 'truncated length', start);
  const first = buf[pos++]!;
  let length = 0;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    tlvFail(code, what, 'indefinite length (BER) is not DER', start);
  } else {
    const n = first & 0x7f;
    if (n > 4) tlvFail(code, what, `length of ${n} octets is too large`, start);
    if (pos + n > end) tlvFail(code, what, 'truncated length', start);
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++]!;
  }
  const headerLength = pos - start;
  if (length > end - pos) tlvFail(code, what, `length ${length} runs past the end of its container (${end - pos} bytes left)`, start);
  out.id = id;
  out.tagNumber = tagNumber;
  out.headerLength = headerLength;
  out.length = length;
  return out;
}

class Reader {
  nodes = 0;
  private readonly parents: Asn1Node[] = [];
  /** the last header read (reused: no object per element; callers copy what they need before reading another) */
  private readonly h: TlvHeader = { id: 0, tagNumber: 0, headerLength: 0, length: 0 };
  constructor(
    readonly buf: Uint8Array,
    readonly code: string | undefined,
    readonly what: string,
    readonly maxDepth: number,
    readonly opaque?: ParseOptions['opaque'],
  ) {}

  fail(msg: string, offset: number): never {
    throw new DerError(this.code, `${this.what}: ${msg} at offset ${offset}`);
  }

  /** The identifier and length octets of the TLV at `pos`, which must end at or before `end`. */
  header(pos: number, end: number): TlvHeader {
    return readTlvHeader(this.buf, pos, end, this.h, this.code, this.what);
  }

  /** Parse one TLV starting at `pos`, which must end at or before `end`. */
  node(pos: number, end: number, depth: number): Asn1Node {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`, pos);
    if (++this.nodes > MAX_NODES) this.fail(`more than ${MAX_NODES} elements`, pos);
    const start = pos;
    const { id, tagNumber, headerLength, length } = this.header(pos, end);
    pos += headerLength;
    const constructed = (id & 0x20) !== 0;
    const contentEnd = pos + length;
    const node: Asn1Node = {
      cls: CLASSES[id >> 6]!,
      constructed,
      tagNumber,
      tag: id,
      offset: start,
      headerLength,
      length,
      bytes: this.buf.subarray(start, contentEnd),
      content: this.buf.subarray(pos, contentEnd),
      children: [],
      depth,
    };
    if (constructed) {
      if (this.opaque?.(node, this.parents)) {
        node.opaque = true;
        return node;
      }
      this.parents.push(node);
      let p = pos;
      while (p < contentEnd) {
        const child = this.node(p, contentEnd, depth + 1);
        node.children.push(child);
        p = child.offset + child.headerLength + child.length;
      }
      this.parents.pop();
    }
    return node;
  }

  /**
   * Check the TLVs in [pos, end) (and everything inside the constructed ones) without building nodes: time
   * linear in the bytes, memory in the depth. Returns the number of elements seen.
   */
  check(pos: number, end: number, depth: number): number {
    let count = 0;
    while (pos < end) {
      if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`, pos);
      const h = this.header(pos, end);
      const contentStart = pos + h.headerLength;
      const contentEnd = contentStart + h.length;
      count++;
      if (h.id & 0x20) count += this.check(contentStart, contentEnd, depth + 1);
      pos = contentEnd;
    }
    return count;
  }
}

/** Parse a DER element (and, recursively, every constructed element inside it). */
export function parseDer(input: Uint8Array, opts: ParseOptions = {}): Asn1Node {
  const r = new Reader(input, opts.code, opts.what ?? 'ASN.1', opts.maxDepth ?? MAX_DEPTH, opts.opaque);
  const node = r.node(0, input.length, 0);
  const used = node.headerLength + node.length;
  if (!opts.allowTrailing && used !== input.length) r.fail(`${input.length - used} unexpected bytes after the element`, used);
  return node;
}

/**
 * The children of a constructed node, parsed one at a time (each with its own element bound, as a parseDer of
 * its own): for an `opaque` node whose children are many (a catalog's members), so that only one child's tree
 * is held at once. Offsets of the yielded nodes are relative to the node's content; depth counts from the node.
 */
export function* derChildren(node: Asn1Node, opts: ParseOptions = {}): Generator<Asn1Node> {
  const content = node.content;
  let pos = 0;
  while (pos < content.length) {
    const r = new Reader(content, opts.code, opts.what ?? 'ASN.1', opts.maxDepth ?? MAX_DEPTH - node.depth - 1, opts.opaque);
    const child = r.node(pos, content.length, 0);
    pos = child.offset + child.headerLength + child.length;
    yield child;
  }
}

/**
 * The elements of `content`, one level deep: each is checked to lie inside `content`, constructed ones are left
 * `opaque` (their insides unread, children []), to be read on their own later. For structures read level by level
 * (a CRL of millions of entries never becomes one tree).
 */
export function shallowElements(content: Uint8Array, opts: ParseOptions = {}): Asn1Node[] {
  const r = new Reader(content, opts.code, opts.what ?? 'ASN.1', opts.maxDepth ?? MAX_DEPTH, () => true);
  const out: Asn1Node[] = [];
  let pos = 0;
  while (pos < content.length) {
    const n = r.node(pos, content.length, 0);
    out.push(n);
    pos = n.offset + n.headerLength + n.length;
  }
  return out;
}

/**
 * Checks that `content` is a run of well-formed DER elements (definite lengths inside their containers, depth
 * at most `maxDepth`), without building nodes: linear time, memory proportional to the depth. Returns the
 * number of elements. Throws DerError as parseDer does.
 */
export function checkDerContent(content: Uint8Array, opts: ParseOptions = {}): number {
  const r = new Reader(content, opts.code, opts.what ?? 'ASN.1', opts.maxDepth ?? MAX_DEPTH);
  return r.check(0, content.length, 0);
}

// ---------------------------------------------------------------- typed accessors

function failNode(node: Asn1Node | undefined, what: string, msg: string): never {
  throw new DerError(undefined, `${what}: ${msg}${node ? ` (tag 0x${node.tag.toString(16)} at offset ${node.offset})` : ''}`);
}

/** Check the node's first identifier octet. */
export function expectTag(node: Asn1Node | undefined, tag: number, what: string): Asn1Node {
  if (!node) failNode(node, what, 'missing');
  if (node.tag !== tag) failNode(node, what, `expected tag 0x${tag.toString(16)}`);
  return node;
}

/** The i-th child, which must exist (and have `tag` when given). */
export function child(node: Asn1Node, i: number, what: string, tag?: number): Asn1Node {
  const c = node.children[i];
  if (!c) failNode(node, what, `element ${i} missing`);
  if (tag !== undefined && c.tag !== tag) failNode(c, what, `expected tag 0x${tag.toString(16)}`);
  return c;
}

export function isContext(node: Asn1Node | undefined, n: number): boolean {
  return !!node && node.cls === 'context' && node.tagNumber === n;
}

export function readOid(node: Asn1Node | undefined, what = 'OBJECT IDENTIFIER'): string {
  const n = expectTag(node, TAG.OID, what);
  const c = n.content;
  if (c.length === 0 || c.length > 128) failNode(n, what, 'bad length');
  const arcs: Array<number | bigint> = [];
  // arcs are numbers while they stay exact (below 2^46 before the next 7 bits), BigInt beyond
  let v: number | bigint = 0;
  let started = false;
  for (let i = 0; i < c.length; i++) {
    const b = c[i]!;
    if (!started && b === 0x80) failNode(n, what, 'non-minimal arc');
    started = true;
    if (typeof v === 'number' && v >= 2 ** 46) v = BigInt(v);
    v = typeof v === 'number' ? v * 128 + (b & 0x7f) : (v << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(v);
      v = 0;
      started = false;
    } else if (i === c.length - 1) {
      failNode(n, what, 'truncated arc');
    }
  }
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, Number(first) - 40] : [2, typeof first === 'number' ? first - 80 : first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

export function readInteger(node: Asn1Node | undefined, what = 'INTEGER'): bigint {
  const n = expectTag(node, TAG.INTEGER, what);
  const c = n.content;
  if (c.length === 0) failNode(n, what, 'empty');
  if (c.length > 512) failNode(n, what, 'too long');
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  if (c[0]! & 0x80) v -= 1n << BigInt(c.length * 8);
  return v;
}

/** An INTEGER that must fit a small non-negative number (versions, path lengths). */
export function readSmallInt(node: Asn1Node | undefined, what = 'INTEGER', max = 0x7fffffff): number {
  const v = readInteger(node, what);
  if (v < 0n || v > BigInt(max)) failNode(node, what, `value ${v} out of range`);
  return Number(v);
}

export function readOctetString(node: Asn1Node | undefined, what = 'OCTET STRING'): Uint8Array {
  return expectTag(node, TAG.OCTET_STRING, what).content;
}

export function readBitString(node: Asn1Node | undefined, what = 'BIT STRING'): { unusedBits: number; bytes: Uint8Array } {
  const n = expectTag(node, TAG.BIT_STRING, what);
  if (n.content.length === 0) failNode(n, what, 'empty');
  const unusedBits = n.content[0]!;
  if (unusedBits > 7 || (n.content.length === 1 && unusedBits !== 0)) failNode(n, what, 'bad unused-bits count');
  return { unusedBits, bytes: n.content.subarray(1) };
}

export function readBoolean(node: Asn1Node | undefined, what = 'BOOLEAN'): boolean {
  const n = expectTag(node, TAG.BOOLEAN, what);
  if (n.content.length !== 1) failNode(n, what, 'bad length');
  return n.content[0] !== 0;
}

function digits(s: string, from: number, len: number): number {
  const part = s.slice(from, from + len);
  if (!/^[0-9]+$/.test(part) || part.length !== len) return NaN;
  return Number(part);
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSS[.f+]Z) to a Date. */
export function readTime(node: Asn1Node | undefined, what = 'time'): Date {
  if (!node) failNode(node, what, 'missing');
  const s = Buffer.from(node.content).toString('latin1');
  let year: number;
  let rest: number;
  if (node.tag === TAG.UTCTime) {
    if (!/^[0-9]{12}Z$/.test(s)) failNode(node, what, `bad UTCTime "${s.slice(0, 20)}"`);
    const yy = digits(s, 0, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = 2;
  } else if (node.tag === TAG.GeneralizedTime) {
    if (!/^[0-9]{14}(\.[0-9]{1,9})?Z$/.test(s)) failNode(node, what, `bad GeneralizedTime "${s.slice(0, 24)}"`);
    year = digits(s, 0, 4);
    rest = 4;
  } else {
    failNode(node, what, 'not a time');
  }
  const month = digits(s, rest, 2);
  const day = digits(s, rest + 2, 2);
  const hour = digits(s, rest + 4, 2);
  const minute = digits(s, rest + 6, 2);
  const second = digits(s, rest + 8, 2);
  let ms = 0;
  const dot = s.indexOf('.');
  if (dot >= 0) ms = Math.floor(Number('0' + s.slice(dot, s.length - 1)) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    failNode(node, what, `out-of-range time "${s}"`);
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  if (d.getUTCDate() !== day) failNode(node, what, `no such date "${s}"`);
  return d;
}

/** A directory-string value as text (UTF8, Printable, IA5, T61 as latin1, BMP, Universal). */
export function readString(node: Asn1Node | undefined, what = 'string'): string {
  if (!node) failNode(node, what, 'missing');
  const c = Buffer.from(node.content);
  switch (node.tag) {
    case TAG.UTF8String:
      return c.toString('utf8');
    case TAG.PrintableString:
    case TAG.IA5String:
    case TAG.T61String:
    case 0x1a: // VisibleString
    case 0x12: // NumericString
      return c.toString('latin1');
    case TAG.BMPString: {
      if (c.length % 2) failNode(node, what, 'odd BMPString length');
      const swapped = Buffer.from(c);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    case TAG.UniversalString: {
      if (c.length % 4) failNode(node, what, 'bad UniversalString length');
      let out = '';
      for (let i = 0; i < c.length; i += 4) out += String.fromCodePoint(Math.min(c.readUInt32BE(i), 0x10ffff));
      return out;
    }
    default:
      return c.toString('hex');
  }
}

/** Byte equality of two views. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
