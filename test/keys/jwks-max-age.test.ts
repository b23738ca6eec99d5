import t from 'tap';
import { jwksMaxAgeSeconds } from '../../src/keys/jwks-max-age.js';
import { startTestIdp } from '../helpers/idp.js';

t.test('the JWKS max-age never outlives the next scheduled signer', async (t) => {
  const now = 1_000_000;
  t.equal(jwksMaxAgeSeconds(300, null, now), 300, 'no schedule: as configured');
  t.equal(jwksMaxAgeSeconds(300, now + 3_600_000, now), 300, 'a far rotation: as configured');
  t.equal(jwksMaxAgeSeconds(300, now + 10_500, now), 9, 'less a second of margin, rounded down');
  t.equal(jwksMaxAgeSeconds(300, now + 100, now), 0, 'rotation faster than a second: revalidate at each use');
  t.equal(jwksMaxAgeSeconds(300, now - 50, now), 0, 'a rotation under way: 0');
  t.equal(jwksMaxAgeSeconds(0, now + 3_600_000, now), 0);
});

t.test('a server rotating every 60 s with a 20 s lead caches its JWKS for at most the time to the next signer', async (t) => {
  const idp = await startTestIdp(t, { config: { keys: { rotateEverySeconds: 60, prePublishSeconds: 20 } } });
  const maxAge = async () => Number(/max-age=(\d+)/.exec(String((await idp.app.inject({ url: '/.well-known/jwks.json' })).headers['cache-control']))![1]);
  t.equal(await maxAge(), 79, 'next rotation in 60 s, signing 20 s later, less 1 s');
  idp.clock.apply({ advanceSeconds: 30 });
  t.equal(await maxAge(), 49);
});
