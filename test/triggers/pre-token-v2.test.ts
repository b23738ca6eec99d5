import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import t, { type Test } from 'tap';
import { claimsOf, sdkError } from '../helpers/cognito.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const password = 'Finding-8296-same!';

const start = async (t: Test) => {
  const started = await startTriggerPool(t, {
    functions: { [fn('pre-token-v2')]: { module: handlerModule('pre-token-v2.ts') } },
    lambdaConfig: { PreTokenGenerationConfig: { LambdaArn: fn('pre-token-v2'), LambdaVersion: 'V2_0' } },
  });
  const { cognito, poolId } = started;
  for (const name of ['ana', 'thrower', 'sneaky', 'narrowed']) {
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: name, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }] }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: name, Password: password, Permanent: true }));
  }
  return started;
};

const signIn = (cognito: CognitoIdentityProviderClient, clientId: string, username: string) =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));

t.test('V2_0: both tokens change, after the pool and client claim rules; scopes and groups too', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await start(t);
  await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'ana', GroupName: 'staff' }));
  // Static claim rules (config-file pools have them): the function's changes come after.
  const pool = idp.services.directory.pool(poolId);
  pool.claimRules = { accessTokenGeneration: { claimsToAddOrOverride: { roles: ['static'], plan: 'gold' } } };
  idp.services.directory.client(pool, clientId).claimRules = { idTokenGeneration: { claimsToAddOrOverride: { tenant: 'from-client-rule' } } };

  const tokens = (await signIn(cognito, clientId, 'ana')).AuthenticationResult!;
  const jwks = createRemoteJWKSet(new URL(`${idp.issuer(poolId)}/.well-known/jwks.json`));
  const id = (await jwtVerify(tokens.IdToken!, jwks, { issuer: idp.issuer(poolId), audience: clientId })).payload;
  const access = (await jwtVerify(tokens.AccessToken!, jwks, { issuer: idp.issuer(poolId) })).payload;
  t.same(id.tenant, { id: 'acme', tier: 2 }, 'a JSON claim, over the client rule');
  t.notOk('email' in id, 'suppressed');
  t.same(id['cognito:groups'], ['vip']);
  t.same(access.roles, ['reader', 'writer'], 'over the pool rule');
  t.equal(access.plan, 'gold', "the pool rule's other claim stays");
  t.equal(access.source, 'TokenGeneration_Authentication');
  t.equal(access.scope, 'aws.cognito.signin.user.admin orders/read');
  t.same(access['cognito:groups'], ['vip']);

  const [entry] = await journal('PreTokenGeneration');
  t.match(entry!.event, {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    userName: 'ana',
    request: { userAttributes: { email: 'ana@example.com' }, groupConfiguration: { groupsToOverride: ['staff'] }, scopes: ['aws.cognito.signin.user.admin'] },
    response: { claimsAndScopeOverrideDetails: null },
  });
});

t.test('V2_0: a scope suppressed is gone from the access token, and the API refuses it', async (t) => {
  const { cognito, clientId } = await start(t);
  const tokens = (await signIn(cognito, clientId, 'narrowed')).AuthenticationResult!;
  t.equal(claimsOf(tokens.AccessToken!).scope, 'orders/read');
  t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))), { name: 'NotAuthorizedException' });
});

t.test('V2_0: GetTokensFromRefreshToken passes its ClientMetadata, as TokenGeneration_RefreshTokens', async (t) => {
  const { cognito, clientId, journal } = await start(t);
  const first = (await signIn(cognito, clientId, 'ana')).AuthenticationResult!;
  const refreshed = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first.RefreshToken!, ClientMetadata: { app: 'web' } }));
  t.equal(claimsOf(refreshed.AuthenticationResult!.AccessToken!).source, 'TokenGeneration_RefreshTokens');
  const entries = await journal('PreTokenGeneration');
  t.match(entries[1]!.event, { triggerSource: 'TokenGeneration_RefreshTokens', request: { clientMetadata: { app: 'web' } } });
});

t.test('V2_0 failures issue no token: a thrown error, a protected claim suppressed', async (t) => {
  const { cognito, clientId } = await start(t);
  t.match(await sdkError(signIn(cognito, clientId, 'thrower')), { name: 'UserLambdaValidationException', message: 'PreTokenGeneration failed with error No tokens for you.' });
  t.match(await sdkError(signIn(cognito, clientId, 'sneaky')), { name: 'InvalidLambdaResponseException' });
});
