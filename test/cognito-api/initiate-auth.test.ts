import { AdminDisableUserCommand, AdminEnableUserCommand, AdminInitiateAuthCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { secretHash } from '../../src/cognito/secret-hash.js';
import { alice, backend, claimsOf, localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';

const passwordAuth = (username: string, password: string, extra: Record<string, string> = {}, ClientId = spa) =>
  new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: username, PASSWORD: password, ...extra } });

t.test('USER_PASSWORD_AUTH: three tokens of one sign-in that verify', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const out = await cognito.send(passwordAuth(alice.username, alice.password));
  t.same(out.ChallengeParameters, {});
  t.equal(out.ChallengeName, undefined);
  const result = out.AuthenticationResult!;
  t.match(result, { TokenType: 'Bearer', ExpiresIn: 3600 });
  const id = await verifyToken(idp, result.IdToken!, 'id');
  const access = await verifyToken(idp, result.AccessToken!, 'access');
  t.match(id, { 'cognito:username': 'alice', aud: spa, token_use: 'id' });
  t.match(access, { username: 'alice', client_id: spa, scope: 'aws.cognito.signin.user.admin' });
  t.equal(result.RefreshToken!.split('.').length, 5, 'the refresh token is a JWE');
  t.equal(id.origin_jti, access.origin_jti, 'one sign-in');
  t.equal(id.auth_time, Math.floor(idp.clock.now() / 1000));
});

t.test('the user may sign in with their email, as the directory allows', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const email = idp.services.directory.user(idp.services.directory.pool(), 'alice').attributes.email!;
  const out = await cognito.send(passwordAuth(email, alice.password));
  t.equal(claimsOf(out.AuthenticationResult!.AccessToken!).username, 'alice');
});

t.test('wrong password and unknown user: NotAuthorizedException (PreventUserExistenceErrors)', async (t) => {
  const { cognito } = await startCognito(t);
  const wrong = await sdkError(cognito.send(passwordAuth(alice.username, 'Not-the-password-1')));
  t.match(wrong, { name: 'NotAuthorizedException', status: 400, message: 'Incorrect username or password.' });
  const unknown = await sdkError(cognito.send(passwordAuth('nobody', 'Whatever-123!')));
  t.match(unknown, { name: 'NotAuthorizedException', status: 400, message: 'Incorrect username or password.' });
  const missing = await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice' } })));
  t.match(missing, { name: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' });
});

t.test('an unconfirmed user: UserNotConfirmedException, but only with the right password', async (t) => {
  const { cognito } = await startCognito(t);
  await cognito.send(new SignUpCommand({ ClientId: spa, Username: 'newbie', Password: 'Fresh-Start-42!', UserAttributes: [{ Name: 'email', Value: 'newbie@example.com' }] }));
  t.match(await sdkError(cognito.send(passwordAuth('newbie', 'Fresh-Start-42!'))), { name: 'UserNotConfirmedException', status: 400, message: 'User is not confirmed.' });
  t.match(await sdkError(cognito.send(passwordAuth('newbie', 'Wrong-Start-42!'))), { name: 'NotAuthorizedException' });
});

t.test('a disabled user: NotAuthorizedException `User is disabled.`; enabled again, signs in', async (t) => {
  const { cognito } = await startCognito(t);
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.match(await sdkError(cognito.send(passwordAuth(alice.username, alice.password))), { name: 'NotAuthorizedException', status: 400, message: 'User is disabled.' });
  await cognito.send(new AdminEnableUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.ok((await cognito.send(passwordAuth(alice.username, alice.password))).AuthenticationResult);
});

t.test('a client with a secret needs SECRET_HASH', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const missing = await sdkError(cognito.send(passwordAuth(alice.username, alice.password, {}, backend.id)));
  t.match(missing, { name: 'NotAuthorizedException', status: 400, message: `Client ${backend.id} is configured with secret but SECRET_HASH was not received` });
  const bad = await sdkError(cognito.send(passwordAuth(alice.username, alice.password, { SECRET_HASH: secretHash('not-the-secret', 'alice', backend.id) }, backend.id)));
  t.match(bad, { name: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${backend.id}` });
  const good = await cognito.send(passwordAuth(alice.username, alice.password, { SECRET_HASH: secretHash(backend.secret, 'alice', backend.id) }, backend.id));
  const access = await verifyToken(idp, good.AuthenticationResult!.AccessToken!, 'access', backend.id);
  t.equal(access.exp - access.iat!, 900, "the backend client's 15-minute access tokens");
  t.equal(good.AuthenticationResult!.ExpiresIn, 900);
});

t.test('AdminInitiateAuth: ADMIN_USER_PASSWORD_AUTH and its old name ADMIN_NO_SRP_AUTH', async (t) => {
  const { idp, cognito } = await startCognito(t);
  for (const AuthFlow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
    const out = await cognito.send(new AdminInitiateAuthCommand({ UserPoolId: localPool, ClientId: spa, AuthFlow, AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password } }));
    t.match(await verifyToken(idp, out.AuthenticationResult!.IdToken!, 'id'), { 'cognito:username': 'alice' }, AuthFlow);
  }
  const wrong = await sdkError(
    cognito.send(new AdminInitiateAuthCommand({ UserPoolId: localPool, ClientId: spa, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'x' } })),
  );
  t.match(wrong, { name: 'NotAuthorizedException' });
  const otherPool = await sdkError(
    cognito.send(new AdminInitiateAuthCommand({ UserPoolId: 'eu-west-1_TeamsPool', ClientId: spa, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'x' } })),
  );
  t.match(otherPool, { name: 'ResourceNotFoundException', status: 400 });
  const noPool = await sdkError(
    cognito.send(new AdminInitiateAuthCommand({ UserPoolId: 'us-east-1_Nope', ClientId: spa, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'x' } })),
  );
  t.match(noPool, { name: 'ResourceNotFoundException', message: 'User pool us-east-1_Nope does not exist.' });
});

t.test('flows an operation does not take, and CUSTOM_AUTH in a pool without its triggers: InvalidParameterException', async (t) => {
  const { cognito } = await startCognito(t);
  const adminFlow = await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', PASSWORD: 'x' } })));
  t.match(adminFlow, { name: 'InvalidParameterException', message: 'Initiate Auth method not supported.' });
  const userFlow = await sdkError(
    cognito.send(new AdminInitiateAuthCommand({ UserPoolId: localPool, ClientId: spa, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'x' } })),
  );
  t.match(userFlow, { name: 'InvalidParameterException' });
  const custom = await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice' } })));
  t.match(custom, { name: 'InvalidParameterException', message: 'Custom auth lambda trigger is not configured for the user pool.' });
});
