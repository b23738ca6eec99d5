/**
 * `POST /_mock/reset` reaches every piece of state, the Cognito API's own
 * included: after sign-ins, challenges (NEW_PASSWORD_REQUIRED, SRP), codes and
 * hosted-login sessions, no session handed out before the reset is usable
 * after it; each old credential gets Cognito's (or OAuth2's) error.
 */
import {
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, sdkError, spa, startCognito } from '../../helpers/cognito.js';
import { call } from '../../helpers/idp.js';
import { authorizeQuery, callback, codeFor, get, postForm, signInThrough } from '../../helpers/oauth2.js';
import { srpClient } from '../../helpers/srp-client.js';

async function srpChallenge(cognito: CognitoIdentityProviderClient, username: string) {
  const client = srpClient(localPool);
  const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: spa, AuthParameters: { USERNAME: username, SRP_A: client.SRP_A } }));
  return { client, params: out.ChallengeParameters! };
}

t.test('after POST /_mock/reset, nothing issued before it is usable', async (t) => {
  const { idp, cognito } = await startCognito(t);

  // A sign-in: its access and refresh tokens.
  const signedIn = (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password } })))
    .AuthenticationResult!;
  // A NEW_PASSWORD_REQUIRED challenge's Session, for bob with a temporary password.
  const temporary = 'Temporary-pass-1!';
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: localPool, Username: 'bob', Password: temporary, Permanent: false }));
  const newPassword = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'bob', PASSWORD: temporary } }));
  t.equal(newPassword.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  // An SRP challenge (its SECRET_BLOCK) and alice's SRP salt.
  const srp = await srpChallenge(cognito, 'alice');
  // A password-reset code.
  await cognito.send(new ForgotPasswordCommand({ ClientId: spa, Username: 'alice' }));
  const codes = (await call(idp, 'GET', `/_mock/pools/${localPool}/users/alice/codes`)).body.codes as Array<{ purpose: string; code: string }>;
  const forgotCode = codes.find((c) => c.purpose === 'FORGOT_PASSWORD')!.code;
  // A hosted-login session (its cookie) and an authorization code.
  const { cookie } = await signInThrough(t, idp, authorizeQuery(spa, { scope: 'openid' }), { pick: 'alice' });
  const authorizationCode = await codeFor(t, idp, spa);
  // A user's last-modified date.
  idp.baseClock.advanceBy(60_000);
  await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: localPool, Username: 'alice', UserAttributes: [{ Name: 'nickname', Value: 'al' }] }));
  const changed = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.not(changed.UserLastModifiedDate!.getTime(), changed.UserCreateDate!.getTime(), 'alice was modified');

  t.equal((await call(idp, 'POST', '/_mock/reset')).status, 200);

  // The sign-in is forgotten: its refresh token is refused. (Its access token is a signed JWT that, like one from
  // POST /_mock/tokens, stays valid until it expires or the keys change: `{"keys": true}`.)
  t.match(
    await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: spa, AuthParameters: { REFRESH_TOKEN: signedIn.RefreshToken! } }))),
    { name: 'NotAuthorizedException' },
    'the refresh token',
  );
  t.match(
    await sdkError(
      cognito.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ClientId: spa,
          Session: newPassword.Session,
          ChallengeResponses: { USERNAME: 'bob', NEW_PASSWORD: 'Chosen-pass-2!' },
        }),
      ),
    ),
    { name: 'NotAuthorizedException' },
    'the NEW_PASSWORD_REQUIRED session',
  );
  t.match(
    await sdkError(cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: spa, ChallengeResponses: srp.client.answer(srp.params, alice.password) }))),
    { name: 'NotAuthorizedException' },
    'the SRP challenge',
  );
  t.not((await srpChallenge(cognito, 'alice')).params.SALT, srp.params.SALT, 'alice gets a new SRP salt');
  t.same((await call(idp, 'GET', `/_mock/pools/${localPool}/users/alice/codes`)).body.codes, [], 'no code is left');
  const confirm = await sdkError(cognito.send(new ConfirmForgotPasswordCommand({ ClientId: spa, Username: 'alice', ConfirmationCode: forgotCode, Password: 'Brand-new-pass-1!' })));
  t.match(confirm, { name: /^(CodeMismatchException|ExpiredCodeException)$/ }, 'the password-reset code');

  const token = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: spa, code: authorizationCode, redirect_uri: callback });
  t.equal(token.status, 400, 'the authorization code');
  t.match(await token.json(), { error: 'invalid_grant' });
  const authorize = await get(`${idp.url}/oauth2/authorize?${authorizeQuery(spa)}`, { cookie });
  t.equal(authorize.status, 302);
  t.match(authorize.headers.get('location'), `${idp.url}/login?`, 'the hosted-login session: the login page again');

  const after = await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' }));
  t.equal(after.UserLastModifiedDate!.getTime(), after.UserCreateDate!.getTime(), 'alice dates from start again');
  t.equal(
    (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', PASSWORD: alice.password } }))).AuthenticationResult?.TokenType,
    'Bearer',
    'a new sign-in works',
  );
});
