/**
 * The concurrent-first-login race on MongoDB, played without a mongod: the
 * first upsert loses (E11000 from the unique identity index), the retry
 * finds the winner's user. A fake client stands in for the driver's.
 */
import { MongoServerError, ObjectId, type MongoClient } from 'mongodb';
import t from 'tap';
import { MongoStore } from '../../../src/app-services/store/mongo-store.js';
import type { NewUser } from '../../../src/app-services/store/types.js';

const winner = {
  _id: new ObjectId(),
  appId: 'app-a',
  identities: [{ id: 'alice', providerType: 'custom-token' as const, providerId: '65f0a0a0a0a0a0a0a0a0a0a1' }],
  type: 'normal' as const,
  data: { name: 'Alice' },
  creationDate: 1_900_000_000,
  lastAuthenticationDate: 1_900_000_001,
  disabled: false,
};

const login: NewUser = { appId: 'app-a', identity: winner.identities[0]!, data: { name: 'Alice' }, now: 1_900_000_001 };

function fakeClient(results: Array<() => unknown>) {
  let calls = 0;
  const users = {
    createIndexes: async () => [],
    findOneAndUpdate: async () => {
      const next = results[calls++];
      if (next === undefined) throw new Error('unexpected call');
      return next();
    },
  };
  const sessions = { createIndexes: async () => [] };
  const client = { db: () => ({ collection: (name: string) => (name === 'users' ? users : sessions) }) };
  return { client: client as unknown as MongoClient, calls: () => calls };
}

const duplicateKey = () => {
  throw new MongoServerError({ message: 'E11000 duplicate key error collection: users index: appId_identity_unique', code: 11000 });
};

t.test('an upsert that loses the race (E11000) is retried once and finds the winner', async (t) => {
  const fake = fakeClient([duplicateKey, () => ({ value: winner, lastErrorObject: { n: 1, updatedExisting: true } })]);
  const store = await MongoStore.fromClient(fake.client);
  const { user, created } = await store.upsertUserByIdentity(login);
  t.equal(created, false);
  t.equal(user.id, winner._id.toHexString());
  t.equal(fake.calls(), 2);
});

t.test('a second E11000 is not retried again', async (t) => {
  const fake = fakeClient([duplicateKey, duplicateKey]);
  const store = await MongoStore.fromClient(fake.client);
  await t.rejects(store.upsertUserByIdentity(login), { code: 11000 });
  t.equal(fake.calls(), 2);
});

t.test('other errors are not retried', async (t) => {
  const fake = fakeClient([
    () => {
      throw new MongoServerError({ message: 'not authorized', code: 13 });
    },
  ]);
  const store = await MongoStore.fromClient(fake.client);
  await t.rejects(store.upsertUserByIdentity(login), { code: 13 });
  t.equal(fake.calls(), 1);
});

t.test('an inserted user is reported as created', async (t) => {
  const fake = fakeClient([() => ({ value: winner, lastErrorObject: { n: 1, updatedExisting: false, upserted: winner._id } })]);
  const store = await MongoStore.fromClient(fake.client);
  t.equal((await store.upsertUserByIdentity(login)).created, true);
});
