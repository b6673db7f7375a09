/**
 * Public API of the Authenticode / ACS verifier. Everything the CLI uses is exported from here.
 */
export { verifyFile, verifyFiles, verifyFileWithContext, isIoError } from './verify-file';
export { resolveVerifyContext } from './context';
export { VerifyError, isVerifyError } from './errors';
export { detectFormat, detectFormatOf } from './detect';
export { readPeContainer, type PeContainer } from './pe-container';
export { readMsiContainer } from './msi-reader';
export { bundledAcsRoot, bundledMicrosoftCertificates, pemCertificates, toX509 } from './certificates';
export * from './bundled-roots';
export * from './types';
