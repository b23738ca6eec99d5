import { CognitoError } from '../../cognito/errors.js';
import { verifyRegistration } from '../../cognito/passkey-verification.js';
import { checkPasskeysEnabled, passkeySettings } from '../../cognito/passkeys.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `CompleteWebAuthnRegistration`: verifies the passkey the browser made from StartWebAuthnRegistration's
 * options (`Credential`, a RegistrationResponseJSON) and adds it to the access token's user. No pending
 * challenge, or an expired one: WebAuthnChallengeNotFoundException; a token of another client than the
 * one that started: WebAuthnClientMismatchException; then the checks of {@link verifyRegistration}.
 * A failure changes nothing (the challenge stays usable until it expires); success uses it up.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html
 */
export const completeWebAuthnRegistration =
  ({ signIns, clock, dates }: Pick<CognitoApiDeps, 'signIns' | 'clock' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', Credential: 'object' });
    const { pool, user, claims } = await userOfAccessToken(signIns, input.AccessToken);
    checkPasskeysEnabled(pool);
    const pending = user.passkeyRegistration;
    if (!pending || pending.expiresAt <= clock.now()) {
      throw new CognitoError('WebAuthnChallengeNotFoundException', 'No passkey registration is in progress for this user, or it expired: call StartWebAuthnRegistration again.');
    }
    if (pending.clientId !== claims.client_id) {
      throw new CognitoError('WebAuthnClientMismatchException', 'The access token is for another app client than the one that started this passkey registration.');
    }
    const made = await verifyRegistration(input.Credential, pending.challenge, passkeySettings(pool));
    const passkeys = user.passkeys ?? [];
    if (passkeys.some((p) => p.id === made.id)) throw new CognitoError('InvalidParameterException', 'This passkey is already registered for the user.');
    const name = made.attachment === 'platform' ? 'Platform passkey' : made.attachment === 'cross-platform' ? 'Security key' : 'Passkey';
    user.passkeys = [...passkeys, { ...made, name, createdAt: clock.now() }];
    delete user.passkeyRegistration;
    dates.modified(user);
    return {};
  };
