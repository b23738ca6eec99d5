import { CognitoError } from '../../cognito/errors.js';
import { claimAlias } from '../../cognito/sign-in-names.js';
import { sameSecret } from '../../security/constant-time.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `VerifyUserAttribute`: the code UpdateUserAttributes sent makes `email` / `phone_number` verified.
 * Where it is an alias another user has verified: AliasExistsException.
 */
export const verifyUserAttribute =
  ({ directory, signIns, codes, dates }: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'codes' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', AttributeName: 'string', Code: 'string' });
    if (input.AttributeName !== 'email' && input.AttributeName !== 'phone_number') {
      throw new CognitoError('InvalidParameterException', `Only email and phone_number can be verified (got ${input.AttributeName.slice(0, 60)})`);
    }
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    const pending = codes.list(pool.id, user.username).find((c) => c.purpose === 'VERIFY_ATTRIBUTE' && c.attributeName === input.AttributeName);
    if (pending && sameSecret(input.Code, pending.code)) claimAlias(directory, pool, user, input.AttributeName, false);
    codes.use(pool.id, user.username, 'VERIFY_ATTRIBUTE', input.Code, input.AttributeName);
    directory.setAttributes(pool, user, { [`${input.AttributeName}_verified`]: 'true' });
    dates.modified(user);
    return {};
  };
