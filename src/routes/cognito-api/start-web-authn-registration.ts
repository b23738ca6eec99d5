import { checkPasskeysEnabled, creationOptions, newPasskeyChallenge, passkeyCeremonyMs, passkeySettings } from '../../cognito/passkeys.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `StartWebAuthnRegistration`: CredentialCreationOptions for the access token's user to make a passkey
 * with (`navigator.credentials.create`). The challenge is remembered on the user, with the token's client,
 * for {@link passkeyCeremonyMs}; a new call replaces it.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html
 */
export const startWebAuthnRegistration =
  ({ signIns, clock }: Pick<CognitoApiDeps, 'signIns' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string' });
    const { pool, user, claims } = await userOfAccessToken(signIns, input.AccessToken);
    checkPasskeysEnabled(pool);
    const settings = passkeySettings(pool);
    const challenge = newPasskeyChallenge();
    user.passkeyRegistration = { challenge, clientId: String(claims.client_id), rpId: settings.rpId, expiresAt: clock.now() + passkeyCeremonyMs };
    return { CredentialCreationOptions: creationOptions(pool, user, settings, challenge) };
  };
