/**
 * A test PKI made in code, shaped like Microsoft Trusted Signing (ACS):
 *   root ─► pca ─► issuingCa ─► leaf (72 h, code signing + 311.97.1.0 + a profile OID)
 *   tsaRoot ─► tsa (time stamping EKU)
 *
 * Keys come from node:crypto generateKeyPairSync (cached per process, so tests stay fast).
 * Certificates are built with the small DER encoder in ./der.ts and signed with node:crypto, so that
 * RSA, RSA-PSS and EC keys, and hostile extension sets (no basicConstraints, odd EKUs), all come out of
 * one path; `cert` exposes the node-forge view of RSA certificates for code that wants it.
 * All dates are fixed: nothing here reads the clock.
 */
import { createHash, generateKeyPairSync, sign as cryptoSign, X509Certificate, constants } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import * as forge from 'node-forge';
import { OID } from '../../src/authenticode/der/oids';
import * as der from './der';

export type KeyType = 'rsa' | 'ec' | 'rsa-pss';
export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';
const KEY_USAGE_BITS: KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
];

export interface Identity {
  /** common name */
  name: string;
  /** "CN=…, O=…" as the verifier renders it */
  subjectString: string;
  /** DER of the subject Name */
  subjectName: Buffer;
  /** DER of the issuer Name */
  issuerName: Buffer;
  /** DER of the serialNumber INTEGER (full TLV) */
  serialDer: Buffer;
  /** subject key identifier bytes (also in the SKI extension unless omitted) */
  ski: Buffer;
  keyType: KeyType;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 PEM of the private key */
  keyPem: string;
  der: Buffer;
  pem: string;
  x509: X509Certificate;
  /** the issuing identity; undefined for a self-signed certificate */
  issuer?: Identity;
  /** node-forge certificate (RSA keys only; undefined for EC / RSA-PSS keys, which forge cannot read) */
  readonly cert: forge.pki.Certificate | undefined;
}

export interface NameSpec {
  CN: string;
  O?: string;
  C?: string;
}

export interface IssueOptions {
  subject: string | NameSpec;
  notBefore: Date;
  notAfter: Date;
  /** EKU OIDs; undefined or null = no EKU extension (any purpose) */
  eku?: string[] | null;
  ekuCritical?: boolean;
  isCa?: boolean;
  /** basicConstraints pathLenConstraint (CAs only) */
  pathLen?: number;
  /** include a basicConstraints extension; default: true for CAs, false for leaves */
  basicConstraints?: boolean;
  /** key usage bits; null = no keyUsage extension; default: CA keyCertSign+cRLSign(+digitalSignature), leaf digitalSignature */
  keyUsage?: KeyUsageName[] | null;
  keyType?: KeyType;
  /** cache label for the key; identities with the same label and type share a key */
  keyLabel?: string;
  /** serial number; default derived from the subject */
  serial?: number | bigint;
  /** include SKI / AKI extensions (default true) */
  skiExtension?: boolean;
  akiExtension?: boolean;
  /** explicit SKI bytes (default SHA-1 of the SPKI) */
  ski?: Buffer;
  /** hash the issuer uses to sign (default sha256) */
  signatureHash?: 'sha1' | 'sha256' | 'sha384' | 'sha512';
}

// ---------------------------------------------------------------- keys (cached per process)

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}
const keyCache = new Map<string, KeyPair>();

export function testKey(label: string, keyType: KeyType = 'rsa'): KeyPair {
  const id = `${keyType}:${label}`;
  let kp = keyCache.get(id);
  if (!kp) {
    if (keyType === 'rsa') kp = generateKeyPairSync('rsa', { modulusLength: 2048 });
    else if (keyType === 'rsa-pss')
      kp = generateKeyPairSync('rsa-pss', { modulusLength: 2048, hashAlgorithm: 'sha256', mgf1HashAlgorithm: 'sha256' });
    else kp = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    keyCache.set(id, kp);
  }
  return kp;
}

// ---------------------------------------------------------------- names and extensions

export function nameDer(spec: string | NameSpec): Buffer {
  const s: NameSpec = typeof spec === 'string' ? { CN: spec } : spec;
  const rdn = (type: string, value: Buffer): Buffer => der.set(der.seq(der.oid(type), value));
  const rdns: Buffer[] = [];
  if (s.C) rdns.push(rdn('2.5.4.6', der.printable(s.C)));
  if (s.O) rdns.push(rdn('2.5.4.10', der.utf8(s.O)));
  rdns.push(rdn('2.5.4.3', der.utf8(s.CN)));
  return der.seq(...rdns);
}

export function nameString(spec: string | NameSpec): string {
  const s: NameSpec = typeof spec === 'string' ? { CN: spec } : spec;
  const parts = [`CN=${s.CN}`];
  if (s.O) parts.push(`O=${s.O}`);
  if (s.C) parts.push(`C=${s.C}`);
  return parts.join(', ');
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical ? der.seq(der.oid(oid), der.bool(true), der.octets(value)) : der.seq(der.oid(oid), der.octets(value));
}

function keyUsageValue(bits: KeyUsageName[]): Buffer {
  let v = 0;
  for (const b of bits) v |= 0x80 >> KEY_USAGE_BITS.indexOf(b);
  if (v === 0) return der.bitString(Buffer.alloc(0));
  let unused = 0;
  while (((v >> unused) & 1) === 0) unused++;
  return der.bitString(Buffer.from([v]), unused);
}

// ---------------------------------------------------------------- signing with any key type

/** AlgorithmIdentifier for a signature by `key` with `hash`. */
export function signatureAlgorithm(keyType: KeyType, hash: string, scheme: 'pkcs1' | 'pss' = 'pkcs1'): Buffer {
  if (keyType === 'ec') {
    const oid = { sha1: OID.ecdsaWithSha1, sha256: OID.ecdsaWithSha256, sha384: OID.ecdsaWithSha384, sha512: OID.ecdsaWithSha512 }[hash];
    if (!oid) throw new Error(`no ECDSA algorithm for ${hash}`);
    return der.algorithm(oid, null);
  }
  if (keyType === 'rsa-pss' || scheme === 'pss') return pssAlgorithm(hash);
  const oid = {
    md5: OID.md5WithRSA,
    sha1: OID.sha1WithRSA,
    sha256: OID.sha256WithRSA,
    sha384: OID.sha384WithRSA,
    sha512: OID.sha512WithRSA,
  }[hash];
  if (!oid) throw new Error(`no RSA algorithm for ${hash}`);
  return der.algorithm(oid);
}

const HASH_OID: Record<string, string> = { md5: OID.md5, sha1: OID.sha1, sha256: OID.sha256, sha384: OID.sha384, sha512: OID.sha512 };
const HASH_LEN: Record<string, number> = { md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

export function pssAlgorithm(hash: string): Buffer {
  const hashAlg = der.algorithm(HASH_OID[hash]!);
  return der.seq(
    der.oid(OID.rsaPss),
    der.seq(
      der.explicit(0, hashAlg),
      der.explicit(1, der.seq(der.oid(OID.mgf1), hashAlg)),
      der.explicit(2, der.int(HASH_LEN[hash]!)),
    ),
  );
}

/** Sign `data` with the identity's key (RSA PKCS#1 v1.5, RSA-PSS or ECDSA by key type / scheme). */
export function signWith(key: KeyObject, keyType: KeyType, hash: string, data: Buffer, scheme: 'pkcs1' | 'pss' = 'pkcs1'): Buffer {
  if (keyType === 'ec') return cryptoSign(hash, data, { key, dsaEncoding: 'der' });
  if (keyType === 'rsa-pss' || scheme === 'pss')
    return cryptoSign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_LEN[hash]! });
  return cryptoSign(hash, data, { key, padding: constants.RSA_PKCS1_PADDING });
}

// ---------------------------------------------------------------- certificate issuance

function serialFor(subject: string, extra: string): bigint {
  const h = createHash('sha256').update(subject + '|' + extra).digest();
  h[0] = h[0]! & 0x3f; // positive, < 2^158
  return BigInt('0x' + h.subarray(0, 16).toString('hex'));
}

function buildIdentity(
  subject: string | NameSpec,
  opts: IssueOptions,
  issuer: Identity | undefined,
  keys: KeyPair,
  keyType: KeyType,
  subjectNameOverride?: Buffer,
): Identity {
  const subjectName = subjectNameOverride ?? nameDer(subject);
  const issuerName = issuer ? issuer.subjectName : subjectName;
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  const ski = opts.ski ?? createHash('sha1').update(spki).digest();
  const signerKeyType = issuer ? issuer.keyType : keyType;
  const signerKey = issuer ? issuer.privateKey : keys.privateKey;
  const signerSki = issuer ? issuer.ski : ski;
  const hash = opts.signatureHash ?? 'sha256';
  const serial = opts.serial !== undefined ? BigInt(opts.serial) : serialFor(JSON.stringify(subject), opts.keyLabel ?? '');
  const serialDer = der.int(serial);
  const sigAlg = signatureAlgorithm(signerKeyType, hash);

  const exts: Buffer[] = [];
  const isCa = opts.isCa ?? false;
  if (opts.basicConstraints ?? isCa) {
    const inner: Buffer[] = [];
    if (isCa) inner.push(der.bool(true));
    if (isCa && opts.pathLen !== undefined) inner.push(der.int(opts.pathLen));
    exts.push(extension(OID.basicConstraints, true, der.seq(...inner)));
  }
  const ku = opts.keyUsage === undefined ? (isCa ? (['digitalSignature', 'keyCertSign', 'cRLSign'] as KeyUsageName[]) : (['digitalSignature'] as KeyUsageName[])) : opts.keyUsage;
  if (ku) exts.push(extension(OID.keyUsage, true, keyUsageValue(ku)));
  if (opts.eku) exts.push(extension(OID.extKeyUsage, opts.ekuCritical ?? false, der.seq(...opts.eku.map((o) => der.oid(o)))));
  if (opts.skiExtension ?? true) exts.push(extension(OID.subjectKeyIdentifier, false, der.octets(ski)));
  if ((opts.akiExtension ?? true) && issuer) exts.push(extension(OID.authorityKeyIdentifier, false, der.seq(der.implicitPrimitive(0, signerSki))));

  const tbsParts = [
    der.explicit(0, der.int(2)),
    serialDer,
    sigAlg,
    issuerName,
    der.seq(der.time(opts.notBefore), der.time(opts.notAfter)),
    subjectName,
    spki,
  ];
  if (exts.length) tbsParts.push(der.explicit(3, der.seq(...exts)));
  const tbs = der.seq(...tbsParts);
  const signature = signWith(signerKey, signerKeyType, hash, tbs);
  const certDer = der.seq(tbs, sigAlg, der.bitString(signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${certDer.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  let forgeCert: forge.pki.Certificate | undefined | null = null;
  const name = typeof subject === 'string' ? subject : subject.CN;
  return {
    name,
    subjectString: nameString(subject),
    subjectName,
    issuerName,
    serialDer,
    ski,
    keyType,
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    keyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    der: certDer,
    pem,
    x509: new X509Certificate(certDer),
    issuer,
    get cert(): forge.pki.Certificate | undefined {
      if (forgeCert === null) {
        try {
          forgeCert = keyType === 'rsa' ? forge.pki.certificateFromAsn1(forge.asn1.fromDer(certDer.toString('binary'))) : undefined;
        } catch {
          forgeCert = undefined;
        }
      }
      return forgeCert;
    },
  };
}

/** A certificate for `opts.subject` issued (and signed) by `issuer`. */
export function issueCertificate(issuer: Identity, opts: IssueOptions): Identity {
  const keyType = opts.keyType ?? 'rsa';
  const keys = testKey(opts.keyLabel ?? nameString(opts.subject), keyType);
  return buildIdentity(opts.subject, opts, issuer, keys, keyType);
}

/** A self-signed certificate (a root). */
export function selfSigned(opts: IssueOptions): Identity {
  const keyType = opts.keyType ?? 'rsa';
  const keys = testKey(opts.keyLabel ?? nameString(opts.subject), keyType);
  return buildIdentity(opts.subject, { isCa: true, ...opts }, undefined, keys, keyType);
}

/** A self-signed certificate with the same subject (and serial) as `root` but a different key: an impostor. */
export function nameCopyingRoot(root: Identity): Identity {
  const subject = parseSimpleSubject(root.subjectString);
  return buildIdentity(
    subject,
    {
      subject,
      isCa: true,
      notBefore: new Date(root.x509.validFrom),
      notAfter: new Date(root.x509.validTo),
      serial: BigInt('0x' + root.x509.serialNumber),
      keyLabel: 'impostor',
    },
    undefined,
    testKey('impostor:' + root.subjectString, root.keyType === 'ec' ? 'ec' : 'rsa'),
    root.keyType === 'ec' ? 'ec' : 'rsa',
    root.subjectName,
  );
}

function parseSimpleSubject(s: string): NameSpec {
  const out: NameSpec = { CN: '' };
  for (const part of s.split(', ')) {
    const [k, v] = [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)];
    if (k === 'CN') out.CN = v;
    else if (k === 'O') out.O = v;
    else if (k === 'C') out.C = v;
  }
  return out;
}

/** The identity's issuers, nearest first (excluding itself). */
export function issuersOf(id: Identity): Identity[] {
  const out: Identity[] = [];
  for (let cur = id.issuer; cur; cur = cur.issuer) out.push(cur);
  return out;
}

// ---------------------------------------------------------------- the standard hierarchy

/** Fixed instants used across tests. */
export const TIMES = {
  rootNotBefore: new Date('2020-01-01T00:00:00Z'),
  rootNotAfter: new Date('2045-01-01T00:00:00Z'),
  caNotBefore: new Date('2021-01-01T00:00:00Z'),
  caNotAfter: new Date('2036-01-01T00:00:00Z'),
  /** the 72-hour leaf: 2024-04-10T00:00Z … 2024-04-13T00:00Z */
  leafNotBefore: new Date('2024-04-10T00:00:00Z'),
  leafNotAfter: new Date('2024-04-13T00:00:00Z'),
  /** inside the leaf's validity: when fixtures are signed and stamped */
  signing: new Date('2024-04-10T12:00:00Z'),
  /** long after the leaf expired (the leaf is valid here only through a timestamp) */
  later: new Date('2026-11-26T00:00:00Z'),
  /** before the leaf exists */
  before: new Date('2024-04-01T00:00:00Z'),
} as const;

export const ACS_PROFILE_OID = '1.3.6.1.4.1.311.97.990.1';
export const LEAF_EKUS = [OID.ekuCodeSigning, OID.ekuAcsPublicTrust, ACS_PROFILE_OID];

export interface TestPki {
  root: Identity;
  pca: Identity;
  issuingCa: Identity;
  leaf: Identity;
  tsaRoot: Identity;
  tsa: Identity;
}

export interface TestPkiOptions {
  /** key type of the leaf (default rsa) */
  leafKeyType?: KeyType;
  /** EKUs of the leaf (default code signing + 311.97.1.0 + 311.97.990.1); null = no EKU extension */
  leafEku?: string[] | null;
  leafNotBefore?: Date;
  leafNotAfter?: Date;
  /** a distinguishing label: PKIs with different labels have different keys and names */
  label?: string;
}

const pkiCache = new Map<string, TestPki>();

/** The standard ACS-like test hierarchy (memoised per options). */
export function createTestPki(opts: TestPkiOptions = {}): TestPki {
  const cacheKey = JSON.stringify(opts);
  const cached = pkiCache.get(cacheKey);
  if (cached) return cached;
  const label = opts.label ? ` ${opts.label}` : '';
  const root = selfSigned({
    subject: { CN: `Test Identity Verification Root CA${label}`, O: 'Test PKI', C: 'US' },
    notBefore: TIMES.rootNotBefore,
    notAfter: TIMES.rootNotAfter,
    isCa: true,
  });
  const pca = issueCertificate(root, {
    subject: { CN: `Test ID Verified Code Signing PCA${label}`, O: 'Test PKI', C: 'US' },
    notBefore: TIMES.caNotBefore,
    notAfter: TIMES.caNotAfter,
    isCa: true,
  });
  const issuingCa = issueCertificate(pca, {
    subject: { CN: `Test ID Verified CS AOC CA${label}`, O: 'Test PKI', C: 'US' },
    notBefore: TIMES.caNotBefore,
    notAfter: TIMES.caNotAfter,
    isCa: true,
    pathLen: 0,
  });
  const leafKeyType = opts.leafKeyType ?? 'rsa';
  const leaf = issueCertificate(issuingCa, {
    subject: { CN: `Test Publisher${label}`, O: 'Test Publisher Ltd', C: 'US' },
    notBefore: opts.leafNotBefore ?? TIMES.leafNotBefore,
    notAfter: opts.leafNotAfter ?? TIMES.leafNotAfter,
    eku: opts.leafEku === undefined ? LEAF_EKUS : opts.leafEku,
    keyType: leafKeyType,
    keyLabel: `leaf${label}`,
  });
  const tsaRoot = selfSigned({
    subject: { CN: `Test Timestamping Root${label}`, O: 'Test TSA', C: 'US' },
    notBefore: TIMES.rootNotBefore,
    notAfter: TIMES.rootNotAfter,
    isCa: true,
  });
  const tsa = issueCertificate(tsaRoot, {
    subject: { CN: `Test Time Stamping Authority${label}`, O: 'Test TSA', C: 'US' },
    notBefore: TIMES.caNotBefore,
    notAfter: TIMES.caNotAfter,
    eku: [OID.ekuTimeStamping],
    ekuCritical: true,
  });
  const pki = { root, pca, issuingCa, leaf, tsaRoot, tsa };
  pkiCache.set(cacheKey, pki);
  return pki;
}
