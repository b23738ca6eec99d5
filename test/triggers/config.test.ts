import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { startCognito } from '../helpers/cognito.js';
import { fn, handlerModule } from './helpers.js';

const pool = (lambdaConfig: object) => ({ id: 'us-east-1_Triggers', clients: [{ id: 'triggersclient', name: 'app' }], lambdaConfig });

t.test("a config file's pool runs its lambdaConfig; module paths are relative to the file", async (t) => {
  const dir = t.testdir({
    'config.json': JSON.stringify({ pools: [pool({ PreSignUp: fn('pre-sign-up') })], lambda: { functions: { [fn('pre-sign-up')]: { module: './triggers/handler.mjs' } } } }),
    triggers: {},
  });
  copyFileSync(handlerModule('callback-style.mjs'), join(dir, 'triggers/handler.mjs'));
  const { cognito } = await startCognito(t, { configFile: join(dir, 'config.json') });
  const answer = await cognito.send(new SignUpCommand({ ClientId: 'triggersclient', Username: 'ana', Password: 'Finding-8296-same!' }));
  t.equal(answer.UserConfirmed, true);
});

t.test('an ARN that runs nowhere stops the start, naming the key and the fix', async (t) => {
  const dir = t.testdir({ 'config.json': JSON.stringify({ pools: [pool({ PostAuthentication: fn('post-auth') })] }) });
  await t.rejects(loadConfig({ file: join(dir, 'config.json') }), { code: 'INVALID_CONFIG', message: /pools\[0\]\.lambdaConfig\.PostAuthentication .*lambda\.functions.*lambda\.endpoint/ });
  // With an endpoint (from the environment, as the AWS SDKs take it), every ARN goes there.
  const loaded = await loadConfig({ file: join(dir, 'config.json'), env: { AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:3001' } });
  t.equal(loaded.config.lambda.endpoint, 'http://127.0.0.1:3001');
  const generic = await loadConfig({ file: join(dir, 'config.json'), env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' } });
  t.equal(generic.config.lambda.endpoint, 'http://127.0.0.1:4566', 'AWS_ENDPOINT_URL when no Lambda-specific one');
});

t.test('lambda.functions entries are checked', async (t) => {
  const file = (lambda: object) => join(t.testdir({ 'config.json': JSON.stringify({ lambda }) }), 'config.json');
  await t.rejects(loadConfig({ file: file({ functions: { 'not-an-arn': { module: './x.mjs' } } }) }), { message: /not a Lambda function ARN/ });
  await t.rejects(loadConfig({ file: file({ functions: { [fn('x')]: {} } }) }), { message: /needs a "module"/ });
  await t.rejects(loadConfig({ file: file({ functions: { [fn('x')]: { functionName: 'X' } } }) }), { message: /lambda\.endpoint/ });
  await t.rejects(loadConfig({ file: file({ functions: { [fn('x')]: { module: './x.mjs', wrong: 1 } } }) }), { code: 'INVALID_CONFIG' });
});

t.test('AWS credentials come from the environment when it has them', async (t) => {
  const loaded = await loadConfig({ env: { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' } });
  t.same(loaded.awsCredentials, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
  t.equal((await loadConfig({})).awsCredentials, null);
});
