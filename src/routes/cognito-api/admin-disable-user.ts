import { existingUser, poolById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `AdminDisableUser` and `AdminEnableUser`. A disabled user cannot sign in or
 * refresh (`User is disabled.`), and the JSON API refuses their access tokens.
 */
export const adminDisableUser = (deps: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler => setEnabled(deps, false);

export const adminEnableUser = (deps: Pick<CognitoApiDeps, 'directory' | 'dates'>): Handler => setEnabled(deps, true);

function setEnabled({ directory, dates }: Pick<CognitoApiDeps, 'directory' | 'dates'>, enabled: boolean): Handler {
  return async (body) => {
    const input = readInput(body, { UserPoolId: 'string', Username: 'string' });
    const user = existingUser(directory, poolById(directory, input.UserPoolId), input.Username);
    user.enabled = enabled;
    dates.modified(user);
    return {};
  };
}
