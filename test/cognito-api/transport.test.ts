import t from 'tap';
import { CognitoError, cognitoErrorTypes } from '../../src/cognito/errors.js';
import { startTestIdp } from '../helpers/idp.js';
import { alice, rawCall, spa } from '../helpers/cognito.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const exposed = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';

t.test('a successful call: 200 application/x-amz-json-1.1, a request id and CORS headers; any SigV4 signature', async (t) => {
  const idp = await startTestIdp(t);
  const res = await rawCall(idp, 'InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }), {
    authorization: 'AWS4-HMAC-SHA256 Credential=x/20300101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00',
    origin: 'http://app.example',
  });
  t.equal(res.status, 200);
  t.equal(res.headers.get('content-type'), 'application/x-amz-json-1.1');
  t.match(res.headers.get('x-amzn-requestid'), uuid);
  t.equal(res.headers.get('access-control-allow-origin'), '*');
  t.equal(res.headers.get('access-control-expose-headers'), exposed);
  t.ok(res.headers.get('date'));
  t.same(res.body.ChallengeParameters, {});
  t.match(res.body.AuthenticationResult, { TokenType: 'Bearer', ExpiresIn: 3600, AccessToken: /^eyJraWQiOi/ });
});

t.test('application/json bodies are accepted too', async (t) => {
  const idp = await startTestIdp(t);
  const res = await rawCall(idp, 'InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }), {
    'content-type': 'application/json',
  });
  t.equal(res.status, 200);
});

t.test('errors: 400, {__type, message}, x-amzn-ErrorType "<Type>:" and x-amzn-ErrorMessage, still with a request id and CORS', async (t) => {
  const idp = await startTestIdp(t);
  const res = await rawCall(idp, 'InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: alice.username, PASSWORD: 'wrong' } }));
  t.equal(res.status, 400);
  t.equal(res.headers.get('content-type'), 'application/x-amz-json-1.1');
  t.same(Object.keys(res.body).sort(), ['__type', 'message']);
  t.equal(res.body.__type, 'NotAuthorizedException');
  t.equal(res.body.message, 'Incorrect username or password.', "Cognito's message");
  t.equal(res.headers.get('x-amzn-errortype'), 'NotAuthorizedException:');
  t.equal(res.headers.get('x-amzn-errormessage'), 'Incorrect username or password.');
  t.match(res.headers.get('x-amzn-requestid'), uuid);
  t.equal(res.headers.get('access-control-allow-origin'), '*');
});

t.test('CORS preflight for POST / is answered', async (t) => {
  const idp = await startTestIdp(t);
  const res = await fetch(`${idp.url}/`, {
    method: 'OPTIONS',
    headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent' },
  });
  t.equal(res.status, 200);
  t.equal(res.headers.get('access-control-allow-origin'), '*');
  t.match(res.headers.get('access-control-allow-methods'), /POST/);
  t.match(res.headers.get('access-control-allow-headers'), /x-amz-target/);
  t.match(res.headers.get('x-amzn-requestid'), uuid);
});

t.test('an operation mock-idp does not have: UnsupportedOperationException naming it', async (t) => {
  const idp = await startTestIdp(t);
  const res = await rawCall(idp, 'CreateUserImportJob', JSON.stringify({ UserPoolId: 'us-east-1_LocalPool', JobName: 'x', CloudWatchLogsRoleArn: 'arn:aws:iam::000000000000:role/x' }));
  t.equal(res.status, 400);
  t.equal(res.body.__type, 'UnsupportedOperationException');
  t.match(res.body.message, /CreateUserImportJob/);
});

t.test('bad input is InvalidParameterException, never a 500', async (t) => {
  const idp = await startTestIdp(t);
  const cases: Array<[string, string | null, string, Record<string, string>?]> = [
    ['no X-Amz-Target', null, '{}'],
    ['a target of another service', 'x', '{}', { 'x-amz-target': 'DynamoDB_20120810.GetItem' }],
    ['a body that is not JSON', 'InitiateAuth', '{"AuthFlow": '],
    ['a JSON array', 'InitiateAuth', '[1, 2]'],
    ['a form body', 'InitiateAuth', 'a=b', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a member of the wrong type', 'InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 42 })],
    ['AuthParameters not a map of strings', 'InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: ['a'] } })],
    ['an unknown AuthFlow', 'InitiateAuth', JSON.stringify({ AuthFlow: 'MAGIC', ClientId: spa })],
    ['UserAttributes not a list', 'SignUp', JSON.stringify({ ClientId: spa, Username: 'x', Password: 'Aa1!aaaa', UserAttributes: { email: 'x' } })],
  ];
  for (const [what, target, body, headers] of cases) {
    const res = await rawCall(idp, target, body, headers);
    t.equal(res.status, 400, what);
    t.equal(res.body?.__type, 'InvalidParameterException', what);
    t.equal(res.headers.get('x-amzn-errortype'), 'InvalidParameterException:', what);
  }
});

t.test("missing members: Cognito's `N validation errors detected` message", async (t) => {
  const idp = await startTestIdp(t);
  const res = await rawCall(idp, 'InitiateAuth', '');
  t.equal(res.body.__type, 'InvalidParameterException');
  t.equal(
    res.body.message,
    "2 validation errors detected: Value null at 'authFlow' failed to satisfy constraint: Member must not be null; Value null at 'clientId' failed to satisfy constraint: Member must not be null",
  );
});

t.test('an unknown client: ResourceNotFoundException', async (t) => {
  const idp = await startTestIdp(t);
  const res = await rawCall(idp, 'InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nosuchclient', AuthParameters: { USERNAME: 'a', PASSWORD: 'b' } }));
  t.equal(res.body.__type, 'ResourceNotFoundException');
});

t.test('GET / is not the JSON API: it is the teaching page', async (t) => {
  const idp = await startTestIdp(t);
  const res = await fetch(`${idp.url}/`);
  t.equal(res.headers.get('x-amzn-requestid'), null, 'the JSON API plugin does not answer it');
  t.equal(res.headers.get('content-type'), 'text/html; charset=utf-8', 'the page plugin does');
  const other = await fetch(`${idp.url}/`, { method: 'PUT' });
  t.equal(other.headers.get('x-amzn-requestid'), null, 'nor another method');
  t.equal(other.status, 404);
});

t.test('every error type is a 400 but InternalErrorException', async (t) => {
  for (const type of cognitoErrorTypes) t.equal(new CognitoError(type, 'x').statusCode, type === 'InternalErrorException' ? 500 : 400, type);
});
