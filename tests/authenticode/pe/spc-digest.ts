/**
 * Test-only: the (algorithm OID, digest) inside a signature's SpcIndirectDataContent, read with node-forge's
 * ASN.1 parser, so the PE digest code can be checked without the signature layer.
 */
import * as forge from 'node-forge';

const DIGEST_NAMES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.2.840.113549.2.5': 'md5',
};

type Node = forge.asn1.Asn1;
const kids = (n: Node): Node[] => n.value as Node[];

export function spcDigest(blob: Uint8Array): { algorithm: string; digest: Buffer } {
  const ci = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(blob).toString('binary')), false);
  const signedData = kids(kids(ci)[1])[0];
  const encap = kids(signedData)[2]; // version, digestAlgorithms, contentInfo
  const spc = kids(kids(encap)[1])[0];
  const digestInfo = kids(spc)[1];
  const oid = forge.asn1.derToOid(kids(kids(digestInfo)[0])[0].value as string);
  const digest = Buffer.from(kids(digestInfo)[1].value as string, 'binary');
  return { algorithm: DIGEST_NAMES[oid] ?? oid, digest };
}
