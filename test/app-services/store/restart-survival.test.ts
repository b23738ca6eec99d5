/**
 * App Services users and sessions across a server restart: kept in MongoDB
 * (where a mongod can be had; skipped with the reason otherwise), lost with
 * the memory store, as docs/guides/app-services.md says.
 */
import t from 'tap';
import type { StartMockIdpOptions } from '../../../src/index.js';
import { startTestIdp, type TestIdp } from '../../helpers/idp.js';
import { clientApi, defaultAppId, loginPath, spaClientId } from '../helpers.js';
import { findMongod } from './find-mongod.js';

async function logIn(idp: TestIdp) {
  const { token } = await idp.mint({ user: 'alice', client: spaClientId, tokenUse: 'id' });
  const login = await idp.app.inject({ method: 'POST', url: loginPath(defaultAppId), payload: { token } });
  t.equal(login.statusCode, 200);
  return login.json<{ user_id: string; refresh_token: string }>();
}

/** Starts a server, logs in, restarts it on the same store, and returns what the second one knows. */
async function acrossRestart(t: Tap, appServices: NonNullable<StartMockIdpOptions['config']>['appServices']) {
  const first = await startTestIdp(t, { startMs: Date.now(), config: { appServices } });
  const { user_id, refresh_token } = await logIn(first);
  await first.close();
  const second = await startTestIdp(t, { startMs: Date.now(), config: { appServices } });
  const user = await second.app.inject({ url: `/_mock/app-services/apps/${defaultAppId}/users/${user_id}` });
  const refreshed = await second.app.inject({ method: 'POST', url: `${clientApi}/auth/session`, headers: { authorization: `Bearer ${refresh_token}` } });
  return { user: user.statusCode, refreshed: refreshed.statusCode, refreshedBody: refreshed.body };
}
type Tap = Parameters<typeof startTestIdp>[0];

t.test('memory store: users and sessions are lost on restart (documented)', async (t) => {
  const after = await acrossRestart(t, { store: 'memory' });
  t.equal(after.user, 404, 'the user is gone');
  t.equal(after.refreshed, 401, 'the session is gone: realm-web must log in again');
});

const found = await findMongod();
if ('skip' in found) {
  console.log(`# restart survival: MongoDB store skipped (${found.skip})`);
  t.test('MongoDB store: users and sessions survive a restart', { skip: found.skip }, async () => undefined);
} else {
  t.teardown(() => found.stop());
  t.test('MongoDB store: users and sessions survive a restart', async (t) => {
    const url = new URL(found.uri);
    url.pathname = `/mock_idp_restart_${process.pid}`;
    const after = await acrossRestart(t, { store: 'mongodb', mongodbUri: url.href });
    t.equal(after.user, 200, 'the user is still there');
    t.equal(after.refreshed, 201, `the session still refreshes (its signing secret is in the store too): ${after.refreshedBody}`);
  });
}
