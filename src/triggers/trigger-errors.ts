import { CognitoError } from '../cognito/errors.js';
import { InvokeFailure } from './invoke-errors.js';
import type { TriggerName } from './trigger-functions.js';

/**
 * A trigger's response Cognito cannot use (a handler's `check` throws this): the caller gets
 * InvalidLambdaResponseException.
 *
 * @example
 * if (typeof response.autoConfirmUser !== 'boolean') throw invalidLambdaResponse('autoConfirmUser is not a boolean');
 */
export function invalidLambdaResponse(detail: string): InvokeFailure {
  return new InvokeFailure('malformed', detail);
}

/**
 * The error Cognito's caller gets when a trigger fails, as Cognito relays it (the Errors of
 * SignUp, InitiateAuth… in the API reference, e.g.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html#API_SignUp_Errors):
 * - the function raised an error: UserLambdaValidationException `<Trigger> failed with error <its message>.`
 *   (as apps see it: `PreSignUp failed with error Registration from this domain is not allowed..`);
 * - it timed out: UnexpectedLambdaException `<Trigger> failed with error Socket timeout while invoking Lambda function.`;
 * - it could not be invoked: UnexpectedLambdaException `<Trigger> invocation failed due to error <Lambda's error type>.`,
 *   and for an ARN mock-idp runs nowhere, how to map it;
 * - its answer is not the event with a usable response: InvalidLambdaResponseException `Unrecognizable lambda output`.
 */
export function cognitoTriggerError(trigger: TriggerName, failure: InvokeFailure): CognitoError {
  switch (failure.kind) {
    case 'function-error':
      return new CognitoError('UserLambdaValidationException', `${trigger} failed with error ${failure.message}.`);
    case 'timeout':
      return new CognitoError('UnexpectedLambdaException', `${trigger} failed with error Socket timeout while invoking Lambda function.`);
    case 'unmapped':
      return new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error ResourceNotFoundException. (${failure.message})`);
    case 'unreachable':
      return new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error ${failure.errorType ?? 'ServiceException'}. (${failure.message})`);
    case 'malformed':
      return new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
  }
}
