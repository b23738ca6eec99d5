/**
 * The example the triggers guide shows (examples/triggers/), run as the guide says: its config file through the
 * real config loader, its handler modules in-process; then the same functions behind a Lambda-compatible endpoint
 * with the endpoint config. And the guide's code blocks are those files, byte for byte.
 */
import { InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t, { type Test } from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { claimsOf, sdkError, startCognito } from '../helpers/cognito.js';
import { startFakeLambda, type FakeFunction } from './fake-lambda.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = join(root, 'examples/triggers');
const pool = 'us-east-1_Triggers';
const clientId = 'triggersdemo';
const password = 'Finding-8296-same!';

/** A handler module of the example, imported as Lambda's runtime would (the path is not known to the typecheck). */
async function exampleHandler(file: string): Promise<FakeFunction> {
  const module = (await import(pathToFileURL(join(example, 'triggers', file)).href)) as { handler: FakeFunction };
  return module.handler;
}

/** Signs a new user up and in, as the guide describes: confirmed by PreSignUp, tokens shaped by PreTokenGeneration. */
async function signUpAndIn(t: Test, cognito: Awaited<ReturnType<typeof startCognito>>['cognito']) {
  const signedUp = await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ana', Password: password, UserAttributes: [{ Name: 'email', Value: 'ana@example.com' }] }));
  t.equal(signedUp.UserConfirmed, true, 'PreSignUp confirmed the user: no code to enter');

  const refused = await sdkError(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'bo', Password: password, UserAttributes: [{ Name: 'email', Value: 'bo@elsewhere.test' }] })));
  t.same(refused, { name: 'UserLambdaValidationException', message: 'PreSignUp failed with error Sign-ups from example.com only.', status: 400 }, 'the function refused the other domain');

  const signedIn = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ana', PASSWORD: password } }));
  const id = claimsOf(signedIn.AuthenticationResult!.IdToken!);
  const access = claimsOf(signedIn.AuthenticationResult!.AccessToken!);
  t.equal(id.tenant, 'example.com', 'the ID token has the claim the function added');
  t.equal(id.email_verified, true, 'PreSignUp verified the email');
  t.equal(access.tenant, 'example.com', 'so has the access token');
  t.same(access.scope.split(' ').sort(), ['aws.cognito.signin.user.admin', 'orders/read'], 'with the scope it added');

  // CUSTOM_AUTH: the question, a wrong answer (another round), the right one (tokens, through pre token generation too).
  const started = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'ana' } }));
  t.equal(started.ChallengeName, 'CUSTOM_CHALLENGE');
  t.equal(started.ChallengeParameters?.question, 'What is six times seven?', 'the public challenge parameters');
  t.notOk('answer' in (started.ChallengeParameters ?? {}), 'never the private ones');
  const answer = (session: string | undefined, ANSWER: string) =>
    cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: session, ChallengeResponses: { USERNAME: 'ana', ANSWER } }));
  const wrong = await answer(started.Session, '41');
  t.equal(wrong.ChallengeName, 'CUSTOM_CHALLENGE', 'a wrong answer: another question');
  const right = await answer(wrong.Session, '42');
  t.equal(claimsOf(right.AuthenticationResult!.IdToken!).tenant, 'example.com', 'the right answer: tokens');
}

/** The custom authentication invocations of {@link signUpAndIn}: three rounds of DefineAuthChallenge, two questions, two answers. */
const customAuthRounds = [
  ['DefineAuthChallenge', 'DefineAuthChallenge_Authentication'],
  ['CreateAuthChallenge', 'CreateAuthChallenge_Authentication'],
  ['VerifyAuthChallengeResponse', 'VerifyAuthChallengeResponse_Authentication'],
  ['DefineAuthChallenge', 'DefineAuthChallenge_Authentication'],
  ['CreateAuthChallenge', 'CreateAuthChallenge_Authentication'],
  ['VerifyAuthChallengeResponse', 'VerifyAuthChallengeResponse_Authentication'],
  ['DefineAuthChallenge', 'DefineAuthChallenge_Authentication'],
  ['PreTokenGeneration', 'TokenGeneration_Authentication'],
];

async function journal(url: string) {
  const res = await fetch(`${url}/_mock/triggers?pool=${pool}`);
  return ((await res.json()) as { invocations: Array<{ trigger: string; triggerSource: string; ranAt: string; event: { version: string }; error?: { type: string } }> }).invocations;
}

t.test('the example config runs its handler modules in-process', async (t) => {
  const { idp, cognito } = await startCognito(t, { configFile: join(example, 'mock-idp.json') });
  await signUpAndIn(t, cognito);
  const ran = await journal(idp.url);
  t.same(
    ran.map((r) => [r.trigger, r.triggerSource, r.ranAt, r.error?.type ?? 'ok']),
    [
      ['PreSignUp', 'PreSignUp_SignUp', 'module', 'ok'],
      ['PreSignUp', 'PreSignUp_SignUp', 'module', 'UserLambdaValidationException'],
      ['PreTokenGeneration', 'TokenGeneration_Authentication', 'module', 'ok'],
      ...customAuthRounds.map(([trigger, source]) => [trigger, source, 'module', 'ok']),
    ],
    'the journal shows each invocation',
  );
  t.equal(ran[2]!.event.version, '2', 'a V2_0 event');
});

t.test('the endpoint config sends the same functions to a Lambda endpoint under their sam local names', async (t) => {
  const lambda = await startFakeLambda(t, {
    PreSignUpFunction: await exampleHandler('pre-sign-up.mjs'),
    PreTokenGenerationFunction: await exampleHandler('pre-token-generation.mjs'),
    DefineAuthChallengeFunction: await exampleHandler('define-auth-challenge.mjs'),
    CreateAuthChallengeFunction: await exampleHandler('create-auth-challenge.mjs'),
    VerifyAuthChallengeResponseFunction: await exampleHandler('verify-auth-challenge-response.mjs'),
  });
  const file = join(example, 'mock-idp.lambda-endpoint.json');
  // The guide sets the endpoint with AWS_ENDPOINT_URL_LAMBDA; the loader reads it into lambda.endpoint.
  const loaded = await loadConfig({ file, env: { AWS_ENDPOINT_URL_LAMBDA: lambda.url } });
  t.equal(loaded.config.lambda.endpoint, lambda.url);
  await t.rejects(loadConfig({ file }), { code: 'INVALID_CONFIG', message: /lambda\.endpoint/ }, 'without an endpoint the config is refused');

  const { idp, cognito } = await startCognito(t, { configFile: file, config: { lambda: { endpoint: lambda.url } } });
  await signUpAndIn(t, cognito);
  t.same(
    lambda.calls.map((c) => c.name),
    ['PreSignUpFunction', 'PreSignUpFunction', 'PreTokenGenerationFunction', ...customAuthRounds.map(([trigger]) => `${trigger}Function`)],
    'invoked by function name',
  );
  t.ok(
    (await journal(idp.url)).every((r) => r.ranAt === 'endpoint'),
    'every invocation ran at the endpoint',
  );
});

/** The example's files, relative to the repository (`examples/triggers/mock-idp.json`…). */
async function exampleFiles(): Promise<string[]> {
  const names = await readdir(example, { recursive: true, withFileTypes: true });
  return names
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

t.test("the guide's code blocks are the example's files", async (t) => {
  const guide = await readFile(join(root, 'docs/guides/triggers.md'), 'utf8');
  // A file shown in the guide: its path in backticks, then a colon, then the fenced block.
  const shown = new Map([...guide.matchAll(/`(examples\/triggers\/[^`]+)`:\n\n```[a-z]*\n([\s\S]*?)```\n/g)].map((m) => [m[1]!, m[2]!]));
  const files = await exampleFiles();
  t.ok(files.length >= 4, 'the example has its files');
  for (const file of files) {
    if (file.endsWith('README.md')) continue;
    t.ok(shown.has(file), `the guide shows ${file}`);
    if (shown.has(file)) t.equal(shown.get(file), await readFile(join(root, file), 'utf8'), `${file}: the guide's block equals the file`);
  }
});
