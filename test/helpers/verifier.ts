/**
 * Shared by the verifier tests (test/verifier/): the committed test-only keys, tokens signed
 * with them (any header, any payload bytes), a fake JWKS endpoint (a `fetch`
 * that counts requests and answers what the test chose) and a fake clock.
 * Nothing here imports the server: the verifier library must not need it.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CompactSign, FlattenedSign, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Test } from 'tap';
import { VerificationError, verificationErrorCodes, type VerificationErrorCode } from '../../src/verifier/errors.js';

/** 2030-01-01T00:00:00Z, in epoch ms and seconds: the fake clock's start. */
export const startMs = Date.parse('2030-01-01T00:00:00Z');
export const startSeconds = startMs / 1000;

export const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool';
export const jwksUri = 'https://jwks.test/us-east-1_LocalPool/.well-known/jwks.json';
/** The fixtures' `spa` and `backend` clients of the default pool. */
export const spa = '1vngm1viu6qqksk0qckq8aag7p';
export const backend = '74tsdvbgrc3esbuvkbj4ft5dam';

export interface TestKey {
  kid: string;
  privateJwk: JWK;
  /** The public JWK as a JWKS publishes it (`use: sig`, `alg: RS256`). */
  publicJwk: JWK;
}

// The path, not helpers/idp.ts's export: importing that would load the whole server into every unit test.
const testKeysFile = fileURLToPath(new URL('../../fixtures/keys/local-pools.test-only.json', import.meta.url));
const file = JSON.parse(readFileSync(testKeysFile, 'utf8')) as { keys: Array<{ kid: string; privateJwk: JWK }> };

/** The four committed test-only RSA keys: LocalPool id (`idKey`), LocalPool access (`accessKey`), TeamsPool id (`otherKey`: not in the LocalPool JWKS), TeamsPool access. */
export const testKeys: readonly TestKey[] = file.keys.map(({ kid, privateJwk }) => ({
  kid,
  privateJwk,
  publicJwk: { kty: 'RSA', kid, alg: 'RS256', use: 'sig', n: privateJwk.n!, e: privateJwk.e! },
}));
export const [idKey, accessKey, otherKey] = testKeys as [TestKey, TestKey, TestKey, TestKey];

/** A JWKS document of these keys. */
export const jwksOf = (...keys: Array<TestKey | JWK>) => ({ keys: keys.map<JWK>((k) => ('publicJwk' in k ? k.publicJwk : k)) });

const privateKeys = new Map<string, Promise<CryptoKey>>();
const signingKey = (key: TestKey) => {
  let found = privateKeys.get(key.kid);
  if (!found) privateKeys.set(key.kid, (found = importJWK(key.privateJwk, 'RS256') as Promise<CryptoKey>));
  return found;
};

/**
 * A JWS signed with jose's CompactSign: any protected header (default
 * `{alg: RS256, kid}`), any payload (an object is JSON-encoded, a string or
 * bytes go in as they are). `crit` names extensions jose may sign.
 */
export async function signToken(
  payload: Record<string, unknown> | unknown[] | string | Uint8Array,
  { key = accessKey, header, crit }: { key?: TestKey; header?: Record<string, unknown>; crit?: Record<string, boolean> } = {},
): Promise<string> {
  const bytes = payload instanceof Uint8Array ? payload : new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return new CompactSign(bytes).setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header }).sign(await signingKey(key), crit ? { crit } : undefined);
}

/** A compact JWS with an unencoded payload (RFC 7797: `b64: false`, `crit: ["b64"]`), which CompactSign refuses to make. */
export async function signUnencoded(payload: string, key: TestKey = accessKey): Promise<string> {
  const jws = await new FlattenedSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'RS256', kid: key.kid, b64: false, crit: ['b64'] }).sign(await signingKey(key));
  return `${jws.protected}.${jws.payload}.${jws.signature}`;
}

/** RS256 over whatever header and payload segments are given, signed by hand (for headers jose refuses to produce). */
export function signRaw(headerSegment: string, payloadSegment: string, key: TestKey = accessKey): string {
  const input = `${headerSegment}.${payloadSegment}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey({ key: key.privateJwk as never, format: 'jwk' }));
  return `${input}.${signature.toString('base64url')}`;
}

export const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Claims of a Cognito access token for `spa`, valid at `nowSeconds` for an hour. */
export function accessClaims(nowSeconds = startSeconds, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: '0190b6a4-5d7e-7c2b-9e1f-3a4b5c6d7e8f',
    'cognito:groups': ['admin', 'editors'],
    iss: issuer,
    client_id: spa,
    origin_jti: 'e4f1c0de-5a7b-4c3d-8e9f-0a1b2c3d4e5f',
    event_id: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f',
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: nowSeconds,
    exp: nowSeconds + 3600,
    iat: nowSeconds,
    jti: '7d6c5b4a-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
    username: 'alice',
    ...changes,
  };
}

/** Claims of a Cognito ID token for `spa`, valid at `nowSeconds` for an hour. */
export function idClaims(nowSeconds = startSeconds, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: '0190b6a4-5d7e-7c2b-9e1f-3a4b5c6d7e8f',
    'cognito:groups': ['admin', 'editors'],
    iss: issuer,
    'cognito:username': 'alice',
    origin_jti: 'e4f1c0de-5a7b-4c3d-8e9f-0a1b2c3d4e5f',
    aud: spa,
    event_id: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f',
    token_use: 'id',
    auth_time: nowSeconds,
    exp: nowSeconds + 3600,
    iat: nowSeconds,
    jti: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    email: 'alice@example.com',
    email_verified: true,
    ...changes,
  };
}

/** Without these claims. */
export function without(claims: Record<string, unknown>, ...names: string[]): Record<string, unknown> {
  const copy = { ...claims };
  for (const name of names) delete copy[name];
  return copy;
}

/** A clock that moves only when told to. */
export class FakeClock {
  ms: number;
  constructor(ms = startMs) {
    this.ms = ms;
  }
  readonly now = (): number => this.ms;
  advanceSeconds(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** What the fake endpoint answers: a response, a network error, or no answer at all (until the request is aborted). */
export type FakeReply = { status?: number; headers?: Record<string, string>; body?: unknown } | { fail: Error } | { hang: true };

export interface SeenRequest {
  url: string;
  headers: Headers;
}

/**
 * A JWKS endpoint behind a fake `fetch`: it records each request and answers
 * with the next queued reply, or else with `reply` (default: 200, the access
 * key, `Cache-Control: max-age=300`, no ETag). Bodies that are not strings are
 * sent as JSON.
 */
export class FakeJwksEndpoint {
  readonly requests: SeenRequest[] = [];
  reply: FakeReply;
  readonly #queue: FakeReply[] = [];

  constructor(reply: FakeReply = { body: jwksOf(accessKey), headers: { 'cache-control': 'max-age=300' } }) {
    this.reply = reply;
  }

  get calls(): number {
    return this.requests.length;
  }

  /** Answers the next requests with these, in order, before falling back to `reply`. */
  queue(...replies: FakeReply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    this.requests.push({ url: String(input), headers: new Headers(init?.headers) });
    const reply = this.#queue.shift() ?? this.reply;
    // Let the caller's other work run first, as a real request would.
    await new Promise((resolve) => setImmediate(resolve));
    if ('fail' in reply) throw reply.fail;
    if ('hang' in reply) {
      const signal = init?.signal;
      return new Promise<Response>((_resolve, reject) => {
        // A real request holds a socket open; this holds the event loop the same way
        // (AbortSignal.timeout's own timer does not), until the caller aborts.
        const socket = setInterval(() => undefined, 60_000);
        const abort = () => {
          clearInterval(socket);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejects with the signal's reason, as fetch does when aborted
          reject(signal!.reason);
        };
        if (signal?.aborted) abort();
        signal?.addEventListener('abort', abort, { once: true });
      });
    }
    const status = reply.status ?? 200;
    const body = status === 304 || reply.body === undefined ? null : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return new Response(body, { status, headers: { 'content-type': 'application/json', ...reply.headers } });
  };
}

/** Like the error `fetch` throws when the connection is refused. */
export const networkError = () => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });

/** Like the error an aborted `AbortSignal.timeout` leaves. */
export const timeoutError = () => Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });

/**
 * Asserts that `promise` rejects with a {@link VerificationError} of `code`
 * (never another error type), and returns the error.
 */
export async function rejectsWith(t: Test, promise: Promise<unknown>, code: VerificationErrorCode, what: string): Promise<VerificationError | undefined> {
  try {
    await promise;
  } catch (error) {
    t.ok(error instanceof VerificationError, `${what}: a VerificationError (got ${(error as Error)?.name})`);
    t.equal((error as VerificationError).code, code, `${what}: ${code}`);
    t.ok(Object.hasOwn(verificationErrorCodes, (error as VerificationError).code), `${what}: a documented code`);
    return error as VerificationError;
  }
  t.fail(`${what}: accepted, expected ${code}`);
  return undefined;
}
