import { newTotpSecret, userMfa } from '../../cognito/mfa.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler, OperationContext } from './operation.js';
import { softwareTokenUser } from './software-token-user.js';

/**
 * `AssociateSoftwareToken`: a new TOTP secret (SecretCode, 32 base32 characters) for the access
 * token's user or the user of an MFA_SETUP Session, who proves it with VerifySoftwareToken. With a
 * Session, the answer carries the Session to go on with (the one given is used up).
 */
export const associateSoftwareToken =
  (deps: Pick<CognitoApiDeps, 'signIns' | 'challenges' | 'directory'>): Handler =>
  async (body, { log }: OperationContext) => {
    const input = readInput(body, { AccessToken: 'string?', Session: 'string?' });
    const { pool, user, challenge } = await softwareTokenUser(deps, input);
    const secret = newTotpSecret();
    userMfa(user).pendingTotpSecret = secret;
    log.info({ pool: pool.id, username: user.username }, 'Cognito software token associated (secret at GET /_mock/pools/{pool}/users/{username}/mfa)');
    if (!challenge) return { SecretCode: secret };
    deps.challenges.consume(challenge);
    const { id: _id, ...next } = challenge;
    return { SecretCode: secret, Session: deps.challenges.seal({ ...next, verified: false }) };
  };
