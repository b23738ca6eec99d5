/**
 * Shared by the bounded-growth tests and the soak: JSON API calls, sign-ups,
 * sign-ins and App Services logins through `app.inject` (no sockets), and
 * users added straight to the directory.
 */
import { randomUUID } from 'node:crypto';
import type { InternalMockIdp } from '../../src/internal.js';
import { newUser } from '../../src/cognito/new-user.js';
import { MemoryStore } from '../../src/app-services/store/memory-store.js';
import type { OpeningStore } from '../../src/app-services/store/opening-store.js';

export const spa = '1vngm1viu6qqksk0qckq8aag7p';
export const alice = { username: 'alice', password: 'Finding-8296-same!' };
export const appLoginUrl = '/api/client/v2.0/app/mock-idp-app-abcde/auth/providers/custom-token/login';
export const day = 86_400_000;

type Idp = Pick<InternalMockIdp, 'app' | 'services'>;

/** A Cognito JSON API call: status and parsed body. */
export async function cognito(idp: Idp, operation: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await idp.app.inject({
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
}

/** USER_PASSWORD_AUTH as alice through the spa client; throws unless it succeeds. */
export async function passwordSignIn(idp: Idp, clientId = spa): Promise<{ AccessToken: string; RefreshToken: string }> {
  const res = await cognito(idp, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } });
  if (res.status !== 200) throw new Error(`InitiateAuth: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.AuthenticationResult;
}

/** SignUp of a new user through the spa client; throws unless it succeeds. */
export async function signUp(idp: Idp, username: string): Promise<void> {
  const res = await cognito(idp, 'SignUp', { ClientId: spa, Username: username, Password: 'Soak-test-1!', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
  if (res.status !== 200) throw new Error(`SignUp: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Adds `count` users to the default pool directly (quicker than SignUp when only their number matters). */
export function addUsers(idp: Idp, count: number, prefix = 'many'): void {
  const { directory } = idp.services;
  const pool = directory.pool();
  for (let i = 0; i < count; i++) {
    const username = `${prefix}-${i}`;
    // randomUUID draws from a cached pool: a sub per user without a random-bytes call each (tens of thousands here).
    directory.addUser(pool, newUser({ pool: pool.id, username, sub: randomUUID(), password: `P-${randomUUID()}`, status: 'CONFIRMED', attributes: { email: `${username}@example.com` } }));
  }
}

/** An App Services login with an ID token minted for alice; throws unless it succeeds. */
export async function appServicesLogin(idp: Idp): Promise<{ access_token: string; refresh_token: string }> {
  const minted = await idp.app.inject({ method: 'POST', url: '/_mock/tokens', payload: { user: 'alice', client: spa, tokenUse: 'id' } });
  const res = await idp.app.inject({ method: 'POST', url: appLoginUrl, payload: { token: minted.json().token } });
  if (res.statusCode !== 200) throw new Error(`App Services login: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The in-process memory store behind the server (the test idp's default). */
export async function memoryStoreOf(idp: Idp): Promise<MemoryStore> {
  const store = await (idp.services.store as OpeningStore).opened;
  if (!(store instanceof MemoryStore)) throw new Error(`expected the memory store, got ${store.kind}`);
  return store;
}
