import { attributeList } from '../../cognito/user-attributes.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `GetUser`: the access token's user and attributes (the token needs `aws.cognito.signin.user.admin`). */
export const getUser =
  ({ signIns }: Pick<CognitoApiDeps, 'signIns'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string' });
    const { user } = await userOfAccessToken(signIns, input.AccessToken);
    return { Username: user.username, UserAttributes: attributeList(user) };
  };
