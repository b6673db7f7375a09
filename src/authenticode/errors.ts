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
