import { AdminGetUserCommand, AdminInitiateAuthCommand, InitiateAuthCommand, ListUsersCommand, type CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import { claimsOf, sdkError } from '../helpers/cognito.js';
import { addClient } from './custom-auth-helpers.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const start = (t: Test, pool: Partial<CreateUserPoolCommandInput> = {}) =>
  startTriggerPool(t, {
    functions: { [fn('migrate')]: { module: handlerModule('user-migration-legacy.ts') } },
    lambdaConfig: { UserMigration: fn('migrate') },
    pool,
  });

const signIn = (ClientId: string, USERNAME: string, PASSWORD: string, ClientMetadata?: Record<string, string>) =>
  new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD }, ClientMetadata });

t.test('a sign-in by a name the pool lacks: the function vouches, the user is created CONFIRMED and signed in', async (t) => {
  const { cognito, poolId, clientId, journal } = await start(t);
  const answer = await cognito.send(signIn(clientId, 'lee', 'Legacy-pass-1!', { origin: 'mobile' }));
  t.match(claimsOf(answer.AuthenticationResult!.IdToken!), { 'cognito:username': 'lee', email: 'lee@example.com', email_verified: true });
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'lee' }));
  t.equal(user.UserStatus, 'CONFIRMED');

  const [entry] = await journal('UserMigration');
  t.match(entry!.event, {
    version: '1',
    triggerSource: 'UserMigration_Authentication',
    userPoolId: poolId,
    userName: 'lee',
    callerContext: { clientId },
    request: { password: 'Legacy-pass-1!', validationData: { origin: 'mobile' }, userAttributes: null },
    response: { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null },
  });

  await cognito.send(signIn(clientId, 'lee', 'Legacy-pass-1!'));
  t.equal((await journal('UserMigration')).length, 1, 'the next sign-in finds the user: no migration');
  t.match(await sdkError(cognito.send(signIn(clientId, 'lee', 'Wrong-pass-1!'))), { name: 'NotAuthorizedException' }, 'and checks its password');
});

t.test('AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH migrates too', async (t) => {
  const { cognito, poolId } = await start(t);
  const clientId = await addClient(cognito, poolId, { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  const answer = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'lee', PASSWORD: 'Legacy-pass-1!' } }),
  );
  t.ok(answer.AuthenticationResult?.AccessToken);
});

t.test('finalUserStatus RESET_REQUIRED: the user is created, the sign-in asks for a reset', async (t) => {
  const { cognito, poolId, clientId } = await start(t);
  t.match(await sdkError(cognito.send(signIn(clientId, 'reset-rita', 'Legacy-pass-2!'))), { name: 'PasswordResetRequiredException' });
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'reset-rita' }));
  t.equal(user.UserStatus, 'RESET_REQUIRED');
});

t.test('the function throws: UserLambdaValidationException in its words, and no user', async (t) => {
  const { cognito, poolId, clientId } = await start(t);
  t.match(await sdkError(cognito.send(signIn(clientId, 'lee', 'Wrong-pass-1!'))), { name: 'UserLambdaValidationException', message: 'UserMigration failed with error Bad password.' });
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
});

t.test('the function does not know the name: answered as for any unknown user', async (t) => {
  const { cognito, poolId, clientId: legacy } = await start(t);
  t.match(await sdkError(cognito.send(signIn(legacy, 'stranger', 'Whatever-123!'))), { name: 'UserNotFoundException' }, 'LEGACY');
  const enabled = await addClient(cognito, poolId, { PreventUserExistenceErrors: 'ENABLED', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  t.match(await sdkError(cognito.send(signIn(enabled, 'stranger', 'Whatever-123!'))), { name: 'NotAuthorizedException', message: 'Incorrect username or password.' }, 'ENABLED');
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
});

t.test('an answer Cognito cannot use, or attributes the pool refuses: the error, and no user', async (t) => {
  const { cognito, poolId, clientId } = await start(t);
  t.match(await sdkError(cognito.send(signIn(clientId, 'odd-otto', 'Legacy-pass-3!'))), { name: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' });
  t.match(await sdkError(cognito.send(signIn(clientId, 'schema-sam', 'Legacy-pass-4!'))), {
    name: 'InvalidParameterException',
    message: 'Attributes did not conform to the schema: custom:tier: Attribute does not exist in the schema.',
  });
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
});

t.test('USER_SRP_AUTH sends no password, so it never migrates', async (t) => {
  const { cognito, poolId, journal } = await start(t);
  const clientId = await addClient(cognito, poolId, { PreventUserExistenceErrors: 'ENABLED', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  const answer = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'lee', SRP_A: 'ab'.repeat(64) } }));
  t.equal(answer.ChallengeName, 'PASSWORD_VERIFIER', 'the usual look-alike challenge for an unknown user');
  t.same(await journal('UserMigration'), []);
});

t.test('a pool that signs in by email: the email given becomes the attribute, the username a new UUID', async (t) => {
  const { cognito, poolId, clientId } = await start(t, { UsernameAttributes: ['email'] });
  const answer = await cognito.send(signIn(clientId, 'mia@example.com', 'Legacy-pass-5!'));
  const claims = claimsOf(answer.AuthenticationResult!.IdToken!);
  t.equal(claims.email, 'mia@example.com');
  t.equal(claims['cognito:username'], claims.sub);
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'mia@example.com' }));
  t.equal(user.Username, claims.sub);
});
