import { DerError } from './der/errors';
import type { FailureCode } from './types';

/** The one error class the verifier throws; carries a code from the closed set. */
export class VerifyError extends Error {
  readonly code: FailureCode;
  constructor(code: FailureCode, message: string) {
    super(message);
    this.name = 'VerifyError';
    this.code = code;
  }
}

/** True for a VerifyError. */
export function isVerifyError(e: unknown): e is VerifyError {
  return e instanceof VerifyError;
}

/**
 * Any error as the verifier's own: a VerifyError as it is; a DerError (der/errors.ts) as a VerifyError with the
 * code its caller asked the parse for, MALFORMED_SIGNATURE when it asked for none, and the same message;
 * anything else undefined. The one place where DER problems become failure codes.
 */
export function verifyErrorOf(e: unknown): VerifyError | undefined {
  if (e instanceof VerifyError) return e;
  if (e instanceof DerError) return new VerifyError((e.failureCode as FailureCode | undefined) ?? 'MALFORMED_SIGNATURE', e.message);
  return undefined;
}
