import { CognitoError } from '../../cognito/errors.js';

/** Every AuthFlow Cognito knows (the API's enum). */
export const authFlows = ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH'];

/**
 * Refuses an AuthFlow the operation does not take: Cognito's enum error for a
 * value outside the enum, `Initiate Auth method not supported.` for one the
 * operation does not take.
 */
export function checkAuthFlow(flow: string, takes: readonly string[]): void {
  if (!authFlows.includes(flow)) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${flow.slice(0, 60)}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${authFlows.join(', ')}]`,
    );
  }
  if (!takes.includes(flow)) throw new CognitoError('InvalidParameterException', 'Initiate Auth method not supported.');
}
