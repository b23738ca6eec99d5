import { MongoClient } from 'mongodb';
import t from 'tap';
import { MongoStore } from '../../../src/app-services/store/mongo-store.js';
import { openStore } from '../../../src/app-services/store/open-store.js';
import { storeContract } from './contract.js';
import { findMongod } from './find-mongod.js';

const found = await findMongod();
// A database of our own, even on a MONGODB_URI server that holds real data; dropped at the end.
const dbName = `mock_idp_test_${process.pid}_${Date.now().toString(36)}`;

if ('skip' in found) {
  console.log(`# store contract: MongoDB store skipped (${found.skip})`);
  for (const name of [
    'MongoStore keeps the Store contract',
    'MongoStore: indexes and stored shapes',
    'MongoStore: data survives a reconnect',
    "MongoStore.fromClient leaves the caller's client open",
    'openStore in mode mongodb opens a MongoStore',
  ]) {
    t.test(name, { skip: found.skip }, async () => undefined);
  }
} else {
  console.log(`# store contract: MongoDB store ran on ${found.how}`);
  const client = new MongoClient(found.uri);
  t.teardown(async () => {
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
    await found.stop();
  });

  const connect = () => MongoStore.connect(found.uri, { dbName, serverSelectionTimeoutMS: 5000 });

  t.test('MongoStore keeps the Store contract', async (t) => {
    storeContract(t, async () => {
      const store = await connect();
      await store.clear();
      return store;
    });
  });

  t.test('MongoStore: indexes and stored shapes', async (t) => {
    const store = await connect();
    t.teardown(() => store.close());
    await store.clear();
    t.equal(store.kind, 'mongodb');
    t.notMatch(store.description, /@/, 'no credentials in the description');

    const db = client.db(dbName);
    const userIndexes = await db.collection('users').indexes();
    const identityIndex = userIndexes.find((i) => i.name === 'appId_identity_unique');
    t.same(identityIndex?.key, { appId: 1, 'identities.providerType': 1, 'identities.id': 1 });
    t.equal(identityIndex?.unique, true);
    t.ok(userIndexes.some((i) => i.name === 'appId_id'));
    const sessionIndexes = await db.collection('sessions').indexes();
    t.equal(sessionIndexes.find((i) => i.name === 'expiresAt_ttl')?.expireAfterSeconds, 0, 'MongoDB expires sessions');
    t.ok(sessionIndexes.some((i) => i.name === 'userId'));

    const { user } = await store.upsertUserByIdentity({
      appId: 'app-a',
      identity: { id: 'alice', providerType: 'custom-token', providerId: '65f0a0a0a0a0a0a0a0a0a0a1' },
      data: {},
      now: 1_900_000_000,
    });
    await store.createSession({
      id: '5e5500000000000000000001',
      appId: 'app-a',
      userId: user.id,
      deviceId: '000000000000000000000000',
      createdAt: 1_900_000_000,
      expiresAt: 1_900_086_400,
    });
    const stored = await db.collection('sessions').findOne({});
    t.ok(stored?.['expiresAt'] instanceof Date, 'expiresAt is a Date, for the TTL index');
    t.equal((stored?.['expiresAt'] as Date).toISOString(), new Date(1_900_086_400_000).toISOString());
    t.equal(stored?.['userId']?.toHexString(), user.id, 'userId is an ObjectId, as users._id');
    await t.rejects(
      db.collection('users').insertOne({ appId: 'app-a', identities: [{ id: 'alice', providerType: 'custom-token' }] }),
      { code: 11000 },
      'the unique index refuses a second user with the identity',
    );
  });

  t.test('MongoStore: data survives a reconnect', async (t) => {
    const first = await connect();
    await first.clear();
    const { user } = await first.upsertUserByIdentity({
      appId: 'app-a',
      identity: { id: 'alice', providerType: 'custom-token', providerId: '65f0a0a0a0a0a0a0a0a0a0a1' },
      data: { name: 'Alice' },
      now: 1_900_000_000,
    });
    const session = {
      id: '5e5500000000000000000002',
      appId: 'app-a',
      userId: user.id,
      deviceId: '000000000000000000000000',
      createdAt: 1_900_000_000,
      expiresAt: 1_900_086_400,
    };
    await first.createSession(session);
    await first.close();

    const second = await connect();
    t.teardown(() => second.close());
    t.same(await second.getUser('app-a', user.id), user);
    t.same(await second.getSession(session.id), session);
    const again = await second.upsertUserByIdentity({
      appId: 'app-a',
      identity: { id: 'alice', providerType: 'custom-token', providerId: '65f0a0a0a0a0a0a0a0a0a0a1' },
      data: { name: 'Alice' },
      now: 1_900_000_100,
    });
    t.equal(again.created, false);
    t.equal(again.user.id, user.id);
  });

  t.test("MongoStore.fromClient leaves the caller's client open", async (t) => {
    const store = await MongoStore.fromClient(client, { dbName });
    await store.close();
    t.same(await client.db(dbName).command({ ping: 1 }), { ok: 1 });
  });

  t.test('openStore in mode mongodb opens a MongoStore', async (t) => {
    const lines: string[] = [];
    const store = await openStore({ mongodbUri: found.uri, mode: 'mongodb', dbName, log: (level, message) => lines.push(`${level}: ${message}`) });
    t.teardown(() => store.close());
    t.equal(store.kind, 'mongodb');
    t.match(lines, [/^info: App Services store: MongoDB at /]);
  });
}
