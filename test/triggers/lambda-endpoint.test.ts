import { ListUsersCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { sdkError } from '../helpers/cognito.js';
import { startFakeLambda } from './fake-lambda.js';
import { fn, startTriggerPool } from './helpers.js';

const password = 'Finding-8296-same!';

t.test('an ARN not mapped to a module is invoked at lambda.endpoint through the Lambda Invoke API', async (t) => {
  const lambda = await startFakeLambda(t, {
    [fn('pre-sign-up')]: (event) => {
      if (event.userName === 'refused') throw new Error('No sign-ups today');
      if (event.userName === 'garbled') return 'not json';
      if (event.userName === 'empty') return null;
      event.response.autoConfirmUser = true;
      return event;
    },
  });
  const { cognito, poolId, clientId, journal } = await startTriggerPool(t, { endpoint: lambda.url, lambdaConfig: { PreSignUp: fn('pre-sign-up') } });

  const answer = await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ana', Password: password }));
  t.equal(answer.UserConfirmed, true, "the function's response counts");
  t.equal(lambda.calls.length, 1);
  t.match(lambda.calls[0], { name: fn('pre-sign-up'), payload: { triggerSource: 'PreSignUp_SignUp', userName: 'ana', userPoolId: poolId } });
  t.match(lambda.calls[0]!.headers.authorization, /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/us-east-1\/lambda\/aws4_request/, 'signed for Lambda in the function’s region');
  t.equal((await journal())[0]!.ranAt, 'endpoint');

  const refused = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'refused', Password: password })));
  t.equal(refused.name, 'UserLambdaValidationException');
  t.equal(refused.message, 'PreSignUp failed with error No sign-ups today.');
  for (const username of ['garbled', 'empty']) {
    t.equal((await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: password })))).name, 'InvalidLambdaResponseException', username);
  }
  t.same(
    (await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users?.map((u) => u.Username),
    ['ana'],
    'no user from a failed function',
  );
});

t.test('a function the endpoint does not have, or an endpoint that does not answer: UnexpectedLambdaException', async (t) => {
  const lambda = await startFakeLambda(t, {});
  const { cognito, poolId, clientId, journal } = await startTriggerPool(t, { endpoint: lambda.url, lambdaConfig: { PreSignUp: fn('missing') } });
  const error = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ana', Password: password })));
  t.equal(error.name, 'UnexpectedLambdaException');
  t.match(error.message, /^PreSignUp invocation failed due to error ResourceNotFoundException\./);
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
  t.match((await journal())[0]!.error, { type: 'UnexpectedLambdaException', kind: 'unreachable' });

  const closed = await startTriggerPool(t, { endpoint: 'http://127.0.0.1:9', lambdaConfig: { PreSignUp: fn('missing') } });
  t.equal((await sdkError(closed.cognito.send(new SignUpCommand({ ClientId: closed.clientId, Username: 'bo', Password: password })))).name, 'UnexpectedLambdaException');
});

t.test('an ARN that runs nowhere: UnexpectedLambdaException saying how to map it', async (t) => {
  const { cognito, poolId, clientId, journal } = await startTriggerPool(t, { lambdaConfig: { PreSignUp: fn('nowhere') } });
  const error = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ana', Password: password })));
  t.equal(error.name, 'UnexpectedLambdaException');
  t.match(error.message, /lambda\.functions/);
  t.match(error.message, /AWS_ENDPOINT_URL_LAMBDA/);
  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, []);
  t.match((await journal())[0], { ranAt: null, error: { kind: 'unmapped' } });
});
