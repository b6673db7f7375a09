/**
 * Builds Authenticode PKCS#7 signatures (DER ContentInfo(SignedData)) the way signtool / Trusted Signing
 * lay them out, from a test PKI identity and a file digest. Test code only.
 *
 * Layout (Microsoft, "Windows Authenticode Portable Executable Signature Format"):
 *   ContentInfo { signedData, [0] SignedData {
 *     version 1, digestAlgorithms, contentInfo { SPC_INDIRECT_DATA, [0] SpcIndirectDataContent {
 *       data { SpcPeImageData | SpcSipInfo }, messageDigest DigestInfo { alg, fileDigest } } },
 *     [0] certificates, signerInfos { SignerInfo { sid, digestAlg, [0] signedAttrs {contentType,
 *       SpcStatementType, SpcSpOpusInfo, messageDigest, signingTime?}, sigAlg, signature,
 *       [1] unsignedAttrs { timestamp?, nested signatures? } } } } }
 * messageDigest = hash of the SpcIndirectDataContent's content octets (without its tag and length),
 * as checked against a real Trusted Signing sample.
 */
import { createHash } from 'node:crypto';
import type { DigestAlgorithm } from '../../src/authenticode/types';
import { OID } from '../../src/authenticode/der/oids';
import * as der from './der';
import { type Identity, issuersOf, signatureAlgorithm, signWith } from './pki';

export type BuilderDigest = DigestAlgorithm | 'md5';

const DIGEST_OID: Record<BuilderDigest, string> = {
  md5: OID.md5,
  sha1: OID.sha1,
  sha256: OID.sha256,
  sha384: OID.sha384,
  sha512: OID.sha512,
};

/** The MSI SIP GUID {000C10F1-0000-0000-C000-000000000046} as stored in SpcSipInfo (as osslsigncode writes it). */
export const MSI_SIP_GUID_BYTES = Buffer.from('f1100c0000000000c000000000000046', 'hex');

export interface TimestampOptions {
  kind: 'rfc3161' | 'pkcs9';
  tsa: Identity;
  /** certificates to ship with the TSA (default: the TSA's issuers) */
  tsaChain?: Identity[];
  time: Date;
  /** flip a byte of the imprint / messageDigest so it no longer matches the stamped signature */
  tamperImprint?: boolean;
  /** corrupt the TSA's own signature */
  corruptSignature?: boolean;
  /** hash the TSA uses (default: the signature's digest algorithm, sha256 when that is md5) */
  digestAlgorithm?: DigestAlgorithm;
}

export interface AuthenticodeBuildOptions {
  kind: 'pe' | 'msi';
  digestAlgorithm: BuilderDigest;
  /** the file's Authenticode digest, placed in SpcIndirectDataContent */
  fileDigest: Buffer;
  signer: Identity;
  /** certificates in the bag (default: signer + all its issuers); duplicates allowed */
  certificates?: Identity[];
  signingTime?: Date;
  timestamp?: TimestampOptions;
  /** ContentInfo DERs placed in the unsigned attribute 1.3.6.1.4.1.311.2.4.1 */
  nested?: Buffer[];
  signerIdentifier?: 'issuerSerial' | 'ski';
  /** RSA keys: PKCS#1 v1.5 (default) or PSS. EC keys always use ECDSA; RSA-PSS keys always PSS. */
  signatureScheme?: 'pkcs1' | 'pss';
  // hostile knobs
  signedDataDigestAlgorithm?: BuilderDigest;
  signerInfoDigestAlgorithm?: BuilderDigest;
  /** the DigestInfo algorithm inside SpcIndirectDataContent (default digestAlgorithm) */
  spcDigestAlgorithm?: BuilderDigest;
  messageDigestOverride?: Buffer;
  corruptSignature?: boolean;
  /** the SpcIndirectDataContent data element (SpcAttributeTypeAndOptionalValue DER) instead of the kind's own */
  spcData?: Buffer;
}

const hash = (alg: string, data: Buffer): Buffer => createHash(alg).update(data).digest();
const attribute = (type: string, ...values: Buffer[]): Buffer => der.seq(der.oid(type), der.set(...values));
const contentInfo = (type: string, content: Buffer): Buffer => der.seq(der.oid(type), der.explicit(0, content));

/** SpcPeImageData as signtool writes it: flags = empty BIT STRING, file = SpcLink file "" (BMPString). */
export function spcPeImageData(): Buffer {
  return der.seq(der.bitString(Buffer.alloc(0)), der.explicit(0, der.explicit(2, der.implicitPrimitive(0, Buffer.alloc(0)))));
}

/** SpcSipInfo for MSI: { 1, MSI SIP GUID, 0, 0, 0, 0, 0 }. */
export function spcSipInfoMsi(): Buffer {
  return der.seq(der.int(1), der.octets(MSI_SIP_GUID_BYTES), der.int(0), der.int(0), der.int(0), der.int(0), der.int(0));
}

/** SpcIndirectDataContent (full TLV) for a kind, digest algorithm and file digest (`dataOverride`: another data element). */
export function spcIndirectDataContent(kind: 'pe' | 'msi', alg: BuilderDigest, fileDigest: Buffer, dataOverride?: Buffer): Buffer {
  const data = dataOverride ?? (kind === 'pe' ? der.seq(der.oid(OID.spcPeImageData), spcPeImageData()) : der.seq(der.oid(OID.spcSipInfo), spcSipInfoMsi()));
  return der.seq(data, der.seq(der.algorithm(DIGEST_OID[alg]), der.octets(fileDigest)));
}

function signerId(id: Identity, how: 'issuerSerial' | 'ski'): { version: number; sid: Buffer } {
  if (how === 'ski') return { version: 3, sid: der.implicitPrimitive(0, id.ski) };
  return { version: 1, sid: der.seq(id.issuerName, id.serialDer) };
}

function flipLastByte(b: Buffer): Buffer {
  const out = Buffer.from(b);
  out[out.length - 1] = out[out.length - 1]! ^ 0x01;
  return out;
}

/** A SignerInfo signing `signedAttrs` (a list of Attribute DERs) with `id`'s key. */
export function buildSignerInfo(p: {
  signer: Identity;
  digestAlgorithm: BuilderDigest;
  signedAttrs: Buffer[];
  unsignedAttrs?: Buffer[];
  signerIdentifier?: 'issuerSerial' | 'ski';
  signatureScheme?: 'pkcs1' | 'pss';
  corruptSignature?: boolean;
  /** the hash actually used to sign (default digestAlgorithm) */
  signingHash?: BuilderDigest;
}): { der: Buffer; signature: Buffer } {
  const { version, sid } = signerId(p.signer, p.signerIdentifier ?? 'issuerSerial');
  const attrsSet = der.set(...p.signedAttrs);
  const signingHash = p.signingHash ?? p.digestAlgorithm;
  const scheme = p.signatureScheme ?? 'pkcs1';
  let signature = signWith(p.signer.privateKey, p.signer.keyType, signingHash, attrsSet, scheme);
  if (p.corruptSignature) signature = flipLastByte(signature);
  // Windows writes rsaEncryption as the signature algorithm for PKCS#1 v1.5 signers.
  const sigAlg =
    p.signer.keyType === 'rsa' && scheme === 'pkcs1'
      ? der.algorithm(OID.rsaEncryption)
      : signatureAlgorithm(p.signer.keyType, signingHash, scheme);
  const parts = [
    der.int(version),
    sid,
    der.algorithm(DIGEST_OID[p.digestAlgorithm]),
    der.implicitConstructed(0, attrsSet),
    sigAlg,
    der.octets(signature),
  ];
  if (p.unsignedAttrs && p.unsignedAttrs.length) parts.push(der.implicitConstructed(1, der.set(...p.unsignedAttrs)));
  return { der: der.seq(...parts), signature };
}

function certificateBag(ids: Identity[]): Buffer {
  return der.implicitConstructed(0, der.tlv(0x31, Buffer.concat(ids.map((i) => i.der))));
}

function tsaHash(ts: TimestampOptions, outer: BuilderDigest): DigestAlgorithm {
  return ts.digestAlgorithm ?? (outer === 'md5' ? 'sha256' : outer);
}

/** RFC 3161 TimeStampToken (ContentInfo) over `signatureValue`. */
export function buildRfc3161Token(ts: TimestampOptions, signatureValue: Buffer, outerDigest: BuilderDigest): Buffer {
  const alg = tsaHash(ts, outerDigest);
  let imprint = hash(alg, signatureValue);
  if (ts.tamperImprint) imprint = flipLastByte(imprint);
  const tstInfo = der.seq(
    der.int(1),
    der.oid('1.3.6.1.4.1.99999.1.1'),
    der.seq(der.algorithm(DIGEST_OID[alg]), der.octets(imprint)),
    der.int(BigInt('0x' + hash('sha1', signatureValue).subarray(0, 8).toString('hex'))),
    der.generalizedTime(ts.time, true),
  );
  const signedAttrs = [
    attribute(OID.contentType, der.oid(OID.tstInfo)),
    attribute(OID.signingTime, der.time(ts.time)),
    attribute(OID.messageDigest, der.octets(hash(alg, tstInfo))),
  ];
  const si = buildSignerInfo({ signer: ts.tsa, digestAlgorithm: alg, signedAttrs, corruptSignature: ts.corruptSignature });
  const certs = [ts.tsa, ...(ts.tsaChain ?? issuersOf(ts.tsa))];
  const signedData = der.seq(
    der.int(3),
    der.set(der.algorithm(DIGEST_OID[alg])),
    der.seq(der.oid(OID.tstInfo), der.explicit(0, der.octets(tstInfo))),
    certificateBag(certs),
    der.set(si.der),
  );
  return contentInfo(OID.signedData, signedData);
}

/** Legacy PKCS#9 counter-signature (a SignerInfo) over `signatureValue`. */
export function buildPkcs9CounterSignature(ts: TimestampOptions, signatureValue: Buffer, outerDigest: BuilderDigest): Buffer {
  const alg = tsaHash(ts, outerDigest);
  let md = hash(alg, signatureValue);
  if (ts.tamperImprint) md = flipLastByte(md);
  const signedAttrs = [
    attribute(OID.contentType, der.oid(OID.data)),
    attribute(OID.signingTime, der.time(ts.time)),
    attribute(OID.messageDigest, der.octets(md)),
  ];
  return buildSignerInfo({ signer: ts.tsa, digestAlgorithm: alg, signedAttrs, corruptSignature: ts.corruptSignature }).der;
}

/** Build a DER ContentInfo(SignedData) Authenticode signature. */
export function buildAuthenticodeSignature(opts: AuthenticodeBuildOptions): Buffer {
  const alg = opts.digestAlgorithm;
  const spc = spcIndirectDataContent(opts.kind, opts.spcDigestAlgorithm ?? alg, opts.fileDigest, opts.spcData);
  const siAlg = opts.signerInfoDigestAlgorithm ?? alg;
  const messageDigest = opts.messageDigestOverride ?? hash(siAlg, der.contentOf(spc));

  const signedAttrs = [
    attribute(OID.contentType, der.oid(OID.spcIndirectData)),
    attribute(OID.spcStatementType, der.seq(der.oid(OID.spcIndividualCodeSigning))),
    attribute(OID.spcSpOpusInfo, der.seq()),
    attribute(OID.messageDigest, der.octets(messageDigest)),
  ];
  if (opts.signingTime) signedAttrs.push(attribute(OID.signingTime, der.time(opts.signingTime)));

  // The signature value is needed before the timestamp can be made: sign once, then add unsigned attrs.
  const base = buildSignerInfo({
    signer: opts.signer,
    digestAlgorithm: siAlg,
    signedAttrs,
    signerIdentifier: opts.signerIdentifier,
    signatureScheme: opts.signatureScheme,
    corruptSignature: opts.corruptSignature,
  });
  const unsigned: Buffer[] = [];
  const bag = [...(opts.certificates ?? [opts.signer, ...issuersOf(opts.signer)])];
  if (opts.timestamp) {
    if (opts.timestamp.kind === 'rfc3161') {
      unsigned.push(attribute(OID.rfc3161Timestamp, buildRfc3161Token(opts.timestamp, base.signature, alg)));
    } else {
      unsigned.push(attribute(OID.counterSignature, buildPkcs9CounterSignature(opts.timestamp, base.signature, alg)));
      bag.push(opts.timestamp.tsa, ...(opts.timestamp.tsaChain ?? issuersOf(opts.timestamp.tsa)));
    }
  }
  if (opts.nested && opts.nested.length) unsigned.push(der.seq(der.oid(OID.nestedSignature), der.setUnsorted(...opts.nested)));

  const signerInfo = unsigned.length ? withUnsignedAttrs(base.der, unsigned) : base.der;
  const signedData = der.seq(
    der.int(1),
    der.set(der.algorithm(DIGEST_OID[opts.signedDataDigestAlgorithm ?? alg])),
    der.seq(der.oid(OID.spcIndirectData), der.explicit(0, spc)),
    certificateBag(bag),
    der.set(signerInfo),
  );
  return contentInfo(OID.signedData, signedData);
}

/** Append [1] unsignedAttrs to an encoded SignerInfo (keeps every signed byte as it was). */
function withUnsignedAttrs(signerInfo: Buffer, unsigned: Buffer[]): Buffer {
  return der.tlv(0x30, Buffer.concat([der.contentOf(signerInfo), der.implicitConstructed(1, der.set(...unsigned))]));
}
