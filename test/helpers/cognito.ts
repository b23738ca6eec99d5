import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Test } from 'tap';
import { createVerifier } from '../../src/verifier/index.js';
import { startTestIdp, type TestIdp } from './idp.js';

// The SDK warns on Node 20 about its future support window; not news for these tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const localPool = 'us-east-1_LocalPool';
export const spa = '1vngm1viu6qqksk0qckq8aag7p';
export const backend = { id: '74tsdvbgrc3esbuvkbj4ft5dam', secret: 'smxaj0de2cvx9bp6m6venanb9zijfc2uk814fuwxmhojcs78gp1' };
export const alice = { username: 'alice', password: 'Finding-8296-same!' };

/** A live mock-idp on real time (the clients sign with real time) and an AWS SDK client pointed at it. */
export async function startCognito(t: Test, options: Parameters<typeof startTestIdp>[1] = {}): Promise<{ idp: TestIdp; cognito: CognitoIdentityProviderClient }> {
  const idp = await startTestIdp(t, { startMs: Date.now(), ...options });
  const cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: idp.url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  t.teardown(() => cognito.destroy());
  return { idp, cognito };
}

/** Runs `call` and returns the AWS SDK error it throws: its `name` (the `__type`) and HTTP status. */
export async function sdkError(call: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/** Verifies a token the way an API would, with mock-idp/verifier and the server's clock. */
export function verifyToken(idp: TestIdp, token: string, tokenUse: 'id' | 'access', clientId = spa, pool = localPool) {
  return createVerifier({ issuer: idp.issuer(pool), clientId, tokenUse, now: () => idp.clock.now() }).verify(token);
}

/** Decodes a JWT's payload without verifying it. */
export function claimsOf(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/** A raw JSON API call: status, headers and parsed body. */
export async function rawCall(idp: Pick<TestIdp, 'url'>, target: string | null, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${idp.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', ...(target === null ? {} : { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` }), ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** A Storage for amazon-cognito-identity-js that lives in memory: one per simulated app (no shared localStorage in Node). */
export function memoryStorage() {
  const items = new Map<string, string>();
  return {
    setItem: (k: string, v: string) => void items.set(k, v),
    getItem: (k: string) => items.get(k) ?? null,
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
  };
}
