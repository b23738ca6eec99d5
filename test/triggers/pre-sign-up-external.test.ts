import { AdminGetUserCommand, ListGroupsCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { callback, postForm } from '../helpers/oauth2.js';
import { appQuery, providerName, startFederation, throughProvider } from '../oauth2/federation-helpers.js';
import { fn, handlerModule } from './helpers.js';

const module = handlerModule('pre-sign-up-external.ts');

t.test('PreSignUp_ExternalProvider, then PostConfirmation and pre token generation; later sign-ins run the authentication triggers', async (t) => {
  const { idp, cognito, poolId, clientId, provider, journal } = await startFederation(t, {
    functions: {
      [fn('pre-sign-up')]: { module },
      [fn('passthrough')]: { module, export: 'passthrough' },
    },
    lambdaConfig: {
      PreSignUp: fn('pre-sign-up'),
      PostConfirmation: fn('passthrough'),
      PreAuthentication: fn('passthrough'),
      PostAuthentication: fn('passthrough'),
      PreTokenGeneration: fn('passthrough'),
    },
    attributeMapping: { email: 'email', name: 'name' },
  });
  const userName = `${providerName}_${provider.ivySub}`;
  const signIn = async () => {
    const { answer } = await throughProvider(t, `${idp.url}/oauth2/authorize?${appQuery(clientId, { identity_provider: providerName })}`);
    const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
    const res = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback });
    t.equal(res.status, 200, 'tokens');
  };

  await signIn();
  const first = await journal();
  t.same(
    first.map((e) => e.triggerSource),
    ['PreSignUp_ExternalProvider', 'PostConfirmation_ConfirmSignUp', 'TokenGeneration_HostedAuth'],
    "the first sign-in's triggers, in order",
  );
  t.match(first[0]!.event, {
    version: '1',
    triggerSource: 'PreSignUp_ExternalProvider',
    userPoolId: poolId,
    userName,
    callerContext: { clientId, awsSdkVersion: 'aws-sdk-unknown-unknown' },
    request: { userAttributes: { email: 'ivy@acme.example', name: 'Ivy Acme' }, validationData: null },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  });
  t.same(Object.keys((first[0]!.event as { request: { userAttributes: object } }).request.userAttributes).sort(), ['email', 'name'], 'the mapped attributes only');
  t.match(first[1]!.event, { userName, request: { userAttributes: { email: 'ivy@acme.example', email_verified: 'true', 'cognito:user_status': 'EXTERNAL_PROVIDER' } } });

  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: userName }));
  t.equal(user.UserStatus, 'EXTERNAL_PROVIDER');
  t.equal(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'true', 'autoVerifyEmail marks the mapped email verified');

  await signIn();
  t.same(
    (await journal()).slice(first.length).map((e) => e.triggerSource),
    ['PreAuthentication_Authentication', 'PostAuthentication_Authentication', 'TokenGeneration_HostedAuth'],
    "a later sign-in's triggers",
  );
});

t.test('a pre sign-up function that throws refuses the federated sign-in: the app gets the message, no user, no group', async (t) => {
  const { idp, cognito, poolId, clientId, journal } = await startFederation(t, {
    functions: { [fn('reject')]: { module, export: 'reject' } },
    lambdaConfig: { PreSignUp: fn('reject') },
  });
  const { answer } = await throughProvider(t, `${idp.url}/oauth2/authorize?${appQuery(clientId, { identity_provider: providerName })}`);
  t.equal(answer.status, 302);
  const back = new URL(answer.headers.get('location')!);
  t.equal(back.origin + back.pathname, callback, "to the app's redirect_uri");
  t.equal(back.searchParams.get('error'), 'invalid_request');
  t.equal(back.searchParams.get('error_description'), 'PreSignUp failed with error Federated sign-up is closed..', 'the message as Cognito relays it');
  t.equal(back.searchParams.get('state'), 'app-state');
  t.notOk(back.searchParams.get('code'));
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, [], 'no user');
  t.same((await cognito.send(new ListGroupsCommand({ UserPoolId: poolId }))).Groups, [], 'no provider group');
  t.match(await journal(), [{ triggerSource: 'PreSignUp_ExternalProvider', error: { type: 'UserLambdaValidationException' } }]);
});
