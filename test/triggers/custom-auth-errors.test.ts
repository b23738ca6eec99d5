import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { maxCustomAuthRounds } from '../../src/routes/cognito-api/custom-auth-flow.js';
import { sdkError } from '../helpers/cognito.js';
import { startCustomAuthPool } from './custom-auth-helpers.js';

const start = { ClientId: '', AuthFlow: 'CUSTOM_AUTH' as const, AuthParameters: { USERNAME: 'carla' } };
const answer = (ClientId: string, Session: string | undefined, ANSWER: string) =>
  new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeResponses: { USERNAME: 'carla', ANSWER } });

t.test('DefineAuthChallenge throws: UserLambdaValidationException with its message, and no tokens', async (t) => {
  const { cognito, clientId, journal } = await startCustomAuthPool(t, { define: 'defineThrows' });
  const error = await sdkError(cognito.send(new InitiateAuthCommand({ ...start, ClientId: clientId })));
  t.match(error, { name: 'UserLambdaValidationException', message: 'DefineAuthChallenge failed with error The challenge service is down.' });
  const [entry] = await journal('DefineAuthChallenge');
  t.match(entry, { error: { type: 'UserLambdaValidationException' } });
  t.same(await journal('CreateAuthChallenge'), [], 'nothing ran after it');
});

t.test('DefineAuthChallenge answers what Cognito cannot use: InvalidLambdaResponseException', async (t) => {
  const { cognito, clientId } = await startCustomAuthPool(t, { define: 'defineMalformed' });
  t.match(await sdkError(cognito.send(new InitiateAuthCommand({ ...start, ClientId: clientId }))), { name: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' });
});

t.test('DefineAuthChallenge asks for PASSWORD_VERIFIER in a sign-in not started with SRP_A: InvalidLambdaResponseException', async (t) => {
  const { cognito, clientId, journal } = await startCustomAuthPool(t, { define: 'definePasswordFirst' });
  t.match(await sdkError(cognito.send(new InitiateAuthCommand({ ...start, ClientId: clientId }))), { name: 'InvalidLambdaResponseException' });
  t.match((await journal('DefineAuthChallenge'))[0], { error: { kind: /^malformed: challengeName PASSWORD_VERIFIER cannot come next/ } });
});

t.test('an SRP_A that is not an SRP value is refused before any trigger runs', async (t) => {
  const { cognito, clientId, journal } = await startCustomAuthPool(t);
  const error = await sdkError(cognito.send(new InitiateAuthCommand({ ...start, ClientId: clientId, AuthParameters: { USERNAME: 'carla', CHALLENGE_NAME: 'SRP_A', SRP_A: 'zz' } })));
  t.match(error, { name: 'InvalidParameterException' });
  t.same(await journal(), []);
});

t.test('VerifyAuthChallengeResponse throws: the error, and the Session is spent', async (t) => {
  const { cognito, clientId } = await startCustomAuthPool(t, { verify: 'verifyThrows' });
  const first = await cognito.send(new InitiateAuthCommand({ ...start, ClientId: clientId }));
  t.match(await sdkError(cognito.send(answer(clientId, first.Session, 'boom'))), {
    name: 'UserLambdaValidationException',
    message: 'VerifyAuthChallengeResponse failed with error Verification failed.',
  });
  t.match(await sdkError(cognito.send(answer(clientId, first.Session, '42'))), { name: 'NotAuthorizedException' }, 'start again');
});

t.test(`a DefineAuthChallenge that never decides is stopped after ${maxCustomAuthRounds} rounds`, async (t) => {
  const { cognito, clientId } = await startCustomAuthPool(t, { define: 'defineEndless' });
  let step = await cognito.send(new InitiateAuthCommand({ ...start, ClientId: clientId }));
  for (let round = 1; round < maxCustomAuthRounds; round++) {
    step = await cognito.send(answer(clientId, step.Session, '42'));
    t.equal(step.ChallengeName, 'CUSTOM_CHALLENGE');
  }
  t.match(await sdkError(cognito.send(answer(clientId, step.Session, '42'))), { name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
});

t.test('a missing VerifyAuthChallengeResponse function: InvalidParameterException at the answer', async (t) => {
  const { challengeTriggers } = await import('./custom-auth-helpers.js');
  const { VerifyAuthChallengeResponse: _, ...withoutVerify } = challengeTriggers;
  const { cognito, clientId } = await startCustomAuthPool(t, {}, withoutVerify);
  const first = await cognito.send(new InitiateAuthCommand({ ...start, ClientId: clientId }));
  t.match(await sdkError(cognito.send(answer(clientId, first.Session, '42'))), {
    name: 'InvalidParameterException',
    message: 'Custom auth lambda trigger is not configured for the user pool.',
  });
});
