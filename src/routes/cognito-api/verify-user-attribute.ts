import { CognitoError } from '../../cognito/errors.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `VerifyUserAttribute`: the code UpdateUserAttributes sent makes `email` / `phone_number` verified. */
export const verifyUserAttribute =
  ({ signIns, codes, dates }: Pick<CognitoApiDeps, 'signIns' | 'codes' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', AttributeName: 'string', Code: 'string' });
    if (input.AttributeName !== 'email' && input.AttributeName !== 'phone_number') {
      throw new CognitoError('InvalidParameterException', `Only email and phone_number can be verified (got ${input.AttributeName.slice(0, 60)})`);
    }
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    codes.use(pool.id, user.username, 'VERIFY_ATTRIBUTE', input.Code, input.AttributeName);
    user.attributes[`${input.AttributeName}_verified`] = 'true';
    dates.modified(user);
    return {};
  };
