/**
 * exp, nbf and iat against the verifier's clock (a fake `now`), at the edges
 * of the clock tolerance. As in RFC 7519 (and jose): a token is expired from
 * `exp` on, so `exp == now - tolerance` is expired and one second later is
 * fine; it is usable from `nbf` on, so `nbf == now + tolerance` is fine and one
 * second later is not; `iat` may be up to the tolerance ahead of now.
 */
import t from 'tap';
import { createVerifier } from '../../src/verifier/index.js';
import { accessClaims, accessKey, FakeClock, FakeJwksEndpoint, issuer, jwksOf, jwksUri, rejectsWith, signToken, spa, startSeconds } from '../helpers/verifier.js';

function setup(clockToleranceSeconds?: number) {
  const clock = new FakeClock();
  const endpoint = new FakeJwksEndpoint({ body: jwksOf(accessKey), headers: { 'cache-control': 'max-age=300' } });
  const verifier = createVerifier({
    issuer,
    clientId: spa,
    tokenUse: 'access',
    jwksUri,
    now: clock.now,
    cache: { fetch: endpoint.fetch },
    ...(clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds }),
  });
  return { clock, verifier };
}

const now = startSeconds;
const token = (changes: Record<string, unknown>) => signToken(accessClaims(now - 60, changes));

for (const tolerance of [undefined, 0, 60]) {
  const tol = tolerance ?? 5;
  const label = tolerance === undefined ? 'default tolerance (5 s)' : `tolerance ${tolerance} s`;

  t.test(`${label}: exp, nbf and iat at the edges`, async (t) => {
    const { verifier } = setup(tolerance);
    await rejectsWith(t, verifier.verify(await token({ exp: now - tol })), 'EXPIRED', 'exp == now - tolerance');
    await rejectsWith(t, verifier.verify(await token({ exp: now - tol - 3600 })), 'EXPIRED', 'exp an hour before that');
    await t.resolves(verifier.verify(await token({ exp: now - tol + 1 })), 'exp one second inside');

    await rejectsWith(t, verifier.verify(await token({ iat: now, nbf: now + tol + 1 })), 'NOT_YET_VALID', 'nbf == now + tolerance + 1');
    await t.resolves(verifier.verify(await token({ iat: now, nbf: now + tol })), 'nbf == now + tolerance');
    await t.resolves(verifier.verify(await token({ nbf: now - 3600 })), 'nbf in the past');

    await rejectsWith(t, verifier.verify(await token({ iat: now + tol + 1, exp: now + 7200 })), 'ISSUED_IN_FUTURE', 'iat == now + tolerance + 1');
    await t.resolves(verifier.verify(await token({ iat: now + tol, exp: now + 7200 })), 'iat == now + tolerance');
    await t.resolves(verifier.verify(await token({ iat: 0 })), 'iat long ago (only exp limits age)');
    await t.resolves(verifier.verify(await signToken(Object.fromEntries(Object.entries(accessClaims()).filter(([k]) => k !== 'iat')))), 'no iat at all');
  });
}

t.test('moving the fake clock moves the verdict; fractions of a second count', async (t) => {
  const { clock, verifier } = setup(0);
  const jwt = await signToken(accessClaims(now, { exp: now + 60, nbf: now + 10 }));
  await rejectsWith(t, verifier.verify(jwt), 'NOT_YET_VALID', 'before nbf');
  clock.ms = (now + 10) * 1000 - 1;
  await rejectsWith(t, verifier.verify(jwt), 'NOT_YET_VALID', '1 ms before nbf');
  clock.ms = (now + 10) * 1000;
  await t.resolves(verifier.verify(jwt), 'at nbf');
  clock.ms = (now + 60) * 1000 - 1;
  await t.resolves(verifier.verify(jwt), '1 ms before exp');
  clock.ms = (now + 60) * 1000;
  await rejectsWith(t, verifier.verify(jwt), 'EXPIRED', 'at exp');
});

t.test('the checks run in a fixed order: issuer before time, time before audience', async (t) => {
  const { verifier } = setup();
  await rejectsWith(t, verifier.verify(await token({ iss: 'https://elsewhere.test', exp: now - 600 })), 'WRONG_ISSUER', 'wrong issuer and expired');
  await rejectsWith(t, verifier.verify(await token({ client_id: 'other', exp: now - 600 })), 'EXPIRED', 'wrong client and expired');
  await rejectsWith(t, verifier.verify(await token({ exp: now - 600, nbf: now + 600, iat: now + 600 })), 'EXPIRED', 'expired, not yet valid and issued in the future');
  await rejectsWith(t, verifier.verify(await token({ token_use: 'id', client_id: 'other' })), 'WRONG_TOKEN_USE', 'wrong token use and client');
});
