/**
 * Pull the file digest out of an Authenticode signature (ContentInfo → SignedData → SpcIndirectDataContent
 * → DigestInfo) with node-forge's ASN.1 reader, independently of the verifier's own parsing.
 */
import * as forge from 'node-forge';

export interface SpcDigest {
  /** dotted OID of the DigestInfo algorithm */
  algorithmOid: string;
  digest: Buffer;
  /** dotted OID of SpcIndirectDataContent.data.type (SpcSipInfo for MSI: 1.3.6.1.4.1.311.2.1.30) */
  dataTypeOid: string;
}

const OIDS: Record<string, 'sha1' | 'sha256' | 'sha384' | 'sha512'> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export function digestName(oid: string): 'sha1' | 'sha256' | 'sha384' | 'sha512' {
  const n = OIDS[oid];
  if (!n) throw new Error(`unknown digest OID ${oid}`);
  return n;
}

function children(n: forge.asn1.Asn1): forge.asn1.Asn1[] {
  if (!Array.isArray(n.value)) throw new Error('expected a constructed ASN.1 value');
  return n.value as forge.asn1.Asn1[];
}

export function spcDigest(signature: Uint8Array): SpcDigest {
  const ci = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(signature).toString('binary')), false);
  const signedData = children(children(ci)[1])[0];
  // SignedData: version, digestAlgorithms, encapContentInfo, …
  const encap = children(signedData)[2];
  const spc = children(children(encap)[1])[0];
  const [data, digestInfo] = children(spc);
  const dataTypeOid = forge.asn1.derToOid(children(data)[0].value as string);
  const [alg, octets] = children(digestInfo);
  return {
    algorithmOid: forge.asn1.derToOid(children(alg)[0].value as string),
    digest: Buffer.from(octets.value as string, 'binary'),
    dataTypeOid,
  };
}
