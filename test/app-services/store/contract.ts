/**
 * The Store contract: every implementation (MongoDB, memory) must pass it.
 * Each subtest gets a fresh, empty store from `makeStore` and closes it.
 */
import type { Test } from 'tap';
import type { Identity, NewUser, Session, Store } from '../../../src/app-services/store/types.js';

const appA = 'app-a-abcde';
const appB = 'app-b-fghij';
const providerA = '65f0a0a0a0a0a0a0a0a0a0a1';
const providerB = '65f0b0b0b0b0b0b0b0b0b0b2';
const t0 = 1_900_000_000;
const hex24 = /^[0-9a-f]{24}$/;

function identity(sub: string, providerId = providerA): Identity {
  return { id: sub, providerType: 'custom-token', providerId };
}

function login(sub: string, overrides: Partial<NewUser> = {}): NewUser {
  return { appId: appA, identity: identity(sub), data: { name: sub }, now: t0, ...overrides };
}

let sessionCounter = 0;
/** A session id: 24-hex, unique within the run. */
function sessionId(): string {
  sessionCounter += 1;
  return `5e55${sessionCounter.toString(16).padStart(20, '0')}`;
}

function session(appId: string, userId: string, overrides: Partial<Session> = {}): Session {
  return { id: sessionId(), appId, userId, deviceId: '000000000000000000000000', createdAt: t0, expiresAt: t0 + 86_400, ...overrides };
}

/**
 * Runs the contract against fresh stores from `makeStore`.
 *
 * @example
 * storeContract(t, async () => new MemoryStore());
 */
export function storeContract(t: Test, makeStore: () => Promise<Store>): void {
  const withStore = (name: string, body: (t: Test, store: Store) => Promise<void>) =>
    t.test(name, async (t) => {
      const store = await makeStore();
      t.teardown(() => store.close());
      await body(t, store);
    });

  withStore('kind and description say what the store is', async (t, store) => {
    t.match(store.kind, /^(mongodb|memory)$/);
    t.ok(store.description.length > 0);
  });

  withStore('a first login creates the user', async (t, store) => {
    const { user, created } = await store.upsertUserByIdentity(login('alice', { data: { name: 'Alice', tier: 2 } }));
    t.equal(created, true);
    t.match(user.id, hex24);
    t.same(user, {
      id: user.id,
      appId: appA,
      identities: [identity('alice')],
      type: 'normal',
      data: { name: 'Alice', tier: 2 },
      creationDate: t0,
      lastAuthenticationDate: t0,
      disabled: false,
    });
    t.same(await store.getUser(appA, user.id), user);
  });

  withStore('a later login of the same sub: same user, data replaced, lastAuthenticationDate moved', async (t, store) => {
    const first = await store.upsertUserByIdentity(login('alice', { data: { name: 'Alice', old: true } }));
    const again = await store.upsertUserByIdentity(login('alice', { data: { name: 'Alice B.' }, now: t0 + 60 }));
    t.equal(again.created, false);
    t.equal(again.user.id, first.user.id);
    t.same(again.user.data, { name: 'Alice B.' }, 'replaced, not merged');
    t.equal(again.user.creationDate, t0);
    t.equal(again.user.lastAuthenticationDate, t0 + 60);
    t.same(again.user.identities, [identity('alice')], 'no new identity');
    t.same(await store.getUser(appA, first.user.id), again.user);
  });

  withStore('users are found by (appId, sub): other subs and other apps are other users', async (t, store) => {
    const alice = (await store.upsertUserByIdentity(login('alice'))).user;
    const bob = (await store.upsertUserByIdentity(login('bob'))).user;
    const aliceUpper = (await store.upsertUserByIdentity(login('Alice'))).user;
    const aliceInB = await store.upsertUserByIdentity(login('alice', { appId: appB, identity: identity('alice', providerB) }));
    t.equal(aliceInB.created, true);
    t.equal(new Set([alice.id, bob.id, aliceUpper.id, aliceInB.user.id]).size, 4);
    t.equal(aliceInB.user.appId, appB);
    const sameSubOtherProviderId = await store.upsertUserByIdentity(login('alice', { identity: identity('alice', providerB) }));
    t.equal(sameSubOtherProviderId.user.id, alice.id, 'the identity is (app, provider type, sub)');
    t.equal(sameSubOtherProviderId.created, false);
  });

  withStore('getUser: null for an unknown id, a malformed id, or another app', async (t, store) => {
    const { user } = await store.upsertUserByIdentity(login('alice'));
    t.equal(await store.getUser(appB, user.id), null);
    t.equal(await store.getUser(appA, '000000000000000000000000'), null);
    t.equal(await store.getUser(appA, 'not-an-id'), null);
    t.equal(await store.getUser(appA, user.id.toUpperCase()), null);
  });

  withStore('20 concurrent first logins of one sub give one user', async (t, store) => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.upsertUserByIdentity(login('racer', { data: { attempt: i } }))));
    t.equal(new Set(results.map((r) => r.user.id)).size, 1, 'one user id');
    t.equal(results.filter((r) => r.created).length, 1, 'created once');
    const users = await store.listUsers(appA);
    t.equal(users.length, 1);
    t.same(users[0]!.identities, [identity('racer')]);
  });

  withStore("listUsers: the app's users, oldest first", async (t, store) => {
    t.same(await store.listUsers(appA), []);
    const ids: string[] = [];
    for (const [i, sub] of ['carol', 'alice', 'bob'].entries()) {
      ids.push((await store.upsertUserByIdentity(login(sub, { now: t0 + i }))).user.id);
    }
    await store.upsertUserByIdentity(login('dave', { appId: appB }));
    await store.upsertUserByIdentity(login('carol', { now: t0 + 100 }));
    const listed = await store.listUsers(appA);
    t.same(
      listed.map((u) => u.id),
      ids,
      'creation order; a later login does not move a user',
    );
    t.same(
      listed.map((u) => u.identities[0]!.id),
      ['carol', 'alice', 'bob'],
    );
    t.equal(listed[0]!.lastAuthenticationDate, t0 + 100);
    t.same(
      (await store.listUsers(appB)).map((u) => u.identities[0]!.id),
      ['dave'],
    );
    t.same(await store.listUsers('no-such-app'), []);
  });

  withStore('setUserDisabled disables and enables; null for no such user', async (t, store) => {
    const { user } = await store.upsertUserByIdentity(login('alice'));
    const disabled = await store.setUserDisabled(appA, user.id, true);
    t.same(disabled, { ...user, disabled: true });
    t.equal((await store.getUser(appA, user.id))?.disabled, true);
    const again = await store.upsertUserByIdentity(login('alice', { now: t0 + 5 }));
    t.equal(again.user.disabled, true, 'a login does not re-enable');
    t.equal((await store.setUserDisabled(appA, user.id, false))?.disabled, false);
    t.equal((await store.getUser(appA, user.id))?.disabled, false);
    t.equal(await store.setUserDisabled(appB, user.id, true), null, 'another app');
    t.equal(await store.setUserDisabled(appA, '000000000000000000000000', true), null);
    t.equal(await store.setUserDisabled(appA, 'nope', true), null);
  });

  withStore('deleteUser removes the user and their sessions, and frees the identity', async (t, store) => {
    const alice = (await store.upsertUserByIdentity(login('alice'))).user;
    const bob = (await store.upsertUserByIdentity(login('bob'))).user;
    const aliceSessions = [session(appA, alice.id), session(appA, alice.id)];
    const bobSession = session(appA, bob.id);
    for (const s of [...aliceSessions, bobSession]) await store.createSession(s);
    t.equal(await store.deleteUser(appB, alice.id), false, 'not from another app');
    t.equal(await store.deleteUser(appA, alice.id), true);
    t.equal(await store.getUser(appA, alice.id), null);
    for (const s of aliceSessions) t.equal(await store.getSession(s.id), null, 'her sessions are gone');
    t.same(await store.getSession(bobSession.id), bobSession, 'other sessions stay');
    t.same(
      (await store.listUsers(appA)).map((u) => u.id),
      [bob.id],
    );
    t.equal(await store.deleteUser(appA, alice.id), false, 'only once');
    t.equal(await store.deleteUser(appA, 'nope'), false);
    const reborn = await store.upsertUserByIdentity(login('alice', { now: t0 + 9 }));
    t.equal(reborn.created, true, 'the same sub makes a new user');
    t.not(reborn.user.id, alice.id);
  });

  withStore('sessions: create, get, delete', async (t, store) => {
    const { user } = await store.upsertUserByIdentity(login('alice'));
    const s = session(appA, user.id, { deviceId: '65f0c0c0c0c0c0c0c0c0c0c3' });
    await store.createSession(s);
    t.same(await store.getSession(s.id), s);
    t.equal(await store.getSession(sessionId()), null, 'unknown id');
    t.equal(await store.getSession('not-an-id'), null, 'malformed id');
    await t.rejects(store.createSession({ ...s }), 'a session id is used once');
    await t.rejects(store.createSession({ ...s, id: 'not-an-id' }), TypeError);
    t.equal(await store.deleteSession(s.id), true);
    t.equal(await store.getSession(s.id), null);
    t.equal(await store.deleteSession(s.id), false, 'only once');
    t.equal(await store.deleteSession('not-an-id'), false);
  });

  withStore('getSession finds a session by id whatever its app', async (t, store) => {
    const a = (await store.upsertUserByIdentity(login('alice'))).user;
    const b = (await store.upsertUserByIdentity(login('alice', { appId: appB }))).user;
    const inA = session(appA, a.id);
    const inB = session(appB, b.id, { expiresAt: t0 + 1800.5 });
    await store.createSession(inA);
    await store.createSession(inB);
    t.same(await store.getSession(inA.id), inA);
    t.same(await store.getSession(inB.id), inB, 'epoch seconds kept exactly');
  });

  withStore('deleteUserSessions deletes every session of one user of one app', async (t, store) => {
    const alice = (await store.upsertUserByIdentity(login('alice'))).user;
    const bob = (await store.upsertUserByIdentity(login('bob'))).user;
    const aliceB = (await store.upsertUserByIdentity(login('alice', { appId: appB }))).user;
    const hers = [session(appA, alice.id), session(appA, alice.id), session(appA, alice.id)];
    const others = [session(appA, bob.id), session(appB, aliceB.id)];
    for (const s of [...hers, ...others]) await store.createSession(s);
    t.equal(await store.deleteUserSessions(appB, alice.id), 0, 'app and user must both match');
    t.equal(await store.deleteUserSessions(appA, alice.id), 3);
    for (const s of hers) t.equal(await store.getSession(s.id), null);
    for (const s of others) t.same(await store.getSession(s.id), s);
    t.equal(await store.deleteUserSessions(appA, alice.id), 0);
    t.equal(await store.deleteUserSessions(appA, 'nope'), 0);
    t.ok(await store.getUser(appA, alice.id), 'the user stays');
  });

  withStore("deleteExpiredSessions deletes sessions expired by the given time (the server's clock), no others", async (t, store) => {
    const alice = (await store.upsertUserByIdentity(login('alice'))).user;
    const [early, due, later] = [10, 20, 30].map((s) => session(appA, alice.id, { expiresAt: t0 + s }));
    for (const s of [later!, early!, due!]) await store.createSession(s);
    t.equal(await store.deleteExpiredSessions(t0 + 20), 2, 'at or before the time');
    t.equal(await store.getSession(early!.id), null);
    t.equal(await store.getSession(due!.id), null);
    t.same(await store.getSession(later!.id), later, 'a later one stays');
  });

  withStore('what comes out and what went in are copies, not the stored objects', async (t, store) => {
    const input = login('alice', { data: { name: 'Alice', roles: ['a'] } });
    const { user } = await store.upsertUserByIdentity(input);
    (input.data['roles'] as string[]).push('admin');
    input.identity.id = 'mallory';
    user.data['name'] = 'Mallory';
    user.identities[0]!.id = 'mallory';
    user.disabled = true;
    const listed = await store.listUsers(appA);
    listed[0]!.data['name'] = 'Mallory';
    const stored = await store.getUser(appA, user.id);
    t.same(stored?.data, { name: 'Alice', roles: ['a'] });
    t.same(stored?.identities, [identity('alice')]);
    t.equal(stored?.disabled, false);

    const s = session(appA, user.id);
    await store.createSession(s);
    const original = { ...s };
    s.userId = '000000000000000000000000';
    const got = await store.getSession(original.id);
    got!.expiresAt = 0;
    t.same(await store.getSession(original.id), original);
  });

  withStore('clear empties the store, which then works as new', async (t, store) => {
    const { user } = await store.upsertUserByIdentity(login('alice'));
    const s = session(appA, user.id);
    await store.createSession(s);
    await store.clear();
    t.same(await store.listUsers(appA), []);
    t.equal(await store.getUser(appA, user.id), null);
    t.equal(await store.getSession(s.id), null);
    const again = await Promise.all([store.upsertUserByIdentity(login('alice')), store.upsertUserByIdentity(login('alice'))]);
    t.equal(again.filter((r) => r.created).length, 1, 'still one user per identity after clear');
  });

  withStore('secret: created once, then the same value for every caller', async (t, store) => {
    let made = 0;
    const create = () => `value-${++made}`;
    const first = await store.secret('signing', create);
    t.equal(first, 'value-1');
    t.equal(await store.secret('signing', create), first, 'read back, not recreated');
    const other = await store.secret('other', create);
    t.not(other, first, 'names are separate');
    const racing = await Promise.all(Array.from({ length: 10 }, () => store.secret('raced', create)));
    t.equal(new Set(racing).size, 1, 'concurrent first calls agree on one value');
  });
}
