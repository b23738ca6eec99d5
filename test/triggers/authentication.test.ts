import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t, { type Test } from 'tap';
import { localPool, sdkError, startCognito } from '../helpers/cognito.js';
import { authorizeQuery, get, postLogin, spaId } from '../helpers/oauth2.js';
import { srpClient } from '../helpers/srp-client.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const password = 'Finding-8296-same!';
const functions = { [fn('auth')]: { module: handlerModule('refuse-when-asked.ts') } };

async function start(t: Test) {
  const started = await startTriggerPool(t, { functions, lambdaConfig: { PreAuthentication: fn('auth'), PostAuthentication: fn('auth') } });
  const { cognito, poolId } = started;
  for (const username of ['ana', 'blocked-bo']) {
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
  }
  return started;
}

t.test('USER_PASSWORD_AUTH: PreAuthentication before the password, PostAuthentication before the tokens', async (t) => {
  const { cognito, clientId, journal } = await start(t);
  const answer = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'ana', PASSWORD: password }, ClientMetadata: { app: 'web' } }),
  );
  t.ok(answer.AuthenticationResult?.IdToken);
  const [pre, post] = await journal();
  t.match(pre!.event, {
    triggerSource: 'PreAuthentication_Authentication',
    userName: 'ana',
    callerContext: { clientId },
    request: { userAttributes: { 'cognito:user_status': 'CONFIRMED' }, validationData: { app: 'web' } },
    response: {},
  });
  t.match(post!.event, { triggerSource: 'PostAuthentication_Authentication', userName: 'ana', request: { newDeviceUsed: false }, response: {} });
});

t.test('a refusing PreAuthentication stops the sign-in, even with a wrong password; PostAuthentication refusing means no tokens', async (t) => {
  const { cognito, clientId, journal } = await start(t);
  const error = await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'blocked-bo', PASSWORD: 'wrong' } })));
  t.equal(error.name, 'UserLambdaValidationException');
  t.equal(error.message, 'PreAuthentication failed with error PreAuthentication_Authentication says no to blocked-bo.');
  t.same(
    (await journal()).map((e) => e.trigger),
    ['PreAuthentication'],
    'PostAuthentication never ran',
  );
});

t.test('PostAuthentication refusing: no tokens', async (t) => {
  const { cognito, poolId, clientId } = await startTriggerPool(t, { functions, lambdaConfig: { PostAuthentication: fn('auth') } });
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'blocked-cy', MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'blocked-cy', Password: password, Permanent: true }));
  const error = await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'blocked-cy', PASSWORD: password } })));
  t.equal(error.name, 'UserLambdaValidationException');
  t.equal(error.message, 'PostAuthentication failed with error PostAuthentication_Authentication says no to blocked-cy.');
});

t.test('ADMIN_USER_PASSWORD_AUTH, USER_SRP_AUTH and USER_AUTH run both once; a refresh runs neither', async (t) => {
  const { cognito, poolId, clientId, journal } = await start(t);
  const admin = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD: password } }),
  );
  t.ok(admin.AuthenticationResult);

  const srp = srpClient(poolId);
  const challenge = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'ana', SRP_A: srp.SRP_A } }));
  const srpDone = await cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: srp.answer(challenge.ChallengeParameters!, password),
      ClientMetadata: { step: 'verifier' },
    }),
  );
  t.ok(srpDone.AuthenticationResult);

  const choice = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'ana', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: password } }));
  t.ok(choice.AuthenticationResult);

  await cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: admin.AuthenticationResult!.RefreshToken! } }));
  t.same(
    (await journal()).map((e) => e.trigger),
    ['PreAuthentication', 'PostAuthentication', 'PreAuthentication', 'PostAuthentication', 'PreAuthentication', 'PostAuthentication'],
  );
  const post = (await journal('PostAuthentication')).map((e) => (e.event as { request: { clientMetadata?: unknown } }).request.clientMetadata);
  t.same(post, [undefined, { step: 'verifier' }, undefined], "PostAuthentication gets RespondToAuthChallenge's ClientMetadata");

  const refused = await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'blocked-bo', SRP_A: srp.SRP_A } })));
  t.equal(refused.name, 'UserLambdaValidationException', 'SRP is refused at its start');
});

t.test('hosted login runs both; a refusal is shown on the form and starts no session', async (t) => {
  const { idp, cognito } = await startCognito(t, { config: { lambda: { endpoint: null, timeoutSeconds: 5, functions } } });
  await cognito.send(new UpdateUserPoolCommand({ UserPoolId: localPool, LambdaConfig: { PreAuthentication: fn('auth'), PostAuthentication: fn('auth') } }));
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'blocked-dee', MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: 'blocked-dee', Password: password, Permanent: true }));
  const query = authorizeQuery(spaId, { scope: 'openid' });
  const loginUrl = (await get(`${idp.url}/oauth2/authorize?${query}`)).headers.get('location')!;

  const ok = await postLogin(loginUrl, { pick: 'alice' });
  t.equal(ok.status, 302, 'signed in');
  t.match(ok.headers.get('set-cookie') ?? '', /mock-idp-session_/, 'with a session');
  const refused = await postLogin(loginUrl, { username: 'blocked-dee', password });
  t.equal(refused.status, 400);
  t.match(await refused.text(), /UserLambdaValidationException/);
  t.notMatch(refused.headers.get('set-cookie') ?? '', /mock-idp-session_/, 'no session cookie');
  const journal = (await (await fetch(`${idp.url}/_mock/triggers?pool=${localPool}`)).json()) as { invocations: Array<{ trigger: string; event: { userName: string } }> };
  t.same(
    journal.invocations.map((e) => `${e.trigger} ${e.event.userName}`),
    ['PreAuthentication alice', 'PostAuthentication alice', 'PreAuthentication blocked-dee'],
  );
});
