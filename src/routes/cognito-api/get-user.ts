import { canRead, clientOfToken } from '../../cognito/client-settings.js';
import { userMfaSettings } from '../../cognito/mfa-methods.js';
import { attributeList } from '../../cognito/user-attributes.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `GetUser`: the access token's user and the attributes its client may read (the token needs
 * `aws.cognito.signin.user.admin`), with UserMFASettingList and PreferredMfaSetting when the user has MFA.
 */
export const getUser =
  ({ signIns }: Pick<CognitoApiDeps, 'signIns'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string' });
    const { pool, user, claims } = await userOfAccessToken(signIns, input.AccessToken);
    const client = clientOfToken(pool, claims);
    return { Username: user.username, UserAttributes: attributeList(user).filter((a) => a.Name === 'sub' || canRead(client, a.Name)), ...userMfaSettings(user) };
  };
