import type { FastifyRequest } from 'fastify';
import { secretValues } from '../../cognito/client-secrets.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { Client, Directory, Pool } from '../../directory/directory.js';
import { sameSecret } from '../../security/constant-time.js';
import type { Params } from './params.js';

export interface CallingClient {
  pool: Pool;
  client: Client;
  /** Authenticated with its secret (a confidential client). */
  confidential: boolean;
}

/**
 * Client authentication at the token and revocation endpoints:
 * `client_secret_basic` or `client_secret_post` for clients with a secret,
 * `client_id` alone for public clients. Anything else is invalid_client, with
 * `status` 400 (/oauth2/token, as Cognito documents) or 401 (/oauth2/revoke).
 */
export function authenticateClient(request: FastifyRequest, form: Params, directory: Directory, status = 400): CallingClient {
  const fail = (description: string) => new OAuthError('invalid_client', description, { status });
  let clientId = form.client_id;
  let secret = form.client_secret;
  const header = request.headers.authorization;
  if (header !== undefined && /^basic\s/i.test(header)) {
    if (secret !== undefined) throw new OAuthError('invalid_request', 'Use one client authentication method, not two');
    const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw fail('Malformed Basic authorization');
    const basicId = formDecode(decoded.slice(0, colon));
    if (clientId !== undefined && clientId !== basicId) throw fail('client_id differs from the Authorization header');
    clientId = basicId;
    secret = formDecode(decoded.slice(colon + 1));
  }
  if (!clientId) throw fail('Client authentication is required');
  const found = directory.findClient(clientId);
  if (!found) throw fail('Unknown client');
  // Any of its secrets: a client has two while one is being rotated (AddUserPoolClientSecret).
  const expected = secretValues(found.client);
  if (expected.length === 0) {
    if (secret) throw fail('This client has no secret');
    return { ...found, confidential: false };
  }
  if (secret === undefined) throw fail('This client must authenticate with its secret');
  if (!expected.some((value) => sameSecret(secret, value))) throw fail('Wrong client secret');
  return { ...found, confidential: true };
}

/** RFC 6749 §2.3.1: the id and secret in Basic credentials are form-encoded first. */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
}
