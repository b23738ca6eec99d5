import { createHmac } from 'node:crypto';
import type { Client } from '../directory/directory.js';
import { sameSecret } from '../security/constant-time.js';
import { secretValues } from './client-secrets.js';
import { CognitoError } from './errors.js';

/**
 * `SECRET_HASH = Base64(HMAC-SHA256(clientSecret, username + clientId))`, which
 * clients of an app client with a secret send with every user-pool call.
 *
 * @example
 * secretHash('s3cret', 'alice', '74tsdvbgrc3esbuvkbj4ft5dam'); // 'kX…='
 */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}

/**
 * Checks a SECRET_HASH for a confidential client, computed with any of its
 * secrets (two while one is being rotated) over any of `usernames` (the name the
 * caller sent, the user's username, or for refreshes its sub); public clients
 * need none. NotAuthorizedException in Cognito's words.
 */
export function checkSecretHash(client: Client, usernames: readonly string[], given: unknown): void {
  const secrets = secretValues(client);
  if (secrets.length === 0) return;
  if (typeof given !== 'string' || given === '') {
    throw new CognitoError('NotAuthorizedException', `Client ${client.id} is configured with secret but SECRET_HASH was not received`);
  }
  const matches = secrets.some((secret) => usernames.some((name) => sameSecret(given, secretHash(secret, name, client.id))));
  if (!matches) throw new CognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${client.id}`);
}

/**
 * Checks the `ClientSecret` that GetTokensFromRefreshToken and RevokeToken take
 * instead of a SECRET_HASH: any of the client's secrets (mock-idp's wording:
 * Cognito's is not recorded).
 */
export function checkClientSecret(client: Client, given: unknown): void {
  const secrets = secretValues(client);
  if (secrets.length === 0) return;
  if (typeof given !== 'string' || given === '') {
    throw new CognitoError('NotAuthorizedException', `Client ${client.id} is configured with secret but ClientSecret was not received`);
  }
  if (!secrets.some((secret) => sameSecret(given, secret))) throw new CognitoError('NotAuthorizedException', `Unable to verify secret for client ${client.id}`);
}
