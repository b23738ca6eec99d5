/**
 * How running a function can fail, before Cognito's view of it (trigger-errors.ts):
 * the function raised an error, the function could not be run (or did not answer in time),
 * or it answered with something that is not a JSON object.
 */
export type InvokeFailureKind = 'function-error' | 'timeout' | 'unreachable' | 'unmapped' | 'malformed';

/** A failed invocation. `message` is the function's own for `function-error`; a description otherwise. */
export class InvokeFailure extends Error {
  override readonly name = 'InvokeFailure';
  readonly kind: InvokeFailureKind;
  /** The function's error type (`errorType` in Lambda's error payload), for `function-error`. */
  readonly errorType: string | undefined;

  constructor(kind: InvokeFailureKind, message: string, errorType?: string) {
    super(message);
    this.kind = kind;
    this.errorType = errorType;
  }
}
