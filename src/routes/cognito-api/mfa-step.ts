import type { UserRecord } from '../../config/types.js';
import type { ChallengeSessions } from '../../cognito/challenge-sessions.js';
import { totpRequired, totpSetupRequired } from '../../cognito/mfa.js';
import type { AuthResponse, SignInTarget } from './sign-in-outcome.js';

/**
 * After the password, when the pool's MFA applies to the user: SOFTWARE_TOKEN_MFA (the user has an
 * authenticator app) or MFA_SETUP (MFA is ON and the user has none), as the API reference's
 * RespondToAuthChallenge describes them; undefined when the user signs in without MFA.
 */
export function mfaChallenge(challenges: ChallengeSessions, { pool, client }: SignInTarget, user: UserRecord): AuthResponse | undefined {
  const sealed = { pool: pool.id, client: client.id, username: user.username };
  if (totpRequired(pool, user)) {
    return {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenges.seal({ kind: 'mfa', ...sealed }),
      // As the AWS CLI's respond-to-auth-challenge example shows it (the name given to VerifySoftwareToken):
      // https://docs.aws.amazon.com/cli/latest/reference/cognito-idp/respond-to-auth-challenge.html
      ChallengeParameters: user.mfa?.totpDeviceName === undefined ? {} : { FRIENDLY_DEVICE_NAME: user.mfa.totpDeviceName },
    };
  }
  if (totpSetupRequired(pool, user)) {
    return {
      ChallengeName: 'MFA_SETUP',
      Session: challenges.seal({ kind: 'mfa-setup', ...sealed, verified: false }),
      ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']), USER_ID_FOR_SRP: user.username },
    };
  }
  return undefined;
}
