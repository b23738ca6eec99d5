import { CognitoError } from '../../cognito/errors.js';
import { userOfAccessToken } from './access-token.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `DeleteWebAuthnCredential`: removes one of the access token's user's passkeys by CredentialId;
 * ResourceNotFoundException when the user has none with that id.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteWebAuthnCredential.html
 */
export const deleteWebAuthnCredential =
  ({ signIns, dates }: Pick<CognitoApiDeps, 'signIns' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string', CredentialId: 'string' });
    const { user } = await userOfAccessToken(signIns, input.AccessToken);
    const passkeys = user.passkeys ?? [];
    if (!passkeys.some((p) => p.id === input.CredentialId)) throw new CognitoError('ResourceNotFoundException', 'The user has no passkey with this CredentialId.');
    user.passkeys = passkeys.filter((p) => p.id !== input.CredentialId);
    dates.modified(user);
    return {};
  };
