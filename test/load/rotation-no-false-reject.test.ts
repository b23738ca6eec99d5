/**
 * The short, in-suite version of `npm run load`: keys rotate every 100 ms of
 * the server's clock (the schedule, driven through the control API's clock,
 * plus on-demand rotations through the control API in between), and every
 * freshly minted token must verify through mock-idp/verifier and log in to the
 * App Services emulator. No sleeps: the clock is moved, never waited for.
 */
import t from 'tap';
import { createVerifier, type Verifier } from '../../src/verifier/index.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { startTestIdp } from '../helpers/idp.js';

const iterations = 100;
const spa = '1vngm1viu6qqksk0qckq8aag7p';
const loginUrl = '/api/client/v2.0/app/mock-idp-app-abcde/auth/providers/custom-token/login';

t.test(`${iterations} rotations at 100 ms: no valid token rejected by the verifier or the App Services login`, async (t) => {
  const keyFactory = await fastKeyFactory();
  const idp = await startTestIdp(t, { keyFactory, config: { keys: { rotateEverySeconds: 0.1, overlapSeconds: 3 } } });
  const schedule = idp.services.schedule!;
  const verifiers: Record<'id' | 'access', Verifier> = {
    id: createVerifier({ issuer: idp.issuer(), jwksUri: idp.jwksUri(), clientId: spa, tokenUse: 'id', now: () => idp.clock.now() }),
    access: createVerifier({ issuer: idp.issuer(), jwksUri: idp.jwksUri(), clientId: spa, tokenUse: 'access', now: () => idp.clock.now() }),
  };
  const falseRejects: string[] = [];
  let verified = 0;
  let logins = 0;
  const keysAtStart = keyFactory.kids.length;

  for (let i = 0; i < iterations; i++) {
    const tick = await idp.app.inject({ method: 'POST', url: '/_mock/clock', payload: { advanceSeconds: 0.1 } });
    if (tick.statusCode !== 200) falseRejects.push(`clock: ${tick.statusCode}`);
    await schedule.tick();
    if (i % 7 === 3) {
      const rotated = await idp.app.inject({ method: 'POST', url: '/_mock/keys/rotate', payload: { pool: 'us-east-1_LocalPool', tokenUse: i % 2 ? 'id' : 'access' } });
      if (rotated.statusCode !== 200) falseRejects.push(`rotate: ${rotated.statusCode}`);
    }
    for (const tokenUse of ['id', 'access'] as const) {
      const minted = await idp.app.inject({ method: 'POST', url: '/_mock/tokens', payload: { user: 'alice', client: spa, tokenUse, ttlSeconds: 2 } });
      const token = minted.json().token as string;
      try {
        await verifiers[tokenUse].verify(token);
        verified++;
      } catch (error) {
        falseRejects.push(`iteration ${i}, ${tokenUse} token: ${(error as { code?: string }).code} ${(error as Error).message}`);
      }
      if (tokenUse === 'id') {
        const login = await idp.app.inject({ method: 'POST', url: loginUrl, payload: { token } });
        if (login.statusCode === 200) logins++;
        else falseRejects.push(`iteration ${i}, App Services login: ${login.statusCode} ${login.body}`);
      }
    }
  }

  const rotations = (keyFactory.kids.length - keysAtStart) / 4;
  t.same(falseRejects, [], 'no valid token rejected');
  t.equal(verified, 2 * iterations);
  t.equal(logins, iterations);
  t.ok(rotations >= iterations, `${rotations.toFixed(1)} rotations' worth of keys made (4 keys per scheduled rotation)`);
  t.equal(verifiers.id.cache.counters.unknownKidRefetches, 0, 'the verifier never met an unknown kid: the JWKS max-age never outlives the next signer');
  t.ok(
    idp.keys().some((k) => k.state === 'retired'),
    'keys retired during the run',
  );
});
