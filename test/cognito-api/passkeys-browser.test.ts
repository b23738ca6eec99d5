/**
 * Passkeys with a real authenticator: aws-amplify v6's passkey calls (associateWebAuthnCredential,
 * listWebAuthnCredentials, deleteWebAuthnCredential, signIn with USER_AUTH and WEB_AUTHN) in
 * Debian's chromium, whose WebAuthn requests a virtual authenticator answers (DevTools protocol
 * `WebAuthn.addVirtualAuthenticator`: a CTAP2 platform authenticator with resident keys and user
 * verification). The app (test/cognito-api/passkeys-app/app.js, bundled with esbuild) is served on
 * http://localhost:<port>, a secure context whose host is a domain, and the pool's relying party id
 * is `localhost`. Each step is a call into the page whose promise the test awaits: no sleeps.
 */
import { fileURLToPath } from 'node:url';
import { GetUserAuthFactorsCommand, SetUserPoolMfaConfigCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser, CDPSession, Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { bundleBrowserApp, serveBrowserApp } from '../helpers/browser-app.js';
import { startCognito } from '../helpers/cognito.js';
import type { TestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { dora, userAuthPool } from '../helpers/user-auth.js';

const appSource = fileURLToPath(new URL('./passkeys-app/app.js', import.meta.url));

// The app is bundled (in memory, by esbuild's own process) while the browser starts.
const bundled = bundleBrowserApp(appSource);
bundled.catch(() => undefined); // awaited (and its failure reported) by openApp

/** The steps app.js offers on `window.passkeyApp`. */
type Step = 'signInWithPassword' | 'registerPasskey' | 'listPasskeys' | 'deletePasskey' | 'signOut' | 'signInWithPasskey' | 'signInChoosing' | 'choose' | 'session';

/**
 * A pool whose first factors are PASSWORD and WEB_AUTHN, its passkeys bound to `relyingPartyId` (none:
 * no WebAuthnConfiguration at all); dora has a password and no passkey.
 */
async function passkeyPool(cognito: CognitoIdentityProviderClient, relyingPartyId: string | null = 'localhost') {
  const ids = await userAuthPool(cognito, { factors: ['PASSWORD', 'WEB_AUTHN'] });
  if (relyingPartyId) await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: ids.pool, WebAuthnConfiguration: { RelyingPartyId: relyingPartyId, UserVerification: 'required' } }));
  return ids;
}

/**
 * The app on http://localhost:<port>, open and configured, on a page (test/helpers/browser.ts openPage: a
 * fresh document, the page of an earlier test navigated again) with a virtual authenticator of its own,
 * removed when the test ends. `operations` collects the Cognito operations Amplify calls on mock-idp.
 */
async function openApp(t: Test, browser: Browser, idp: TestIdp, ids: { pool: string; client: string }) {
  const config = { userPoolId: ids.pool, userPoolClientId: ids.client, userPoolEndpoint: idp.url, username: dora.username, password: dora.password };
  // A line of text: openPage waits for a visible body[data-ready], which app.js sets once Amplify is configured.
  const origin = await serveBrowserApp(t, { script: await bundled, title: 'Passkeys', config: () => config, host: 'localhost', body: '<p>Passkeys</p>' });
  const page = await openPage(t, browser, `${origin}/`);
  page.setDefaultTimeout(30_000);
  const operations: string[] = [];
  page.on('request', (request) => {
    const target = request.headers()['x-amz-target'];
    if (request.method() === 'POST' && new URL(request.url()).origin === idp.url && target) operations.push(target.replace('AWSCognitoIdentityProviderService.', ''));
  });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  // The next test that gets this page starts without this authenticator and its passkeys.
  t.teardown(async () => {
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId }).catch(() => {});
    await cdp.detach().catch(() => {});
  });
  return { page, cdp, authenticatorId, origin, operations };
}

/** Runs one of the app's steps in the page and returns what it resolved to (`{ error }` when it threw). */
function run(page: Page, step: Step, ...args: string[]): Promise<any> {
  // The page's globalThis is its window (the project's tsconfig has no DOM types).
  return page.evaluate(([name, rest]) => (globalThis as any).passkeyApp[name](...rest), [step, args] as const);
}

/** The passkeys the virtual authenticator holds, their ids in base64url as the WebAuthn JSON forms write them. */
async function authenticatorCredentials(cdp: CDPSession, authenticatorId: string) {
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  return credentials.map((c) => ({ ...c, credentialId: Buffer.from(c.credentialId, 'base64').toString('base64url') }));
}

const browser = await launchBrowser(t);

if (browser) {
  t.test('register a passkey with Amplify, sign in with it, delete it', async (t) => {
    const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory(), config: { issuerStyle: 'cognito' } });
    const ids = await passkeyPool(cognito);
    const { page, cdp, authenticatorId, origin, operations } = await openApp(t, browser, idp, ids);
    t.equal(new URL(origin).hostname, 'localhost', 'the app is on localhost');
    t.equal(await page.evaluate('window.isSecureContext'), true, 'a secure context: WebAuthn is available');

    t.match(await run(page, 'signInWithPassword'), { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, 'signed in with the password');
    t.equal(await run(page, 'registerPasskey'), null, 'associateWebAuthnCredential');
    const held = await authenticatorCredentials(cdp, authenticatorId);
    t.match(held, [{ rpId: 'localhost', isResidentCredential: true }], 'the authenticator made one discoverable passkey for localhost');
    const { credentialId, signCount } = held[0]!;

    const listed = await run(page, 'listPasskeys');
    t.match(listed, { credentials: [{ credentialId, relyingPartyId: 'localhost', createdAt: Date }] }, 'listWebAuthnCredentials: that passkey');
    t.equal(listed.credentials.length, 1, 'and only it');

    t.equal(await run(page, 'signOut'), null, 'signed out');
    t.match(await run(page, 'signInWithPasskey'), { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, 'signIn with USER_AUTH and preferredChallenge WEB_AUTHN: signed in');
    t.equal((await authenticatorCredentials(cdp, authenticatorId))[0]?.signCount, signCount + 1, 'the authenticator signed one assertion');

    const session = await run(page, 'session');
    t.match(session, { username: dora.username, signInDetails: { loginId: dora.username, authFlowType: 'USER_AUTH' } }, 'getCurrentUser');
    const issuer = idp.issuer(ids.pool);
    const keySet = createRemoteJWKSet(new URL(idp.jwksUri(ids.pool)));
    const id = await jwtVerify(session.idToken, keySet, { issuer, audience: ids.client, algorithms: ['RS256'] });
    t.match(id.payload, { token_use: 'id', 'cognito:username': dora.username, email: dora.email }, 'the ID token verifies with jose against the JWKS');
    const access = await jwtVerify(session.accessToken, keySet, { issuer, algorithms: ['RS256'] });
    t.match(access.payload, { token_use: 'access', client_id: ids.client, username: dora.username }, 'and the access token');

    t.equal(await run(page, 'signOut'), null, 'signed out again');
    t.match(
      await run(page, 'signInChoosing'),
      { isSignedIn: false, nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN'] } },
      'signIn with USER_AUTH and no preference: WEB_AUTHN is on offer',
    );
    t.match(await run(page, 'choose', 'WEB_AUTHN'), { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, "confirmSignIn('WEB_AUTHN'): signed in with the passkey");
    t.equal((await authenticatorCredentials(cdp, authenticatorId))[0]?.signCount, signCount + 2, 'and a second');
    const { accessToken } = await run(page, 'session');
    t.ok(
      (await cognito.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken }))).ConfiguredUserAuthFactors?.includes('WEB_AUTHN'),
      'GetUserAuthFactors (AWS SDK, the token Amplify holds): WEB_AUTHN',
    );

    t.equal(await run(page, 'deletePasskey', credentialId), null, 'deleteWebAuthnCredential');
    t.same(await run(page, 'listPasskeys'), { credentials: [] }, 'none listed');
    t.notOk((await cognito.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken }))).ConfiguredUserAuthFactors?.includes('WEB_AUTHN'), 'GetUserAuthFactors: no WEB_AUTHN');
    t.equal(await run(page, 'signOut'), null, 'signed out');
    const offered = await run(page, 'signInChoosing');
    t.match(offered, { nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION' } }, 'a choice of first factors');
    t.notOk(offered.nextStep?.availableChallenges?.includes('WEB_AUTHN'), 'without WEB_AUTHN: no passkey sign-in is offered', { offered });

    t.same(
      [...new Set(operations)].sort(),
      ['CompleteWebAuthnRegistration', 'DeleteWebAuthnCredential', 'InitiateAuth', 'ListWebAuthnCredentials', 'RespondToAuthChallenge', 'RevokeToken', 'StartWebAuthnRegistration'],
      'Amplify called the Cognito JSON API on mock-idp',
      { operations },
    );
  });

  t.test('the authenticator lost the passkey: the sign-in fails in the browser', async (t) => {
    const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory(), config: { issuerStyle: 'cognito' } });
    // No WebAuthnConfiguration: mock-idp's default relying party, localhost (where Cognito would refuse).
    const ids = await passkeyPool(cognito, null);
    const { page, cdp, authenticatorId } = await openApp(t, browser, idp, ids);
    t.match(await run(page, 'signInWithPassword'), { isSignedIn: true }, 'signed in with the password');
    t.equal(await run(page, 'registerPasskey'), null, 'a passkey registered, for localhost by default');
    t.match(await authenticatorCredentials(cdp, authenticatorId), [{ rpId: 'localhost' }], 'the authenticator holds it');
    t.equal(await run(page, 'signOut'), null, 'signed out');

    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    t.same(await authenticatorCredentials(cdp, authenticatorId), [], 'the authenticator holds no passkey now');
    t.match(
      await run(page, 'signInWithPasskey'),
      { error: { name: 'PasskeyAuthenticationCanceled', underlying: 'NotAllowedError' } },
      "navigator.credentials.get finds no credential (NotAllowedError): Amplify's PasskeyAuthenticationCanceled",
    );
    t.match(await run(page, 'signInWithPassword'), { isSignedIn: true }, 'the password still signs in');
    t.equal((await run(page, 'listPasskeys')).credentials?.length, 1, 'and mock-idp still lists the passkey: only the authenticator lost it');
  });

  t.test('a relying party id the page is not on: the browser refuses to make the passkey', async (t) => {
    const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory(), config: { issuerStyle: 'cognito' } });
    const ids = await passkeyPool(cognito, 'example.com');
    const { page, cdp, authenticatorId, operations } = await openApp(t, browser, idp, ids);
    t.match(await run(page, 'signInWithPassword'), { isSignedIn: true }, 'signed in with the password');
    t.match(
      await run(page, 'registerPasskey'),
      { error: { name: 'RelyingPartyMismatch', underlying: 'SecurityError' } },
      "options for example.com on a page on localhost: SecurityError, Amplify's RelyingPartyMismatch",
    );
    t.same(await authenticatorCredentials(cdp, authenticatorId), [], 'no passkey made');
    t.ok(operations.includes('StartWebAuthnRegistration'), 'the options came from mock-idp');
    t.notOk(operations.includes('CompleteWebAuthnRegistration'), 'nothing to complete');
  });
}
