import { checkPasswordPolicy } from '../../cognito/password-policy.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { incorrect, samePassword } from './sign-in-outcome.js';

/** `ChangePassword`: the signed-in user's new password, given the current one. */
export const changePassword =
  ({ signIns, dates }: Pick<CognitoApiDeps, 'signIns' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', PreviousPassword: 'string', ProposedPassword: 'string' });
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    if (!samePassword(user.password, input.PreviousPassword)) throw incorrect();
    checkPasswordPolicy(input.ProposedPassword, pool.settings.Policies.PasswordPolicy);
    user.password = input.ProposedPassword;
    dates.modified(user);
    return {};
  };
