/**
 * Issue 22 item 8: a correctly signed catalog with 10 000 members was "invalid: MALFORMED_SIGNATURE" (the
 * 200 000-element ASN.1 bound of one parse was reached long before the documented 500 000-member limit). The
 * CTL is now never held as one tree: the signature checks it streamed (checkDerContent) and the membership
 * reader walks the members one at a time (derChildren). Catalogs are built here and signed with the test PKI
 * (tests/helpers: pki, der, the Authenticode builder's SignerInfo), no external tool.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MAX_CATALOG_MEMBERS, parseCatalogMembers } from '../../../src/authenticode/formats/catalog';
import { checkDerContent, MAX_NODES, parseDer } from '../../../src/authenticode/der/asn1';
import { OID } from '../../../src/authenticode/der/oids';
import { buildSignerInfo } from '../../helpers/authenticode-builder';
import * as der from '../../helpers/der';
import { issuersOf, TIMES } from '../../helpers/pki';
import { codes, ctl, ours, pki, unsignedCatalog, writeTemp, type MemberSpec } from './formats-kit';
import { bestOfThree } from '../../helpers/timing';

const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();
/** generous under load on two shared cores */
const BOUND_MS = 15_000;

/** A catalog over `ctlDer`, signed by the test leaf (contentType szOID_CTL, messageDigest over the CTL's content octets). */
function signCatalog(ctlDer: Buffer): Buffer {
  const signedAttrs = [
    der.seq(der.oid(OID.contentType), der.set(der.oid(OID.ctl))),
    der.seq(der.oid(OID.signingTime), der.set(der.time(TIMES.signing))),
    der.seq(der.oid(OID.messageDigest), der.set(der.octets(sha256(der.contentOf(ctlDer))))),
  ];
  const si = buildSignerInfo({ signer: pki.leaf, digestAlgorithm: 'sha256', signedAttrs });
  const bag = der.implicitConstructed(0, der.tlv(0x31, Buffer.concat([pki.leaf, ...issuersOf(pki.leaf)].map((c) => c.der))));
  const sd = der.seq(der.int(1), der.set(der.algorithm(OID.sha256)), der.seq(der.oid(OID.ctl), der.explicit(0, ctlDer)), bag, der.set(si.der));
  return der.seq(der.oid(OID.signedData), der.explicit(0, sd));
}

const INF = Buffer.from('[Version]\r\nSignature="$WINDOWS NT$"\r\nClass=System\r\n', 'latin1');

const memberName = (i: number): string => `file-${String(i).padStart(6, '0')}.inf`;
const memberDigest = (i: number, listed: number): Buffer => (i === listed ? sha256(INF) : createHash('sha256').update(`member ${i}`).digest());

/**
 * The CTL of `n` flat members (names file-000000.inf …, SHA-256 digests; member `listed` is INF's hash), as
 * formats-kit's ctl() writes it: one member is written by ctl(), the others are copies with their digest and
 * name patched in (same lengths), so a 100 000-member CTL takes a moment to build.
 */
function manyMembersCtl(n: number, listed = -1): Buffer {
  const spec = (i: number): MemberSpec => ({ name: memberName(i), algorithm: 'sha256', digest: memberDigest(i, listed), kind: 'flat' });
  const one = parseDer(ctl([spec(0)]));
  const memberTlv = Buffer.from(one.children[one.children.length - 1]!.children[0]!.bytes);
  const tagAt = memberTlv.indexOf(spec(0).digest); // version 2: the tag is the digest itself
  const secondDigest = memberTlv.indexOf(spec(0).digest, tagAt + 1);
  const nameAt = memberTlv.indexOf(Buffer.from(memberName(0), 'utf16le'));
  expect([tagAt, secondDigest, nameAt].every((x) => x > 0)).toBe(true);
  const body = Buffer.alloc(memberTlv.length * n);
  for (let i = 0; i < n; i++) {
    const at = i * memberTlv.length;
    memberTlv.copy(body, at);
    const d = memberDigest(i, listed);
    d.copy(body, at + tagAt);
    d.copy(body, at + secondDigest);
    body.write(memberName(i), at + nameAt, 'utf16le');
  }
  // the CTL's elements before its members, then the members SEQUENCE
  return der.seq(...one.children.slice(0, -1).map((c) => Buffer.from(c.bytes)), der.tlv(0x30, body));
}

/** f's value and its best time of up to three runs (tests/helpers/timing.ts), against this file's bound. */
const timed = <T>(f: () => Promise<T> | T, bound = BOUND_MS): Promise<{ value: T; ms: number }> => bestOfThree(f, bound);

describe('catalogs of many members (signed with the test PKI)', () => {
  const ctl10k = manyMembersCtl(10_000, 1234);
  const cat10k = writeTemp('ten-thousand.cat', signCatalog(ctl10k));

  it('the 10 000-member catalog holds more elements than one parse may (the case of the issue)', () => {
    expect(checkDerContent(der.contentOf(ctl10k))).toBeGreaterThan(MAX_NODES);
  });

  it('a correctly signed catalog of 10 000 members is valid, within the bound', async () => {
    const { value: r, ms } = await timed(() => ours(cat10k));
    expect(codes(r)).toEqual([]);
    expect(r).toMatchObject({ format: 'catalog', verdict: 'valid', acs: true });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('all 10 000 members are read, in order, and membership through it works', async () => {
    const m = parseCatalogMembers(readFileSync(cat10k));
    expect(m).toHaveLength(10_000);
    expect(m[1234]).toMatchObject({ name: 'file-001234.inf', hashes: [{ algorithm: 'sha256', digest: sha256(INF) }] });
    expect(m[9999]!.name).toBe('file-009999.inf');
    expect(m[9998]!.hashes[0]!.digest).toEqual(memberDigest(9998, -1));
    const inf = writeTemp('listed.inf', INF);
    const r = await ours(inf, { catalogs: [cat10k] });
    expect(r).toMatchObject({ verdict: 'valid', catalog: { member: 'file-001234.inf', valid: true } });
  });

  it('a changed byte in a member (inside the signed CTL) makes it invalid, never valid', async () => {
    const bytes = readFileSync(cat10k);
    const at = bytes.indexOf(Buffer.from('file-005000.inf', 'utf16le'));
    expect(at).toBeGreaterThan(0);
    bytes[at] ^= 1;
    const r = await ours(writeTemp('tampered.cat', bytes));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)).toContain('MESSAGE_DIGEST_MISMATCH');
  });

  it('a signed CTL that is not DER inside is still MALFORMED_SIGNATURE (checked streamed)', async () => {
    // a member whose inner length runs past its container, the CTL re-signed so the digest holds
    const broken = Buffer.from(ctl10k);
    const at = broken.indexOf(Buffer.from('file-000077.inf', 'utf16le'));
    // the OCTET STRING holding the name starts two bytes before it: claim 0x7f bytes
    broken[at - 1] = 0x7f;
    const r = await ours(writeTemp('broken.cat', signCatalog(broken)));
    expect(r.verdict).toBe('invalid');
    expect(codes(r)[0]).toBe('MALFORMED_SIGNATURE');
    expect(r.failures[0]!.message).toMatch(/catalog CTL: length 127 runs past the end of its container/);
  });

  it('100 000 members: verified and read in time and memory proportional to the size', async () => {
    const big = writeTemp('hundred-thousand.cat', signCatalog(manyMembersCtl(100_000)));
    const { value: r, ms } = await timed(() => ours(big));
    expect(r.verdict).toBe('valid');
    expect(ms).toBeLessThan(BOUND_MS);
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const { value: m, ms: readMs } = await timed(() => parseCatalogMembers(readFileSync(big)));
    expect(m).toHaveLength(100_000);
    expect(readMs).toBeLessThan(BOUND_MS);
    // the members' results (a hex tag, a name, a 32-byte digest each), not a tree of 2.5 M elements
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(400 * 1024 * 1024);
  }, 120_000);

  it(`more than ${MAX_CATALOG_MEMBERS} members: MALFORMED_CATALOG naming the limit`, () => {
    // the smallest members (an empty identifier, no attributes) so the test stays small: 4 bytes each
    const tiny = der.seq(der.octets(Buffer.alloc(0)));
    const subjects = der.tlv(0x30, Buffer.concat(Array.from({ length: MAX_CATALOG_MEMBERS + 1 }, () => tiny)));
    const ctlDer = der.seq(der.seq(der.oid(OID.catalogList)), der.octets(Buffer.alloc(16, 1)), der.utcTime(TIMES.signing), der.seq(der.oid('1.3.6.1.4.1.311.12.1.3'), der.nul()), subjects);
    expect(() => parseCatalogMembers(unsignedCatalog(ctlDer))).toThrow(expect.objectContaining({ code: 'MALFORMED_CATALOG', message: `catalog: more than ${MAX_CATALOG_MEMBERS} members` }));
  });
});
