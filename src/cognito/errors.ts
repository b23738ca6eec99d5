/**
 * Cognito's error types (the `__type` of its JSON API errors), in one place.
 * Every one answers HTTP 400 except InternalErrorException (reference/cognito.md §5.4).
 */
export const cognitoErrorTypes = [
  'NotAuthorizedException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'UsernameExistsException',
  'CodeMismatchException',
  'ExpiredCodeException',
  'InvalidPasswordException',
  'InvalidParameterException',
  'ResourceNotFoundException',
  'PasswordResetRequiredException',
  'TooManyRequestsException',
  'LimitExceededException',
  'UnsupportedTokenTypeException',
  'UnsupportedOperationException',
  'RefreshTokenReuseException',
  'AliasExistsException',
  'GroupExistsException',
  'DuplicateProviderException',
  'ScopeDoesNotExistException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'InternalErrorException',
] as const;

export type CognitoErrorType = (typeof cognitoErrorTypes)[number];

/** A Cognito error: rendered as `{"__type", "message"}` with `x-amzn-ErrorType` by the JSON API. */
export class CognitoError extends Error {
  override readonly name = 'CognitoError';
  readonly type: CognitoErrorType;
  readonly statusCode: number;

  constructor(type: CognitoErrorType, message: string) {
    super(message);
    this.type = type;
    this.statusCode = type === 'InternalErrorException' ? 500 : 400;
  }
}
