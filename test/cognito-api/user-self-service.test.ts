import {
  ChangePasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { call } from '../helpers/idp.js';
import { alice, claimsOf, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';

async function accessToken(cognito: CognitoIdentityProviderClient, PASSWORD = alice.password) {
  const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', PASSWORD } }));
  return out.AuthenticationResult!.AccessToken!;
}

t.test("GetUser: the access token's user with attributes", async (t) => {
  const { idp, cognito } = await startCognito(t);
  const out = await cognito.send(new GetUserCommand({ AccessToken: await accessToken(cognito) }));
  const fixture = idp.services.directory.user(idp.services.directory.pool(), 'alice');
  t.equal(out.Username, 'alice');
  t.same(Object.fromEntries(out.UserAttributes!.map((a) => [a.Name, a.Value])), { sub: fixture.sub, ...fixture.attributes });
});

t.test('GetUser refuses an expired token, a token without aws.cognito.signin.user.admin, and garbage', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const token = await accessToken(cognito);
  const scoped = (await idp.mint({ user: 'alice', tokenUse: 'access', scope: 'openid email' })).token;
  t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: scoped }))), { name: 'NotAuthorizedException', status: 400 });
  const idToken = (await idp.mint({ user: 'alice', tokenUse: 'id' })).token;
  t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: idToken }))), { name: 'NotAuthorizedException', message: 'Invalid Access Token' });
  t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: 'garbage' }))), { name: 'NotAuthorizedException', message: 'Invalid Access Token' });
  idp.baseClock.advanceBy(3601_000 + 10_000);
  t.match(await sdkError(cognito.send(new GetUserCommand({ AccessToken: token }))), { name: 'NotAuthorizedException', message: 'Access Token has expired' });
});

t.test('UpdateUserAttributes: new values in the next tokens; a new email is unverified until VerifyUserAttribute', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const token = await accessToken(cognito);
  const out = await cognito.send(
    new UpdateUserAttributesCommand({
      AccessToken: token,
      UserAttributes: [
        { Name: 'name', Value: 'Alice A.' },
        { Name: 'email', Value: 'alice@new.example' },
      ],
    }),
  );
  t.same(out.CodeDeliveryDetailsList, [{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@n***' }]);
  const id = (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password } }))).AuthenticationResult!
    .IdToken!;
  t.match(claimsOf(id), { name: 'Alice A.', email: 'alice@new.example', email_verified: false });

  const codes = (await call(idp, 'GET', `/_mock/pools/${localPool}/users/alice/codes`)).body.codes as Array<{ purpose: string; code: string; attributeName: string }>;
  const sent = codes.find((c) => c.purpose === 'VERIFY_ATTRIBUTE' && c.attributeName === 'email')!;
  const wrong = sent.code === '000000' ? '111111' : '000000';
  t.match(await sdkError(cognito.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: wrong }))), { name: 'CodeMismatchException' });
  await cognito.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: sent.code }));
  const user = await cognito.send(new GetUserCommand({ AccessToken: token }));
  t.equal(user.UserAttributes!.find((a) => a.Name === 'email_verified')!.Value, 'true');
});

t.test('UpdateUserAttributes refuses sub and attributes outside the schema', async (t) => {
  const { cognito } = await startCognito(t);
  const token = await accessToken(cognito);
  for (const Name of ['sub', 'shoe_size']) {
    const err = await sdkError(cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name, Value: 'x' }] })));
    t.match(err, { name: 'InvalidParameterException' }, Name);
  }
  t.ok(await cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'custom:plan', Value: 'pro' }] })), 'custom attributes are accepted');
});

t.test('ChangePassword: the previous password is checked and the new one must meet the policy', async (t) => {
  const { cognito } = await startCognito(t);
  const token = await accessToken(cognito);
  const change = (PreviousPassword: string, ProposedPassword: string) => cognito.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword, ProposedPassword }));
  t.match(await sdkError(change('Wrong-Old-123!', 'Brand-New-123!')), { name: 'NotAuthorizedException' });
  t.match(await sdkError(change(alice.password, 'weak')), { name: 'InvalidPasswordException' });
  await change(alice.password, 'Brand-New-123!');
  t.ok(await accessToken(cognito, 'Brand-New-123!'));
});
