/**
 * Public API of the Authenticode / ACS verifier. Everything the CLI uses is exported from here.
 */
export { verifyFile } from './verify-file';
export { resolveVerifyContext } from './context';
export { verifyInOrder, type PoolOptions } from './pool/verify-pool';
export { VerifyError, isVerifyError } from './errors';
export { readPeContainer, type PeContainer } from './formats/pe-container';
export { readMsiContainer } from './formats/msi-reader';
export { bundledAcsRoot, bundledMicrosoftCertificates } from './trust/certificates';
export * from './trust/bundled-roots';
export * from './types';
export type { VerifyContext } from './context';
