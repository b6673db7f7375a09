/**
 * Public API of the Authenticode / ACS verifier. Everything the CLI uses is exported from here.
 */
export { verifyFile, verifyFiles, verifyFileWithContext, isIoError } from './verify-file';
export { resolveVerifyContext } from './context';
export { verifyInOrder, POOL_MIN_FILES, type PoolOptions } from './pool/verify-pool';
export { VerifyError, isVerifyError } from './errors';
export { detectFormat, detectFormatOf } from './formats/detect';
export { readPeContainer, type PeContainer } from './formats/pe-container';
export { readMsiContainer } from './formats/msi-reader';
export { bundledAcsRoot, bundledMicrosoftCertificates, pemCertificates, toX509 } from './trust/certificates';
export * from './trust/bundled-roots';
export * from './types';
export type { VerifyContext } from './context';
