// What the two ceiling servers (http-ceiling-server.mjs, fastify-ceiling-server.mjs) answer: one RS256 JWT of the
// size of mock-idp's access tokens for `POST /token`, and what a Cognito sign-in answers for `POST /sign-in` (two
// RS256 JWTs of mock-idp's size and one RSA-OAEP / A256GCM JWE). The signatures are made as mock-idp makes them
// (src/tokens/sign.ts): node:crypto's one-shot `sign` on libuv's threadpool, both of a sign-in at once; the JWE with
// node:crypto too (RSA-OAEP of a fresh content key, then AES-256-GCM), or with `{ jose: true }` by jose's
// CompactEncrypt, as mock-idp makes it (src/tokens/refresh-token.ts): what that fixed choice costs a sign-in. With
// `{ signer: 'workers' }`, the signatures are made in batches on worker threads instead (worker-signer.mjs).
import { createCipheriv, createPrivateKey, createPublicKey, publicEncrypt, randomBytes, randomUUID, sign, constants } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CompactEncrypt, importJWK } from 'jose';
import { newSession, refreshContents } from './sign-in-session.mjs';
import { workerSigner } from './worker-signer.mjs';

/** The routes (by path, each answering a JSON body) and the JWKS (a JSON string), for the keys in `keysFile`. */
export async function ceilingAnswers(keysFile, { jose = false, signer = 'threadpool' } = {}) {
  const { keys } = JSON.parse(readFileSync(keysFile, 'utf8'));
  const [first, second] = keys;
  const signingKey = createPrivateKey({ key: first.privateJwk, format: 'jwk' });
  const encryptionKey = createPublicKey({ key: { kty: 'RSA', n: second.privateJwk.n, e: second.privateJwk.e }, format: 'jwk' });
  const header = Buffer.from(JSON.stringify({ kid: first.kid, alg: 'RS256' })).toString('base64url');
  const jweHeader = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url');

  const issuer = 'http://127.0.0.1:4455/us-east-1_LocalPool';
  const clientId = '1vngm1viu6qqksk0qckq8aag7p';
  // The fixture user the bench signs in as, with attributes as tokens carry them (`*_verified` as booleans).
  const alice = JSON.parse(readFileSync(new URL('../../../fixtures/users.json', import.meta.url), 'utf8')).users.find((u) => u.username === 'alice');
  const attributes = Object.fromEntries(Object.entries(alice.attributes).map(([name, value]) => [name, name.endsWith('_verified') ? value === 'true' : value]));
  const claims = (tokenUse, session) => {
    const now = Math.floor(Date.now() / 1000);
    const shared = { sub: alice.sub, 'cognito:groups': alice.groups, iss: issuer };
    const times = { auth_time: session.authTime, exp: now + 3600, iat: now, jti: randomUUID() };
    return tokenUse === 'id'
      ? { ...shared, 'cognito:username': 'alice', origin_jti: session.originJti, aud: clientId, event_id: session.eventId, token_use: 'id', ...attributes, ...times }
      : { ...shared, client_id: clientId, origin_jti: session.originJti, event_id: session.eventId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', ...times, username: 'alice' };
  };

  const signingInput = (payload) => `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signOnThreadpool = (payload) => {
    const input = signingInput(payload);
    return new Promise((resolve, reject) => sign('sha256', Buffer.from(input), signingKey, (error, signature) => (error ? reject(error) : resolve(`${input}.${signature.toString('base64url')}`))));
  };
  const signOnWorkers = (signInput) => async (payload) => {
    const input = signingInput(payload);
    return `${input}.${await signInput(input)}`;
  };
  const signJwt = signer === 'workers' ? signOnWorkers(workerSigner(first.privateJwk)) : signOnThreadpool;
  const joseKey = jose ? await importJWK({ kty: 'RSA', n: second.privateJwk.n, e: second.privateJwk.e }, 'RSA-OAEP') : null;
  const encoder = new TextEncoder();
  const encryptWithJose = (contents) => new CompactEncrypt(encoder.encode(JSON.stringify(contents))).setProtectedHeader({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }).encrypt(joseKey);
  const encryptWithNode = (contents) => {
    const cek = randomBytes(32);
    const iv = randomBytes(12);
    const encryptedKey = publicEncrypt({ key: encryptionKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, cek);
    const cipher = createCipheriv('aes-256-gcm', cek, iv);
    cipher.setAAD(Buffer.from(jweHeader));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(contents)), cipher.final()]);
    return [jweHeader, encryptedKey.toString('base64url'), iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  };
  const encrypt = jose ? encryptWithJose : encryptWithNode;

  const routes = {
    '/token': async () => ({ token: await signJwt(claims('access', newSession())) }),
    '/sign-in': async () => {
      const session = newSession();
      const id = signJwt(claims('id', session));
      const access = signJwt(claims('access', session));
      const refresh = encrypt(refreshContents(session, clientId));
      const [IdToken, AccessToken, RefreshToken] = await Promise.all([id, access, refresh]);
      return { AuthenticationResult: { AccessToken, ExpiresIn: 3600, TokenType: 'Bearer', IdToken, RefreshToken }, ChallengeParameters: {} };
    },
  };
  const jwks = JSON.stringify({ keys: [{ alg: 'RS256', e: first.privateJwk.e, kid: first.kid, kty: 'RSA', n: first.privateJwk.n, use: 'sig' }] });
  return { routes, jwks };
}
