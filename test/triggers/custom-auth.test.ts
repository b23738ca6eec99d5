import { AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { claimsOf, sdkError } from '../helpers/cognito.js';
import { addClient, addUser, challengeFunctions, challengeTriggers, startCustomAuthPool } from './custom-auth-helpers.js';
import { fn, handlerModule, startTriggerPool } from './helpers.js';

const answer = (ClientId: string, Session: string | undefined, ANSWER: string, ClientMetadata?: Record<string, string>) =>
  new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeResponses: { USERNAME: 'carla', ANSWER }, ClientMetadata });

t.test('CUSTOM_AUTH: a question, a wrong answer, the right one, tokens; each trigger gets its event', async (t) => {
  const { cognito, poolId, clientId, journal } = await startCustomAuthPool(t);
  const first = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla@example.com' }, ClientMetadata: { from: 'initiate' } }));
  t.equal(first.ChallengeName, 'CUSTOM_CHALLENGE');
  t.same(first.ChallengeParameters, { question: 'What is six times seven?', round: '1', USERNAME: 'carla' }, 'the public parameters (a number as text) and the username');
  t.ok(first.Session);

  const second = await cognito.send(answer(clientId, first.Session, '41', { from: 'respond' }));
  t.equal(second.ChallengeName, 'CUSTOM_CHALLENGE', 'a wrong answer: DefineAuthChallenge asks again');
  t.equal(second.ChallengeParameters?.round, '2');
  t.not(second.Session, first.Session);

  const done = await cognito.send(answer(clientId, second.Session, '42'));
  t.equal(done.ChallengeName, undefined);
  const { IdToken, AccessToken, RefreshToken } = done.AuthenticationResult!;
  t.ok(RefreshToken);
  t.match(claimsOf(IdToken!), { 'cognito:username': 'carla', email: 'carla@example.com', aud: clientId });
  t.match(claimsOf(AccessToken!), { username: 'carla', client_id: clientId });

  const defines = await journal('DefineAuthChallenge');
  t.same(
    defines.map((e) => (e.event as { request: { session: unknown[] } }).request.session),
    [
      [],
      [{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'QUESTION-1' }],
      [
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'QUESTION-1' },
        { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'QUESTION-2' },
      ],
    ],
    'one round per answer, with CreateAuthChallenge metadata and the verdict',
  );
  t.match(defines[0]!.event, {
    version: '1',
    triggerSource: 'DefineAuthChallenge_Authentication',
    userPoolId: poolId,
    userName: 'carla',
    callerContext: { clientId },
    request: { userAttributes: { email: 'carla@example.com', 'cognito:user_status': 'CONFIRMED' } },
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
  });
  t.match((defines[0]!.event as { request: { userAttributes: { sub: string } } }).request.userAttributes.sub, /^[0-9a-f-]{36}$/);
  t.notOk('clientMetadata' in (defines[0]!.event as { request: object }).request, "InitiateAuth's ClientMetadata does not reach the challenge triggers");
  t.notOk('userNotFound' in (defines[0]!.event as { request: object }).request, 'userNotFound only where the client hides unknown users');
  t.match(defines[1]!.event, { request: { clientMetadata: { from: 'respond' } } }, "RespondToAuthChallenge's does");

  const [create] = await journal('CreateAuthChallenge');
  t.match(create!.event, {
    triggerSource: 'CreateAuthChallenge_Authentication',
    request: { challengeName: 'CUSTOM_CHALLENGE', session: [] },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  });
  const verifies = await journal('VerifyAuthChallengeResponse');
  t.match(verifies[1]!.event, {
    triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    request: { privateChallengeParameters: { answer: '42' }, challengeAnswer: '42' },
    response: { answerCorrect: null },
  });
});

t.test('three wrong answers: DefineAuthChallenge fails the sign-in, NotAuthorizedException', async (t) => {
  const { cognito, clientId } = await startCustomAuthPool(t);
  let step = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla' } }));
  step = await cognito.send(answer(clientId, step.Session, '1'));
  step = await cognito.send(answer(clientId, step.Session, '2'));
  const error = await sdkError(cognito.send(answer(clientId, step.Session, '3')));
  t.match(error, { name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
});

t.test('a Session works once and for 3 minutes; another client cannot use it', async (t) => {
  const { idp, cognito, poolId, clientId } = await startCustomAuthPool(t);
  const first = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla' } }));
  await cognito.send(answer(clientId, first.Session, '0'));
  t.match(await sdkError(cognito.send(answer(clientId, first.Session, '42'))), { name: 'NotAuthorizedException' }, 'used');

  const other = await addClient(cognito, poolId, {});
  const again = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla' } }));
  t.match(await sdkError(cognito.send(answer(other, again.Session, '42'))), { name: 'NotAuthorizedException', message: 'Invalid session for the user.' });

  const late = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla' } }));
  idp.baseClock.advanceBy(181_000);
  t.match(await sdkError(cognito.send(answer(clientId, late.Session, '42'))), { name: 'NotAuthorizedException', message: /session is expired/ });
});

t.test('AdminInitiateAuth and AdminRespondToAuthChallenge run the same flow', async (t) => {
  const { cognito, poolId, clientId } = await startCustomAuthPool(t);
  const first = await cognito.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla' } }));
  t.equal(first.ChallengeName, 'CUSTOM_CHALLENGE');
  const done = await cognito.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: first.Session,
      ChallengeResponses: { USERNAME: 'carla', ANSWER: '42' },
    }),
  );
  t.ok(done.AuthenticationResult?.AccessToken);
});

t.test('an unknown user: UserNotFoundException (LEGACY), or challenges that never end in tokens (ENABLED)', async (t) => {
  const { cognito, poolId, clientId: legacy, journal } = await startCustomAuthPool(t);
  const clientId = await addClient(cognito, poolId, { PreventUserExistenceErrors: 'ENABLED' });
  t.match(await sdkError(cognito.send(new InitiateAuthCommand({ ClientId: legacy, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'nobody' } }))), { name: 'UserNotFoundException' });
  t.equal((await journal()).length, 0, 'no trigger ran');

  const first = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'nobody' } }));
  t.same(first.ChallengeParameters, { question: 'What is six times seven?', round: '1', USERNAME: 'nobody' }, 'looks the same');
  t.match((await journal('DefineAuthChallenge'))[0]!.event, { userName: 'nobody', request: { userAttributes: {}, userNotFound: true } });
  t.match((await journal('CreateAuthChallenge'))[0]!.event, { request: { userNotFound: true } });
  const error = await sdkError(
    cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: first.Session, ChallengeResponses: { USERNAME: 'nobody', ANSWER: '42' } })),
  );
  t.match(error, { name: 'NotAuthorizedException', message: 'Incorrect username or password.' }, 'even when DefineAuthChallenge says issueTokens');
});

t.test('CUSTOM_AUTH needs ALLOW_CUSTOM_AUTH, USERNAME and a DefineAuthChallenge function', async (t) => {
  const { cognito, poolId, clientId } = await startCustomAuthPool(t);
  const passwordOnly = await addClient(cognito, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  t.match(await sdkError(cognito.send(new InitiateAuthCommand({ ClientId: passwordOnly, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla' } }))), {
    name: 'InvalidParameterException',
    message: 'CUSTOM_AUTH flow not enabled for this client',
  });
  t.match(await sdkError(cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: {} }))), {
    name: 'InvalidParameterException',
    message: 'Missing required parameter USERNAME',
  });

  const bare = await startCustomAuthPool(t, {}, {});
  t.match(await sdkError(bare.cognito.send(new InitiateAuthCommand({ ClientId: bare.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla' } }))), {
    name: 'InvalidParameterException',
    message: 'Custom auth lambda trigger is not configured for the user pool.',
  });
});

t.test('pre authentication runs first (with InitiateAuth ClientMetadata), post authentication before the tokens', async (t) => {
  const module = handlerModule('custom-auth-challenge.ts');
  const { cognito, poolId, clientId, journal } = await startTriggerPool(t, {
    functions: { ...challengeFunctions(), [fn('pre-auth')]: { module, export: 'letThrough' }, [fn('post-auth')]: { module, export: 'letThrough' } },
    lambdaConfig: { ...challengeTriggers, PreAuthentication: fn('pre-auth'), PostAuthentication: fn('post-auth') },
  });
  await addUser(cognito, poolId, 'carla', 'carla@example.com');
  const first = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'carla' }, ClientMetadata: { from: 'initiate' } }));
  await cognito.send(answer(clientId, first.Session, '42'));
  const entries = await journal();
  t.same(
    entries.map((e) => e.triggerSource),
    [
      'PreAuthentication_Authentication',
      'DefineAuthChallenge_Authentication',
      'CreateAuthChallenge_Authentication',
      'VerifyAuthChallengeResponse_Authentication',
      'DefineAuthChallenge_Authentication',
      'PostAuthentication_Authentication',
    ],
  );
  t.match(entries[0]!.event, { request: { validationData: { from: 'initiate' } } });
});
