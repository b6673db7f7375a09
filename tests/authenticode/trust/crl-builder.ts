/**
 * X.509 v2 CRLs (RFC 5280 §5) made by the test PKI: DER built with tests/helpers/der.ts, signed with node:crypto
 * through the PKI's signWith. Test code only.
 */
import * as der from '../../helpers/der';
import { type Identity, signatureAlgorithm, signWith } from '../../helpers/pki';

export interface CrlEntrySpec {
  /** the revoked certificate (its serial is used) */
  cert?: Identity;
  /** or a bare serial number */
  serial?: bigint;
  revokedAt: Date;
  /** RFC 5280 reason code; undefined = no reasonCode extension */
  reason?: number;
}

export interface CrlSpec {
  /** the CA whose CRL this is (its name is the CRL's issuer) */
  issuer: Identity;
  thisUpdate: Date;
  nextUpdate?: Date;
  entries?: CrlEntrySpec[];
  /** sign with this identity's key instead of the issuer's (a forged / mis-signed CRL) */
  signer?: Identity;
  /** authorityKeyIdentifier bytes (default: the issuer's SKI); null = no AKI extension */
  aki?: Buffer | null;
  /** extra CRL extensions (full Extension DERs) */
  extensions?: Buffer[];
}

const ext = (oid: string, critical: boolean, value: Buffer): Buffer =>
  critical ? der.seq(der.oid(oid), der.bool(true), der.octets(value)) : der.seq(der.oid(oid), der.octets(value));

function serialOf(e: CrlEntrySpec): Buffer {
  if (e.cert) return e.cert.serialDer;
  if (e.serial === undefined) throw new Error('a CRL entry needs a cert or a serial');
  return der.int(e.serial);
}

export function buildCrl(spec: CrlSpec): Buffer {
  const signer = spec.signer ?? spec.issuer;
  const sigAlg = signatureAlgorithm(signer.keyType, 'sha256');
  const entries = (spec.entries ?? []).map((e) => {
    const parts = [serialOf(e), der.time(e.revokedAt)];
    if (e.reason !== undefined) parts.push(der.seq(ext('2.5.29.21', false, der.tlv(0x0a, Buffer.from([e.reason])))));
    return der.seq(...parts);
  });
  const exts: Buffer[] = [];
  const aki = spec.aki === undefined ? spec.issuer.ski : spec.aki;
  if (aki) exts.push(ext('2.5.29.35', false, der.seq(der.implicitPrimitive(0, aki))));
  exts.push(ext('2.5.29.20', false, der.int(1)));
  exts.push(...(spec.extensions ?? []));
  const tbsParts = [der.int(1), sigAlg, spec.issuer.subjectName, der.time(spec.thisUpdate)];
  if (spec.nextUpdate) tbsParts.push(der.time(spec.nextUpdate));
  if (entries.length) tbsParts.push(der.tlv(0x30, Buffer.concat(entries)));
  tbsParts.push(der.explicit(0, der.seq(...exts)));
  const tbs = der.seq(...tbsParts);
  const signature = signWith(signer.privateKey, signer.keyType, 'sha256', tbs);
  return der.seq(tbs, sigAlg, der.bitString(signature));
}

export function crlPem(crl: Buffer): string {
  return `-----BEGIN X509 CRL-----\n${crl.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END X509 CRL-----\n`;
}

/** An extension DER, for CrlSpec.extensions. */
export const crlExtension = ext;
