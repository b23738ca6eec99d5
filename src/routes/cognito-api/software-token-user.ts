import type { UserRecord } from '../../config/types.js';
import type { MfaSetupChallenge } from '../../cognito/challenge-sessions.js';
import { CognitoError } from '../../cognito/errors.js';
import type { Pool } from '../../directory/pool.js';
import { userOfAccessToken } from './access-token.js';
import type { CognitoApiDeps } from './operation.js';

/**
 * Whose authenticator app AssociateSoftwareToken and VerifySoftwareToken set up: the access token's
 * user, or the user of an MFA_SETUP challenge's Session (then `challenge` is that challenge, opened).
 */
export async function softwareTokenUser(
  { signIns, challenges, directory }: Pick<CognitoApiDeps, 'signIns' | 'challenges' | 'directory'>,
  input: { AccessToken?: string; Session?: string },
): Promise<{ pool: Pool; user: UserRecord; challenge?: MfaSetupChallenge & { id: string } }> {
  if (input.AccessToken !== undefined) {
    const { pool, user } = await userOfAccessToken(signIns, input.AccessToken);
    return { pool, user };
  }
  if (input.Session === undefined) throw new CognitoError('InvalidParameterException', 'Either AccessToken or Session must be given.');
  const challenge = challenges.open('mfa-setup', input.Session);
  const pool = directory.pools().find((p) => p.id === challenge.pool);
  const user = pool && directory.findUser(pool, challenge.username);
  if (!pool || !user || user.username !== challenge.username) throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
  return { pool, user, challenge };
}
