/**
 * Memory does not grow with use: counts (never durations) of what the server
 * holds after many sign-ins, logins, hosted-UI sign-ins, challenges,
 * rotations and sign-ups, with the clock moved past each lifetime. The soak
 * (`npm run soak`) measures the same at scale, with RSS and latency.
 */
import t from 'tap';
import { ManualClock } from '../../src/clock.js';
import { AuthorizationCodes } from '../../src/cognito/authorization-codes.js';
import { ChallengeSessions } from '../../src/cognito/challenge-sessions.js';
import { HostedUiSessions } from '../../src/cognito/hosted-ui-sessions.js';
import { KeyRing } from '../../src/keys/key-ring.js';
import { loginListSize, loginSearchScanLimit } from '../../src/routes/oauth2/login-users.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { resetBeforeEach, startTestIdp, testEpochMs } from '../helpers/idp.js';
import { addUsers, appServicesLogin, day, memoryStoreOf, passwordSignIn } from './helpers.js';

const local = 'us-east-1_LocalPool';
const teams = 'eu-west-1_TeamsPool';

// The loads below are a few times each bound (a sweep takes at most 64 expired entries; 5 retiring
// keys are kept; the login page lists 50 users and searches 20,000): enough to see the bound hold.

// One server for the file, reset before each test (users, sign-ins, App Services sessions). Its clock
// only moves forward, and each test counts from what it did itself.
const idp = await startTestIdp(t, {
  keyFactory: await fastKeyFactory(),
  config: { logLevel: 'silent', keys: { maxRetiringKeys: 2 }, appServices: { refreshTokenLifetimeSeconds: 3600 } },
});
resetBeforeEach(t, idp, { appServices: true });

t.test('Cognito sign-ins are forgotten once their refresh tokens (30 days) and access tokens have expired', async (t) => {
  for (let i = 0; i < 200; i++) await passwordSignIn(idp);
  t.equal(idp.services.signIns.size, 200, 'each sign-in held while its refresh token lives');
  idp.baseClock.advanceBy(29 * day);
  for (let i = 0; i < 10; i++) await passwordSignIn(idp);
  t.equal(idp.services.signIns.size, 210, 'none forgotten early');
  idp.baseClock.advanceBy(2 * day);
  for (let i = 0; i < 10; i++) await passwordSignIn(idp);
  t.equal(idp.services.signIns.size, 20, 'the first 200 forgotten: a bounded sweep per sign-in (64) drains them over a few sign-ins');
  t.equal(idp.services.signIns.exportState().sessions.length, 20, 'and not exported to a state dir');
});

t.test('App Services sessions are deleted once expired (refresh lifetime, then the last access token)', async (t) => {
  const store = await memoryStoreOf(idp);
  for (let i = 0; i < 30; i++) await appServicesLogin(idp);
  t.equal(store.sessionCount, 30);
  idp.baseClock.advanceBy(3600_000 + 1800_000 + 61_000);
  for (let i = 0; i < 10; i++) await appServicesLogin(idp);
  t.equal(store.sessionCount, 10, 'the expired 30 deleted as new sessions start');
});

t.test('hosted-UI sessions (1 h), authorization codes (5 min) and used challenges (3 min) are forgotten', async (t) => {
  const clock = new ManualClock(testEpochMs);
  const sessions = new HostedUiSessions({ clock });
  const codes = new AuthorizationCodes({ clock });
  const challenges = new ChallengeSessions(clock);
  const grant = { poolId: local, clientId: 'c', username: 'alice', redirectUri: 'http://localhost/cb', scopes: ['openid'], authTime: 0 };
  const round = (n: number) => {
    for (let i = 0; i < n; i++) {
      sessions.start(local, 'c', 'alice');
      codes.issue(grant);
      challenges.consume(challenges.open('new-password', challenges.seal({ kind: 'new-password', pool: local, client: 'c', username: 'alice' })));
    }
  };
  round(200);
  t.same([sessions.size, codes.size, challenges.usedHeld], [200, 200, 200]);
  clock.advanceBy(3600_000);
  round(20);
  t.same([sessions.size, codes.size, challenges.usedHeld], [20, 20, 20], 'only the live ones are held');
});

t.test('keys: at most maxRetiringKeys replaced keys per pool and use, however fast the rotations', async (t) => {
  const factory = await fastKeyFactory();
  const clock = new ManualClock(testEpochMs);
  const ring = await KeyRing.create([local, teams], { clock, factory, overlapSeconds: () => 3660, prePublishSeconds: 0, retiredKeysKept: 5, maxRetiringKeys: 5 });
  for (let i = 0; i < 40; i++) await ring.rotate();
  for (const pool of [local, teams]) t.equal(ring.published(pool).length, 2 * 6, `${pool}: the active key and 5 retiring per use, after 40 rotations at one instant`);
  t.equal(ring.entries().length, 2 * 2 * (1 + 5 + 5), 'the ring: active, retiring and retired (retiredKeysKept) per pool and use');

  // With a pre-publish lead longer than the rotation period: replaced pending keys are bounded too, and a key always signs.
  for (let i = 0; i < 40; i++) {
    await ring.rotate({ prePublishSeconds: 300 });
    clock.advanceBy(1000);
  }
  for (const pool of [local, teams]) t.ok(ring.published(pool).length <= 2 * 7, `${pool}: ${ring.published(pool).length} published with a lead`);
  t.ok(ring.entries().length <= 2 * 2 * (2 + 5 + 5), `${ring.entries().length} keys in the ring`);
  let gaps = 0;
  for (let s = 0; s < 700; s++) {
    for (const pool of [local, teams])
      for (const use of ['id', 'access'] as const) {
        try {
          const signer = ring.signingKey(pool, use);
          if (!ring.published(pool).includes(signer)) gaps++;
        } catch {
          gaps++;
        }
      }
    clock.advanceBy(1000);
  }
  t.equal(gaps, 0, 'every second of the next 700, each pool and use has one published signing key');
});

t.test('keys: the server takes keys.maxRetiringKeys; its JWKS stays small under rotations', async (t) => {
  for (let i = 0; i < 10; i++) await idp.rotate({ pool: local });
  const jwks = (await idp.app.inject({ method: 'GET', url: `/${local}/.well-known/jwks.json` })).json<{ keys: unknown[] }>();
  t.equal(jwks.keys.length, 2 * 3, 'per use: the active key and 2 retiring');
});

t.test('GET /login lists at most 50 users, however many there are, and finds any of them with ?q=', async (t) => {
  const query = new URLSearchParams({ client_id: '1vngm1viu6qqksk0qckq8aag7p', redirect_uri: 'http://localhost:3000/callback', response_type: 'code', scope: 'openid', state: 's' });
  const page = async (extra = '') => (await idp.app.inject({ method: 'GET', url: `/login?${query}${extra}` })).body;
  const picks = (html: string) => [...html.matchAll(/name="pick" value="([^"]+)"/g)].map((m) => m[1]);

  const before = (await page()).length;
  // Past the search's scan limit, so the last ones can only be found through the index.
  const count = loginSearchScanLimit + 1000;
  addUsers(idp, count);
  const last = `many-${count - 1}`;
  const html = await page();
  t.equal(picks(html).length, loginListSize, '50 users listed');
  t.ok(html.length < before + 50 * 400, `${html.length} bytes (${before} with the fixture users alone)`);
  t.match(html, new RegExp(`of ${idp.services.directory.pool().users.length} users shown; search to find the others`));

  t.same(picks(await page(`&q=${last}`)), [last], 'a username found beyond any scan limit (exact match, from the index)');
  t.same(picks(await page(`&q=${last.toUpperCase()}%40example.com`)), [last], 'an email, case-insensitively');
  const some = picks(await page('&q=many-12'));
  t.equal(some.length, 50, 'a substring: the first 50 matches');
  t.ok(some.every((u) => u!.includes('many-12')));
  t.match(await page('&q=nobody-at-all'), 'No user matches.');
  t.match(await page('&q=many-1'), 'name="q" type="search" value="many-1"', 'the search stays in its box');
});
