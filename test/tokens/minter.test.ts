/** The library's signIn() and mint(): one sign-in's tokens, and the refresh token. */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import t from 'tap';
import { startTestIdp, testEpochMs } from '../helpers/idp.js';

const now = testEpochMs / 1000;

t.test('signIn(): ID, access and refresh tokens of one sign-in', async (t) => {
  const idp = await startTestIdp(t);
  const result = await idp.signIn({ user: 'alice', client: 'backend' });
  t.same(Object.keys(result).sort(), ['accessToken', 'expiresIn', 'idToken', 'refreshToken', 'tokenType']);
  t.equal(result.tokenType, 'Bearer');
  t.equal(result.expiresIn, 900, 'the access-token lifetime of the client');

  const id = decodeJwt(result.idToken);
  const access = decodeJwt(result.accessToken);
  t.equal(id.token_use, 'id');
  t.equal(access.token_use, 'access');
  t.equal(id.origin_jti, access.origin_jti, 'one sign-in: the same origin_jti');
  t.equal(id.event_id, access.event_id);
  t.equal(id.auth_time, now);
  t.equal(access.auth_time, now);
  t.not(id.jti, access.jti, 'each token has its own jti');
  t.equal(id.aud, '74tsdvbgrc3esbuvkbj4ft5dam');
  t.equal(access.client_id, '74tsdvbgrc3esbuvkbj4ft5dam');
  t.not(decodeProtectedHeader(result.idToken).kid, decodeProtectedHeader(result.accessToken).kid);

  const parts = result.refreshToken.split('.');
  t.equal(parts.length, 5, 'the refresh token is a compact JWE');
  t.equal(Buffer.from(parts[0]!, 'base64url').toString(), '{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}', "Cognito's JWE header, in its order");
  t.equal(parts[1]!.length, 342, 'an RSA-2048 encrypted key');
  t.throws(() => decodeJwt(result.refreshToken), 'clients cannot read it');

  const contents = await idp.services.minter.refreshTokens.decode(result.refreshToken);
  t.match(contents, {
    pool: 'us-east-1_LocalPool',
    client: '74tsdvbgrc3esbuvkbj4ft5dam',
    username: 'alice',
    originJti: id.origin_jti,
    authTime: now,
    iat: now,
    exp: now + 30 * 86_400,
  });
  // The tag's second-last character carries six bits of it, so changing it always changes the tag (the last carries
  // two, and "AA" in their place left the tag unchanged once in 256 runs).
  const token = result.refreshToken;
  const tampered = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
  t.equal(await idp.services.minter.refreshTokens.decode(tampered), null, 'a tampered token does not decode');
});

t.test('each signIn() is a new sign-in', async (t) => {
  const idp = await startTestIdp(t);
  const a = decodeJwt((await idp.signIn()).idToken);
  const b = decodeJwt((await idp.signIn()).idToken);
  t.not(a.origin_jti, b.origin_jti);
  t.not(a.event_id, b.event_id);
});

t.test('signIn() checks the pool, client and user', async (t) => {
  const idp = await startTestIdp(t);
  await t.rejects(idp.signIn({ pool: 'us-east-1_Nope' }), { code: 'UNKNOWN_POOL' });
  await t.rejects(idp.signIn({ client: 'nope' }), { code: 'UNKNOWN_CLIENT' });
  await t.rejects(idp.signIn({ user: 'carol' }), { code: 'UNKNOWN_USER' }, 'carol is in the other pool');
  const teams = await idp.signIn({ pool: 'eu-west-1_TeamsPool', user: 'carol' });
  t.equal(decodeJwt(teams.idToken).iss, idp.issuer('eu-west-1_TeamsPool'));
});

t.test('mint() with a session links a token to an earlier sign-in', async (t) => {
  const idp = await startTestIdp(t);
  const first = await idp.mint({ user: 'bob' });
  const session = { originJti: String(first.payload!.origin_jti), eventId: String(first.payload!.event_id), authTime: Number(first.payload!.auth_time) };
  idp.baseClock.advanceBy(600_000);
  const refreshed = await idp.mint({ user: 'bob', session });
  t.equal(refreshed.payload!.origin_jti, first.payload!.origin_jti);
  t.equal(refreshed.payload!.auth_time, now, 'auth_time stays at the sign-in');
  t.equal(refreshed.payload!.iat, now + 600);
});
