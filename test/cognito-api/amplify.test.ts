/**
 * aws-amplify v6 (`aws-amplify/auth`) in a real browser, against a pool and client provisioned
 * through the AWS SDK, with only `userPoolEndpoint` pointing at mock-idp: the app in
 * test/cognito-api/amplify-app/app.js is bundled with esbuild, served from its own origin and run
 * in Debian's chromium through playwright-core. Every call is a cross-origin request to the
 * Cognito JSON API, so its CORS must hold. Sign-up and its confirmation, SRP sign-in, the session's
 * tokens (verified here with jose against the pool's JWKS and issuer), attribute changes and
 * verification, devices, a refresh (GetTokensFromRefreshToken), a password change, a global
 * sign-out, deleting the user, and the failed sign-in after that.
 */
import { fileURLToPath } from 'node:url';
import { AdminGetUserCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import t, { type Test } from 'tap';
import { launchBrowser } from '../helpers/browser.js';
import { bundleBrowserApp, serveBrowserApp } from '../helpers/browser-app.js';
import { sdkError, startCognito } from '../helpers/cognito.js';
import { call } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const appSource = fileURLToPath(new URL('./amplify-app/app.js', import.meta.url));

// The app is bundled (in memory, by esbuild's own process) while the browser starts.
const bundled = bundleBrowserApp(appSource);
bundled.catch(() => undefined); // awaited (and its failure reported) by serveApp

/** Serves the bundled app on its own origin, with the Amplify settings as its config. */
async function serveApp(t: Test, config: Record<string, string>): Promise<string> {
  return serveBrowserApp(t, { script: await bundled, title: 'Amplify', config: () => config });
}

const browser = await launchBrowser(t);

if (browser) {
  t.test('an aws-amplify v6 app switched to mock-idp by userPoolEndpoint alone', async (t) => {
    const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory(), config: { issuerStyle: 'cognito' } });
    const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'amplify', AutoVerifiedAttributes: ['email'] }))).UserPool!.Id!;
    const clientId = (
      await cognito.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'amplify-web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
      )
    ).UserPoolClient!.ClientId!;

    const user = { username: 'amelia', password: 'Amplify-4711-first!', newPassword: 'Amplify-4711-second!', email: 'amelia@example.com', newEmail: 'amelia@example.org' };
    const appOrigin = await serveApp(t, { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: idp.url, ...user });
    t.not(new URL(idp.url).origin, appOrigin, 'two origins');

    const context = await browser.newContext();
    t.teardown(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const logs: string[] = [];
    page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => t.fail(`script error in the page: ${error.message}`));
    // The Cognito operations Amplify called, in order (from the X-Amz-Target of its requests to mock-idp).
    const operations: string[] = [];
    page.on('request', (request) => {
      const target = request.headers()['x-amz-target'];
      if (request.method() === 'POST' && new URL(request.url()).origin === idp.url && target) operations.push(target.replace('AWSCognitoIdentityProviderService.', ''));
    });

    const steps: Record<string, any> = {};
    await page.exposeFunction('report', (step: string, result: unknown) => {
      steps[step] = result;
    });
    // The test reads the code mock-idp "sent" through the control API and hands it to the page.
    await page.exposeFunction('readCode', async (purpose: string, attributeName: string | null) => {
      const { status, body } = await call(idp, 'GET', `/_mock/pools/${poolId}/users/${user.username}/codes`);
      const code = status === 200 ? body.codes.find((c: any) => c.purpose === purpose && (attributeName === null || c.attributeName === attributeName)) : undefined;
      if (!code) throw new Error(`no ${purpose} code for ${user.username} (${status} ${JSON.stringify(body)})`);
      return code.code as string;
    });

    await page.goto(`${appOrigin}/`);
    await page.locator('body[data-done="true"]').waitFor({ state: 'attached' });
    t.same(
      logs.filter((line) => /CORS|Access-Control/i.test(line)),
      [],
      'no CORS error in the console',
    );
    t.same(steps.done, { ok: true }, 'the app ran through', { steps });
    t.same(
      [...new Set(operations)].sort(),
      [
        'ChangePassword',
        'ConfirmSignUp',
        'DeleteUser',
        'DeleteUserAttributes',
        'GetTokensFromRefreshToken',
        'GetUser',
        'GetUserAttributeVerificationCode',
        'GlobalSignOut',
        'InitiateAuth',
        'ListDevices',
        'RespondToAuthChallenge',
        // deleteUser ends with Amplify's local sign-out, which revokes the refresh token.
        'RevokeToken',
        'SignUp',
        'UpdateUserAttributes',
        'VerifyUserAttribute',
      ],
      'Amplify called the Cognito JSON API on mock-idp for each of them',
      { operations },
    );

    t.match(
      steps.signUp,
      { isSignUpComplete: false, nextStep: { signUpStep: 'CONFIRM_SIGN_UP', codeDeliveryDetails: { deliveryMedium: 'EMAIL', attributeName: 'email' } } },
      'signUp: a code to confirm',
    );
    t.match(steps.confirmSignUp, { isSignUpComplete: true }, 'confirmSignUp with the code from the control API');
    t.match(steps.signIn, { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, 'signIn (SRP, Amplify’s default)');
    t.match(steps.getCurrentUser, { username: user.username, userId: /^[0-9a-f-]{36}$/, signInDetails: { loginId: user.username, authFlowType: 'USER_SRP_AUTH' } }, 'getCurrentUser');

    const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`;
    t.equal(idp.issuer(poolId), issuer, 'Cognito’s issuer for the new pool');
    const keySet = createRemoteJWKSet(new URL(idp.jwksUri(poolId)));
    const id = await jwtVerify(steps.fetchAuthSession.idToken, keySet, { issuer, audience: clientId, algorithms: ['RS256'] });
    t.match(
      id.payload,
      { token_use: 'id', 'cognito:username': user.username, email: user.email, email_verified: true, sub: steps.getCurrentUser.userId },
      'fetchAuthSession: the ID token verifies with jose',
    );
    const access = await jwtVerify(steps.fetchAuthSession.accessToken, keySet, { issuer, algorithms: ['RS256'] });
    t.match(access.payload, { token_use: 'access', client_id: clientId, username: user.username }, 'and the access token');
    t.equal(steps.fetchAuthSession.userSub, id.payload.sub, 'userSub');

    t.match(steps.fetchUserAttributes, { email: user.email, email_verified: 'true', given_name: 'Amelia', sub: id.payload.sub }, 'fetchUserAttributes');
    t.match(
      steps.updateUserAttributes,
      { email: { isUpdated: false, nextStep: { updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE', codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL' } } } },
      'updateUserAttributes: a new email needs a code',
    );
    t.equal(steps.confirmUserAttribute, null, 'confirmUserAttribute with that code');
    t.match(steps.sendUserAttributeVerificationCode, { attributeName: 'email', deliveryMedium: 'EMAIL' }, 'sendUserAttributeVerificationCode');
    t.equal(steps.deleteUserAttributes, null, 'deleteUserAttributes');
    t.match(steps.attributesAfterChanges, { email: user.newEmail, email_verified: 'true' }, 'the new email, verified');
    t.notOk('given_name' in (steps.attributesAfterChanges ?? {}), 'given_name deleted');
    t.same(steps.fetchDevices, [], 'fetchDevices: none');

    const refreshedId = await jwtVerify(steps.refresh.idToken, keySet, { issuer, audience: clientId, algorithms: ['RS256'] });
    t.equal(refreshedId.payload.email, user.newEmail, 'fetchAuthSession({ forceRefresh: true }): a new ID token with the new email');
    t.not(steps.refresh.accessToken, steps.fetchAuthSession.accessToken, 'and a new access token');
    t.equal(refreshedId.payload.origin_jti, id.payload.origin_jti, 'from the same sign-in');

    t.equal(steps.updatePassword, null, 'updatePassword');
    t.equal(
      (await sdkError(cognito.send(new GetUserCommand({ AccessToken: steps.signOutGlobal.accessTokenBefore })))).name,
      'NotAuthorizedException',
      'signOut({ global: true }) revoked the access token Amplify held',
    );
    t.equal(steps.signInWithOldPassword?.error?.name, 'NotAuthorizedException', 'the old password no longer signs in');
    t.match(steps.signInAgain, { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, 'signIn with the new password');
    t.match(steps.currentUserAgain, { username: user.username }, 'signed in again');
    t.equal(steps.deleteUser, null, 'deleteUser');
    t.equal((await sdkError(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: user.username })))).name, 'UserNotFoundException', 'the user is gone');
    // A client made through the API is PreventUserExistenceErrors LEGACY (Cognito's API default): the user's absence is told.
    t.match(steps.signInAfterDelete, { error: { name: 'UserNotFoundException' } }, 'signing in afterwards fails: UserNotFoundException');
  });
}
