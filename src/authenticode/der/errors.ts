/**
 * The DER layer's one error. The layer knows bytes, not verdicts: a DerError says what could not be read and
 * where, and carries, untouched, the failure code its caller asked the parse to report (ParseOptions.code), or
 * none. The verifier maps it to its own error and failure code in one place (../errors.ts, verifyErrorOf).
 */
export class DerError extends Error {
  /** the code the caller gave the parse (ParseOptions.code); undefined when it gave none */
  readonly failureCode: string | undefined;
  constructor(code: string | undefined, message: string) {
    super(message);
    this.name = 'DerError';
    this.failureCode = code;
  }
}
