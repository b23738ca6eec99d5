import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { startServe, testKeysConfig } from '../helpers/cli.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function sdk(url: string) {
  const cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  t.teardown(() => cognito.destroy());
  return cognito;
}

t.test('serve --state-dir: a pool and a user made through the API are there after a restart (MOCK_IDP_STATE_DIR too)', async (t) => {
  const dir = t.testdir();
  const stateDir = join(dir, 'state');
  await mkdir(stateDir);
  // The built-in pools' keys come from the committed test keys (no RSA generation at start; keys are not the point).
  const config = await testKeysConfig(dir);
  const first = await startServe(['--port', '0', '--state-dir', stateDir, '--log-level', 'info', '--config', config]);
  const cognito = sdk(first.url);
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'from-the-cli' }));
  const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: 'app' }));
  await cognito.send(new SignUpCommand({ ClientId: UserPoolClient!.ClientId!, Username: 'cli-carla', Password: 'Restarted-process-1!' }));
  t.equal((await first.stop()).code, 0);
  t.match(first.output().stderr, `state kept in ${stateDir}`, 'the log says where state is kept');

  const second = await startServe(['--port', '0', '--log-level', 'warn', '--config', config], { MOCK_IDP_STATE_DIR: stateDir });
  t.teardown(() => second.stop());
  const again = sdk(second.url);
  t.equal((await again.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }))).UserPool?.Name, 'from-the-cli');
  t.equal((await again.send(new AdminGetUserCommand({ UserPoolId: UserPool!.Id!, Username: 'cli-carla' }))).UserStatus, 'UNCONFIRMED');
});
