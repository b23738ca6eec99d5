import { AdminCreateUserCommand, AdminGetUserCommand, ListUsersCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import { sdkError } from '../helpers/cognito.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const password = 'Finding-8296-same!';
const attributes = (email: string) => [{ Name: 'email', Value: email }];

const start = (t: Test, timeoutSeconds = 5) =>
  startTriggerPool(t, {
    functions: { [fn('pre-sign-up')]: { module: handlerModule('pre-sign-up.ts'), timeoutSeconds } },
    lambdaConfig: { PreSignUp: fn('pre-sign-up') },
    pool: { AutoVerifiedAttributes: ['email'] },
  });

t.test('SignUp sends the pre sign-up event and honours autoConfirmUser / autoVerifyEmail', async (t) => {
  const { cognito, poolId, clientId, journal } = await start(t);
  const answer = await cognito.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: 'ana',
      Password: password,
      UserAttributes: attributes('ana@example.com'),
      ValidationData: [{ Name: 'invite', Value: 'abc' }],
      ClientMetadata: { mode: 'confirm' },
    }),
  );
  t.equal(answer.UserConfirmed, true);
  t.equal(answer.CodeDeliveryDetails, undefined, 'no code for a confirmed user');
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ana' }));
  t.equal(user.UserStatus, 'CONFIRMED');
  t.equal(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'true');

  const [entry] = await journal('PreSignUp');
  t.match(entry, { trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', function: fn('pre-sign-up'), ranAt: 'module' });
  t.match(entry!.event, {
    version: '1',
    triggerSource: 'PreSignUp_SignUp',
    region: 'us-east-1',
    userPoolId: poolId,
    userName: 'ana',
    callerContext: { clientId },
    request: { userAttributes: { email: 'ana@example.com' }, validationData: { invite: 'abc' }, clientMetadata: { mode: 'confirm' } },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  });
  t.match((entry!.event as { callerContext: { awsSdkVersion: string } }).callerContext.awsSdkVersion, /^aws-sdk-js-3\./, 'the SDK from its User-Agent');
  t.match(entry!.result, { response: { autoConfirmUser: true, autoVerifyEmail: true } });
});

t.test('without a decision the user is UNCONFIRMED and gets a code; validationData is null when not sent', async (t) => {
  const { cognito, clientId, journal } = await start(t);
  const answer = await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'bo', Password: password, UserAttributes: attributes('bo@example.com') }));
  t.equal(answer.UserConfirmed, false);
  t.ok(answer.CodeDeliveryDetails);
  const [entry] = await journal();
  t.equal((entry!.event as { request: { validationData: unknown } }).request.validationData, null);
});

t.test('a function that throws refuses the sign-up and creates no user', async (t) => {
  const { cognito, poolId, clientId, journal } = await start(t);
  const error = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'cy', Password: password, ClientMetadata: { mode: 'reject' } })));
  t.equal(error.name, 'UserLambdaValidationException');
  t.equal(error.message, 'PreSignUp failed with error Registration from this domain is not allowed..', "Cognito's wording");
  const users = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
  t.same(users.Users, [], 'no user');
  const [entry] = await journal();
  t.match(entry!.error, { type: 'UserLambdaValidationException', kind: 'function-error' });
});

t.test('a function that returns nothing or a bad response: InvalidLambdaResponseException, no user', async (t) => {
  const { cognito, poolId, clientId } = await start(t);
  for (const mode of ['nothing', 'bad']) {
    const error = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: `u-${mode}`, Password: password, ClientMetadata: { mode } })));
    t.equal(error.name, 'InvalidLambdaResponseException', mode);
  }
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
});

t.test('a function that hangs past its timeout: UnexpectedLambdaException, no user', async (t) => {
  const { cognito, poolId, clientId, journal } = await start(t, 0.05);
  const error = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'dee', Password: password, ClientMetadata: { mode: 'hang' } })));
  t.equal(error.name, 'UnexpectedLambdaException');
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
  t.match((await journal())[0]!.error, { kind: 'timeout' });
});

t.test('AdminCreateUser sends PreSignUp_AdminCreateUser without a client; a refusal creates no user', async (t) => {
  const { cognito, poolId, journal } = await start(t);
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'eve', UserAttributes: attributes('eve@example.com'), ClientMetadata: { mode: 'confirm' } }));
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'eve' }));
  t.equal(user.UserStatus, 'FORCE_CHANGE_PASSWORD', 'an administrator-made user still sets a password');
  t.equal(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'true', 'autoVerifyEmail counts');
  const [entry] = await journal();
  t.match(entry!.event, { triggerSource: 'PreSignUp_AdminCreateUser', userName: 'eve', callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' }, request: { validationData: null } });

  const error = await sdkError(cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'fay', ClientMetadata: { mode: 'reject' } })));
  t.equal(error.name, 'UserLambdaValidationException');
  t.equal((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users?.length, 1, 'only eve');
});

t.test('a callback-style .mjs handler', async (t) => {
  const { cognito, clientId } = await startTriggerPool(t, {
    functions: { [fn('callback')]: { module: handlerModule('callback-style.mjs') } },
    lambdaConfig: { PreSignUp: fn('callback') },
  });
  t.equal((await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'gus', Password: password }))).UserConfirmed, true);
  const error = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'xan', Password: password })));
  t.equal(error.message, 'PreSignUp failed with error callback refuses xan.');
});
