import t from 'tap';
import { redactMongoUri, scrubUriSecrets } from '../../../src/app-services/store/redact-uri.js';

t.test('redactMongoUri hides user info and secret parameters, and keeps the rest', async (t) => {
  t.equal(redactMongoUri('mongodb://localhost:27017'), 'mongodb://localhost:27017');
  t.equal(redactMongoUri('mongodb://app:s3cret@db:27017/idp?authSource=admin'), 'mongodb://***@db:27017/idp?authSource=admin');
  t.equal(redactMongoUri('mongodb+srv://app:p%40ss@cluster0.example.net/'), 'mongodb+srv://***@cluster0.example.net/');
  t.equal(redactMongoUri('mongodb://a:b@h1:1,h2:2/?replicaSet=rs'), 'mongodb://***@h1:1,h2:2/?replicaSet=rs');
  t.equal(redactMongoUri('mongodb://user@db'), 'mongodb://***@db');
  t.equal(
    redactMongoUri('mongodb://db/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:abc&tlsCertificateKeyFilePassword=pw'),
    'mongodb://db/?authMechanism=MONGODB-AWS&authMechanismProperties=***&tlsCertificateKeyFilePassword=***',
  );
});

t.test("scrubUriSecrets removes the URI's secrets from a message", async (t) => {
  const uri = 'mongodb://app:s3cret@db:27017/';
  t.equal(scrubUriSecrets(`failed to connect to ${uri}`, uri), 'failed to connect to mongodb://***@db:27017/');
  t.equal(scrubUriSecrets('password s3cret refused', uri), 'password *** refused');
  t.equal(scrubUriSecrets('user app:s3cret', uri), 'user ***');
  t.equal(scrubUriSecrets('no secrets here', 'mongodb://db/'), 'no secrets here');
});

t.test('the database a MongoDB URI names is the one the store uses', async (t) => {
  const { databaseInUri } = await import('../../../src/app-services/store/open-store.js');
  t.equal(databaseInUri('mongodb://mongo:27017/mock_idp'), 'mock_idp');
  t.equal(databaseInUri('mongodb://u:p@h1:1,h2:2/app%2Ddb?replicaSet=rs'), 'app-db');
  t.equal(databaseInUri('mongodb+srv://cluster.example.net/'), undefined);
  t.equal(databaseInUri('mongodb://127.0.0.1:27017'), undefined);
});

t.test('redactMongoUri hides a password whatever its characters, / # ? @ % included', async (t) => {
  for (const password of ['pa/ss', 'pa#ss', 'pa?ss', 'pa@ss', 'pa%ss', 'p%2Fss', 'a/b?c#d@e%f', '//??##@@', 'x:y', 'sp ace&=;,', 'ünï©ode']) {
    const uri = `mongodb://app:${password}@db:27017/idp?authSource=admin`;
    const shown = redactMongoUri(uri);
    t.equal(shown, 'mongodb://***@db:27017/idp?authSource=admin', `password ${JSON.stringify(password)}`);
    t.notOk(shown.includes(password), `password ${JSON.stringify(password)} is not shown`);
    t.notOk(scrubUriSecrets(`cannot connect to ${uri}: bad auth for app:${password}`, uri).includes(password), `scrubbed: ${JSON.stringify(password)}`);
  }
  t.equal(redactMongoUri('mongodb+srv://app:a/b#c@cluster0.example.net/?retryWrites=true'), 'mongodb+srv://***@cluster0.example.net/?retryWrites=true', 'srv');
  t.equal(redactMongoUri('mongodb://app:pa/ss@h1:1,h2:2/'), 'mongodb://***@h1:1,h2:2/', 'several hosts');
});

t.test('an @ in the query of a URI without user info is not taken for one', async (t) => {
  t.equal(redactMongoUri('mongodb://db/?appName=me@laptop'), 'mongodb://db/?appName=me@laptop');
  t.equal(redactMongoUri('mongodb://db/app?appName=a@b&tlsCertificateKeyFilePassword=p/w#x@y'), 'mongodb://db/app?appName=a@b&tlsCertificateKeyFilePassword=***');
  // host:port before the query looks like user:password: more is hidden, never less.
  t.notOk(redactMongoUri('mongodb://db:27017/?appName=me@laptop').includes('27017/?appName'), 'ambiguous: hidden');
});
