/**
 * Adversarial target: hostile inputs random mutation does not reach, built on purpose and sized by a
 * parameter, run through the public API under the same invariants (typed errors only, no false valid,
 * time limit per case, allocation bound).
 *
 *   msi-deep       storages nested N deep (recursion in the digest / pre-hash walks), signed stream present
 *   msi-wide       N streams in the root storage (sorting, name checks; 120 000 fill the 16 MiB directory)
 *   chain-bomb     a PKCS#7 whose bag holds N self-issued CA certificates sharing one name and one key (every
 *                  one verifies every other: the path search is a complete graph), nested K times
 *   many-entries   a PE whose certificate table holds N WIN_CERTIFICATE entries (each a chain-bomb blob or a
 *                  valid signature)
 *   deep-der       definite-length nesting far past the depth limit
 *   node-bomb      a certificate table of N entries, each a SEQUENCE of up to 199 999 empty SEQUENCEs (the most
 *                  elements one parse accepts, in the fewest bytes)
 *   nested-node-bomb  the same elements spread over 16 nested "signatures" of a real signature (each nested
 *                  blob is parsed again on its own)
 *   impostor       CVE-2020-0601 class: a chain (or the timestamp authority's chain) ending at a self-signed
 *                  certificate that copies a trusted root's name (and serial, and optionally its SKI) with
 *                  another key; the verification time is after the leaf expired, so a forged timestamp would
 *                  be relied on
 */
import fc from 'fast-check';
import { isVerifyError } from '../../../src/authenticode/errors';
import { parseCompoundFile } from '../../../src/authenticode/formats/msi-cfb';
import { readMsiBuffer } from '../../../src/authenticode/formats/msi-reader';
import { verifyPkcs7Signature } from '../../../src/authenticode/signature';
import { verifyFileWithContext } from '../../../src/authenticode/verify-file';
import { buildAuthenticodeSignature } from '../../../tests/helpers/authenticode-builder';
import { cfNode, type CfNode, writeCompoundFile } from '../../../tests/helpers/msi-writer';
import { attachSignatures, buildPe } from '../../../tests/helpers/pe-writer';
import { createTestPki, issueCertificate, LEAF_EKUS, nameCopyingRoot, selfSigned, TIMES, type Identity } from '../../../tests/helpers/pki';
import type { Fixtures } from '../fixtures';
import type { CaseResult, Target } from '../runner';
import { scratchFile } from '../tempdir';

export type AdversarialCase =
  | { k: 'msi-deep'; depth: number; dse: boolean }
  | { k: 'msi-wide'; streams: number }
  | { k: 'chain-bomb'; certs: number; nested: number; timestamped: boolean }
  | { k: 'many-entries'; entries: number; bomb: boolean }
  | { k: 'deep-der'; depth: number }
  | { k: 'impostor'; where: 'root' | 'root-same-ski' | 'tsa-root' }
  | { k: 'node-bomb'; entries: number; nodes: number }
  | { k: 'nested-node-bomb'; entries: number };

const node = (name: string, kind: CfNode['kind'], children: CfNode[] = [], content?: Buffer): CfNode => cfNode(name, kind, { children, content });

const DS = '\u0005DigitalSignature';
const DSE = '\u0005MsiDigitalSignatureEx';

function deepMsi(depth: number, dse: boolean, blob: Buffer): Buffer {
  let inner: CfNode = node('S', 'storage', [node('x', 'stream', [], Buffer.from('payload'))]);
  for (let i = 1; i < depth; i++) inner = node('S', 'storage', [inner]);
  const root = node('Root Entry', 'root', [inner, node(DS, 'stream', [], blob), ...(dse ? [node(DSE, 'stream', [], Buffer.alloc(32, 1))] : [])]);
  return writeCompoundFile(root);
}

function wideMsi(streams: number, blob: Buffer): Buffer {
  const kids: CfNode[] = [];
  for (let i = 0; i < streams; i++) kids.push(node(`s${i.toString(36)}`, 'stream', [], Buffer.from([i & 0xff])));
  kids.push(node(DS, 'stream', [], blob));
  return writeCompoundFile(node('Root Entry', 'root', kids));
}

const bombCache = new Map<string, Buffer>();

/** N self-issued CA certificates with one name and one key, a leaf under that name, nested K times. */
function chainBomb(fx: Fixtures, certs: number, nested: number, timestamped: boolean): Buffer {
  const key = `${certs}/${nested}/${timestamped}`;
  const hit = bombCache.get(key);
  if (hit) return hit;
  const subject = { CN: 'Bomb CA', O: 'Fuzz' };
  const cas: Identity[] = [];
  for (let i = 0; i < certs; i++) {
    cas.push(selfSigned({ subject, notBefore: TIMES.rootNotBefore, notAfter: TIMES.rootNotAfter, isCa: true, keyLabel: 'fuzz-bomb', serial: 1000 + i }));
  }
  const leaf = issueCertificate(cas[0]!, { subject: { CN: 'Bomb Leaf' }, notBefore: TIMES.leafNotBefore, notAfter: TIMES.leafNotAfter, keyLabel: 'fuzz-bomb-leaf' });
  const tsa = issueCertificate(cas[0]!, { subject: { CN: 'Bomb TSA' }, notBefore: TIMES.caNotBefore, notAfter: TIMES.caNotAfter, keyLabel: 'fuzz-bomb-tsa', eku: ['1.3.6.1.5.5.7.3.8'] });
  const one = (): Buffer =>
    buildAuthenticodeSignature({
      kind: 'pe',
      digestAlgorithm: 'sha256',
      fileDigest: fx.pe[0]!.digests.sha256,
      signer: leaf,
      certificates: [leaf, ...cas],
      ...(timestamped ? { timestamp: { kind: 'rfc3161' as const, tsa, tsaChain: cas, time: TIMES.signing } } : {}),
    });
  const inner = Array.from({ length: nested }, one);
  const blob = buildAuthenticodeSignature({
    kind: 'pe',
    digestAlgorithm: 'sha256',
    fileDigest: fx.pe[0]!.digests.sha256,
    signer: leaf,
    certificates: [leaf, ...cas],
    ...(timestamped ? { timestamp: { kind: 'rfc3161' as const, tsa, tsaChain: cas, time: TIMES.signing } } : {}),
    nested: inner,
  });
  bombCache.set(key, blob);
  return blob;
}

/** A signature over the first PE fixture's digest whose chain (or TSA chain) ends at a name-copying impostor root. */
function impostorBlob(fx: Fixtures, where: 'root' | 'root-same-ski' | 'tsa-root'): Buffer {
  const pki = createTestPki();
  const subjectOf = (id: Identity): { CN: string; O?: string; C?: string } => {
    const out: { CN: string; O?: string; C?: string } = { CN: '' };
    for (const part of id.subjectString.split(', ')) {
      const [k, v] = [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)];
      if (k === 'CN' || k === 'O' || k === 'C') out[k] = v;
    }
    return out;
  };
  if (where === 'tsa-root') {
    const fakeTsaRoot = nameCopyingRoot(pki.tsaRoot);
    const fakeTsa = issueCertificate(fakeTsaRoot, { subject: subjectOf(pki.tsa), notBefore: TIMES.caNotBefore, notAfter: TIMES.caNotAfter, eku: ['1.3.6.1.5.5.7.3.8'], keyLabel: 'fuzz-fake-tsa' });
    return buildAuthenticodeSignature({
      kind: 'pe',
      digestAlgorithm: 'sha256',
      fileDigest: fx.pe[0]!.digests.sha256,
      signer: pki.leaf,
      timestamp: { kind: 'rfc3161', tsa: fakeTsa, tsaChain: [fakeTsaRoot], time: TIMES.signing },
    });
  }
  const fakeRoot =
    where === 'root'
      ? nameCopyingRoot(pki.root)
      : selfSigned({ subject: subjectOf(pki.root), notBefore: TIMES.rootNotBefore, notAfter: TIMES.rootNotAfter, isCa: true, keyLabel: 'fuzz-impostor-ski', ski: pki.root.ski, serial: BigInt('0x' + pki.root.x509.serialNumber) });
  const fakeLeaf = issueCertificate(fakeRoot, { subject: subjectOf(pki.leaf), notBefore: TIMES.leafNotBefore, notAfter: TIMES.leafNotAfter, eku: LEAF_EKUS, keyLabel: 'fuzz-fake-leaf' });
  return buildAuthenticodeSignature({
    kind: 'pe',
    digestAlgorithm: 'sha256',
    fileDigest: fx.pe[0]!.digests.sha256,
    signer: fakeLeaf,
    certificates: [fakeLeaf, fakeRoot, pki.root],
    timestamp: { kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing },
  });
}

function deepDer(depth: number): Buffer {
  // a SEQUENCE nested `depth` deep placed where the SignedData certificates go
  let inner = Buffer.from([0x05, 0x00]);
  for (let i = 0; i < depth; i++) {
    const n = inner.length;
    const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    inner = Buffer.concat([Buffer.from([0x30, ...len]), inner]);
  }
  return inner;
}

export const adversarialArb: fc.Arbitrary<AdversarialCase> = fc.oneof(
  fc.record({ k: fc.constant('msi-deep' as const), depth: fc.constantFrom(10, 100, 1000, 3000, 10_000, 30_000), dse: fc.boolean() }),
  fc.record({ k: fc.constant('msi-wide' as const), streams: fc.constantFrom(10, 1000, 10_000, 40_000, 120_000) }),
  fc.record({ k: fc.constant('chain-bomb' as const), certs: fc.constantFrom(8, 32, 63, 64), nested: fc.constantFrom(0, 4, 16, 17), timestamped: fc.boolean() }),
  // bomb entries are 1.7 MB each: 16 of them (27 MB) stay under the 32 MiB table limit, 20 (34 MB) do not
  fc.oneof(
    fc.record({ k: fc.constant('many-entries' as const), entries: fc.constantFrom(2, 4, 16, 20), bomb: fc.constant(true) }),
    fc.record({ k: fc.constant('many-entries' as const), entries: fc.constantFrom(2, 4, 16, 256, 4500), bomb: fc.constant(false) }),
  ),
  fc.record({ k: fc.constant('deep-der' as const), depth: fc.constantFrom(40, 48, 49, 100, 10_000, 100_000) }),
  fc.record({ k: fc.constant('impostor' as const), where: fc.constantFrom('root' as const, 'root-same-ski' as const, 'tsa-root' as const) }),
  fc.record({ k: fc.constant('node-bomb' as const), entries: fc.constantFrom(1, 8, 80), nodes: fc.constantFrom(1000, 199_999) }),
  fc.record({ k: fc.constant('nested-node-bomb' as const), entries: fc.constantFrom(1, 4, 16) }),
);

function nodeBomb(nodes: number): Buffer {
  const body = Buffer.alloc(nodes * 2);
  for (let i = 0; i < nodes; i++) body[2 * i] = 0x30;
  const n = body.length;
  return Buffer.concat([Buffer.from([0x30, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]), body]);
}

/** The MSI fixture's own signature (an MSI-kind blob: the verifier gets as far as the digest). */
function msiSignature(fx: Fixtures): Buffer {
  const cf = parseCompoundFile(fx.msi[0]!.bytes);
  const e = cf.entries.find((x) => x.name === DS)!;
  return Buffer.concat(cf.streamRanges(e).map(([a, b]) => cf.buffer.subarray(a, b)));
}

export function adversarialTarget(fixtures: Fixtures): Target<AdversarialCase> {
  const validBlob = fixtures.blobs[0]!.blob;
  const msiBlob = msiSignature(fixtures);
  const bytesOf = (c: AdversarialCase): Buffer => {
    switch (c.k) {
      case 'msi-deep':
        return deepMsi(c.depth, c.dse, msiBlob);
      case 'msi-wide':
        return wideMsi(c.streams, msiBlob);
      case 'chain-bomb':
        return chainBomb(fixtures, c.certs, c.nested, c.timestamped);
      case 'many-entries': {
        const blob = c.bomb ? chainBomb(fixtures, 63, 16, true) : validBlob;
        return attachSignatures(buildPe({ machine: 'x86' }), Array.from({ length: c.entries }, () => blob));
      }
      case 'deep-der':
        return deepDer(c.depth);
      case 'impostor':
        return impostorBlob(fixtures, c.where);
      case 'node-bomb': {
        const blob = nodeBomb(c.nodes);
        return attachSignatures(buildPe({ machine: 'x86' }), Array.from({ length: c.entries }, () => blob));
      }
      case 'nested-node-bomb': {
        const pki = createTestPki();
        const blob = buildAuthenticodeSignature({
          kind: 'pe',
          digestAlgorithm: 'sha256',
          fileDigest: fixtures.pe[0]!.digests.sha256,
          signer: pki.leaf,
          timestamp: { kind: 'rfc3161', tsa: pki.tsa, time: TIMES.signing },
          nested: Array.from({ length: 16 }, () => nodeBomb(12_400)),
        });
        return attachSignatures(buildPe({ machine: 'x86' }), Array.from({ length: c.entries }, () => blob));
      }
    }
  };
  // built inputs are kept (some take a second to build); the big ones one at a time, so that the peak RSS
  // reported for this target is the verifier's, not a cache of 30 MB inputs
  const memo = new Map<string, Buffer>();
  let lastBig: { key: string; bytes: Buffer } | undefined;
  return {
    name: 'adversarial',
    api: 'verifyFile / readMsiBuffer / verifyPkcs7Signature on built hostile inputs',
    arbitrary: adversarialArb,
    ext: 'bin',
    bytes(c) {
      const key = JSON.stringify(c);
      const hit = memo.get(key) ?? (lastBig?.key === key ? lastBig.bytes : undefined);
      if (hit) return hit;
      const b = bytesOf(c);
      if (b.length <= 4 * 1024 * 1024) memo.set(key, b);
      else lastBig = { key, bytes: b };
      return b;
    },
    allocBound: (b) => b.length * 4 + 8 * 1024 * 1024,
    async run(c, bytes): Promise<CaseResult> {
      switch (c.k) {
        case 'msi-deep':
        case 'msi-wide': {
          // the in-memory reader too (its own code path), for the sizes where that doubles little work
          if (bytes.length <= 4 * 1024 * 1024) {
            try {
              const container = readMsiBuffer(bytes, { strict: true });
              await container.digestSource.digest('sha256');
            } catch (e) {
              if (!isVerifyError(e)) return { outcome: 'escape', escape: `readMsiBuffer/digest: ${(e as Error).constructor.name}: ${(e as Error).message.slice(0, 200)}` };
            }
          }
          const r = await verifyFileWithContext(scratchFile('adv.msi', bytes), fixtures.ctx);
          const outcome = `${c.k}:${r.verdict}:${r.failures[0]?.code ?? ''}`;
          if (r.failures.some((f) => f.code === 'IO_ERROR')) return { outcome, escape: `file content reported as IO_ERROR: ${r.failures.find((f) => f.code === 'IO_ERROR')!.message.slice(0, 200)}` };
          if (r.verdict === 'valid') return { outcome, falseValid: 'a package signed with another file\'s digest verified valid' };
          return { outcome };
        }
        case 'chain-bomb': {
          const reports = await verifyPkcs7Signature(bytes, { digest: async (a) => fixtures.pe[0]!.digests[a] }, fixtures.ctx, 'pe', 0);
          const outcome = `chain-bomb:${reports.length}:${reports[0]?.failures[0]?.code ?? 'ok'}`;
          if (reports.some((r) => r.valid)) return { outcome, falseValid: 'a signature chaining to self-issued junk verified valid' };
          return { outcome };
        }
        case 'nested-node-bomb':
        case 'node-bomb': {
          const r = await verifyFileWithContext(scratchFile('adv.exe', bytes), fixtures.ctx);
          const outcome = `${c.k}:${r.verdict}:${r.failures[0]?.code ?? ''}`;
          // node-bomb entries are junk; nested-node-bomb entries are a valid signature with junk nested in it
          if (c.k === 'node-bomb' && r.verdict === 'valid') return { outcome, falseValid: 'a table of junk verified valid' };
          if (c.k === 'nested-node-bomb' && r.signatures.slice(1).some((s) => s.nested && s.valid)) return { outcome, falseValid: 'a junk nested signature verified valid' };
          return { outcome };
        }
        case 'many-entries': {
          const r = await verifyFileWithContext(scratchFile('adv.exe', bytes), fixtures.ctx);
          const outcome = `many-entries:${r.verdict}:${r.signatures.length}`;
          if (c.bomb && r.verdict === 'valid') return { outcome, falseValid: 'a chain-bomb primary verified valid' };
          return { outcome };
        }
        case 'impostor': {
          const reports = await verifyPkcs7Signature(bytes, { digest: async (a) => fixtures.pe[0]!.digests[a] }, fixtures.ctx, 'pe', 0);
          const outcome = `impostor:${reports[0]?.failures.map((f) => f.code).join('+') || 'ok'}`;
          if (reports[0]?.valid) return { outcome, falseValid: `a chain ending at a name-copying impostor (${c.where}) verified valid` };
          const pe = attachSignatures(fixtures.pe[0]!.bytes.subarray(0, fixtures.pe[0]!.tableOffset), [bytes]);
          const r = await verifyFileWithContext(scratchFile('adv.exe', pe), fixtures.ctx);
          if (r.verdict === 'valid') return { outcome, falseValid: `verifyFile: a chain ending at a name-copying impostor (${c.where}) verified valid` };
          return { outcome };
        }
        case 'deep-der': {
          const reports = await verifyPkcs7Signature(bytes, { digest: async (a) => fixtures.pe[0]!.digests[a] }, fixtures.ctx, 'pe', 0);
          return { outcome: `deep-der:${reports[0]?.failures[0]?.code ?? 'ok'}` };
        }
      }
    },
  };
}
