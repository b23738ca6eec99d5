import { userExistenceError } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { sameSecret } from '../../security/constant-time.js';
import { claimAlias, moveAliases } from '../../cognito/sign-in-names.js';
import { runPostConfirmation } from '../../triggers/post-confirmation.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `ConfirmSignUp`: the code from SignUp makes the user CONFIRMED and verifies
 * the attribute it was sent to (none when the pool auto-verifies nothing). Where that
 * attribute is an alias another user has verified, ForceAliasCreation moves it to this
 * user; without it, AliasExistsException. With PreventUserExistenceErrors ENABLED, an unknown
 * user gets CodeMismatchException, like a wrong code; LEGACY clients get UserNotFoundException.
 * Returns a `Session` for InitiateAuth USER_AUTH (sign-in without another code). The pool's post
 * confirmation function runs once the code is known to be right, before the user changes.
 */
export const confirmSignUp =
  ({ directory, codes, dates, challenges, triggers }: Pick<CognitoApiDeps, 'directory' | 'codes' | 'dates' | 'challenges' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { ClientId: 'string', Username: 'string', ConfirmationCode: 'string', SecretHash: 'string?', ForceAliasCreation: 'boolean?', ClientMetadata: 'stringMap?' });
    const { pool, client } = clientById(directory, input.ClientId);
    checkSecretHash(client, [input.Username], input.SecretHash);
    const user = directory.findUser(pool, input.Username);
    if (!user) throw userExistenceError(client, 'Username/client id combination not found.') ?? new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    // The alias check comes after the code's (a wrong code says so first) and before it is used up (AliasExistsException leaves it usable).
    const pending = codes.list(pool.id, user.username).find((c) => c.purpose === 'SIGN_UP');
    const right = pending !== undefined && sameSecret(input.ConfirmationCode, pending.code);
    const moves = right ? claimAlias(directory, pool, user, pending.attributeName, input.ForceAliasCreation ?? false) : [];
    const checked = codes.check(pool.id, user.username, 'SIGN_UP', input.ConfirmationCode);
    // The post confirmation function sees the user as confirmed; it runs before anything changes.
    await runPostConfirmation(triggers, {
      pool,
      source: 'PostConfirmation_ConfirmSignUp',
      user: { ...user, status: 'CONFIRMED', attributes: { ...user.attributes, ...(checked.attributeName ? { [`${checked.attributeName}_verified`]: 'true' } : {}) } },
      clientId: client.id,
      awsSdkVersion: context.awsSdkVersion,
      clientMetadata: input.ClientMetadata,
    });
    const used = codes.use(pool.id, user.username, 'SIGN_UP', input.ConfirmationCode);
    moveAliases(directory, pool, moves);
    user.status = 'CONFIRMED';
    if (used.attributeName) directory.setAttributes(pool, user, { [`${used.attributeName}_verified`]: 'true' });
    dates.modified(user);
    // The Session InitiateAuth USER_AUTH takes (with the same client and username) to sign the user in
    // without another code, once, within the 3 minutes of a challenge session (Amplify's autoSignIn).
    return { Session: challenges.seal({ kind: 'user-auth', step: 'SIGN_UP', pool: pool.id, client: client.id, username: user.username, known: true }) };
  };
