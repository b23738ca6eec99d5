/**
 * A real browser SPA on another origin (oidc-client-ts, bundled with esbuild
 * from test/oauth2/spa/app.js, in Debian's chromium through playwright-core)
 * against mock-idp: authorization code + PKCE through the hosted login page,
 * then the code exchange, userInfo, a refresh, an Amplify-style token request
 * and revocation, all cross-origin fetches that need the server's CORS.
 * test/oauth2/cors.test.ts checks the headers themselves.
 */
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { launchBrowser } from '../helpers/browser.js';
import { bundleBrowserApp, serveBrowserApp } from '../helpers/browser-app.js';
import { alice, localPool, spa } from '../helpers/cognito.js';
import { startTestIdp } from '../helpers/idp.js';

const appSource = fileURLToPath(new URL('./spa/app.js', import.meta.url));

/** Bundles the SPA and serves it on its own origin; `/callback` answers the page too (the redirect back from the hosted login). */
async function serveSpa(t: Test, config: () => Record<string, string>): Promise<string> {
  const script = await bundleBrowserApp(appSource);
  return serveBrowserApp(t, { script, title: 'SPA', config, pages: ['/', '/callback'], body: '<button id="sign-in">Sign in</button><pre id="result"></pre>' });
}

const browser = await launchBrowser(t);

if (browser) {
  t.test('oidc-client-ts from another origin: sign-in, code exchange, userInfo, refresh, revoke', async (t) => {
    let idpUrl = '';
    const spaOrigin = await serveSpa(t, () => ({
      authority: `${idpUrl}/${localPool}`,
      clientId: spa,
      tokenEndpoint: `${idpUrl}/oauth2/token`,
      userInfoEndpoint: `${idpUrl}/oauth2/userInfo`,
      revocationEndpoint: `${idpUrl}/oauth2/revoke`,
    }));
    // The fixture spa client, with the SPA's origin as its only callback (the fixtures list port 3000).
    const idp = await startTestIdp(t, {
      startMs: Date.now(),
      config: {
        pools: [
          {
            id: localPool,
            users: '*',
            clients: [
              {
                id: spa,
                name: 'spa',
                secret: null,
                allowedScopes: ['openid', 'email', 'profile'],
                idTokenValiditySeconds: 3600,
                accessTokenValiditySeconds: 3600,
                refreshTokenValiditySeconds: 2_592_000,
                callbackUrls: [`${spaOrigin}/callback`],
                logoutUrls: [`${spaOrigin}/`],
              },
            ],
          },
        ],
      },
    });
    idpUrl = idp.url;
    t.not(new URL(idpUrl).origin, spaOrigin, 'two origins');

    const context = await browser.newContext();
    t.teardown(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const logs: string[] = [];
    page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => t.fail(`script error in the page: ${error.message}`));

    await page.goto(`${spaOrigin}/`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('#sign-in').click();
    await page.waitForURL((url) => url.origin === idpUrl && url.pathname === '/login');
    t.equal(new URL(page.url()).searchParams.get('code_challenge_method'), 'S256', 'PKCE (S256) from the library');
    await page.locator('#username').fill(alice.username);
    await page.locator('#password').fill(alice.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.origin === spaOrigin && url.pathname === '/callback');
    await page.locator('body[data-done="true"]').waitFor();

    const result = JSON.parse((await page.locator('#result').textContent()) ?? '{}');
    const corsErrors = logs.filter((line) => /CORS|Access-Control/i.test(line));
    t.same(corsErrors, [], 'no CORS error in the console');
    t.notOk(result.failed, `the SPA ran through: ${JSON.stringify(result.failed)}`);
    t.match(
      result,
      {
        signIn: { hasRefreshToken: true, idTokenUsername: 'alice', userInfoUsername: 'alice', email: /@/, scope: 'openid email profile' },
        refresh: { newAccessToken: true, username: 'alice' },
        amplifyLikeRefresh: { status: 200, tokenType: 'Bearer' },
        badCode: { status: 400, error: 'invalid_grant' },
        revoked: { forgotten: true },
        refreshAfterRevoke: { status: 400, error: 'invalid_grant' },
        userInfoAfterRevoke: { status: 401, error: 'invalid_token', wwwAuthenticate: /^error="invalid_token"/ },
      },
      'every step, errors included, readable from the page',
    );
    t.ok(result.jwksKeys > 0, 'the JWKS, fetched from the page');
  });
}
