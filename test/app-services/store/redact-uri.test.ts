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

t.test('scrubUriSecrets removes the URI\'s secrets from a message', async (t) => {
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
