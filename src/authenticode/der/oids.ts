/**
 * Object identifiers used by the Authenticode verifier, in dotted form.
 * Sources: Microsoft "Windows Authenticode Portable Executable Signature Format" (2008, 2.x sections),
 * RFC 5652 (CMS), RFC 3161 (TSP), RFC 5280 (X.509), RFC 8017 (RSA), RFC 5758 (ECDSA), RFC 4055 (RSA-PSS),
 * Microsoft Trusted Signing documentation (1.3.6.1.4.1.311.97.*).
 */
import type { DigestAlgorithm } from '../types';

export const OID = {
  // CMS / PKCS#7 content types
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',

  // Authenticode
  spcIndirectData: '1.3.6.1.4.1.311.2.1.4',
  spcPeImageData: '1.3.6.1.4.1.311.2.1.15',
  spcSipInfo: '1.3.6.1.4.1.311.2.1.30',
  /** SPC_CAB_DATA_OBJID: the data type of cabinet (and flat-file catalog member) SpcIndirectDataContent */
  spcCabData: '1.3.6.1.4.1.311.2.1.25',
  /** szOID_CTL: a catalog's content type (certificate trust list) */
  ctl: '1.3.6.1.4.1.311.10.1',
  /** szOID_CATALOG_LIST: a CTL's subject usage when it is a catalog of file hashes */
  catalogList: '1.3.6.1.4.1.311.12.1.1',
  /** CAT_NAMEVALUE_OBJID: a catalog member's name/value attribute (the "File" name) */
  catNameValue: '1.3.6.1.4.1.311.12.2.1',
  /** CAT_MEMBERINFO_OBJID / CAT_MEMBERINFO2_OBJID: a member's SIP GUID (v1) / marker (v2) */
  catMemberInfo: '1.3.6.1.4.1.311.12.2.2',
  catMemberInfo2: '1.3.6.1.4.1.311.12.2.3',
  spcStatementType: '1.3.6.1.4.1.311.2.1.11',
  spcIndividualCodeSigning: '1.3.6.1.4.1.311.2.1.21',
  spcSpOpusInfo: '1.3.6.1.4.1.311.2.1.12',
  nestedSignature: '1.3.6.1.4.1.311.2.4.1',
  rfc3161Timestamp: '1.3.6.1.4.1.311.3.3.1',

  // PKCS#9 attributes
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  counterSignature: '1.2.840.113549.1.9.6',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',

  // digest algorithms
  md5: '1.2.840.113549.2.5',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',

  // signature algorithms
  rsaEncryption: '1.2.840.113549.1.1.1',
  md5WithRSA: '1.2.840.113549.1.1.4',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  rsaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  prime256v1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',

  // X.509 extensions
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',

  // extended key usages
  anyExtendedKeyUsage: '2.5.29.37.0',
  ekuCodeSigning: '1.3.6.1.5.5.7.3.3',
  ekuTimeStamping: '1.3.6.1.5.5.7.3.8',
  /** present on every public-trust Microsoft Trusted Signing (ACS) leaf */
  ekuAcsPublicTrust: '1.3.6.1.4.1.311.97.1.0',
  /** Microsoft lifetime signing: a timestamp does not extend the leaf's validity */
  ekuLifetimeSigning: '1.3.6.1.4.1.311.10.3.13',
} as const;

/** Prefix shared by the Trusted Signing (ACS) EKUs: 1.3.6.1.4.1.311.97.* */
export const ACS_EKU_PREFIX = '1.3.6.1.4.1.311.97.';

/** X.500 attribute types, for rendering names "CN=…, O=…". */
export const NAME_ATTRIBUTES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'S',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'G',
  '2.5.4.15': 'BUSINESSCATEGORY',
  '2.5.4.17': 'POSTALCODE',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.3.6.1.4.1.311.60.2.1.1': 'JURISDICTIONL',
  '1.3.6.1.4.1.311.60.2.1.2': 'JURISDICTIONS',
  '1.3.6.1.4.1.311.60.2.1.3': 'JURISDICTIONC',
};

const DIGEST_BY_OID: Readonly<Record<string, DigestAlgorithm>> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** The supported digest algorithm for an OID, or undefined (MD5 included: it is refused, not supported). */
export function digestAlgorithmFromOid(oid: string): DigestAlgorithm | undefined {
  return DIGEST_BY_OID[oid];
}

/** Output length in bytes of each supported digest. */
export const DIGEST_LENGTH: Readonly<Record<DigestAlgorithm, number>> = {
  sha1: 20,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};
