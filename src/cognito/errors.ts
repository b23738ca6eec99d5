/**
 * Cognito's error types (the `__type` of its JSON API errors), in one place.
 * Every one answers HTTP 400 except InternalErrorException (the Errors section of each operation
 * in the API reference, e.g. https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html).
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
  'EnableSoftwareTokenMFAException',
  'SoftwareTokenMFANotFoundException',
  'AliasExistsException',
  'GroupExistsException',
  'DuplicateProviderException',
  'ScopeDoesNotExistException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'InternalErrorException',
  // A feature the pool's UserPoolTier (feature plan) does not include, e.g. email MFA on LITE
  // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html#API_SetUserPoolMfaConfig_Errors).
  'FeatureUnavailableInTierException',
  // A trigger function failed (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html#API_SignUp_Errors).
  'UserLambdaValidationException',
  'UnexpectedLambdaException',
  'InvalidLambdaResponseException',
  // Passkeys (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html#API_CompleteWebAuthnRegistration_Errors).
  'WebAuthnNotEnabledException',
  'WebAuthnChallengeNotFoundException',
  'WebAuthnClientMismatchException',
  'WebAuthnOriginNotAllowedException',
  'WebAuthnRelyingPartyMismatchException',
  'WebAuthnCredentialNotSupportedException',
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
