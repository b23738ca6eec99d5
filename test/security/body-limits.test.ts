import t from 'tap';
import { startTestIdp } from '../helpers/idp.js';

t.test('a body over bodyLimitBytes is a 413 in the format of its surface', async (t) => {
  const idp = await startTestIdp(t, { config: { bodyLimitBytes: 4096 } });
  const big = 'x'.repeat(5000);
  const post = (url: string, contentType: string, payload: string, headers: Record<string, string> = {}) =>
    idp.app.inject({ method: 'POST', url, headers: { 'content-type': contentType, ...headers }, payload });

  const control = await post('/_mock/tokens', 'application/json', JSON.stringify({ user: big }));
  t.equal(control.statusCode, 413);
  t.match(control.json(), { statusCode: 413, code: 'BODY_TOO_LARGE', error: 'Payload Too Large' }, 'control API');

  const cognito = await post('/', 'application/x-amz-json-1.1', JSON.stringify({ ClientId: big }), { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' });
  t.equal(cognito.statusCode, 413);
  t.match(cognito.json(), { __type: 'InvalidParameterException', message: String });
  t.equal(cognito.headers['x-amzn-errortype'], 'InvalidParameterException:', 'Cognito JSON API');

  const token = await post('/oauth2/token', 'application/x-www-form-urlencoded', `grant_type=client_credentials&x=${big}`);
  t.equal(token.statusCode, 413);
  t.match(token.json(), { error: 'invalid_request' }, 'OAuth2 token endpoint');

  const login = await post('/login', 'application/x-www-form-urlencoded', `username=${big}`);
  t.equal(login.statusCode, 413);
  t.match(login.headers['content-type'], 'text/html', 'hosted login page: an HTML page');

  const app = await post('/api/client/v2.0/app/mock-idp-app-abcde/auth/providers/custom-token/login', 'application/json', JSON.stringify({ token: big }));
  t.equal(app.statusCode, 413);
  t.match(app.json(), { error: String, error_code: 'InvalidParameter' }, 'App Services');
  t.equal(app.headers['content-type'], 'application/json');
});
