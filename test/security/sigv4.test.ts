import { AdminCreateUserCommand, AdminGetUserCommand, CognitoIdentityProviderClient, InitiateAuthCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SignatureV4 } from '@smithy/signature-v4';
import t from 'tap';
import { Sha256 } from '../../src/security/sigv4.js';
import { alice, localPool, rawCall, sdkError, spa, startCognito } from '../helpers/cognito.js';

const adminToken = 'admin-token-for-sigv4-tests';

// One server with the admin token for the file (a second one, without it, for the test that needs that).
// The tests change nothing the others read: refused calls change nothing, and the signed deletion takes bob.
const { idp } = await startCognito(t, { adminToken });

function client(url: string, secretAccessKey: string, extra: Partial<ConstructorParameters<typeof CognitoIdentityProviderClient>[0]> = {}) {
  const cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'AKIDANYTHING', secretAccessKey }, ...extra });
  t.teardown(() => cognito.destroy());
  return cognito;
}

/** Signs a raw JSON API request as the SDK would, at `signingDate`. */
async function signedCall(url: string, target: string, body: object, secretAccessKey: string, signingDate = new Date()) {
  const { host } = new URL(url);
  const signer = new SignatureV4({ credentials: { accessKeyId: 'AKID', secretAccessKey }, region: 'us-east-1', service: 'cognito-idp', sha256: Sha256 });
  const text = JSON.stringify(body);
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: host,
      path: '/',
      query: {},
      headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
      body: text,
    },
    { signingDate },
  );
  const { host: _host, ...headers } = signed.headers;
  return rawCall({ url }, target, text, headers);
}

t.test('with an admin token, IAM operations need a SigV4 signature made with it as the secret key', async (t) => {
  const signedIn = client(idp.url, adminToken);

  const created = await signedIn.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'signed-sue', TemporaryPassword: 'Temp-pass-1!' }));
  t.equal(created.User?.Username, 'signed-sue', 'the AWS SDK with the admin token as its secret access key (any key id) is let in');
  const listed = await signedIn.send(new ListUsersCommand({ UserPoolId: localPool, Filter: 'username = "signed-sue"' }));
  t.equal(listed.Users?.length, 1);

  const wrong = await sdkError(client(idp.url, 'not-the-admin-token').send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'intruder-ivan' })));
  t.same([wrong.name, wrong.status], ['InvalidSignatureException', 400], 'a signature made with another secret');

  const unsigned = await rawCall(idp, 'AdminCreateUser', JSON.stringify({ UserPoolId: localPool, Username: 'intruder-ivan' }));
  t.equal(unsigned.status, 400);
  t.equal(unsigned.body.__type, 'MissingAuthenticationTokenException', 'no signature at all (a web page, curl)');
  t.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException:');

  const malformed = await rawCall(idp, 'AdminDeleteUser', JSON.stringify({ UserPoolId: localPool, Username: 'bob' }), { authorization: 'AWS4-HMAC-SHA256 garbage' });
  t.equal(malformed.body.__type, 'IncompleteSignatureException', 'an Authorization header that is not SigV4');

  const stale = await signedCall(idp.url, 'AdminDeleteUser', { UserPoolId: localPool, Username: 'bob' }, adminToken, new Date(Date.now() - 20 * 60 * 1000));
  t.equal(stale.body.__type, 'InvalidSignatureException', 'a signature 20 minutes old');
  t.match(stale.body.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than/);

  const tampered = await signedCall(idp.url, 'AdminDeleteUser', { UserPoolId: localPool, Username: 'bob' }, adminToken);
  t.equal(tampered.status, 200, 'a raw request signed with the token passes');
  const gone = await sdkError(signedIn.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'intruder-ivan' })));
  t.equal(gone.name, 'UserNotFoundException', 'none of the refused calls changed anything');
});

t.test('public operations stay unsigned, as in Cognito', async (t) => {
  const res = await rawCall(idp, 'InitiateAuth', JSON.stringify({ ClientId: spa, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }));
  t.equal(res.status, 200);
  t.ok(res.body.AuthenticationResult.IdToken);
  const sdk = await client(idp.url, 'whatever').send(
    new InitiateAuthCommand({ ClientId: spa, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }),
  );
  t.ok(sdk.AuthenticationResult?.AccessToken, 'whatever credentials the SDK has');
});

t.test('without an admin token, nothing is checked (as before)', async (t) => {
  const { idp: open } = await startCognito(t);
  const res = await rawCall(open, 'AdminGetUser', JSON.stringify({ UserPoolId: localPool, Username: alice.username }));
  t.equal(res.status, 200);
});

t.test("the AWS SDK corrects its clock skew from the answers' Date when the server's clock is shifted", async (t) => {
  idp.baseClock.advanceBy(3 * 60 * 60 * 1000);
  t.teardown(() => idp.baseClock.advanceBy(-3 * 60 * 60 * 1000));
  const res = await client(idp.url, adminToken).send(new AdminGetUserCommand({ UserPoolId: localPool, Username: alice.username }));
  t.equal(res.Username, alice.username, "signed with real time, refused as expired, re-signed at the server's time and let in");
});
